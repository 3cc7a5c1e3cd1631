"""Does the case hold the documents its takedown reason needs (rules/evidence.toml)?"""

from __future__ import annotations

from casefile.codes import FindingCode
from casefile.result import Finding
from validators.facts import CaseFacts
from validators.findings import finding
from validators.rules import load_rules


def check_required_evidence(facts: CaseFacts) -> list[Finding]:
    if facts.reason_code is None:
        return [finding(FindingCode.unknown_delisting_reason)]
    present = {d.kind for d in facts.documents}
    out: list[Finding] = []
    for req in load_rules().requirements:
        if req.reason is facts.reason_code and not present.intersection(req.any_of):
            out.append(finding(FindingCode.missing_required_evidence,
                               reason=facts.reason_code.value, needed=f"{req.why_ko} / {req.why_zh}"))
    return out
