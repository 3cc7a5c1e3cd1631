"""How well a candidate value has its field's type, 0..1 (0: not a value of this field at all).

A label's neighbour is only its value if it looks like one: the issue date is a date that parses,
a certificate number has a known shape (or at least an ID's), a model is a code, a manufacturer a
name. Which type each field has is data (`[types]` of each kind's rule file).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from casefile.text import HANGUL
from extractors.layout.pairing import TypeScore
from extractors.text.dates import find_dates, parse_date
from extractors.text.nlp import find_cert_numbers, repair_certificate_number
from extractors.text.textmatch import normalize, squeeze

_LATIN = re.compile(r"[A-Za-z]")
_DIGIT = re.compile(r"\d")
_ID = re.compile(r"^[A-Z0-9][A-Z0-9_\-/.]{3,}$")
_COMPANY = re.compile(
    r"\(주\)|㈜|주식회사|유한회사|\(유\)|합자회사|co\.?,?\s*ltd|company|corp|inc\b|limited|llc|gmbh|s\.a\.|"
    r"有限公司|公司|集团|工厂|厂|전자|산업|테크|무역|상사|코리아|industr|electr|technolog|trading|factory|group",
    re.IGNORECASE)
_LEGAL_FORM = re.compile(r"\(주\)|㈜|주식회사|유한회사|\(유\)|co\.?,?|ltd\.?|inc\.?|corp\.?|limited|有限公司|公司|[:：.,()]",
                         re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?:니다|습니다|함|음)\.?\s*$")


def text_score(value: str) -> float:
    """Free text (a product name): letters, not a date alone, not a sentence of boilerplate."""
    flat = squeeze(value)
    if len(flat) < 2 or not re.search(r"[A-Za-z\uac00-\ud7a3\u4e00-\u9fff]", flat) or len(flat) > 120:
        return 0.0
    if _only_a_date(value) or _SENTENCE_END.search(value) or _STATUTE.fullmatch(value.strip()):
        return 0.0
    return 0.8


# A statute's title as Korean documents quote it ("「어린이제품 안전 특별법」"): a certificate's
# legal basis, never a product's or a company's name.
_STATUTE = re.compile(r"[「『][^」』]{2,60}(?:법|령|규칙|고시)[^」』]{0,12}[」』](?:\s*(?:시행령|시행규칙|제\s*\d+\s*조.*))?")


text_score.wraps = True  # type: ignore[attr-defined]


def company_score(value: str) -> float:
    base = text_score(value)
    if base == 0 or not _LEGAL_FORM.sub("", squeeze(value)):
        return 0.0  # a legal form alone ("주식회사", "Co., Ltd.") names nobody
    return 1.0 if _COMPANY.search(value) else 0.7


company_score.wraps = True  # type: ignore[attr-defined]


def date_score(value: str) -> float:
    return 1.0 if parse_date(value) is not None or find_dates(value) else 0.0


def cert_number_score(value: str) -> float:
    if find_cert_numbers(value):
        return 1.0
    flat = squeeze(normalize(value)).upper()
    if not (_ID.match(flat) and _DIGIT.search(flat)):
        return 0.0
    return 0.9 if repair_certificate_number(flat) else 0.6  # a known shape once O is read as 0


def model_score(value: str) -> float:
    """A model is a code: it carries a digit (HB-H200, WOODEN TOY-MB22), or at least reads as a
    code in capitals (PRO-MAX). Words in lower case (`시험·인증기관 Certifier`, a bilingual caption) or
    a Korean phrase alone are rarely one."""
    flat = squeeze(value)
    if not flat or len(flat) > 60 or _only_a_date(value):
        return 0.0
    if _DIGIT.search(flat) and (_LATIN.search(flat) or re.search(r"[-_/]", flat) or flat.isdigit()):
        return 1.0 if len(value.split()) <= 4 else 0.6
    if re.search(r"\b[A-Z][A-Z0-9\-_/]{1,}\b", value) and not re.search(r"\b[A-Z]?[a-z]{3,}", value):
        return 0.7
    return 0.4 if HANGUL.search(flat) and len(flat) <= 12 and not _LATIN.search(flat) else 0.0


def id_score(value: str) -> float:
    """A platform id: digits, maybe with a letter prefix."""
    return 1.0 if re.fullmatch(r"[A-Z]{0,2}\d{5,}", squeeze(value).upper()) else 0.0


def _only_a_date(value: str) -> bool:
    dates = find_dates(value)
    return bool(dates) and not squeeze(value.replace(dates[0].text, "")).strip(".,~-()")


TYPES: Mapping[str, TypeScore] = {
    "text": text_score, "company": company_score, "date": date_score, "cert_number": cert_number_score,
    "model": model_score, "id": id_score,
}


def field_types(declared: Mapping[str, str]) -> dict[str, Callable[[str], float]]:
    """A rule file's `[types]` (field -> type name) as scoring functions; an unknown name is an error
    at load, not a silent free-text field."""
    unknown = {name for name in declared.values() if name not in TYPES}
    if unknown:
        raise ValueError(f"unknown field types {sorted(unknown)}; known: {sorted(TYPES)}")
    return {field: TYPES[name] for field, name in declared.items()}
