"""A Wing detail view: one product's captions beside, over or before their values."""

from __future__ import annotations

from casefile.fields import SellerCenterScreenshotFields
from casefile.pages import Page
from extractors.fields.screen_layout import layout_lines
from extractors.fields.wing_terms import (
    ID_FIELDS,
    a_reason,
    caption_field,
    first_value,
    is_filter,
    read_ids,
    rules,
    vocabulary,
    wing_status,
)
from extractors.layout import best, candidates, layout_of
from extractors.layout.pairing import FLOOR
from extractors.layout.types import text_score
from extractors.text.textmatch import squeeze


def detail_fields(pages: list[Page], target: str | None) -> SellerCenterScreenshotFields:
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
    statuses = [t for v in found.get("status", []) if not is_filter(v) and (t := wing_status(v))]
    status = max(statuses, key=lambda t: t.rank, default=None)
    placed = _placed(pages, ocr)
    ids = [*placed.get("ids", []), *ids]
    status = placed.get("status") or status
    return SellerCenterScreenshotFields(
        product_id=target if target in ids else next(iter(ids), None),
        product_name=placed.get("product_name") or first_value(values.get("product_name", []), ocr),
        status=status.term if status else None,
        reason=placed.get("reason") or first_value(values.get("reason", []), ocr),
    )


def _placed(pages: list[Page], ocr: bool) -> dict:
    """The detail card's values paired with their captions by where they sit (a caption over its
    value, beside it, or after a colon): "Product Title" over "블루투스 키보드" is the name, not
    "Title". The flattened reading above fills in what the layout did not place."""
    found = candidates([layout_of(_id_read_as_digits(p)) for p in pages if p.words], vocabulary(), _DETAIL_TYPES)
    ids = [i for name in ID_FIELDS for c in found.get(name, []) if c.score >= FLOOR for i in read_ids(c.value)]
    status = best(found, "status", lambda v: None if is_filter(v) else wing_status(v))
    name = best(found, "product_name", lambda v: first_value([v], ocr))
    reason = best(found, "reason", lambda v: first_value([v], ocr) if a_reason(v) else None)
    return {"ids": ids, "status": status and status[0], "product_name": name and name[0], "reason": reason and reason[0]}


#: What OCR prints for a small "ID" (look-alikes: I as 1 or l, D as 0): "상품 10 (노출)".
_ID_MISREAD = {"10", "1D", "lD", "I0", "l0", "1O", "IO"}


def _id_read_as_digits(page: Page) -> Page:
    """The page with an "ID" that OCR read as digits put back where it follows 상품/옵션 on its
    line, so the caption is known (a lone "10" after a caption word is no value anyone prints)."""
    words = list(page.words)
    changed = False
    for i in range(1, len(words)):
        before, word = words[i - 1], words[i]
        same_line = abs(word.top - before.top) < 0.5 * max(word.height, 1.0)
        if word.text in _ID_MISREAD and same_line and before.text.endswith(("상품", "옵션")):
            words[i] = word.model_copy(update={"text": "ID"})
            changed = True
    return page.model_copy(update={"words": words}) if changed else page


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
    return rules()["labels"][name][0] if name else text
