"""Coupang Wing screens: the product that matters, its status and why, and the seller's account.

Two layouts: a product list (wing_rows.py) and a detail view (wing_detail.py); their words are
wing_terms.py, all data (rules/wing_fields.toml). This module picks the layout a screen has and
reads the account the screen belongs to.
"""

from __future__ import annotations

import re

from casefile.fields import SellerCenterScreenshotFields
from casefile.pages import ReadResult
from extractors.fields.context import FieldContext
from extractors.fields.screen_layout import layout_lines
from extractors.fields.wing_detail import detail_fields
from extractors.fields.wing_rows import choose_row, page_rows, target_line, unique_rows
from extractors.fields.wing_terms import (
    caption_field,
    company_marker,
    product_id_of,
    read_ids,
    rules,
    vendor_id_pattern,
    vocabulary,
    wing_status,
)
from extractors.text.textmatch import loose_regex, normalize, tidy_value

__all__ = ["caption_field", "choose_row", "extract_screenshot", "read_ids", "seller_account", "vocabulary", "wing_status"]


def extract_screenshot(read: ReadResult, context: FieldContext) -> SellerCenterScreenshotFields:
    pages = [p for p in read.pages if p.text.strip() or p.words or p.tables]
    target = product_id_of(context.product_id or "")
    rows = unique_rows(row for page in pages for row in page_rows(page))
    if rows:
        row = choose_row(rows, target)
        return row.fields(target) if row else SellerCenterScreenshotFields()
    return target_line(pages, target) or detail_fields(pages, target)


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
            if vendor_id_pattern().search(cell.text):
                # The id alone in its cell: the name is the cell before it ("한빛무역 | (A00123456)").
                name = _account_name(cell.text) or (_account_name(line[k - 1].text) if k else None)
                if name:
                    return name
    cells = [c for line in lines for c in line]
    marked = next((c for c in cells if company_marker().search(c.text)), None)
    return _account_name(marked.text) if marked else None


# -- the account -------------------------------------------------------------------------


def _account_name(value: str) -> str | None:
    """The name in a value: vendor id, its brackets and top-bar words taken away."""
    text = vendor_id_pattern().sub(" ", normalize(value))
    text = re.sub(r"[(（\[]\s*[)）\]]", " ", text)
    text = loose_regex(rules()["account"]["noise"]).sub(" ", text)
    text = re.sub(r"\s*님\s*$", "", text.strip())  # "한빛무역 님": an honorific, never part of a name
    name = tidy_value(text, ocr=True)
    if not name or not re.search(r"[^\W\d_]{2,}", name) or caption_field(name):
        return None
    return name
