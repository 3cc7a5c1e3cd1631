"""Exhibit stamps: `붙임 1` top-right on an exhibit's first page, `붙임 1 (2/3)` and the package page
number on every page. Rendered by WeasyPrint at each page's own size (pages are not all A4) and drawn
over the page with a matrix that also undoes the page's /Rotate, so the label reads upright."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pikepdf

from renderers.typeset import render_html, render_pdf


@dataclass(frozen=True)
class StampSpec:
    label: str
    index: int  # 1-based within the exhibit
    count: int  # pages in the exhibit
    package_page: int
    package_total: int


def _visual_box(page: pikepdf.Page) -> tuple[float, float, float, float, int]:
    """The visible box (CropBox, else MediaBox) and the rotation the viewer applies."""
    x0, y0, x1, y1 = (float(v) for v in page.cropbox)
    x0, x1 = sorted((x0, x1))
    y0, y1 = sorted((y0, y1))
    rotate = int(page.obj.get("/Rotate", 0)) % 360
    return x0, y0, x1, y1, rotate


def upright_size(page: pikepdf.Page) -> tuple[float, float]:
    x0, y0, x1, y1, rotate = _visual_box(page)
    w, h = x1 - x0, y1 - y0
    return (h, w) if rotate in (90, 270) else (w, h)


def _matrix(page: pikepdf.Page) -> tuple[float, ...]:
    """Maps the upright stamp's space (origin bottom-left as seen) into the page's user space."""
    x0, y0, x1, y1, rotate = _visual_box(page)
    return {
        0: (1, 0, 0, 1, x0, y0),
        90: (0, 1, -1, 0, x1, y0),
        180: (-1, 0, 0, -1, x1, y1),
        270: (0, -1, 1, 0, x0, y1),
    }.get(rotate, (1, 0, 0, 1, x0, y0))


def sizes_css(sizes: list[tuple[float, float]]) -> str:
    """Named pages, one per distinct size; generated here because the size is data, not style."""
    return "\n".join(
        f"@page s{i} {{ size: {w:.2f}pt {h:.2f}pt; margin: 0; }}\n"
        f".s{i} {{ page: s{i}; width: {w:.2f}pt; height: {h:.2f}pt; }}"
        for i, (w, h) in enumerate(sizes)
    )


def render_stamps(pages: list[pikepdf.Page], specs: list[StampSpec]) -> pikepdf.Pdf:
    """One transparent stamp page per target page, in one WeasyPrint run."""
    sizes: list[tuple[float, float]] = []
    classes = []
    for page in pages:
        size = tuple(round(v, 2) for v in upright_size(page))
        if size not in sizes:
            sizes.append(size)
        classes.append(f"s{sizes.index(size)}")
    html = render_html("stamps.html.j2", stamps=list(zip(specs, classes)))
    return pikepdf.open(io.BytesIO(render_pdf(html, extra_css=sizes_css(sizes))))


def apply_stamp(pdf: pikepdf.Pdf, page: pikepdf.Page, stamp: pikepdf.Page) -> None:
    form = pdf.copy_foreign(stamp.as_form_xobject())
    name = add_xobject(page, form, "Stamp")
    matrix = " ".join(f"{v:.4f}" for v in _matrix(page))
    # Wrap the original content in q/Q so a page that leaves its graphics state dirty cannot skew the stamp.
    page.contents_add(pikepdf.Stream(pdf, b"q\n"), prepend=True)
    page.contents_add(pikepdf.Stream(pdf, f"\nQ\nq {matrix} cm {name} Do Q\n".encode()))


def stamp_pages(pdf: pikepdf.Pdf, start: int, specs: list[StampSpec]) -> None:
    """Stamp pdf.pages[start : start + len(specs)] in place."""
    targets = [pdf.pages[start + i] for i in range(len(specs))]
    if not targets:
        return
    stamps = render_stamps(targets, specs)
    for page, stamp in zip(targets, stamps.pages):
        apply_stamp(pdf, page, stamp)


def add_xobject(page: pikepdf.Page, xobject: pikepdf.Object, prefix: str) -> pikepdf.Name:
    """`xobject` in the page's resources under the first free `/<prefix><n>`. pikepdf's own
    `prefix=` draws a random name, and the same case would give different bytes (DESIGN.md)."""
    taken = {str(name) for group in page.resources.as_dict().values() if isinstance(group, pikepdf.Dictionary)
             for name in group.keys()}
    number = next(n for n in range(len(taken) + 1) if f"/{prefix}{n}" not in taken)
    return page.add_resource(xobject, pikepdf.Name.XObject, pikepdf.Name(f"/{prefix}{number}"),
                             replace_existing=False)
