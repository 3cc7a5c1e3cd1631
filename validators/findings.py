"""Making findings: the code's severity from the contract, its messages from messages.toml."""

from __future__ import annotations

from casefile.codes import SEVERITY, FindingCode
from casefile.result import Finding
from validators.rules import RuleError, load_rules


def finding(code: FindingCode, documents: list[str] | tuple[str, ...] = (), **facts: object) -> Finding:
    """A finding with its Korean and Chinese messages filled from the facts given."""
    message = load_rules().messages[code]
    docs = list(documents)
    slots = {"docs": ", ".join(docs) or "-", **{k: _show(v) for k, v in facts.items()}}
    try:
        ko, zh = message.ko.format_map(slots), message.zh.format_map(slots)
    except KeyError as exc:
        raise RuleError(f"message for {code} needs the fact {exc}, which the rule did not give") from exc
    return Finding(code=code, severity=SEVERITY[code], documents=docs, message_ko=ko, message_zh=zh)


def _show(value: object) -> str:
    if value is None:
        return "-"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def dedupe(findings: list[Finding]) -> list[Finding]:
    """One finding per cause: the same code on the same documents with the same message is kept once."""
    seen: set[tuple] = set()
    unique: list[Finding] = []
    for f in findings:
        key = (f.code, tuple(f.documents), f.message_ko)
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique
