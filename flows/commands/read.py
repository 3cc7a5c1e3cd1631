"""`appeal read FILE [--json]`: what was read from one file, page by page."""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from casefile.errors import AppealError, ExitCode


def run(args: argparse.Namespace) -> int:
    from extractors.readers.read import read_file, read_json

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
