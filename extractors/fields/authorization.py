"""Brand authorization letter fields: grantor, grantee, brand, validity period and signature.

Letters come as forms ("위임인: …", "Licensee | …"), as running text ("당사 OOO(이하 '위임인')는
OOO(이하 '수임인')에게 …", "We, ABC Co., Ltd., hereby authorize XYZ Co., Ltd. to sell …",
"我司……授权……销售……品牌") and as both at once in two languages. A labelled value wins over
one read from a sentence; a name is cut to its company-shaped part when it has one. All words
are data (rules/authorization_fields.toml). The signature comes from the file itself
(`extractors.marks.binding`), not from the text: a printed "(인)" says where to look, not that it is signed.

This module finds the labels and assembles the fields; names and brands are parties.py,
periods are periods.py, the rule words authorization_rules.py. The names this module always
offered (party_name, company_names, brand_name, period, vocabulary, RULES) are re-exported from here.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from casefile.fields import AuthorizationLetterFields
from casefile.pages import ReadResult
from casefile.text import HANGUL
from extractors.fields.authorization_rules import BILINGUAL_SPLIT, RULES, rules, vocabulary
from extractors.fields.context import Extraction, FieldContext, Inferences
from extractors.fields.parties import (
    brand_name,
    company_names,
    defined_party,
    granting_party,
    party_name,
    prose_brand,
    signing_party,
)
from extractors.fields.periods import first_date, period, prose_period
from extractors.layout import candidates, layout_of
from extractors.layout.pairing import Picker
from extractors.layout.types import field_types
from extractors.marks.binding import signature_reading
from extractors.text.textmatch import LabelHit, join_spaced_syllables, loose_regex, normalize

__all__ = [
    "RULES",
    "brand_name",
    "company_names",
    "extract_authorization",
    "party_name",
    "period",
    "vocabulary",
]

# Layout: what may stand before a label at the start of its line ("1. ", "가) ", "• ", "| "), and
# what follows a label that is really one (":", a cell border, after an optional gloss "(Grantor)").
_LIST_MARK = re.compile(r"[\s\-·•*○□■▶|\d.)(（）가나다라마바사아자차카타파하]{0,6}")
_SEPARATED = re.compile(r"[ \t]*(?:[(（][^()（）\n]{0,40}[)）][ \t]*)?[:：|\t]")
# Running text: a line that ends a sentence or a field is not continued by the next one.
_LINE_END = re.compile(r"[.。!?！？:：다]$|[)）]$")
_LABEL_START = re.compile(r"^[^\s:：]{1,24}(?:\s[^\s:：]{1,24}){0,2}\s*[:：|]")


def extract_authorization(read: ReadResult, context: FieldContext) -> AuthorizationLetterFields:
    return read_authorization(read, context).fields


def read_authorization(read: ReadResult, context: FieldContext) -> Extraction:
    """The fields, and where each labelled one sat on the page."""
    pages = [p for p in read.pages if p.text.strip()]
    ocr = any(p.source == "ocr" for p in pages)
    pick = Picker(candidates([layout_of(p) for p in pages], vocabulary(), _types()))
    infer = Inferences()
    text = _colon_after_gloss("\n".join(normalize(p.text) for p in pages))
    flat = _flat(text, ocr)
    # Where the words have boxes, what sits under a label is the layout's to pair (it knows the
    # columns); the flattened text would take the next row's label and value for this one's value.
    boxed = bool(pages) and all(p.words for p in pages)
    hits = [h for h in vocabulary().hits(text) if _usable(h, text) and not (boxed and _from_below(h, text))]
    valid_from, valid_until = _placed_validity(pick) or _validity(hits, flat, infer)
    grantee = (_placed_name(pick, "grantee", ocr) or infer("grantee", "letter:text-label", _labelled_name(hits, "grantee", ocr))
               or infer("grantee", "letter:defined-term", defined_party(flat, "grantee"))
               or infer("grantee", "letter:sentence", granting_party(flat, "grantee")))
    grantor = (_placed_name(pick, "grantor", ocr) or infer("grantor", "letter:text-label", _labelled_name(hits, "grantor", ocr))
               or infer("grantor", "letter:defined-term", defined_party(flat, "grantor"))
               or infer("grantor", "letter:sentence", granting_party(flat, "grantor"))
               or infer("grantor", "letter:signing-party", signing_party(flat, grantee)))
    fields = AuthorizationLetterFields(
        grantor=grantor,
        grantee=grantee,
        brand=(pick.value("brand", lambda v: brand_name(v, ocr)) or infer("brand", "letter:text-label", _labelled_brand(hits, ocr))
               or infer("brand", "letter:sentence", prose_brand(flat))),
        valid_from=valid_from,
        valid_until=valid_until,
        signature=_signature(context, read, infer),
    )
    return Extraction(fields, pick.placed, infer.found)


def _signature(context, read, infer: Inferences):
    seen = signature_reading(context.source_path, read.media_type, read)
    return seen.kind if seen.sure else infer("signature", "letter:no-seal-in-grey", seen.kind)


# -- values placed beside or under their labels (the page's layout) -------------------------


@lru_cache(maxsize=1)
def _types():
    return field_types(rules()["types"])


def _placed_name(pick: Picker, field: str, ocr: bool) -> str | None:
    return pick.value(field, lambda v: party_name(BILINGUAL_SPLIT.split(v)[0], ocr))


def _placed_validity(pick: Picker) -> tuple[dt.date | None, dt.date | None] | None:
    """A labelled period, else a labelled start and end; None when neither is placed."""
    whole = pick.value("validity", lambda v: p if any(p := period(v, bare_is_end=True)) else None)
    if whole:
        start, end = whole
        if "validity" in pick.placed:  # the period's two dates are these two fields
            pick.placed.update({"valid_from": pick.placed["validity"], "valid_until": pick.placed["validity"]})
        return start, end
    start, end = pick.value("valid_from", first_date), pick.value("valid_until", first_date)
    return (start, end) if start or end else None


# -- labelled values in the text -------------------------------------------------------------


@lru_cache(maxsize=1)
def _glossed_label() -> re.Pattern[str]:
    labels = loose_regex(t for group in rules()["labels"].values() for t in group).pattern
    return re.compile(rf"^({_LIST_MARK.pattern}(?:{labels})[ \t]*[(（][^()（）\n]{{1,30}}[)）])[ \t]+(?=[^\s:：|])",
                      re.MULTILINE | re.IGNORECASE)


def _colon_after_gloss(text: str) -> str:
    """"위임인 (상표권자) 주식회사 다온리빙" is a label, a gloss and a value with the colon left out:
    put the colon back so the value is read as labelled."""
    return _glossed_label().sub(r"\1: ", text)


def _usable(hit: LabelHit, text: str) -> bool:
    """A label that starts its line (or cell), or one followed by `:` anywhere; a label word
    inside a sentence ("브랜드 제품을 …", "the owner of the trademark") is running text, and so is a
    Latin label with neither colon nor cell border after it ("Term of …")."""
    if not hit.value:
        return False
    line_start = text.rfind("\n", 0, hit.start) + 1
    starts_line = bool(_LIST_MARK.fullmatch(text[line_start:hit.start]))
    if _SEPARATED.match(text, hit.end):
        return True
    # A Chinese letter sets its labels off with "：" always: "1. 被授权方可在…销售" is a clause.
    return starts_line and (hit.explicit or bool(HANGUL.search(hit.label)))


def _from_below(hit: LabelHit, text: str) -> bool:
    """Whether the hit's value was taken from the line under its label."""
    line_end = text.find("\n", hit.end)
    return bool(hit.value) and hit.value not in text[hit.end:line_end if line_end >= 0 else len(text)]


