"""`appeal process CASE --out OUT`: one case, in this process, on Prefect's ephemeral API."""

from __future__ import annotations

import argparse
from pathlib import Path

from casefile.errors import ExitCode


def run(args: argparse.Namespace) -> int:
    from flows.lifetime import start_ephemeral_api
    from flows.process_case import process_case_flow

    start_ephemeral_api()
    result = process_case_flow(case=str(args.case), out=str(args.out), as_of=args.as_of,
                               signing_p12=args.signing_p12)
    out = Path(args.out)
    print(f"{result.case_id}: {result.status.value}")
    print(f"  result:  {out / 'result.json'}")
    if result.package:
        print(f"  package: {out / result.package.path} ({result.package.pages} pages, signed)")
    if result.review_sheet:
        print(f"  review:  {out / result.review_sheet}")
    for f in result.findings:
        print(f"  [{f.severity.value}] {f.code.value}: {f.message_ko}")
    return ExitCode.ok
