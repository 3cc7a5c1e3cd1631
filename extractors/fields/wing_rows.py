"""A Wing product list: a header row of captions (등록상품ID, 상품명, 판매상태, 사유 …) over rows
of products, the one taken down among others.

The list is read as a grid wherever it comes from (screen_layout: OCR word boxes, a table of a
born-digital page, or text lines cut at `|`, tabs or runs of spaces), each cell in the column
whose caption sits above it. The row taken is the one with the case's product id (OCR look-alikes
undone), else the only row in a takedown state, else the only row; when none stands out, nothing
is guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from casefile.fields import SellerCenterScreenshotFields
from casefile.pages import Page
from extractors.fields.screen_layout import (
    Cell,
    Column,
    Grid,
    Line,
    column_of,
    column_ranges,
    grids,
    layout_lines,
    row_blocks,
)
from extractors.fields.wing_terms import (
    ID_FIELDS,
    KEY_FIELDS,
    StatusTerm,
    a_reason,
    caption_field,
    is_filter,
    one_edit,
    read_ids,
    status_terms,
    trim_symbols,
    wing_status,
)
from extractors.text.textmatch import squeeze, tidy_value


@dataclass
class Row:
    """One product of the list: its cells by field, in column order."""

    cells: dict[str, list[Cell]] = field(default_factory=dict)
    ocr: bool = False

    def text(self, name: str) -> str:
        return " ".join(c.text for c in self.cells.get(name, []) if c.text)

    def sure_text(self, name: str) -> str | None:
        """The field's text in contract form; None when OCR doubted a word of it (DESIGN.md:
        "an OCR'd field below the confidence floor is null")."""
        cells = self.cells.get(name, [])
        return tidy_value(trim_symbols(self.text(name)), self.ocr) if all(c.sure for c in cells) else None

    @property
    def product_ids(self) -> list[str]:
        """Ids in the id columns, ranked as the columns are (rules: exposed before registered)."""
        return [i for name in ID_FIELDS for i in read_ids(self.text(name))]

    @property
    def all_ids(self) -> list[str]:
        """Ids anywhere in the row: the case's id marks its row even under a caption not understood."""
        return [i for cells in self.cells.values() for c in cells for i in read_ids(c.text)]

    @property
    def statuses(self) -> list[StatusTerm]:
        return [t for c in self.cells.get("status", []) if (t := wing_status(c.text))]

    @property
    def rank(self) -> int:
        return max((t.rank for t in self.statuses), default=0)

    @property
    def doubted_ids(self) -> list[str]:
        """Ids OCR was unsure of: the only ones a misread digit may explain."""
        return [i for cells in self.cells.values() for c in cells if not c.sure for i in read_ids(c.text)]

    def fields(self, target: str | None) -> SellerCenterScreenshotFields:
        sure_ids = [i for name in ID_FIELDS if all(c.sure for c in self.cells.get(name, []))
                    for i in read_ids(self.text(name))]
        if target in self.all_ids:
            product_id = target
        elif target and any(one_edit(i, target) for i in self.doubted_ids):
            product_id = None  # the row is the case's, but what its id cell says is uncertain
        else:
            product_id = next(iter(sure_ids), None)
        return SellerCenterScreenshotFields(
            product_id=product_id,
            product_name=self.sure_text("product_name"),
            status=self._status(),
            reason=a_reason(self.sure_text("reason")) or self._status_note(),
        )

    def _status(self) -> str | None:
        known = self.statuses
        if known:
            return max(known, key=lambda t: t.rank).term
        return self.sure_text("status")  # a state not in our list, kept as printed

    def _status_note(self) -> str | None:
        """A reason written into the status cell itself: "판매중지 (KC 인증 미등록)"."""
        if not self.statuses or not all(c.sure for c in self.cells.get("status", [])):
            return None  # an unknown state is printed as a whole; no part of it is a reason
        regex, _ = status_terms()
        rest = regex.sub(" ", self.text("status"))
        rest = re.sub(r"^[\s(（\[:：-]+|[\s)）\]]+$", "", rest)
        return tidy_value(rest, self.ocr) if re.search(r"\w{2,}", rest) else None


