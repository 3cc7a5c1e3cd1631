"""Does the case hold the documents its takedown reason needs, and the seller's own explanation
where the reason needs one (rules/evidence.toml)?"""

from __future__ import annotations

import re

from casefile.codes import DocumentKind, FindingCode
from casefile.result import Finding
from validators.facts import CaseFacts
from validators.findings import finding
from validators.rules import load_rules

_HANGUL = re.compile(r"[\uac00-\ud7a3]")


def check_required_evidence(facts: CaseFacts) -> list[Finding]:
    if facts.reason_code is None:
        return [finding(FindingCode.unknown_delisting_reason)]
    present = {d.kind for d in facts.documents}
    out: list[Finding] = []
    rules = load_rules()
    for req in rules.requirements:
        if req.reason is facts.reason_code and not present.intersection(req.any_of):
            out.append(finding(FindingCode.missing_required_evidence,
                               reason=facts.reason_code.value, needed=f"{req.why_ko} / {req.why_zh}"))
    for rule in rules.explanations:
        if rule.reason is facts.reason_code:
            out += _missing_explanations(facts, rule)
    return out


def evidence_complete(facts: CaseFacts, without: set[str] = frozenset()) -> bool:
    """Whether the case holds a document of every kind its reason needs, the documents at the
    paths `without` (those that could not be read) not counted: when it does, a document that
    could not be read is an extra exhibit, not the evidence the appeal rests on (issue 15, item 2)."""
    if facts.reason_code is None:
        return False
    present = {d.kind for d in facts.documents if d.path not in without}
    return all(present.intersection(req.any_of) for req in load_rules().requirements if req.reason is facts.reason_code)


def _korean(text: str | None) -> bool:
    """An explanation the Korean letter can quote: given, and written in Korean."""
    return bool(text and _HANGUL.search(text))


def _missing_explanations(facts: CaseFacts, rule) -> list[Finding]:
    reason = facts.reason_code.value
    out: list[Finding] = []
    if not _korean(facts.config.appeal.explanation):
        out.append(finding(FindingCode.missing_required_evidence, reason=reason,
                           needed=f"{rule.why_ko} / {rule.why_zh}"))
    if rule.exhibits:
        seen: set[str] = set()
        for doc in sorted(facts.documents, key=lambda d: d.path):
            if doc.kind is DocumentKind.notice_email or doc.sha256 in seen:
                continue
            seen.add(doc.sha256)  # one exhibit per content (casefile.evidence.order_exhibits)
            same = [d.path for d in facts.documents if d.sha256 == doc.sha256]
            if not any(_korean(facts.config.note_for(path)) for path in same):
                out.append(finding(FindingCode.missing_required_evidence, [doc.path], reason=reason,
                                   needed=f"{rule.exhibit_why_ko} / {rule.exhibit_why_zh}"))
    return out
