"""One field's value against its truth: its outcome and credit, and the short form a miss shows it in."""

from __future__ import annotations

import json

from .pipeline import fold


def judge_field(want, got, accept: list | None = None) -> tuple[str, float]:
    """right / null / wrong for one field, and its credit (ingredient lists: F1 as credit, right
    only when the list is exactly the truth). Wrong is any value that is not right, including a
    value where the truth is null: returning null was possible every time."""
    if isinstance(want, list):
        got = got if isinstance(got, list) else []
        f1 = list_credit(want, got)
        if [fold(x) for x in want] == [fold(x) for x in got]:
            return "right", 1.0
        return ("null" if not got else "wrong"), f1
    want = fold(want)
    if got in (None, "", []):
        return ("right", 1.0) if want is None else ("null", 0.0)
    if got == want or (accept and got in {fold(a) for a in accept}):
        return "right", 1.0
    return "wrong", 0.0


def list_credit(want: list, got) -> float:
    """Ingredient lists score as the F1 of precision and recall of the names (order aside)."""
    got = got if isinstance(got, list) else []
    want_set, got_set = {fold(x) for x in want}, {fold(x) for x in got}
    if not want_set and not got_set:
        return 1.0
    hit = len(want_set & got_set)
    p = hit / len(got_set) if got_set else 0.0
    r = hit / len(want_set) if want_set else 0.0
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def short(v) -> str:
    s = json.dumps(v, ensure_ascii=False)
    return s if len(s) <= 70 else s[:67] + "…"
