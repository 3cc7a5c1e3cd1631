"""Coupang Wing's words: captions, status terms, ids and the cleaning of a cell's value.

All of them are data (rules/wing_fields.toml); the list and detail readers (wing_rows.py,
wing_detail.py) and the account reader (screenshot.py) share them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz.distance import Hamming, Levenshtein

from extractors.rulefiles import label_vocabulary, look_alikes, rule_file
from extractors.text.textmatch import LabelVocabulary, loose_regex, normalize, squeeze, tidy_value

RULES = Path(__file__).parent.parent / "rules" / "wing_fields.toml"

ID_FIELDS = ("exposed_id", "registered_id")  # ranked: the URL's id is the 노출상품ID (CONTRACT.md)
KEY_FIELDS = frozenset({*ID_FIELDS, "product_name", "status", "reason"})
CAPTION_SLACK = 4  # characters a caption may carry beyond its label (OCR noise such as "10D" for "ID")


# -- rules -------------------------------------------------------------------------------


def rules() -> dict:
    return rule_file(RULES.name)


def vocabulary() -> LabelVocabulary:
    return label_vocabulary(RULES.name)


@lru_cache(maxsize=1)
def captions() -> list[tuple[str, str]]:
    """(squeezed label, field), longest first: a caption is the longest label it contains."""
    pairs = {(squeeze(t).casefold(), f) for f, terms in rules()["labels"].items() for t in terms}
    return sorted(pairs, key=lambda p: len(p[0]), reverse=True)


@dataclass(frozen=True)
class StatusTerm:
    term: str
    rank: int  # 2 판매중지, 1 승인반려, 0 a state no takedown leaves (rules/wing_fields.toml)


@lru_cache(maxsize=1)
def status_terms() -> tuple[re.Pattern[str], dict[str, StatusTerm]]:
    by_form: dict[str, StatusTerm] = {}
    for row in rules()["status"]:
        term = StatusTerm(row["term"], int(row["takedown"]))
        for form in [row["term"], *row.get("aliases", [])]:
            by_form[squeeze(form).casefold()] = term
    return loose_regex(by_form), by_form


@lru_cache(maxsize=1)
def vendor_id_pattern() -> re.Pattern[str]:
    return re.compile(rf"(?<![A-Za-z0-9]){rules()['ids']['vendor_id']}(?![0-9])")


@lru_cache(maxsize=1)
def company_marker() -> re.Pattern[str]:
    return loose_regex(rules()["account"]["company_markers"])


# -- status and ids ----------------------------------------------------------------------


def wing_status(text: str) -> StatusTerm | None:
    """The Wing status term a cell or value shows, however spaced; one misread syllable is
    forgiven in terms of four or more ("판 매 중 자" is 판매중지). A takedown term wins over a
    second state in the same cell ("판매중지 (승인완료)")."""
    regex, by_form = status_terms()
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
            if len(form) >= 4 and substitutions(word, form) == 1}
    return next(iter(near.values())) if len(near) == 1 else None


def substitutions(a: str, b: str) -> int:
    """Glyphs misread in place: the Hamming distance of equal lengths; otherwise no near match."""
    return Hamming.distance(a, b) if len(a) == len(b) else max(len(a), len(b))


def is_filter(text: str) -> bool:
    """A filter bar or legend lists many states ("전체 판매중 판매중지 승인반려"): not one status."""
    regex, by_form = status_terms()
    return len({by_form[squeeze(m.group()).casefold()].term for m in regex.finditer(normalize(text))}) >= 3


def read_ids(text: str) -> list[str]:
    """Coupang ids in a cell, OCR look-alikes undone inside tokens that are mostly digits."""
    ids = rules()["ids"]
    table = str.maketrans(look_alikes())
    lo, hi = ids["min_digits"], ids["max_digits"]
    ids = []
    for token in re.findall(r"[0-9A-Za-z|]+", normalize(text)):
        digits = sum(c.isdigit() for c in token)
        if digits < max(lo - 2, len(token) * 0.6):
            continue  # a word, or a label such as "ID": not an id with a few misread digits
        folded = token.translate(table)
        if folded.isdigit() and lo <= len(folded) <= hi:
            ids.append(folded)
    return ids


def product_id_of(value: str) -> str | None:
    ids = read_ids(value)
    return ids[0] if ids else None


def one_edit(a: str, b: str) -> bool:
    """At most one digit substituted, dropped or added (an OCR slip on one glyph)."""
    return Levenshtein.distance(a, b, score_cutoff=1) <= 1


# -- captions and cell values ----------------------------------------------------------


def caption_field(text: str, near: bool = False) -> str | None:
    """The field a column caption names: the longest known label it contains; with `near`, else
    the one label of four or more characters it contains with one syllable misread ("노줄상품")."""
    flat = squeeze(normalize(text)).casefold()
    for label, name in captions():
        if label in flat and len(flat) <= len(label) + CAPTION_SLACK:
            return name
    if not near:
        return None
    found = {name for label, name in captions()
             if len(label) >= 4 and len(flat) <= len(label) + CAPTION_SLACK
             and any(substitutions(flat[i:i + len(label)], label) == 1 for i in range(len(flat) - len(label) + 1))}
    return found.pop() if len(found) == 1 else None


def a_reason(text: str | None) -> str | None:
    """A reason cell's text, unless it is no reason: a status term alone (the status column's
    `판매증지` read into the reason's), or a run of the row's other cells with its ids."""
    if not text:
        return None
    if read_ids(text) or (wing_status(text) and len(squeeze(text)) <= 6):
        return None
    return text


def trim_symbols(text: str) -> str:
    """Without stray marks at either end ("< 인증 정보"): a token of no letter or digit is no word."""
    tokens = text.split()
    while tokens and not any(ch.isalnum() for ch in tokens[0]):
        tokens.pop(0)
    while tokens and not any(ch.isalnum() for ch in tokens[-1]):
        tokens.pop()
    return " ".join(tokens)


def first_value(values: list[str], ocr: bool) -> str | None:
    return next((v for v in (tidy_value(trim_symbols(x), ocr) for x in values) if v), None)
