"""The `appeal` command line: the edge where exceptions become exit codes and messages.

Exit codes: 0 when result.json was written, whatever the case's status (CONTRACT.md); non-zero
only when it could not be: a bad argument (2), a case that cannot be found (3), a missing engine
(4), an unwritable output (5), an unusable signing key (6), anything else (15).
This module only parses; each subcommand's code is `flows/commands/<name>.py`, imported when chosen.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import sys
from pathlib import Path

from casefile.codes import ReasonCode
from casefile.errors import AppealError
from flows import lifetime

DESCRIPTION = """\
Turn a seller's Coupang takedown case (a folder or .zip of KC certificates, scans, photos,
PDFs, DOCX and the notice e-mail) into a signed Korean appeal package, or into a list of
what the seller must fix first (in Korean and Chinese)."""

STATUSES = ("failed", "needs_fixes", "denied")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {text!r}") from None


def _as_of(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--as-of", type=_date, default=None,
                        help="judge every date rule as of this day (YYYY-MM-DD; default: today in Seoul)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="appeal", description=DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    process = sub.add_parser(
        "process", help="process one case and write OUT/result.json (+ appeal.pdf when ready)",
        description="Read every document of CASE, check it as a Coupang reviewer would and write "
                    "OUT/result.json; when nothing is wrong also OUT/appeal.pdf (signed), and the "
                    "seller's Chinese review sheet OUT/review_zh.pdf unless the case failed. "
                    "The signing key is a PKCS#12 file given by --signing-p12 or $APPEAL_SIGNING_P12, "
                    "its passphrase in $APPEAL_SIGNING_PASSPHRASE; without one a clearly labelled "
                    "DEMO key is made (under $APPEAL_HOME/keys) and used.")
    process.add_argument("case", type=Path, help="case folder or .zip")
    process.add_argument("--out", type=Path, required=True, help="output folder (created if missing)")
    _as_of(process)
    process.add_argument("--signing-p12", default=None, help="PKCS#12 file with the signing key and certificate")
    process.set_defaults(handler="process")

    read = sub.add_parser("read", help="show what was read from one file, page by page",
                          description="Read FILE as the pipeline does and print each page's text, how it "
                                      "was read and with what confidence. --json prints the object "
                                      "CONTRACT.md defines for `appeal read`.")
    read.add_argument("file", type=Path, help="a PDF, image, DOCX, .eml or .txt file")
    read.add_argument("--json", action="store_true", help="print JSON instead of text")
    read.set_defaults(handler="read")

    preview = sub.add_parser(
        "render-preview", help="write PNG pictures of OUT/appeal.pdf's pages into OUT/preview/",
        description="Rasterise every page of OUT/appeal.pdf, and of the seller's review sheet "
                    "OUT/review_zh.pdf when there is one, into OUT/preview/<name>-pNN.png, for a person "
                    "to look at without a PDF viewer. Exits 2 when OUT holds no appeal.pdf.")
    preview.add_argument("out", type=Path, help="the --out folder of `appeal process`")
    preview.add_argument("--dpi", type=int, default=100, help="resolution of the pictures (36-600, default 100)")
    preview.add_argument("--pages", default=None, help="only these pages, e.g. 1,3-5 (default all)")
    preview.set_defaults(handler="preview")

    serve = sub.add_parser(
        "serve", help="serve the process-case, ingest-dropbox and reprocess-failed deployments",
        description="Serve the three Prefect deployments and watch $APPEAL_HOME/dropbox: a dropped case "
                    "folder or .zip is taken into the case store and processed within seconds. Uses the "
                    "Prefect server at $PREFECT_API_URL when set; otherwise starts a local one (SQLite "
                    "under $APPEAL_HOME/prefect) on a free port and prints the UI's address.")
    serve.add_argument("--limit", type=int, default=2, help="flow runs at once (default 2)")
    serve.add_argument("--interval", type=int, default=60,
                       help="seconds between scheduled ingest-dropbox runs, the watcher's fallback (default 60)")
    serve.add_argument("--debounce", type=float, default=3.0,
                       help="seconds of quiet in the drop folder before a run is started (default 3)")
    serve.set_defaults(handler="serve")

    ingest = sub.add_parser("ingest", help="take new uploads from $APPEAL_HOME/dropbox and process them, once",
                            description="One ingest-dropbox run in this process, no server needed.")
    _as_of(ingest)
    ingest.add_argument("--settle", type=float, default=None,
                        help="seconds an upload must stay unchanged before it is taken (default 5)")
    ingest.add_argument("--max-concurrency", type=int, default=2, help="cases processed at once (default 2)")
    ingest.set_defaults(handler="ingest")

    reprocess = sub.add_parser(
        "reprocess", help="process stored cases again: failed, fixed needs_fixes, denied",
        description="Failed cases; needs_fixes cases whose inputs changed since their last run; cases "
                    "marked denied and not run since. Filters narrow the choice.")
    reprocess.add_argument("--status", action="append", choices=STATUSES,
                           help="only these (repeatable; default all three)")
    reprocess.add_argument("--reason", default=None, choices=[r.value for r in ReasonCode],
                           help="only cases with this reason code")
    reprocess.add_argument("--since", type=_date, default=None, help="deciding event on or after YYYY-MM-DD")
    reprocess.add_argument("--until", type=_date, default=None, help="deciding event on or before YYYY-MM-DD")
    reprocess.add_argument("--max-concurrency", type=int, default=2, help="cases processed at once (default 2)")
    _as_of(reprocess)
    reprocess.set_defaults(handler="reprocess")

    mark = sub.add_parser("mark", help="record what happened to a stored case's appeal",
                          description="A `submitted` date counts as the previous appeal for the 7-day "
                                      "resubmission rule when the case is processed again.")
    mark.add_argument("case", help="stored case id (see `appeal status`)")
    mark.add_argument("outcome", choices=("submitted", "denied", "reinstated"))
    mark.add_argument("--date", type=_date, default=None, help="YYYY-MM-DD (default: today in Seoul)")
    mark.set_defaults(handler="mark")

    warm = sub.add_parser(
        "warm", help="stay started and run the cases `appeal process` hands over (seconds instead of ~10)",
        description="Import everything and start Prefect's API once, then run each `appeal process` of "
                    "this $APPEAL_HOME as the same process-case flow, one case at a time, through the "
                    "socket $APPEAL_HOME/run/warm.sock. `appeal process` uses it only when its environment "
                    "and code are the ones this process started with, and runs standalone otherwise (or "
                    "with APPEAL_WARM=off). Stops on Ctrl-C or SIGTERM, or after --idle seconds unused.")
    warm.add_argument("--idle", type=float, default=0, help="stop after this many idle seconds (default: never)")
    warm.set_defaults(handler="warm")

    status = sub.add_parser("status", help="list stored cases: status, reason, deadline, last event")
    status.set_defaults(handler="status")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # A supervisor's SIGTERM or a closed terminal's SIGHUP unwinds like Ctrl-C, so what a command
    # started (the ephemeral API server, reader children) is stopped on the way out.
    lifetime.exit_on_signals()
    try:
        command = importlib.import_module(f"flows.commands.{args.handler}")
        return int(command.run(args))
    except AppealError as exc:
        print(f"appeal: error: {exc.message}", file=sys.stderr)
        return int(exc.exit_code)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
