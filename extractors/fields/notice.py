"""Coupang notice fields: product id, the stated reason and its code, notice date, deadline.

A labelled value is read from the page's layout (extractors/layout: the value beside or under its
label, scored by its type); what a notice says in prose (a reason sentence, "… 까지", a product URL)
is read from its text when no label gave it. Labels and cue words are data
(rules/notice_fields.toml), reason wording too (rules/reasons.toml). A deadline is only ever a date
the notice prints as one; the default "notice date + 7 days" is the validators' rule, not a fact
read here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from email.utils import parsedate_to_datetime
from functools import cache, lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from casefile.codes import ReasonCode
from casefile.fields import NoticeEmailFields
from casefile.layout import Layout
from casefile.pages import Page
from extractors.fields.context import Extraction, Inferences
from extractors.layout.build import layout_of
from extractors.layout.pairing import Picker, candidates
from extractors.layout.types import field_types
from extractors.rulefiles import rule_file
from extractors.text.dates import find_dates, parse_date
from extractors.text.textmatch import LabelVocabulary, loose_regex, normalize, squeeze, tidy_value

RULES = Path(__file__).parent.parent / "rules"
SEOUL = ZoneInfo("Asia/Seoul")
_PRODUCT_ID = re.compile(r"(?<!\d)\d{6,12}(?!\d)")
_PRODUCT_URL = re.compile(r"coupang\.com/vp/products/(\d{6,12})(?!\d)", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?。])\s+|\n+")
_HEADER_LINE = re.compile(r"^(?:From|To|Cc|Subject|Date|Sent|보낸 사람|받는 사람|제목):.*$", re.MULTILINE | re.IGNORECASE)
_LIST_MARK = re.compile(r"^(?:\(?\d{1,2}[.)]|[①-⑳]|[-•·*▶■□○●◆])\s*")
# A caption at the start of a line: up to 20 characters without a digit, then a separator.
_CAPTION = re.compile(r"^([^\d:：\n]{1,20}?)\s*(?:[:：]|\s[-–—]\s)\s*")
_ENDS_SENTENCE = re.compile(r"[.!?。:：다요]$")
_WRAP_WIDTH = 60  # plain-text mail wraps at 72-78 columns; a shorter line ended on purpose
# Between a date and its cue: a weekday "(금)" / "(Fri)" and a time "23:59" / "오후 6시".
_DATE_TAIL = r"[ \t]*(?:[(（][^)）\n]{1,5}[)）])?[ \t]*(?:(?:오전|오후|AM|PM)?[ \t]*\d{1,2}(?::\d{2}){1,2}|(?:오전|오후)?[ \t]*\d{1,2}[ \t]*시(?:[ \t]*\d{1,2}[ \t]*분)?)?[ \t]*(?:[AP]M)?[ \t]*"


def read_notice(pages: list[Page], headers: dict[str, str]) -> Extraction:
    """The fields, and where each labelled one sat on the page."""
    read = [p for p in pages if p.text.strip()]
    text = "\n".join(normalize(p.text) for p in read)
    ocr = any(p.source == "ocr" for p in read)
    layouts = [layout_of(p) for p in read]
    pick = Picker(candidates(layouts, vocabulary(), _types()))
    infer = Inferences()
    reason = pick.value("reason", lambda v: _stated_reason(v, ocr)) or _reason(text, ocr, infer, layouts)
    fields = NoticeEmailFields(
        product_id=pick.value("product_id", _an_id) or _product_id(text, infer),
        reason=reason,
        reason_code=_reason_code(reason, text),
        notice_date=(pick.value("notice_date", parse_date) or _notice_date(text, infer)
                     or infer("notice_date", "notice:mail-date", header_date(headers))),
        deadline=pick.value("deadline", parse_date) or _deadline(text, infer),
    )
    return Extraction(fields, pick.placed, infer.found)


def extract_notice(pages: list[Page], headers: dict[str, str]) -> NoticeEmailFields:
    return read_notice(pages, headers).fields


@lru_cache(maxsize=1)
def _rules() -> dict:
    return rule_file("notice_fields.toml")


@lru_cache(maxsize=1)
def vocabulary() -> LabelVocabulary:
    return LabelVocabulary(_rules()["labels"])


@lru_cache(maxsize=1)
def _types():
    return field_types(_rules()["types"])


@cache
def _cue(name: str) -> re.Pattern[str]:
    return loose_regex(_rules()["cues"][name])


# -- product id --------------------------------------------------------------------------


def _an_id(value: str) -> str | None:
    m = _PRODUCT_ID.search(value) or _PRODUCT_ID.match(squeeze(value))
    return m.group() if m else None


def _product_id(text: str, infer: Inferences) -> str | None:
    for value in vocabulary().values(text, "product_id"):
        m = _PRODUCT_ID.search(value) or _PRODUCT_ID.match(squeeze(value))
        if m:
            return infer("product_id", "notice:text-label", m.group())
    url = _PRODUCT_URL.search(squeeze(text))
    if url:
        return infer("product_id", "notice:product-url", url.group(1))
    return infer("product_id", "notice:id-cue", _cued_id(text))


def _cued_id(text: str) -> str | None:
    """The one id that follows a product word on its line ("판매중지 상품 7141452325"); none when two
    different ones do (a notice about several products names none of them for us)."""
    cue = _cue("product_id_before").pattern
    found = {m.group(1) for m in re.finditer(rf"(?:{cue})[^\d\n]{{0,20}}?(?<!\d)(\d{{8,12}})(?![\d\-./])", text,
                                             re.IGNORECASE)}
    return found.pop() if len(found) == 1 else None


# -- reason ------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _reason_terms() -> tuple[re.Pattern[str], dict[str, tuple[ReasonCode, int]]]:
    rows = rule_file("reasons.toml")["reason"]
    weights = {squeeze(t["term"]).casefold(): (ReasonCode(r["code"]), int(t["weight"])) for r in rows for t in r["terms"]}
    return loose_regex(t["term"] for r in rows for t in r["terms"]), weights


def _stated_reason(value: str, ocr: bool) -> str | None:
    """A labelled reason, its list marker or caption left over ("1) 원인 - …") taken off."""
    return tidy_value(_uncaptioned(value), ocr) or None


def _reason(text: str, ocr: bool, infer: Inferences, layouts: list[Layout] | None = None) -> str | None:
    """The stated cause: a labelled "사유: …", else the first sentence naming a known cause."""
    body = _HEADER_LINE.sub("", text)  # email readers put From/To/Subject/Date lines first
    for hit in vocabulary().hits(body):
        if hit.field == "reason" and hit.explicit and hit.value:
            return infer("reason", "notice:text-label", _stated_reason(hit.value, ocr))
    sentences = [s.strip() for s in _SENTENCE_END.split(_unwrap(body)) if s.strip()]
    naming = [s for s in sentences if _reason_scores(s)]
    cued = [s for s in naming if _cue("reason_sentence").search(s)]
    chosen = (cued or naming or [None])[0]
    if chosen:
        chosen = _value_cells(chosen, layouts or []) or chosen
    return infer("reason", "notice:reason-sentence", _stated_reason(chosen, ocr) if chosen else None)


def _value_cells(sentence: str, layouts: list[Layout]) -> str | None:
    """Where the page set the sentence out as cells, a caption we do not know ("- 위반 사항") in the
    first and the cause in the rest: the rest."""
    key = squeeze(sentence)
    for layout in layouts:
        for region in layout.regions:
            for line in region.lines:
                texts = [normalize(c.text) for c in line.cells]
                if len(texts) < 2 or squeeze(" ".join(texts)) != key:
                    continue
                for k in range(1, len(texts)):
                    head, rest = " ".join(texts[:k]), " ".join(texts[k:])
                    if not _reason_scores(head) and _reason_scores(rest):
                        return rest
    return None


def _uncaptioned(value: str) -> str:
    """The cause without what stands before it on its line: a list marker ("1)", "•"), and a caption
    ending in a separator ("下架原因 -", "사유 상세 :", "Violation -": a label, known or not, that
    names no cause itself), or a reason label set off by a space ("사유 화장품 …"), where the words
    that remain still name a cause. An unknown caption is a label only on a list item ("■ Violation -
    …"): in running text ("참고: …", "노출상품ID: … 상품은 …") it is part of the sentence."""
    bare = _LIST_MARK.sub("", value.strip())
    listed, value = bare != value.strip(), bare
    head = _CAPTION.match(value)
    if (head and (listed or _names_reason(head.group(1))) and not _reason_scores(head.group(1))
            and _reason_scores(value[head.end():])):
        return value[head.end():].strip()
    for hit in vocabulary().hits(value):
        if hit.field == "reason" and hit.start == 0 and _reason_scores(value[hit.end:]):
            return value[hit.end:].strip(" :：-–—")
    return value


def _names_reason(caption: str) -> bool:
    return any(hit.field == "reason" for hit in vocabulary().hits(caption))


def _unwrap(text: str) -> str:
    """Join lines a plain-text mail hard-wrapped mid-sentence, so a sentence is read whole."""
    lines = text.split("\n")
    out = lines[:1]
    for line in lines[1:]:
        prev = out[-1].rstrip()
        continues = line[:1].islower() or (len(prev) >= _WRAP_WIDTH and not _ENDS_SENTENCE.search(prev))
        if prev and line.strip() and continues:
            out[-1] = f"{prev} {line.strip()}"
        else:
            out.append(line)
    return "\n".join(out)


def _reason_scores(text: str) -> Counter[ReasonCode]:
    regex, weights = _reason_terms()
    scores: Counter[ReasonCode] = Counter()
    for m in regex.finditer(text):
        code, weight = weights[squeeze(m.group()).casefold()]
        scores[code] += weight
    return scores


def reason_code_of(text: str) -> ReasonCode | None:
    """The code whose wording weighs most in the text; a tie or no wording gives None."""
    ranked = _reason_scores(text).most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _reason_code(reason: str | None, text: str) -> ReasonCode | None:
    """From the reason sentence, else the whole notice; a stated reason we have no code for is `other`."""
    code = (reason_code_of(reason) if reason else None) or reason_code_of(text)
    if code is None and reason:
        return ReasonCode.other
    return code


# -- dates -------------------------------------------------------------------------------


def header_date(headers: dict[str, str]) -> dt.date | None:
    """The email's `Date` header as a calendar day in Asia/Seoul (a zone-less date is read as UTC)."""
    raw = next((v for k, v in headers.items() if k.lower() == "date"), None)
    if not raw:
        return None
    try:
        sent = parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError):
        return parse_date(raw)
    if sent.tzinfo is None:
        sent = sent.replace(tzinfo=dt.UTC)
    return sent.astimezone(SEOUL).date()


