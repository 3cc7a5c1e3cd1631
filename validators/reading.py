"""Findings from reading: what the readers could not read becomes a finding on that file."""

from __future__ import annotations

from casefile.case import CaseProblem
from casefile.codes import FindingCode, Severity
from casefile.pages import ReadIssue
from casefile.result import Finding
from validators.findings import finding
from validators.rules import load_rules


def reading_findings(path: str, issues: list[ReadIssue], needed: bool = True) -> list[Finding]:
    """A finding per issue of reading the file. A file that could not be read is an error only when
    the appeal may need it (`needed`): beside a complete set of readable evidence it is a warning."""
    out = []
    for issue in issues:
        found = finding(issue.code, [path], detail=issue.detail or "-")
        if issue.code is FindingCode.unreadable_document and not needed:
            found = found.model_copy(update={"severity": Severity.warning})
        out.append(found)
    return out


def case_problem_findings(problems: list[CaseProblem]) -> list[Finding]:
    return [finding(p.code, [p.path], detail=p.detail) for p in problems]


def unsure_field_findings(path: str, doubtful: dict[str, float]) -> list[Finding]:
    """A warning naming the fields (with their OCR confidence) read too unsurely to keep, when a
    check rests on them; `doubtful` maps each such field, now null, to its confidence."""
    checked = [name for name in doubtful if name in load_rules().certainty.checked]
    if not checked:
        return []
    detail = ", ".join(f"{name} {doubtful[name]:.2f}" for name in checked)
    return [finding(FindingCode.unreadable_document, [path], unsure=checked, detail=f"too unsure to use: {detail}")]
