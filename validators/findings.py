"""Making findings: the code's severity from the contract, its messages from messages.toml."""

from __future__ import annotations

from collections.abc import Iterable

from casefile.codes import SEVERITY, FindingCode, Severity
from casefile.result import Finding
from validators.rules import RuleError, load_rules


def finding(code: FindingCode, documents: list[str] | tuple[str, ...] = (), *, unsure: Iterable[str] = (),
            **facts: object) -> Finding:
    """A finding with its Korean and Chinese messages filled from the facts given.

    `unsure` names the input fields that were not read surely (validators/rules/certainty.toml): the
    finding is then a warning that says so and what to upload, never an error.
    """
    message = load_rules().messages[code]
    docs = list(documents)
    slots = {"docs": ", ".join(docs) or "-", **{k: _show(v) for k, v in facts.items()}}
    try:
        ko, zh = message.ko.format_map(slots), message.zh.format_map(slots)
    except KeyError as exc:
        raise RuleError(f"message for {code} needs the fact {exc}, which the rule did not give") from exc
    severity = SEVERITY[code]
    unsure = list(dict.fromkeys(unsure))
    if unsure and severity is Severity.error:
        certainty = load_rules().certainty
        ko += " " + certainty.unverified.ko.format(field=", ".join(certainty.name(f, "ko") for f in unsure))
        zh += certainty.unverified.zh.format(field="、".join(certainty.name(f, "zh") for f in unsure))
        severity = Severity.warning
    return Finding(code=code, severity=severity, documents=docs, message_ko=ko, message_zh=zh)


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
