"""Spec sheets: the ingredient column of a table, or of rows printed as text, as standard names.

A Korean column is preferred, else an INCI (or Chinese) column mapped through the dictionary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from casefile.pages import Page
from extractors.text.ingredient_names import (
    EDGE_JUNK,
    HANGUL,
    dictionary,
    field_rules,
    name_key,
    standard_name,
    strip_notes,
)
from extractors.text.textmatch import normalize

_CELL_SPLIT = re.compile(r"\s*(?:\||\t)\s*")
_ROW_NUMBER = re.compile(r"^\s*(?:No\.?\s*)?\d{1,3}[.)]?\s+(?=\S)", re.IGNORECASE)
# Amounts after a spec-sheet row's names: decimals or percentages ("Polysorbate 20" keeps its 20).
_TRAILING_AMOUNTS = re.compile(r"(?:\s+[<>≤~]?\s*(?:\d*[.,]\d+\s*%?|\d+\s*%))+\s*$")
_INCI_HEADER = re.compile(r"(?<![A-Za-z])INCI(?![A-Za-z])", re.IGNORECASE)


def names_from_tables(pages: list[Page]) -> list[str]:
    """A spec sheet's ingredient column: a `Table` on a page, else `|`-separated lines."""
    for page in pages:
        for table in page.tables:
            names = _table_names(table.rows)
            if len(names) >= 2:
                return names
    for page in pages:
        names = _table_names(_text_rows(normalize(page.text)))
        if len(names) >= 2:
            return names
    return []


@dataclass(frozen=True)
class _Columns:
    korean: int | None
    inci: int | None
    chinese: int | None


def _table_names(rows: list[list[str]]) -> list[str]:
    for h, header in enumerate(rows[:5]):
        columns = _columns(header)
        if columns is not None:
            return [n for n in (_row_name(row, columns) for row in rows[h + 1:]) if n]
    return []


def _columns(header: list[str]) -> _Columns | None:
    kinds = field_rules()["columns"]
    keys = [name_key(strip_notes(cell)) for cell in header]

    def find(kind: str) -> int | None:
        wanted = {name_key(label) for label in kinds[kind]}
        return next((i for i, k in enumerate(keys) if k in wanted), None)

    if any(re.search(r"[,，、]\s*\S", cell) for cell in header):
        return None  # a "전성분 | 정제수, 글리세린, …" row of a label table: the text path reads it
    columns = _Columns(find("korean"), find("inci"), find("chinese"))
    return columns if columns.korean is not None or columns.inci is not None else None


def _row_name(row: list[str], columns: _Columns) -> str | None:
    """The Korean cell when the dictionary knows it, else the INCI (or Chinese) cell mapped, else as read."""
    cells = [row[i].strip() if i is not None and i < len(row) else "" for i in
             (columns.korean, columns.inci, columns.chinese)]
    cells = [c for c in cells if c.strip(EDGE_JUNK)]
    skip = {name_key(s) for s in field_rules()["columns"]["skip_rows"]}
    if not cells or any(name_key(c) in skip for c in cells):
        return None
    words = dictionary()
    # Any column's exact name beats a fuzzy reading of another: a misread Korean cell must not
    # outvote a clean INCI cell.
    lookups = (words.exact, lambda c: words.exact(strip_notes(c)), lambda c: words.standard(strip_notes(c)))
    for lookup in lookups:
        found = next((name for name in map(lookup, cells) if name), None)
        if found:
            return found
    return next((name for name in map(standard_name, cells) if name), None)


def _text_rows(text: str) -> list[list[str]]:
    """Rows of a spec sheet printed as text: `|`/tab cells, or unruled OCR rows "1 정제수 Water 70.0"."""
    lines = text.splitlines()
    for h, line in enumerate(lines):
        cells = _cells(line)
        if len(cells) > 1 and _columns(cells) is not None:
            rows = [cells]
            for row in map(_cells, lines[h + 1:]):
                if len(row) < 2:
                    break
                rows.append(row)
            return rows
        if len(cells) == 1 and _INCI_HEADER.search(line) and not re.search(r"[:：,，、]", line):
            rows = [["성분명", "INCI"]]
            for row_line in lines[h + 1:]:
                if _INCI_HEADER.search(row_line):
                    continue  # a title line above the column header ("INCI 성분표")
                row = _segments(row_line)
                if not any(row) or re.search(r"[,，、]\s", row_line):
                    break  # the table ended, or this is a comma-separated list, not a row
                rows.append(row)
            return rows
    return []


def _cells(line: str) -> list[str]:
    if "|" not in line and "\t" not in line:
        return [line]
    return _CELL_SPLIT.split(line.strip().strip("|").strip())


def _segments(line: str) -> list[str]:
    """An unruled OCR row as [Korean name, INCI name], its row number and amounts dropped."""
    line = _TRAILING_AMOUNTS.sub("", _ROW_NUMBER.sub("", line)).strip()
    hangul = list(HANGUL.finditer(line))
    if not hangul:
        return ["", line]
    space = re.search(r"\s", line[hangul[-1].end():])
    cut = hangul[-1].end() + space.start() if space else len(line)
    return [line[:cut].strip(), line[cut:].strip()]
