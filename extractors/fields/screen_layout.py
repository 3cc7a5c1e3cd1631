"""A screen read as a grid: lines of cells, a header's column ranges, the row blocks beneath it.

Wherever a reading comes from it becomes lines of cells: OCR word boxes (words grouped into lines
by their vertical position, a line cut into cells at wide gaps), a table of a born-digital page
(cells placed by index), or text lines cut at `|`, tabs or runs of spaces. Under a header, lines
close together make one row, and each cell goes to the column whose caption sits above it.

Geometry only: which captions make a header, and what a row means, is the caller's to say.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from casefile.pages import Page, Table
from extractors.layout.build import word_lines
from extractors.text.textmatch import normalize

ROW_GAP = 0.8  # x median line height: a wider gap between lines starts a new product row
MIN_CONFIDENCE = 0.6  # an unknown status read below this is noise, not a status (STACK.md §3: misreads < 0.62)
_CELL_SPLIT = re.compile(r"\s*(?:\||\t| {2,})\s*")


@dataclass(frozen=True)
class Cell:
    """Words close together on one line (boxes), or one cell of a table or a `|`-cut text line."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    confidence: float | None = None

    @property
    def sure(self) -> bool:
        return self.confidence is None or self.confidence >= MIN_CONFIDENCE


Line = list[Cell]


@dataclass(frozen=True)
class Grid:
    lines: list[Line]
    ocr: bool


@dataclass
class Column:
    field: str
    lo: float
    hi: float


# -- lines of cells ----------------------------------------------------------------------


def grids(page: Page) -> Iterator[Grid]:
    """The page's readings as grids: each of its tables, then its layout."""
    for table in page.tables:
        yield Grid(table_lines(table), ocr=False)
    yield Grid(layout_lines(page), ocr=page.source == "ocr")


def layout_lines(page: Page) -> list[Line]:
    return box_lines(page) if page.words else text_lines(page.text)


def box_lines(page: Page) -> list[Line]:
    """The page's word lines and cells (extractors/layout: the one layout model), as grid cells."""
    return [[Cell(c.text, c.box.x0, c.box.x1, c.box.top, c.box.bottom, c.confidence) for c in line.cells]
            for line in word_lines(page.words)]


def index_line(values: Iterable[str], number: int) -> Line:
    """Cells placed by their index (no boxes): the i-th cell under the i-th caption; one line per row."""
    return [Cell(v, i, i + 0.9, number * 10, number * 10 + 1) for i, v in enumerate(values)]


def table_lines(table: Table) -> list[Line]:
    return [index_line(row, n) for n, row in enumerate(table.rows)]


def text_lines(text: str) -> list[Line]:
    lines = []
    for n, raw in enumerate(normalize(text).splitlines()):
        if not raw.strip():
            continue
        parts = [p.strip() for p in _CELL_SPLIT.split(raw.strip())]
        if raw.strip().startswith("|"):
            parts = parts[1:]  # "| a | b |": the borders are not cells
        if parts and parts[-1] == "" and raw.strip().endswith("|"):
            parts = parts[:-1]
        lines.append(index_line(parts, n))
    return lines


# -- columns and rows --------------------------------------------------------------------


def column_ranges(line: Line, names: list[str | None]) -> list[Column]:
    """The span of each header cell's column: halfway to its neighbours, the first reaching left
    by half the median gap, the last to the right edge. An unnamed caption is column "?"."""
    columns = []
    # Left of the first caption by more than half a column gap is no longer the table (Wing's menu).
    gaps = [b.x0 - a.x1 for a, b in zip(line, line[1:])]
    margin = statistics.median(gaps) / 2 if gaps else 0
    for k, (cell, name) in enumerate(zip(line, names)):
        lo = (line[k - 1].x1 + cell.x0) / 2 if k else cell.x0 - margin
        hi = (cell.x1 + line[k + 1].x0) / 2 if k + 1 < len(line) else float("inf")
        columns.append(Column(name or "?", lo, hi))  # "?": a caption not understood; its ids still count
    return columns


def row_blocks(lines: list[Line], columns: list[Column],
               ends: Callable[[Line], bool]) -> list[dict[str, list[Cell]]]:
    """The cells of each row under a header, by column: lines closer than a row gap are one row.
    The rows end at an empty line or one `ends` takes for the next header."""
    heights = [c.bottom - c.top for line in lines for c in line]
    gap = ROW_GAP * statistics.median(heights) if heights else 0
    blocks: list[dict[str, list[Cell]]] = []
    block, bottom = None, None
    for line in lines:
        if not line or ends(line):
            break  # the next table, or the same header repeated: the rows end here
        top = min(c.top for c in line)
        if block is None or top - bottom > gap:
            block = {}
            blocks.append(block)
        for cell in line:
            name = column_of(cell, columns)
            if name:
                block.setdefault(name, []).append(cell)
        bottom = max(c.bottom for c in line)
    return blocks


def column_of(cell: Cell, columns: list[Column]) -> str | None:
    """The column whose span the cell overlaps most."""
    overlap = [(min(cell.x1, c.hi) - max(cell.x0, c.lo), c) for c in columns]
    amount, column = max(overlap, key=lambda p: p[0])
    return column.field if amount > 0 else None
