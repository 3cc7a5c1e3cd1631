"""KC certificate fields: number, scheme, product, model, manufacturer, issuer and dates.

Labels and scheme wording are data (rules/kc_fields.toml); number shapes come from
rules/kc_patterns.toml through `extractors.nlp`. A field that is not printed stays None.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from casefile.codes import Scheme
from casefile.fields import KcCertificateFields
from casefile.pages import Page
from extractors.dates import find_dates, parse_date
from extractors.issuers import find_issuer, normalise_issuer
from extractors.nlp import cert_shapes, find_cert_numbers, fits_shape
from extractors.rulefiles import label_vocabulary, rule_file
from extractors.tables import row_lines
from extractors.textmatch import (
    LabelVocabulary,
    compact,
    loose_pattern,
    loose_regex,
    normalize,
    squeeze,
    tidy_value,
)

RULES = Path(__file__).parent.parent / "rules" / "kc_fields.toml"
T = TypeVar("T")

# OCR look-alikes, applied only inside a number's digit or letter groups (kc_patterns.toml).
_TO_DIGIT = str.maketrans("OQDILZSBG", "000112586")
_TO_LETTER = str.maketrans("012586", "OIZSBG")
_LOOSE_DIGIT = "[0-9OQDILZSBG]"
_LOOSE_LETTER = "[A-Z0-9]"
_TITLE_LINES = 5


@dataclass
class _PageLabels:
    text: str
    ocr: bool
    values: dict[str, list[str]] = field(default_factory=dict)


def extract_kc(pages: list[Page]) -> KcCertificateFields:
    read = [_labels(p) for p in pages if p.text.strip()]
    if not read:
        return KcCertificateFields()
    text = "\n".join(r.text for r in read)
    scheme = detect_scheme(text, _values(read, "scheme"))
    number = None if scheme is Scheme.supplier_conformity else _certificate_number(read)
    if scheme is None and number is not None and fits_shape(number) == "radio":
        scheme = Scheme.radio_conformity
    return KcCertificateFields(
        certificate_number=number,
        scheme=scheme,
        product_name=_first(read, "product_name", tidy_value),
        model_name=_first(read, "model_name", _main_model) or _prose_value(text, "model_name"),
        manufacturer=_first(read, "manufacturer", tidy_value),
        issuer=_first(read, "issuer", _issuer) or find_issuer(text) or _first(read, "test_lab", _issuer),
        issue_date=_first(read, "issue_date", lambda v, _: parse_date(v)) or _dateline(read[0].text),
        expiry_date=_first(read, "expiry_date", lambda v, _: _expiry(v)) or _validity_range(read),
    )


# -- reading labels ----------------------------------------------------------------------


def _rules() -> dict:
    return rule_file(RULES.name)


def vocabulary() -> LabelVocabulary:
    return label_vocabulary(RULES.name)


def _labels(page: Page) -> _PageLabels:
    text = normalize(page.text)
    # The table rows come first: where the flowing text split a wrapped cell over lines
    # ("Foshan Shunde" / "Bolang Electric" / "Co., Ltd."), the row keeps the cell whole.
    labelled = normalize("\n".join(row_lines(page.tables))) + "\n" + text if page.tables else text
    return _PageLabels(text, page.source == "ocr", vocabulary().all_values(labelled))


def _values(read: list[_PageLabels], name: str) -> list[str]:
    return [v for r in read for v in r.values.get(name, [])]


def _first(read: list[_PageLabels], name: str, parse: Callable[[str, bool], T | None]) -> T | None:
    """The first value of a field, over the pages in order, that parses."""
    for page in read:
        for value in page.values.get(name, []):
            parsed = parse(value, page.ocr)
            if parsed is not None:
                return parsed
    return None


# -- scheme ------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _scheme_terms() -> tuple[re.Pattern[str], dict[str, tuple[Scheme, int]]]:
    weights = {
        squeeze(t["term"]).casefold(): (Scheme(row["scheme"]), int(t["weight"]))
        for row in _rules()["scheme"]
        for t in row["terms"]
    }
    return loose_regex(t["term"] for row in _rules()["scheme"] for t in row["terms"]), weights


def detect_scheme(text: str, scheme_values: list[str] | None = None) -> Scheme | None:
    """The scheme the certificate names: in its 인증구분 field, else its title, else its body."""
    title = "\n".join([line for line in text.splitlines() if line.strip()][:_TITLE_LINES])
    for region in [*(scheme_values or []), title, text]:
        scheme = _strongest_scheme(region)
        if scheme is not None:
            return scheme
    return None


def _strongest_scheme(text: str) -> Scheme | None:
    regex, weights = _scheme_terms()
    scores: dict[Scheme, int] = {}
    first_seen: dict[Scheme, int] = {}
    for m in regex.finditer(text):
        scheme, weight = weights[squeeze(m.group()).casefold()]
        scores[scheme] = scores.get(scheme, 0) + weight
        first_seen.setdefault(scheme, m.start())
    if not scores:
        return None
    return max(scores, key=lambda s: (scores[s], -first_seen[s]))


# -- certificate number ------------------------------------------------------------------


def _certificate_number(read: list[_PageLabels]) -> str | None:
    """From a labelled value first; else any number on the page that fits a known shape."""
    labelled = _first(read, "certificate_number", lambda v, _: read_certificate_number(v))
    if labelled is not None:
        return labelled
    for page in read:
        for mention in find_cert_numbers(page.text):
            return mention.number
    return None


def read_certificate_number(value: str) -> str | None:
    """The number in a labelled value: upper case, no spaces, hyphens kept.

    A number that fits a known shape is taken as is; one that fits only after undoing OCR
    look-alikes (O for 0 in a digit group) is repaired; anything else ID-like is kept as
    printed, for the validators to judge.
    """
    mentions = find_cert_numbers(value)
    if mentions:
        return mentions[0].number
    flat = compact(normalize(value).upper()).text
    run = re.match(r"[A-Z0-9][A-Z0-9_-]*", flat)
    if not run:
        return None
    printed = run.group().rstrip("-_")
    repaired = repair_certificate_number(printed)
    if repaired is not None:
        return repaired
    return printed if len(printed) >= 4 and re.search(r"\d", printed) else None


def repair_certificate_number(number: str) -> str | None:
    """`number` with OCR look-alikes fixed inside its digit/letter groups, if it then fits a shape."""
    for shape in cert_shapes():
        if "(?P<" not in shape.regex.pattern:
            continue
        # An optional group ("[A-Z]?") stays strict: a sixth digit is not a misread letter.
        loose = re.sub(r"\[A-Z\](?!\?)", _LOOSE_LETTER, shape.regex.pattern.replace(r"\d", _LOOSE_DIGIT))
        m = re.match(loose, number)
        if not m:
            continue
        chars = list(number)
        for group, text in m.groupdict().items():
            if not text:
                continue
            table = _TO_DIGIT if group.startswith("d") else _TO_LETTER
            start = m.start(group)
            chars[start:start + len(text)] = text.translate(table)
        repaired = "".join(chars)
        if shape.regex.match(repaired):
            return repaired
    return None


# -- other fields ------------------------------------------------------------------------

_MODEL_SPLIT = re.compile(r"\s*[,;、，]\s*")
_MAIN_TAG = re.compile(r"기본|대표|basic|main", re.IGNORECASE)
_MODEL_NOTE = re.compile(r"\s*[(（\[][^)）\]]*[)）\]]\s*$")
_MODEL_MORE = re.compile(r"\s+(?:외|등)\s*\d*\s*(?:종|개|건)?\s*$")


def _main_model(value: str, ocr: bool) -> str | None:
    """The basic model of a model list ("HB-H200(기본), HB-H201" -> "HB-H200")."""
    items = [i for i in _MODEL_SPLIT.split(value) if i.strip()]
    if not items:
        return None
    main = next((i for i in items if _MAIN_TAG.search(i)), items[0])
    main = _MODEL_MORE.sub("", _MODEL_NOTE.sub("", main))
    main = re.sub(r"^\s*(?:기본|대표)\s*(?:모델)?\s*[:：]?\s*", "", main)
    return tidy_value(main, ocr)


@lru_cache(maxsize=8)
def _prose_pattern(field_name: str) -> re.Pattern[str]:
    labels = sorted(_rules()["labels"][field_name], key=len, reverse=True)
    label = "|".join(loose_pattern(lab) for lab in labels)
    # "모델명은 HB-200W이며", "모델명은 「HB-200W」입니다": a Latin code between a topic particle
    # and a copula. Only Latin codes: a Korean value has no reliable end in running text.
    return re.compile(rf"(?:{label})\s*(?:은|는)\s*[「『\"'“]?\s*(?P<v>[A-Za-z0-9][A-Za-z0-9._/\-]*)\s*"
                      rf"[」』\"'”]?\s*(?:이며|이고|입니다|이다|임|으로|로|,|\.)", re.IGNORECASE)


def _prose_value(text: str, field_name: str) -> str | None:
    """A field stated in a sentence rather than a form (prose certificates of 국립전파연구원)."""
    match = _prose_pattern(field_name).search(text)
    return match.group("v") if match else None


def _issuer(value: str, ocr: bool) -> str | None:
    printed = tidy_value(value, ocr)
    if printed is None:
        return None
    return normalise_issuer(printed) or printed


def _expiry(value: str) -> dt.date | None:
    """The end of a validity range; a lone date that only starts a range is no expiry."""
    dates = find_dates(value)
    if not dates:
        return None
    if len(dates) >= 2:
        return dates[-1].date
    after = value[dates[0].end:]
    if re.match(r"^\s*(?:부터|~|from\b)", after, re.IGNORECASE) and not re.search(r"\d", after):
        return None
    return dates[0].date


# Two dates joined as a period: "2023. 5. 10. ~ 2026. 5. 9.", "… 부터 … 까지", "… to …".
_RANGE_JOIN = re.compile(r"^\s*(?:~|〜|∼|-|–|부터|from|to|至)\s*(?:~|까지|to)?\s*$", re.IGNORECASE)


def _validity_range(read: list[_PageLabels]) -> dt.date | None:
    """The end of a printed period when its label was not read (an OCR-garbled 유효기간).

    Certificates print one period, their validity; its end is the expiry.
    """
    for page in read:
        for line in page.text.splitlines():
            dates = find_dates(line)
            for first, second in zip(dates, dates[1:]):
                if _RANGE_JOIN.match(line[first.end:second.start]) and second.date > first.date:
                    return second.date
            # The start of the period may be unreadable; "… ~ 2026. 5. 9." still ends it.
            for found in dates:
                if re.search(r"[~〜∼]\s*$", line[:found.start]):
                    return found.date
    return None


def _dateline(text: str) -> dt.date | None:
    """The date a certificate is signed on: the last line that holds nothing but a date."""
    for line in reversed(text.splitlines()):
        dates = find_dates(line)
        if len(dates) == 1 and not squeeze(line.replace(dates[0].text, "")).strip(".,"):
            return dates[0].date
    return None