def _ranked(hits: list[LabelHit], field: str, by_label: bool = True) -> list[LabelHit]:
    """Explicit values first; then by label priority, or in document order where the labels are
    synonyms in different languages (a bilingual letter names its parties first as printed first)."""
    rank = {re.sub(r"\s+", "", t).casefold(): i for i, t in enumerate(rules()["labels"][field])}
    found = [h for h in hits if h.field == field]

    def key(h: LabelHit) -> tuple:
        label_rank = rank.get(re.sub(r"\s+", "", h.label).casefold(), 99) if by_label else 0
        return not h.explicit, label_rank, h.start

    return sorted(found, key=key)


def _labelled_name(hits: list[LabelHit], field: str, ocr: bool) -> str | None:
    for hit in _ranked(hits, field, by_label=False):
        name = party_name(BILINGUAL_SPLIT.split(hit.value or "")[0], ocr)
        if name:
            return name
    return None


def _labelled_brand(hits: list[LabelHit], ocr: bool) -> str | None:
    for hit in _ranked(hits, "brand"):
        brand = brand_name(hit.value or "", ocr)
        if brand:
            return brand
    return None


# -- validity ------------------------------------------------------------------------------


def _validity(hits: list[LabelHit], flat: str, infer: Inferences) -> tuple[dt.date | None, dt.date | None]:
    """Labelled period first, then labelled start and end, then a period stated in a sentence."""
    start = end = None
    for hit in _ranked(hits, "validity"):
        start, end = period(hit.value or "", bare_is_end=True)
        if start or end:
            break
    if not (start or end):
        start = next((d for h in _ranked(hits, "valid_from") if (d := first_date(h.value))), None)
        end = next((d for h in _ranked(hits, "valid_until") if (d := first_date(h.value))), None)
    how = "letter:text-label"
    if not (start or end):
        (start, end), how = prose_period(flat), "letter:sentence-period"
    return infer("valid_from", how, start), infer("valid_until", how, end)


# -- text ----------------------------------------------------------------------------------


def _flat(text: str, ocr: bool) -> str:
    """Running text: a wrapped sentence joined into one line, OCR's syllable spacing undone.

    A line stays apart when the one before ends a sentence or a field, or when it starts a label.
    """
    out: list[str] = []
    for raw in text.splitlines():
        line = re.sub(r"[ \t]+", " ", join_spaced_syllables(raw) if ocr else raw).strip()
        if out and out[-1] and line and not _LINE_END.search(out[-1]) and not _LABEL_START.match(line):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return "\n".join(out)
