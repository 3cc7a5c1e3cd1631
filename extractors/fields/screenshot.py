"""Coupang Wing screens: the product that matters, its status and why, and the seller's account.

Two layouts. A product list: a header row of captions (등록상품ID, 상품명, 판매상태, 사유 …)
over rows of products, the one taken down among others. A detail view: "label: value" pairs.

The list is read as a grid wherever it comes from (screen_layout: OCR word boxes, a table of a
born-digital page, or text lines cut at `|`, tabs or runs of spaces), each cell in the column
whose caption sits above it. The row taken is the one with the case's product id (OCR look-alikes
undone), else the only row in a takedown state, else the only row; when none stands out, nothing
is guessed.

Captions, status terms and id shapes are data (rules/wing_fields.toml).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rapidfuzz.distance import Hamming, Levenshtein

from casefile.fields import SellerCenterScreenshotFields
from casefile.pages import Page, ReadResult
from extractors.fields.context import FieldContext
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
from extractors.layout import best, candidates, layout_of
from extractors.layout.pairing import FLOOR
from extractors.layout.types import text_score
from extractors.rulefiles import label_vocabulary, look_alikes, rule_file
from extractors.text.textmatch import LabelVocabulary, loose_regex, normalize, squeeze, tidy_value

RULES = Path(__file__).parent.parent / "rules" / "wing_fields.toml"

ID_FIELDS = ("exposed_id", "registered_id")  # ranked: the URL's id is the 노출상품ID (CONTRACT.md)
KEY_FIELDS = frozenset({*ID_FIELDS, "product_name", "status", "reason"})
CAPTION_SLACK = 4  # characters a caption may carry beyond its label (OCR noise such as "10D" for "ID")


def extract_screenshot(read: ReadResult, context: FieldContext) -> SellerCenterScreenshotFields:
    pages = [p for p in read.pages if p.text.strip() or p.words or p.tables]
    target = _product_id(context.product_id or "")
    rows = _unique(row for page in pages for row in _page_rows(page))
    if rows:
        row = choose_row(rows, target)
        return row.fields(target) if row else SellerCenterScreenshotFields()
    return _target_line(pages, target) or _detail_fields(pages, target)


def seller_account(read: ReadResult) -> str | None:
    """The account or company name the screen shows: a labelled 판매자명/업체명/상호, else the name
    beside the vendor id (Wing's top bar: "한빛무역 (A00123456)"), else a phrase naming a company."""
    lines = [line for p in read.pages if p.text.strip() or p.words for line in layout_lines(p)]
    text = "\n".join(" | ".join(c.text for c in line) for line in lines)
    # Only a value set off by a colon or a cell border: "판매자 정보" is a menu item, not a name.
    for hit in vocabulary().hits(text):
        name = _account_name(hit.value) if hit.field == "seller" and hit.explicit and hit.value else None
        if name:
            return name
    for line in lines:
        for k, cell in enumerate(line):
            if _vendor_id().search(cell.text):
                # The id alone in its cell: the name is the cell before it ("한빛무역 | (A00123456)").
                name = _account_name(cell.text) or (_account_name(line[k - 1].text) if k else None)
                if name:
                    return name
    cells = [c for line in lines for c in line]
    marked = next((c for c in cells if _company_marker().search(c.text)), None)
    return _account_name(marked.text) if marked else None


# -- rules -------------------------------------------------------------------------------


def _rules() -> dict:
    return rule_file(RULES.name)


def vocabulary() -> LabelVocabulary:
    return label_vocabulary(RULES.name)


@lru_cache(maxsize=1)
def _captions() -> list[tuple[str, str]]:
    """(squeezed label, field), longest first: a caption is the longest label it contains."""
    pairs = {(squeeze(t).casefold(), f) for f, terms in _rules()["labels"].items() for t in terms}
    return sorted(pairs, key=lambda p: len(p[0]), reverse=True)


@dataclass(frozen=True)
class StatusTerm:
    term: str
    rank: int  # 2 판매중지, 1 승인반려, 0 a state no takedown leaves (rules/wing_fields.toml)


@lru_cache(maxsize=1)
def _status_terms() -> tuple[re.Pattern[str], dict[str, StatusTerm]]:
    by_form: dict[str, StatusTerm] = {}
    for row in _rules()["status"]:
        term = StatusTerm(row["term"], int(row["takedown"]))
        for form in [row["term"], *row.get("aliases", [])]:
            by_form[squeeze(form).casefold()] = term
    return loose_regex(by_form), by_form


@lru_cache(maxsize=1)
def _vendor_id() -> re.Pattern[str]:
    return re.compile(rf"(?<![A-Za-z0-9]){_rules()['ids']['vendor_id']}(?![0-9])")


@lru_cache(maxsize=1)
def _company_marker() -> re.Pattern[str]:
    return loose_regex(_rules()["account"]["company_markers"])


# -- status and ids ----------------------------------------------------------------------


def wing_status(text: str) -> StatusTerm | None:
    """The Wing status term a cell or value shows, however spaced; one misread syllable is
    forgiven in terms of four or more ("판 매 중 자" is 판매중지). A takedown term wins over a
    second state in the same cell ("판매중지 (승인완료)")."""
    regex, by_form = _status_terms()
    found = [by_form[squeeze(m.group()).casefold()] for m in regex.finditer(normalize(text))]
    near = _near_status(squeeze(normalize(text)).casefold(), by_form)
    if near and all(t.term in near.term and t.term != near.term for t in found):
        return near  # "판 매 중 자": 판매중 is printed, but 판매중지 misread is what the cell holds
    return max(found, key=lambda t: t.rank) if found else None  # max is stable: first of equal rank


def _near_status(flat: str, by_form: dict[str, StatusTerm]) -> StatusTerm | None:
    """The term a whole cell spells with one glyph misread (OCR misreads a glyph, it rarely drops
    one); only when exactly one term is that near, so 판매중지 and 판매재개 never stand in for
    each other, and never for part of a cell ("판매중 재고" is not 판매중지)."""
    word = re.sub(r"[\W_]+", "", flat)
    near = {term.term: term for form, term in by_form.items()
            if len(form) >= 4 and _substitutions(word, form) == 1}
    return next(iter(near.values())) if len(near) == 1 else None


def _substitutions(a: str, b: str) -> int:
    """Glyphs misread in place: the Hamming distance of equal lengths; otherwise no near match."""
    return Hamming.distance(a, b) if len(a) == len(b) else max(len(a), len(b))


def _is_filter(text: str) -> bool:
    """A filter bar or legend lists many states ("전체 판매중 판매중지 승인반려"): not one status."""
    regex, by_form = _status_terms()
    return len({by_form[squeeze(m.group()).casefold()].term for m in regex.finditer(normalize(text))}) >= 3


def read_ids(text: str) -> list[str]:
    """Coupang ids in a cell, OCR look-alikes undone inside tokens that are mostly digits."""
    rules = _rules()["ids"]
    table = str.maketrans(look_alikes())
    lo, hi = rules["min_digits"], rules["max_digits"]
    ids = []
    for token in re.findall(r"[0-9A-Za-z|]+", normalize(text)):
        digits = sum(c.isdigit() for c in token)
        if digits < max(lo - 2, len(token) * 0.6):
            continue  # a word, or a label such as "ID": not an id with a few misread digits
        folded = token.translate(table)
        if folded.isdigit() and lo <= len(folded) <= hi:
            ids.append(folded)
    return ids


def _product_id(value: str) -> str | None:
    ids = read_ids(value)
    return ids[0] if ids else None


def _one_edit(a: str, b: str) -> bool:
    """At most one digit substituted, dropped or added (an OCR slip on one glyph)."""
    return Levenshtein.distance(a, b, score_cutoff=1) <= 1


# -- the product list --------------------------------------------------------------------


def caption_field(text: str, near: bool = False) -> str | None:
    """The field a column caption names: the longest known label it contains; with `near`, else
    the one label of four or more characters it contains with one syllable misread ("노줄상품")."""
    flat = squeeze(normalize(text)).casefold()
    for label, name in _captions():
        if label in flat and len(flat) <= len(label) + CAPTION_SLACK:
            return name
    if not near:
        return None
    found = {name for label, name in _captions()
             if len(label) >= 4 and len(flat) <= len(label) + CAPTION_SLACK
             and any(_substitutions(flat[i:i + len(label)], label) == 1 for i in range(len(flat) - len(label) + 1))}
    return found.pop() if len(found) == 1 else None


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
        return tidy_value(_trim_symbols(self.text(name)), self.ocr) if all(c.sure for c in cells) else None

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
        elif target and any(_one_edit(i, target) for i in self.doubted_ids):
            product_id = None  # the row is the case's, but what its id cell says is uncertain
        else:
            product_id = next(iter(sure_ids), None)
        return SellerCenterScreenshotFields(
            product_id=product_id,
            product_name=self.sure_text("product_name"),
            status=self._status(),
            reason=_a_reason(self.sure_text("reason")) or self._status_note(),
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
        regex, _ = _status_terms()
        rest = regex.sub(" ", self.text("status"))
        rest = re.sub(r"^[\s(（\[:：-]+|[\s)）\]]+$", "", rest)
        return tidy_value(rest, self.ocr) if re.search(r"\w{2,}", rest) else None


def _a_reason(text: str | None) -> str | None:
    """A reason cell's text, unless it is no reason: a status term alone (the status column's
    `판매증지` read into the reason's), or a run of the row's other cells with its ids."""
    if not text:
        return None
    if read_ids(text) or (wing_status(text) and len(squeeze(text)) <= 6):
        return None
    return text


def _trim_symbols(text: str) -> str:
    """Without stray marks at either end ("< 인증 정보"): a token of no letter or digit is no word."""
    tokens = text.split()
    while tokens and not any(ch.isalnum() for ch in tokens[0]):
        tokens.pop(0)
    while tokens and not any(ch.isalnum() for ch in tokens[-1]):
        tokens.pop()
    return " ".join(tokens)


def _page_rows(page: Page) -> list[Row]:
    """The page's product rows from its first reading that has any: its tables, else its layout."""
    for grid in grids(page):
        rows = _list_rows(grid)
        if rows:
            return rows
    return []


def _unique(rows: Iterable[Row]) -> list[Row]:
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
        near = [r for r in rows if any(_one_edit(i, target) for i in r.doubted_ids)]
        if len(near) == 1:
            return near[0]
    top = max(r.rank for r in rows)
    down = [r for r in rows if r.rank == top > 0]
    if len(down) == 1:
        return down[0]
    return rows[0] if len(rows) == 1 else None


# -- a list whose header was not read -----------------------------------------------------


def _target_line(pages: list[Page], target: str | None) -> SellerCenterScreenshotFields | None:
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
            statuses = [t for c in line if not _is_filter(c.text) and (t := wing_status(c.text))]
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


# -- the detail view ---------------------------------------------------------------------


def _detail_fields(pages: list[Page], target: str | None) -> SellerCenterScreenshotFields:
    ocr = any(p.source == "ocr" for p in pages)
    lines = [line for p in pages for line in layout_lines(p)]
    # A caption cell is written as its field's first label, so that an OCR'd "노 출 상 품 10"
    # (ID misread) is still the label of the value beside it.
    text = "\n".join(" | ".join(_as_label(c.text) for c in line) for line in lines)
    doubted = [c.text for line in lines for c in line if not c.sure]
    found = vocabulary().all_values(text)
    values = {name: [v for v in vs if not any(v in d for d in doubted)] for name, vs in found.items()}
    ids = [i for name in ID_FIELDS for v in values.get(name, []) for i in read_ids(v)]
    # A state is checked against the known terms, so a doubted reading of one still counts.
    statuses = [t for v in found.get("status", []) if not _is_filter(v) and (t := wing_status(v))]
    status = max(statuses, key=lambda t: t.rank, default=None)
    placed = _placed(pages, ocr)
    ids = [*placed.get("ids", []), *ids]
    status = placed.get("status") or status
    return SellerCenterScreenshotFields(
        product_id=target if target in ids else next(iter(ids), None),
        product_name=placed.get("product_name") or _first(values.get("product_name", []), ocr),
        status=status.term if status else None,
        reason=placed.get("reason") or _first(values.get("reason", []), ocr),
    )


def _placed(pages: list[Page], ocr: bool) -> dict:
    """The detail card's values paired with their captions by where they sit (a caption over its
    value, beside it, or after a colon): "Product Title" over "블루투스 키보드" is the name, not
    "Title". The flattened reading above fills in what the layout did not place."""
    found = candidates([layout_of(p) for p in pages if p.words], vocabulary(), _DETAIL_TYPES)
    ids = [i for name in ID_FIELDS for c in found.get(name, []) if c.score >= FLOOR for i in read_ids(c.value)]
    status = best(found, "status", lambda v: None if _is_filter(v) else wing_status(v))
    name = best(found, "product_name", lambda v: _first([v], ocr))
    reason = best(found, "reason", lambda v: _first([v], ocr) if _a_reason(v) else None)
    return {"ids": ids, "status": status and status[0], "product_name": name and name[0], "reason": reason and reason[0]}


def _caption_free_text(value: str) -> float:
    """A name or reason: text that is neither a caption nor a status term."""
    if caption_field(value) or (wing_status(value) and len(squeeze(value)) <= 8):
        return 0.0
    return text_score(value)


_DETAIL_TYPES = {
    "exposed_id": lambda v: 1.0 if read_ids(v) else 0.0,
    "registered_id": lambda v: 1.0 if read_ids(v) else 0.0,
    "status": lambda v: 1.0 if wing_status(v) else 0.0,
    "product_name": _caption_free_text,
    "reason": _caption_free_text,
}


def _as_label(text: str) -> str:
    name = caption_field(text)
    return _rules()["labels"][name][0] if name else text


def _first(values: list[str], ocr: bool) -> str | None:
    return next((v for v in (tidy_value(_trim_symbols(x), ocr) for x in values) if v), None)


# -- the account -------------------------------------------------------------------------


def _account_name(value: str) -> str | None:
    """The name in a value: vendor id, its brackets and top-bar words taken away."""
    text = _vendor_id().sub(" ", normalize(value))
    text = re.sub(r"[(（\[]\s*[)）\]]", " ", text)
    text = loose_regex(_rules()["account"]["noise"]).sub(" ", text)
    text = re.sub(r"\s*님\s*$", "", text.strip())  # "한빛무역 님": an honorific, never part of a name
    name = tidy_value(text, ocr=True)
    if not name or not re.search(r"[^\W\d_]{2,}", name) or caption_field(name):
        return None
    return name
