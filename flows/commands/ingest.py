"""`appeal ingest`: one `ingest-dropbox` run in this process (no server needed)."""

from __future__ import annotations

import argparse

from casefile.errors import ExitCode
from casefile.store import appeal_home


def run(args: argparse.Namespace) -> int:
    from flows.dropbox import ingest_dropbox
    from flows.lifetime import local_api

    with local_api():
        statuses = ingest_dropbox(as_of=args.as_of, max_concurrency=args.max_concurrency,
                                  **({"settle_seconds": args.settle} if args.settle is not None else {}))
    print(f"{appeal_home() / 'dropbox'}: {len(statuses)} case(s) processed")
    for case_id, status in statuses.items():
        print(f"  {case_id}: {status or 'skipped (another run has it)'}")
    return ExitCode.ok
