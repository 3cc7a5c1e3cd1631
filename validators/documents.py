"""Checks on the set of documents itself: the same content uploaded twice."""

from __future__ import annotations

from collections import defaultdict

from casefile.codes import FindingCode
from casefile.result import Finding
from validators.facts import CaseFacts
from validators.findings import finding


def check_duplicates(facts: CaseFacts) -> list[Finding]:
    by_hash: dict[str, list[str]] = defaultdict(list)
    for doc in facts.documents:
        by_hash[doc.sha256].append(doc.path)
    return [finding(FindingCode.duplicate_document, sorted(paths))
            for paths in by_hash.values() if len(paths) > 1]
