"""Findings from reading: what the readers could not read becomes a finding on that file."""

from __future__ import annotations

from casefile.case import CaseProblem
from casefile.pages import ReadIssue
from casefile.result import Finding
from validators.findings import finding


def reading_findings(path: str, issues: list[ReadIssue]) -> list[Finding]:
    return [finding(issue.code, [path], detail=issue.detail or "-") for issue in issues]


def case_problem_findings(problems: list[CaseProblem]) -> list[Finding]:
    return [finding(p.code, [p.path], detail=p.detail) for p in problems]
