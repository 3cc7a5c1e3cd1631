"""An invisible text layer from our OCR over scanned exhibits, so the package can be searched.

Words sit where OCR found them when the read page maps straight onto the placed image; when
reading turned or straightened the page (OSD, perspective), lines are laid top to bottom over it
instead: searchable either way, never visible.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pikepdf

from casefile.codes import PageSource
from casefile.pages import Page
from renderers.stamps import apply_stamp, sizes_css, upright_size
from renderers.typeset import render_html, render_pdf

FONT_FILL = 0.85  # a glyph's em box is taller than the ink OCR measures


@dataclass(frozen=True)
class Placement:
    """Where the read image sits on the exhibit page: points, upright, origin top-left."""

    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class PlacedWord:
    text: str
    x: float
    y: float
    size: float


def needs_layer(page: Page | None) -> bool:
    return page is not None and page.source is PageSource.ocr and bool(page.text.strip())


def _maps_straight(page: Page) -> bool:
    geometry_changed = page.rotation % 360 != 0 or "perspective" in page.strategy
    return bool(page.words) and bool(page.width) and bool(page.height) and not geometry_changed


def placed_words(page: Page, at: Placement) -> list[PlacedWord]:
    if _maps_straight(page):
        sx, sy = at.width / page.width, at.height / page.height
        return [PlacedWord(w.text, at.x + w.left * sx, at.y + w.top * sy, max(w.height * sy * FONT_FILL, 1.0))
                for w in page.words if w.text.strip()]
    lines = [line for line in page.text.splitlines() if line.strip()]
    step = at.height / max(len(lines), 1)
    size = max(min(step * FONT_FILL, 12.0), 1.0)
    return [PlacedWord(line, at.x, at.y + i * step, size) for i, line in enumerate(lines)]


def add_text_layers(pdf: pikepdf.Pdf, targets: list[tuple[int, Page, Placement]]) -> None:
    """Overlay invisible OCR text on pdf.pages[index] for each (index, read page, placement)."""
    if not targets:
        return
    sizes: list[tuple[float, float]] = []
    layers = []
    for index, page, at in targets:
        size = tuple(round(v, 2) for v in upright_size(pdf.pages[index]))
        if size not in sizes:
            sizes.append(size)
        layers.append({"size_class": f"s{sizes.index(size)}", "words": placed_words(page, at)})
    rendered = pikepdf.open(io.BytesIO(render_pdf(render_html("textlayer.html.j2", layers=layers),
                                                  extra_css=sizes_css(sizes))))
    for (index, _, _), layer in zip(targets, rendered.pages):
        apply_stamp(pdf, pdf.pages[index], layer)
