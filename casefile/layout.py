"""Where things sit on a page: the one layout model every reader's output becomes (issue 14).

A page's words become lines (words side by side), each line cut into cells at gaps wider than a
word space. Field extractors pair a label with its value from this geometry (the cell to the
right, the cell below, or inline after a separator) instead of from flattened text, where a
two-column certificate's rows run into each other.

Coordinates are the page's own (pixels for images, points for PDFs). Where a reading has no word
boxes (DOCX, e-mail, plain text) or a table gives only its grid, boxes are synthesised from line
and cell order, and `synthetic` says so: their distances mean order, not space.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from casefile.codes import PageSource


@dataclass(frozen=True)
class Box:
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    def overlap_x(self, other: Box) -> float:
        """Horizontal overlap, as a share of the narrower box (0 when they do not overlap)."""
        shared = min(self.x1, other.x1) - max(self.x0, other.x0)
        narrower = min(self.width, other.width)
        return max(shared, 0.0) / narrower if narrower > 0 else (1.0 if shared >= 0 else 0.0)

    def union(self, other: Box) -> Box:
        return Box(min(self.x0, other.x0), min(self.top, other.top), max(self.x1, other.x1),
                   max(self.bottom, other.bottom))

    def as_ltwh(self) -> tuple[float, float, float, float]:
        return (self.x0, self.top, self.width, self.height)


@dataclass(frozen=True)
class Cell:
    """Words close together on one line: a label, a value, or both ("모델명: HB-H200")."""

    text: str
    box: Box
    confidence: float | None = None  # the least sure word's OCR confidence; None when not OCR'd


@dataclass(frozen=True)
class Line:
    cells: tuple[Cell, ...]

    @property
    def box(self) -> Box:
        box = self.cells[0].box
        for cell in self.cells[1:]:
            box = box.union(cell.box)
        return box

    @property
    def text(self) -> str:
        return " ".join(c.text for c in self.cells)


@dataclass(frozen=True)
class Region:
    """One reading of a page's geometry: its word layout, or one of its tables on its grid."""

    lines: tuple[Line, ...]
    kind: str  # "words" | "table" | "text"
    synthetic: bool = False  # boxes made from order (no word boxes were read)


@dataclass(frozen=True)
class Layout:
    """A page's geometry as lines of cells, in as many readings as the reader gave (regions)."""

    page: int
    source: PageSource
    regions: tuple[Region, ...] = field(default_factory=tuple)

    @property
    def ocr(self) -> bool:
        return self.source == PageSource.ocr
