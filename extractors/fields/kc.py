"""KC certificate fields: number, scheme, product, model, manufacturer, issuer and dates.

Each label is paired with its value from the page's layout (extractors/layout): inline, the cell to
its right or the cell below, the value checked for its field's type. Labels, types and scheme wording
are data (rules/kc_fields.toml); number shapes come from casefile/rules/kc_numbers.toml (the
validators' too) through `extractors.text.nlp`. A field that is not printed, or not read surely enough, stays None.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz

from casefile.codes import Scheme
from casefile.fields import KcCertificateFields
from casefile.layout import Layout
from casefile.pages import Page
from extractors.fields.context import Extraction, Inferences
from extractors.layout import candidates, layout_of
from extractors.layout.pairing import Picker
from extractors.layout.types import field_types
from extractors.rulefiles import label_vocabulary, rule_file
from extractors.text.dates import find_dates, parse_date
from extractors.text.issuers import find_issuer, normalise_issuer
from extractors.text.nlp import find_cert_numbers, fits_shape, repair_certificate_number
from extractors.text.textmatch import (
    LabelVocabulary,
    compact,
    loose_pattern,
    loose_regex,
    normalize,
    squeeze,
    tidy_value,
)

RULES = Path(__file__).parent.parent / "rules" / "kc_fields.toml"

_TITLE_LINES = 5


def extract_kc(pages: list[Page]) -> KcCertificateFields:
    return read_kc(pages).fields


def read_kc(pages: list[Page]) -> Extraction:
    """The fields, and where each labelled one sat on the page."""
    read = [p for p in pages if p.text.strip()]
    if not read:
        return Extraction(KcCertificateFields())
    layouts = [layout_of(p) for p in read]
    pick = Picker(candidates(layouts, vocabulary(), _types()))
    infer = Inferences()
    text = "\n".join(normalize(p.text) for p in read)
    ocr = any(p.source == "ocr" for p in read)
    scheme = detect_scheme(text, [c.value for c in pick.found.get("scheme", [])])
    number = None if scheme is Scheme.supplier_conformity else _certificate_number(pick, layouts, infer)
    if scheme is None and number is not None and fits_shape(number) == "radio":
        scheme = Scheme.radio_conformity
    fields = KcCertificateFields(
        certificate_number=number,
        scheme=scheme,
        product_name=pick.value("product_name", lambda v: tidy_value(v, ocr)),
        model_name=(pick.value("model_name", lambda v: _main_model(v, ocr))
                    or infer("model_name", "kc:prose", _prose_value(text, "model_name"))),
        manufacturer=pick.value("manufacturer", lambda v: tidy_value(v, ocr)),
        issuer=(pick.value("issuer", lambda v: _issuer(v, ocr)) or infer("issuer", "kc:known-issuer", find_issuer(text))
                or infer("issuer", "kc:test-lab", pick.value("test_lab", lambda v: _issuer(v, ocr)))),
        issue_date=pick.value("issue_date", parse_date) or infer("issue_date", "kc:dateline", _dateline(read[0].text)),
        expiry_date=(pick.value("expiry_date", _expiry)
                     or infer("expiry_date", "kc:validity-range", _validity_range(read))),
    )
    return Extraction(fields, pick.placed, infer.found)


# -- reading labels ----------------------------------------------------------------------


def _rules() -> dict:
    return rule_file(RULES.name)


def vocabulary() -> LabelVocabulary:
    return label_vocabulary(RULES.name)


@lru_cache(maxsize=1)
def _types():
    return field_types(_rules()["types"])


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


def _certificate_number(pick: Picker, layouts: list[Layout], infer: Inferences) -> str | None:
    """From a labelled value first; else the one number of a known shape the pages hold (two
    different ones, a certificate and a test report say, and neither is taken)."""
    labelled = pick.value("certificate_number", read_certificate_number)
    if labelled is not None:
        return labelled
    numbers = {m.number for layout in layouts for region in layout.regions if region.kind != "table"
               for line in region.lines for m in find_cert_numbers(line.text)}
    return infer("certificate_number", "kc:one-number", numbers.pop() if len(numbers) == 1 else None)


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


def _validity_range(read: list[Page]) -> dt.date | None:
    """The end of a printed period when its label was not read (an OCR-garbled 유효기간).

    Only a period whose line says nothing else, or whose words before it resemble a validity label:
    certificates print other periods too (시험기간, "시험종료일 2021. 10. 11. ~ 2021. 10. 18."), and
    a test period's end is no expiry.
    """
    for page in read:
        for line in normalize(page.text).splitlines():
            dates = find_dates(line)
            ends = [second for first, second in zip(dates, dates[1:])
                    if _RANGE_JOIN.match(line[first.end:second.start]) and second.date > first.date]
            # The start of the period may be unreadable; "… ~ 2026. 5. 9." still ends it.
            ends += [found for found in dates if re.search(r"[~〜∼]\s*$", line[:found.start])]
            if ends and dates and _may_be_validity(line[:dates[0].start]):
                return ends[0].date
    return None


def _may_be_validity(caption: str) -> bool:
    """Nothing readable before the period (marks, or Latin specks where OCR lost a Hangul label:
    "Co wade »"), or Korean or Chinese words close to a validity label (`유 효 기 긴`)."""
    flat = "".join(re.findall(r"[\uac00-\ud7a3\u4e00-\u9fff]", caption))
    if not flat:
        return True
    labels = [squeeze(t).casefold() for t in vocabulary().labels["expiry_date"]]
    return max(fuzz.ratio(flat, label) for label in labels) >= 70


def _dateline(text: str) -> dt.date | None:
    """The date a certificate is signed on: the last line that holds nothing but a date."""
    for line in reversed(text.splitlines()):
        dates = find_dates(line)
        if len(dates) == 1 and not squeeze(line.replace(dates[0].text, "")).strip(".,"):
            return dates[0].date
    return None
