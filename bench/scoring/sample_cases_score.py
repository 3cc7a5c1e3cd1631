"""What the default mode scores: kind, fields per kind and per text source, findings per code and
status, with every miss kept for the listing."""

from __future__ import annotations

import re
from collections import defaultdict

from .fields import list_credit, short
from .pipeline import fold


class Score:
    def __init__(self) -> None:
        self.kind = [0, 0]
        self.fields = defaultdict(lambda: [0.0, 0])      # (kind, field) → (credit, count)
        self.by_source = defaultdict(lambda: [0.0, 0])   # tier → (credit, count)
        self.find_tp = self.find_fn = self.find_fp = self.find_tn = 0
        self.by_code = defaultdict(lambda: [0, 0, 0])   # code → (found, missed, false alarms)
        self.status = [0, 0]
        self.misses: list[tuple[str, ...]] = []

    def field(self, case_id: str, path: str, kind: str, tier_name: str, name: str, want, got) -> None:
        credit = list_credit(want, got) if isinstance(want, list) else float(fold(want) == got)
        for bucket in (self.fields[(kind, name)], self.by_source[tier_name]):
            bucket[0] += credit
            bucket[1] += 1
        if credit < 1:
            self.misses.append((case_id, path, name, short(want), short(got)))


def score_case(score: Score, case_id: str, expected: dict, got: dict, degraded: set[str]) -> None:
    docs = got["documents"]
    for path, want in expected.get("fields", {}).items():
        doc = docs.get(path)
        score.kind[1] += 1
        if doc is None:
            score.misses.append((case_id, path, "(document)", "present", "not read"))
            for name, value in want.items():
                if name != "kind":
                    score.field(case_id, path, want["kind"], "none", name, value, None)
            continue
        score.kind[0] += doc["kind"] == want["kind"]
        if doc["kind"] != want["kind"]:
            score.misses.append((case_id, path, "kind", want["kind"], doc["kind"]))
        t = tier(case_id, path, doc["text_source"], degraded)
        for name, value in want.items():
            if name != "kind":
                score.field(case_id, path, want["kind"], t, name, value, doc["fields"].get(name))
    codes = got["codes"]
    for code in expected.get("findings", []):
        if code in codes:
            score.find_tp += 1
            score.by_code[code][0] += 1
        else:
            score.find_fn += 1
            score.by_code[code][1] += 1
            score.misses.append((case_id, "", "finding", code, "missing"))
    for code in expected.get("absent", []):
        if code in codes:
            score.find_fp += 1
            score.by_code[code][2] += 1
            score.misses.append((case_id, "", "false alarm", "absent", code))
        else:
            score.find_tn += 1
    score.status[1] += 1
    score.status[0] += got["status"] == expected["status"]
    if got["status"] != expected["status"]:
        score.misses.append((case_id, "", "status", expected["status"], f"{got['status']} {sorted(codes)}"))


def tier(case_id: str, path: str, text_source: str | None, degraded: set[str]) -> str:
    """OCR is split into clean scans and degraded scans / phone photos, which have different targets."""
    if text_source != "ocr":
        return text_source or "none"
    return "ocr:degraded" if f"{case_id}/{path}" in degraded or _looks_photographed(path) else "ocr:clean"


def _looks_photographed(path: str) -> bool:
    # The samples name phone and messenger pictures as phones do; scans are named by scanners.
    return bool(re.search(r"(IMG_|KakaoTalk_|微信图片|Screenshot_|스크린샷)", path))
