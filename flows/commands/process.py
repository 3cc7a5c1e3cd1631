"""`appeal process CASE --out OUT`: one case, handed to `appeal warm` when one serves this
APPEAL_HOME (flows/warm.py), else in this process on Prefect's ephemeral API."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

from casefile.errors import AppealError, ExitCode
from flows import warm


def run(args: argparse.Namespace) -> int:
    request = {"case": str(Path(args.case).absolute()), "out": str(Path(args.out).absolute()),
               "as_of": args.as_of.isoformat() if args.as_of else None,
               "signing_p12": str(Path(args.signing_p12).absolute()) if args.signing_p12 else None}
    handed = warm.hand_over(request, print, _print_err)
    if handed is not None:
        return handed
    from flows.lifetime import local_api

    with local_api():
        return process(request, print)


def process(request: dict, write: Callable[[str], None]) -> int:
    """Run the process-case flow for `request` (absolute paths) and report as the CLI does."""
    from flows.process_case import process_case_flow

    as_of = dt.date.fromisoformat(request["as_of"]) if request.get("as_of") else None
    result = process_case_flow(case=request["case"], out=request["out"], as_of=as_of,
                               signing_p12=request.get("signing_p12"))
    out = Path(request["out"])
    write(f"{result.case_id}: {result.status.value}")
    write(f"  result:  {out / 'result.json'}")
    if result.package:
        write(f"  package: {out / result.package.path} ({result.package.pages} pages, signed)")
    if result.review_sheet:
        write(f"  review:  {out / result.review_sheet}")
    for f in result.findings:
        write(f"  [{f.severity.value}] {f.code.value}: {f.message_ko}")
    return ExitCode.ok


def process_reporting_errors(request: dict, write: Callable[[str], None], write_err: Callable[[str], None]) -> int:
    """`process` for the warm process: an error is the client's message and exit code, as it
    would have been standalone, and the warm process goes on serving."""
    try:
        return process(request, write)
    except AppealError as exc:
        write_err(f"appeal: error: {exc.message}")
        return int(exc.exit_code)
    except Exception as exc:  # noqa: BLE001 - one request's fault must not end the warm process
        write_err(f"appeal: error: {type(exc).__name__}: {exc}")
        return int(ExitCode.other_error)


def _print_err(line: str) -> None:
    print(line, file=sys.stderr)
