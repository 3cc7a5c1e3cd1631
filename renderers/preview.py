"""PNG pictures of the package's pages, for a person to look at without a PDF viewer.

Rasterised by PDFium (pypdfium2), a different engine from the ones that wrote the PDF, with
annotations drawn, so the visible signature box shows as a viewer would show it. Each PNG is
written atomically into OUT/preview/ as `<pdf stem>-p<page>.png`; a preview left from an older
PDF of the same name is removed, so the folder never mixes two versions of a file.
"""

from __future__ import annotations

import io
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path

import pypdfium2

from casefile.atomic import write_bytes

PREVIEW_DIR = "preview"
SOURCES = ("appeal.pdf", "review_zh.pdf")  # the package, then the seller's review sheet
DEFAULT_DPI = 100  # an A4 page at 827 x 1170 px: readable on a screen, small on disk
MIN_DPI, MAX_DPI = 36, 600


@dataclass(frozen=True)
class Preview:
    source: str  # the PDF's file name
    page: int  # 1-based
    path: Path


def render_pages(pdf: Path, dpi: int = DEFAULT_DPI,
                 pages: Collection[int] | None = None) -> Iterator[tuple[int, bytes]]:
    """(page number, PNG bytes) for each page of `pdf`, or only `pages` (1-based; others are skipped)."""
    if not MIN_DPI <= dpi <= MAX_DPI:
        raise ValueError(f"dpi must be between {MIN_DPI} and {MAX_DPI}, not {dpi}")
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        document.init_forms()  # so the signature field's appearance is drawn as a viewer draws it
        for index in range(len(document)):
            if pages is not None and index + 1 not in pages:
                continue
            page = document[index]
            try:
                bitmap = page.render(scale=dpi / 72, draw_annots=True)
                buf = io.BytesIO()
                bitmap.to_pil().save(buf, "PNG", optimize=True)
            finally:
                page.close()
            yield index + 1, buf.getvalue()
    finally:
        document.close()


def page_count(pdf: Path) -> int:
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        return len(document)
    finally:
        document.close()


def preview_name(source: str, page: int, count: int) -> str:
    return f"{Path(source).stem}-p{page:0{max(2, len(str(count)))}d}.png"


def write_previews(out_dir: Path, dpi: int = DEFAULT_DPI, pages: Collection[int] | None = None,
                   sources: tuple[str, ...] = SOURCES) -> list[Preview]:
    """Preview every page (or `pages`) of each of `sources` found in `out_dir`, into out_dir/preview/."""
    out_dir = Path(out_dir)
    folder = out_dir / PREVIEW_DIR
    written: list[Preview] = []
    for source in sources:
        pdf = out_dir / source
        if not pdf.is_file():
            continue
        count = page_count(pdf)
        mine: set[Path] = set()
        for number, png in render_pages(pdf, dpi, pages):
            target = folder / preview_name(source, number, count)
            write_bytes(target, png)
            mine.add(target)
            written.append(Preview(source, number, target))
        _remove_stale(folder, pdf, mine)
    return written


def _remove_stale(folder: Path, pdf: Path, kept: set[Path]) -> None:
    """Earlier previews of this file not written now and older than the PDF: they show another version."""
    if not folder.is_dir():
        return
    made = pdf.stat().st_mtime
    for old in folder.glob(f"{pdf.stem}-p*.png"):
        if old not in kept and old.stat().st_mtime < made:
            old.unlink(missing_ok=True)