def _labelled_date(text: str, field_name: str) -> dt.date | None:
    return next((d for d in map(parse_date, vocabulary().values(text, field_name)) if d), None)


def _notice_date(text: str, infer: Inferences) -> dt.date | None:
    """A labelled notice date, else a date the measure took effect on ("2023-03-09 자로")."""
    labelled = _labelled_date(text, "notice_date")
    if labelled:
        return infer("notice_date", "notice:text-label", labelled)
    after = re.compile(_DATE_TAIL + f"(?:{_cue('notice_after').pattern})", re.IGNORECASE)
    return infer("notice_date", "notice:date-cue", next((d.date for d in find_dates(text) if after.match(text, d.end)), None))


def _deadline(text: str, infer: Inferences) -> dt.date | None:
    """A date printed as the deadline: labelled (기한: …), or followed by 까지, or after "마감"."""
    labelled = _labelled_date(text, "deadline")
    if labelled:
        return infer("deadline", "notice:text-label", labelled)
    after = re.compile(_DATE_TAIL + f"(?:{_cue('deadline_after').pattern})", re.IGNORECASE)
    before = re.compile(f"(?:{_cue('deadline_before').pattern})[^\\d\\n]{{0,20}}$", re.IGNORECASE)
    for d in find_dates(text):
        line_start = text.rfind("\n", 0, d.start) + 1
        if after.match(text, d.end) or before.search(text[line_start:d.start]):
            return infer("deadline", "notice:date-cue", d.date)
    return None
