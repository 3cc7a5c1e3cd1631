"""`appeal reprocess [filters]`: one `reprocess-failed` run in this process."""

from __future__ import annotations

import argparse

from casefile.errors import ExitCode


def run(args: argparse.Namespace) -> int:
    from flows.lifetime import local_api
    from flows.reprocess import reprocess_failed

    with local_api():
        statuses = reprocess_failed(statuses=args.status, reason=args.reason, since=args.since, until=args.until,
                                    max_concurrency=args.max_concurrency, as_of=args.as_of)
    print(f"{len(statuses)} case(s) processed again")
    for case_id, status in statuses.items():
        print(f"  {case_id}: {status or 'skipped (another run has it)'}")
    return ExitCode.ok