def page_rows(page: Page) -> list[Row]:
    """The page's product rows from its first reading that has any: its tables, else its layout."""
    for grid in grids(page):
        rows = _list_rows(grid)
        if rows:
            return rows
    return []


def unique_rows(rows: Iterable[Row]) -> list[Row]:
    """Each product once, though two screens (or a table and its text) show it twice."""
    seen: dict[tuple, Row] = {}
    for row in rows:
        key = (tuple(row.product_ids), tuple(t.term for t in row.statuses), squeeze(row.text("product_name")))
        seen.setdefault(key, row)
    return list(seen.values())


def _list_rows(grid: Grid) -> list[Row]:
    """The product rows under the header that yields the most of them."""
    best: list[Row] = []
    for i, line in enumerate(grid.lines):
        columns = _header(line)
        if columns is None:
            continue
        rows = _rows_under(grid, i, columns)
        if len(rows) > len(best):
            best = rows
    return best


def _header(line: Line) -> list[Column] | None:
    """Columns when `line` is a header: captions of two key fields, one of them an id or a status."""
    names = [caption_field(c.text, near=True) for c in line]
    keys = {n for n in names if n in KEY_FIELDS}
    if len(keys) < 2 or not keys & {*ID_FIELDS, "status"}:
        return None
    return column_ranges(line, names)


def _rows_under(grid: Grid, header_at: int, columns: list[Column]) -> list[Row]:
    # The next table, or the same header repeated, ends the rows.
    blocks = row_blocks(grid.lines[header_at + 1:], columns, ends=lambda line: _header(line) is not None)
    rows = [Row(cells, ocr=grid.ocr) for cells in blocks]
    return [r for r in rows if r.all_ids or r.statuses]


def choose_row(rows: list[Row], target: str | None) -> Row | None:
    """The case's product when its id is on the screen (one doubted digit forgiven when only one row
    is that near), else the only row in the surest takedown state, else the only row."""
    if target:
        exact = [r for r in rows if target in r.all_ids]
        if exact:
            return exact[0]
        # Neighbouring products often have ids one digit apart: only a digit OCR doubted is a misread.
        near = [r for r in rows if any(one_edit(i, target) for i in r.doubted_ids)]
        if len(near) == 1:
            return near[0]
    top = max(r.rank for r in rows)
    down = [r for r in rows if r.rank == top > 0]
    if len(down) == 1:
        return down[0]
    return rows[0] if len(rows) == 1 else None


# -- a list whose header was not read -----------------------------------------------------


def target_line(pages: list[Page], target: str | None) -> SellerCenterScreenshotFields | None:
    """The case's product on a list whose header OCR garbled (a caption on a grey band): the line
    that holds the case's id is its row. Its status is a known term among its cells; its name and
    reason are taken only from under a caption that was read, so nothing is guessed from position."""
    if not target:
        return None
    for page in pages:
        lines = layout_lines(page)
        for at, line in enumerate(lines):
            if len(line) < 3 or not any(target in read_ids(c.text) for c in line):
                continue
            statuses = [t for c in line if not is_filter(c.text) and (t := wing_status(c.text))]
            status = max(statuses, key=lambda t: t.rank, default=None)
            if status is None:
                continue  # an id beside its label on a detail view ("쿠팡 상품번호 | 8240016382"), no list row
            columns = _captions_above(lines[:at])
            row = Row({}, ocr=page.source == "ocr")
            for cell in line:
                name = column_of(cell, columns) if columns else None
                if name in ("product_name", "reason"):
                    row.cells.setdefault(name, []).append(cell)
            return SellerCenterScreenshotFields(product_id=target, product_name=row.sure_text("product_name"),
                                                status=status.term if status else None,
                                                reason=row.sure_text("reason"))
    return None


def _captions_above(lines: list[Line]) -> list[Column]:
    """The columns of the nearest line above that names a product name or reason column."""
    for line in reversed(lines):
        names = [caption_field(c.text, near=True) for c in line]
        if {"product_name", "reason"} & set(names) and len(line) >= 3:
            return column_ranges(line, names)
    return []
