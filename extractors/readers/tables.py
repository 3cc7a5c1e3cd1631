"""Tables as rows of cells, kept beside a page's flowing text: ruled tables of born-digital PDF
pages (pdfplumber) and Word tables (python-docx).

Rows follow the table's grid: a merged cell's text stands once, in its first (top-left) grid
position, and the positions it spans are "" -- what pdfplumber gives for a spanned cell, and what
python-docx repeats the merged cell for. So a column index means the same column on every row.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

import docx.table
from pdfplumber.page import Page as PlumberPage

from casefile.pages import Table

MIN_FILLED_CELLS = 2  # a ruled box around a paragraph (a 1x1 "table") is a frame, not a table
#: Filled squares smaller than this (points) are dots -- QR code modules, bullets, halftone --
#: never a table's rules; a vector QR code alone made finding tables take seconds.
DOT_PT = 8.0
MAX_RULINGS = 1500  # rects and lines left after dots: beyond this the page is a drawing, not a form


def clean_cell(value: str | None) -> str:
    """Cell text: NFC, runs of white space (line breaks inside the cell too) folded to one space."""
    return " ".join(unicodedata.normalize("NFC", value or "").split())


def row_lines(tables: list[Table]) -> list[str]:
    """Each table row as one line of cells between `|` borders (the cell form the label readers
    know), a cell's own line breaks folded: a value wrapped inside its cell stays whole."""
    return [" | ".join(clean_cell(cell) for cell in row) for table in tables for row in table.rows]


def pdf_tables(page: PlumberPage, x_tolerance: float) -> list[Table]:
    """The page's ruled tables (pdfplumber's default `lines` strategy), top to bottom.

    The `text` strategy is not used: on letters and certificates it turns every aligned paragraph
    into a "table", which would say nothing the text does not.
    """
    ruled = page.filter(_not_a_dot)
    if len(ruled.rects) + len(ruled.lines) > MAX_RULINGS:
        return []
    found = []
    for table in ruled.find_tables():
        rows = [[clean_cell(cell) for cell in row] for row in table.extract(x_tolerance=x_tolerance)]
        if _filled(rows) >= MIN_FILLED_CELLS:
            found.append(Table(rows=rows, bbox=tuple(float(v) for v in table.bbox)))
    return found


def docx_table(table: docx.table.Table) -> Table | None:
    """A Word table on its grid, unless it holds too little to be one.

    python-docx returns a merged cell once per grid column it spans (horizontal merge) and once
    per row it spans (a `vMerge="continue"` cell resolves to the cell above); those repeats are "".
    """
    rows: list[list[str]] = []
    above: Sequence = ()
    for row in table.rows:
        cells = row.cells  # held, so lxml hands back the same element objects to compare by identity
        line = [""] * row.grid_cols_before
        for column, cell in enumerate(cells):
            repeated_left = column > 0 and cell._tc is cells[column - 1]._tc
            repeated_above = _grid_cell(above, len(line)) is cell._tc
            line.append("" if repeated_left or repeated_above else clean_cell(cell.text))
        rows.append(line)
        above = [None] * row.grid_cols_before + [c._tc for c in cells]
    width = max((len(line) for line in rows), default=0)
    rows = [line + [""] * (width - len(line)) for line in rows]
    return Table(rows=rows) if _filled(rows) >= MIN_FILLED_CELLS else None


def _not_a_dot(obj: dict) -> bool:
    return not (obj.get("object_type") == "rect" and obj["width"] < DOT_PT and obj["height"] < DOT_PT)


def _grid_cell(row: Sequence, index: int):
    return row[index] if 0 <= index < len(row) else None


def _filled(rows: list[list[str]]) -> int:
    return sum(1 for row in rows for cell in row if cell)
