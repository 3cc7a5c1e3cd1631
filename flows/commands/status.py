"""`appeal status`: every stored case with its latest result and last event, as a table."""

from __future__ import annotations

import argparse
import unicodedata

from casefile.errors import ExitCode
from casefile.store import CaseStore

COLUMNS = ("case", "status", "reason", "deadline", "last event")


def rows(store: CaseStore) -> list[tuple[str, ...]]:
    table = []
    for case_id in store.list_cases():
        s = store.summary(case_id)
        status = s.status + (" (new inputs)" if s.pending and s.status != "pending" else "")
        last = f"{s.last_event} {s.last_event_date}" if s.last_event else "-"
        table.append((case_id, status, s.reason or "-", str(s.deadline or "-"), last))
    return table


def run(args: argparse.Namespace) -> int:
    store = CaseStore()
    table = rows(store)
    if not table:
        print(f"no cases in {store.cases}")
        return ExitCode.ok
    widths = [max(_width(r[i]) for r in [COLUMNS, *table]) for i in range(len(COLUMNS))]
    for row in [COLUMNS, *table]:
        print("  ".join(cell + " " * (w - _width(cell)) for cell, w in zip(row, widths)).rstrip())
    return ExitCode.ok


def _width(text: str) -> int:
    # Hangul and Hanzi take two terminal columns; case ids are often written in them.
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
