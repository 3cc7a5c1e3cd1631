"""The `appeal` command line: the edge where exceptions become exit codes and messages.

Exit codes: 0 when result.json was written, whatever the case's status (CONTRACT.md); non-zero
only when it could not be: a bad argument (2), a missing engine (4), an unwritable output (5),
an unusable signing key (6), anything else (15).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
from pathlib import Path

from casefile.errors import AppealError, ExitCode

DESCRIPTION = """\
Turn a seller's Coupang takedown case (a folder or .zip of KC certificates, scans, photos,
PDFs, DOCX and the notice e-mail) into a signed Korean appeal package, or into a list of
what the seller must fix first (in Korean and Chinese)."""


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {text!r}") from None


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
    process.add_argument("--as-of", type=_date, default=None,
                         help="judge every date rule as of this day (YYYY-MM-DD; default: today in Seoul)")
    process.add_argument("--signing-p12", default=None, help="PKCS#12 file with the signing key and certificate")
    process.set_defaults(handler=cmd_process)

    read = sub.add_parser("read", help="show what was read from one file, page by page",
                          description="Read FILE as the pipeline does and print each page's text, how it "
                                      "was read and with what confidence. --json prints the object "
                                      "CONTRACT.md defines for `appeal read`.")
    read.add_argument("file", type=Path, help="a PDF, image, DOCX, .eml or .txt file")
    read.add_argument("--json", action="store_true", help="print JSON instead of text")
    read.set_defaults(handler=cmd_read)
    return parser


def cmd_process(args: argparse.Namespace) -> int:
    from flows.process_case import ProcessRequest, process_case

    request = ProcessRequest(case=str(args.case), out=str(args.out), as_of=args.as_of,
                             signing_p12=args.signing_p12)
    result = process_case(request)
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


def cmd_read(args: argparse.Namespace) -> int:
    from extractors.read import read_file, read_json

    if not args.file.is_file():
        raise AppealError(f"no such file: {args.file}")
    if args.json:
        print(json.dumps(read_json(args.file), ensure_ascii=False, indent=2))
        return ExitCode.ok
    with tempfile.TemporaryDirectory(prefix="appeal-read-") as workdir:
        read = read_file(args.file, Path(workdir))
    print(f"{args.file}: {read.media_type}, {len(read.pages)} page(s)")
    for issue in read.issues:
        print(f"  ! {issue.code.value}: {issue.detail}")
    for page in read.pages:
        conf = f", confidence {page.confidence:.2f}" if page.confidence is not None else ""
        print(f"--- page {page.number}: {page.source.value} ({page.strategy}), rotation {page.rotation}{conf}")
        print(page.text)
    for att in read.attachments:
        print(f"  + attachment {att.name} ({att.size} bytes)")
    return ExitCode.ok


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except AppealError as exc:
        print(f"appeal: error: {exc.message}", file=sys.stderr)
        return int(exc.exit_code)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
