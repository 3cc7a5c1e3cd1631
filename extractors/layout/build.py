"""A read page into its layout: words into lines, lines into cells, tables onto their grid.

Words side by side (their vertical centres within each other's extent) make a line; a gap wider
than CELL_GAP times the line's word height ends a cell. A word space is 0.25-0.35 of the height in
print and in Tesseract's boxes, and table columns and "label   value" gaps are a whole height or
more, so 0.8 separates them with room on both sides.

Pages without word boxes (DOCX, e-mail, plain text) become one line per text line, cut into cells
at `|`, tabs or runs of three spaces; their boxes are synthesised from order (a character is one
unit wide, a line ten units high) and the region says `synthetic`.
"""

from __future__ import annotations

import re
import statistics

from casefile.layout import Box, Cell, Layout, Line, Region
from casefile.pages import Page, Table, Word
from casefile.text import HANGUL
from extractors.text.textmatch import normalize
from extractors.text.wordlines import line_text

CELL_GAP = 0.8  # x the line's median word height
SYNTH_LINE = 10.0  # synthetic units per text line (a character is 1 wide)


def layout_of(page: Page) -> Layout:
    # Tables first: their cells are whole by construction, so their values win a tie.
    regions = [Region(tuple(table_lines(t)), kind="table", synthetic=True) for t in page.tables]
    if page.words:
        regions.append(Region(tuple(word_lines(page.words)), kind="words"))
    elif page.text.strip():
        regions.append(Region(tuple(text_lines(page.text)), kind="text", synthetic=True))
    return Layout(page=page.number, source=page.source, regions=tuple(r for r in regions if r.lines))


def word_lines(words: list[Word]) -> list[Line]:
    """Words into lines by vertical overlap (top to bottom), each cut into cells at wide gaps."""
    ordered = sorted((w for w in words if w.text.strip()), key=lambda w: (w.top + w.height / 2, w.left))
    rows: list[list[Word]] = []
    spans: list[list[float]] = []  # each row's running top and bottom
    for word in ordered:
        centre = word.top + word.height / 2
        home = None
        for span, row in zip(reversed(spans), reversed(rows)):
            if span[0] <= centre <= span[1] and _fits(word, row):
                home = (span, row)
                break
            if centre > span[1] + word.height:  # rows further up are out of reach
                break
        if home is None:
            rows.append([word])
            spans.append([word.top, word.top + word.height])
        else:
            span, row = home
            row.append(word)
            span[0], span[1] = min(span[0], word.top), max(span[1], word.top + word.height)
    lines = [_cut(sorted(row, key=lambda w: w.left)) for row in rows]
    return sorted(lines, key=lambda line: (line.box.top, line.box.x0))


def _fits(word: Word, row: list[Word]) -> bool:
    """A word does not join a line where it sits on top of a word already on it at another height:
    two stacked lines whose boxes touch would otherwise merge. At the same height an overlap is
    Tesseract's (a Hangul word's box reaching over the syllables after it), not another line."""
    centre = word.top + word.height / 2
    for w in row:
        overlaps = word.left < w.left + w.width and w.left < word.left + word.width
        if overlaps and abs(centre - (w.top + w.height / 2)) > 0.3 * min(word.height, w.height):
            return False
    return True


def _cut(words: list[Word]) -> Line:
    if len(words) >= 3 and all(HANGUL.fullmatch(w.text) for w in words):
        return Line((_cell(words),))  # a letter-spaced title ("상 표 사 용 권 한 위 임 장") is one cell
    height = statistics.median(w.height for w in words)
    cells: list[Cell] = []
    group = [words[0]]
    for word in words[1:]:
        prev = group[-1]
        if word.left - (prev.left + prev.width) > CELL_GAP * height:
            cells.append(_cell(group))
            group = []
        group.append(word)
    cells.append(_cell(group))
    return Line(tuple(cells))


def _cell(words: list[Word]) -> Cell:
    confidences = [w.confidence for w in words if w.confidence is not None]
    box = Box(min(w.left for w in words), min(w.top for w in words),
              max(w.left + w.width for w in words), max(w.top + w.height for w in words))
    return Cell(normalize(line_text(words)), box, min(confidences) if confidences else None)


def text_lines(text: str) -> list[Line]:
    """Text lines as lines of cells. A line cut by `|` or tabs is a table row: its cells sit on the
    column grid by index, as a table's do. A line cut only by runs of spaces was typed into columns:
    a cell's x is its character offset (a monospace page)."""
    lines = []
    for number, raw in enumerate(normalize(text).splitlines()):
        if re.search(r"[|\t]", raw):
            row = [part.strip() for part in re.split(r"[|\t]", raw)]
            if raw.strip().startswith("|"):
                row = row[1:]
            cells = [_grid_cell(part, col, number) for col, part in enumerate(row) if part]
        else:
            cells = [_synth(c, number) for c in _parts(raw, 0)]
        if cells:
            lines.append(Line(tuple(cells)))
    return lines


def _parts(chunk: str, offset: int) -> list[Cell]:
    """A chunk between borders, cut again at runs of three spaces (a typed column gap)."""
    out, pos = [], 0
    for m in re.finditer(r" {3,}", chunk):
        out.append((chunk[pos:m.start()], offset + pos))
        pos = m.end()
    out.append((chunk[pos:], offset + pos))
    cells = []
    for part, start in out:
        stripped = part.strip()
        if stripped:
            lead = len(part) - len(part.lstrip())
            cells.append(Cell(stripped, Box(start + lead, 0, start + lead + len(stripped), 0)))
    return cells


def _synth(cell: Cell, number: int) -> Cell:
    top = number * SYNTH_LINE
    return Cell(cell.text, Box(cell.box.x0, top, cell.box.x1, top + SYNTH_LINE * 0.8))


def table_lines(table: Table) -> list[Line]:
    """A table on its grid: a cell's column index is its x, its row its line. Empty grid positions
    (merged cells) are left out, so the next cell to the right is the next filled one."""
    lines = []
    for number, row in enumerate(table.rows):
        cells = [_grid_cell(text, col, number) for col, text in enumerate(row) if text.strip()]
        if cells:
            lines.append(Line(tuple(cells)))
    return lines


def _grid_cell(text: str, column: int, number: int) -> Cell:
    top = number * SYNTH_LINE
    return Cell(normalize(text).strip(), Box(100.0 * column, top, 100.0 * column + 90.0, top + SYNTH_LINE * 0.8))
