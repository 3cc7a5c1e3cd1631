"""`appeal render-preview OUT [--dpi N] [--pages 1,3-5]`: PNG pictures of OUT/appeal.pdf's pages
(and of OUT/review_zh.pdf's) in OUT/preview/, for a person without a PDF viewer."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from casefile.errors import AppealError, ExitCode

PACKAGE = "appeal.pdf"


class PreviewArgumentError(AppealError):
    """OUT is not an output folder with a package, or --dpi / --pages cannot be used."""

    exit_code = ExitCode.bad_args


def parse_pages(text: str | None) -> set[int] | None:
    """`1,3-5` -> {1, 3, 4, 5}; None (all pages) when not given."""
    if text is None:
        return None
    pages: set[int] = set()
    for part in text.replace(" ", "").split(","):
        first, dash, last = part.partition("-")
        try:
            low, high = int(first), int(last) if dash else int(first)
        except ValueError:
            raise PreviewArgumentError(f"--pages takes page numbers and ranges like 1,3-5, not {text!r}") from None
        if low < 1 or high < low:
            raise PreviewArgumentError(f"--pages: {part!r} is not a range of pages counted from 1")
        pages.update(range(low, high + 1))
    return pages


def _why_no_package(out: Path) -> str:
    result = out / "result.json"
    if not result.is_file():
        return f"{out} holds no result.json either: is it the --out folder of `appeal process`?"
    try:
        status = json.loads(result.read_text(encoding="utf-8")).get("status")
    except (OSError, ValueError):
        status = None
    if status and status != "ready":
        return f"result.json says the case is {status!r}; a package is only made when it is 'ready'"
    return "run `appeal process` again to make it"


def run(args: argparse.Namespace) -> int:
    from renderers.preview import MAX_DPI, MIN_DPI, PREVIEW_DIR, write_previews

    out: Path = args.out
    pages = parse_pages(args.pages)
    if not MIN_DPI <= args.dpi <= MAX_DPI:
        raise PreviewArgumentError(f"--dpi must be between {MIN_DPI} and {MAX_DPI}, not {args.dpi}")
    if not out.is_dir():
        raise PreviewArgumentError(f"no such folder: {out}")
    written = write_previews(out, args.dpi, pages)
    for preview in written:
        print(preview.path)
    if not (out / PACKAGE).is_file():
        also = f" (previews of the review sheet were written to {out / PREVIEW_DIR})" if written else ""
        raise PreviewArgumentError(f"no {PACKAGE} in {out}: {_why_no_package(out)}{also}")
    if not any(p.source == PACKAGE for p in written):
        raise PreviewArgumentError(f"--pages {args.pages} selects no page of {out / PACKAGE}")
    return ExitCode.ok
