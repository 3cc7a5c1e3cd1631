"""`appeal mark CASE submitted|denied|reinstated [--date]`: what happened to the appeal."""

from __future__ import annotations

import argparse

from casefile.errors import ExitCode
from casefile.store import CaseStore


def run(args: argparse.Namespace) -> int:
    from flows.process_case import today_in_seoul

    event = CaseStore().mark(args.case, args.outcome, args.date or today_in_seoul())
    print(f"{args.case}: {event.event} on {event.date}" + (f" ({event.reason})" if event.reason else ""))
    return ExitCode.ok
