"""Where each field came from, and whether its reading is sure enough to keep (DESIGN.md:
"an OCR'd field below the confidence floor is null with a finding, never a guess").

The extractors parse text; this finds, afterwards, the words on the page that a field's value was
made from (exactly, or by a close fuzzy match when the extractor repaired an OCR misreading or
normalised a name), so that every field can say which page and box it came from and how sure the
OCR was of those words. One lookup for every kind keeps the extractors plain text parsers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from pydantic import BaseModel, Field
from rapidfuzz import fuzz

from casefile.codes import PageSource
from casefile.fields import AnyFields
from casefile.pages import FieldSource, Page, Word
from extractors.fields.context import Inferred
from extractors.layout.pairing import Candidate
from extractors.readers.tables import row_lines
from extractors.text.dates import find_dates
from extractors.text.issuers import issuers
from extractors.text.textmatch import Compact, compact

#: Below this an OCR'd field is not kept. Every misread word in STACK.md §3's measurements had a
#: confidence under 0.62 and the correct ones sat around 0.9; 0.5 errs on the side of keeping.
FIELD_FLOOR = 0.50
MIN_FUZZY_SCORE = 85.0  # partial_ratio: a repaired or normalised value still matches its words
MIN_NEEDLE = 2  # a single character would match anywhere
#: Fields that are judgements over the whole document, not words printed on it.
DERIVED = {"scheme", "signature", "reason_code"}


class FieldTrace(BaseModel):
    """Where each field of one document was read, and the fields set to null as too unsure."""

    sources: dict[str, FieldSource] = Field(default_factory=dict)
    doubtful: list[str] = Field(default_factory=list, description="Fields nulled: OCR below FIELD_FLOOR")


def trace(fields: AnyFields, pages: list[Page], placed: Mapping[str, Candidate] | None = None,
          inferred: Mapping[str, Inferred] | None = None) -> tuple[AnyFields, FieldTrace]:
    """`fields` with every field OCR was too unsure of set to null, and where each was read: from
    its pairing on the page where the extractor paired it with a label, else found in the words;
    a value read from running text carries its rule and that rule's certainty."""
    sources = locate(fields, pages)
    for name, cand in (placed or {}).items():
        if getattr(fields, name, None) not in (None, [], ""):
            sources[name] = _placed_source(cand, pages, sources.get(name))
    for name, inf in (inferred or {}).items():
        value = getattr(fields, name, None)
        if value not in (None, [], "") and name not in (placed or {}):
            sources[name] = _inferred_source(inf, value, pages, sources.get(name))
    unsure = doubtful(sources, fields)
    if unsure:
        fields = fields.model_copy(update=dict.fromkeys(unsure))
    return fields, FieldTrace(sources=sources, doubtful=unsure)


@dataclass(frozen=True)
class _Haystack:
    """A page's words as one text (or its text, where it has no word boxes), which word each
    character came from, and the same without white space and case for matching values."""

    page: Page
    text: str
    owners: tuple[int, ...]  # word index per character of `text`, -1 between words
    folded: Compact

    @classmethod
    def of(cls, page: Page) -> _Haystack:
        if not page.words:  # DOCX, e-mail and plain text carry no word boxes: search the text
            return cls(page, page.text, tuple(-1 for _ in page.text), compact(_fold(page.text)))
        text, owners = "", []
        for i, word in enumerate(page.words):
            if text:
                text += " "
                owners.append(-1)
            text += word.text
            owners += [i] * len(word.text)
        return cls(page, text, tuple(owners), compact(_fold(text)))

    @classmethod
    def of_tables(cls, page: Page) -> _Haystack:
        """The page's table rows, where a value wrapped inside its cell is whole (no boxes)."""
        text = "\n".join(row_lines(page.tables))
        return cls(page, text, tuple(-1 for _ in text), compact(_fold(text)))

    def source(self, start: int, end: int) -> FieldSource:
        """The source of `text[start:end]`."""
        owners = sorted({o for o in self.owners[start:end] if o >= 0})
        words = [self.page.words[i] for i in owners]
        return FieldSource(page=self.page.number, source=self.page.source, box=_box(words),
                           confidence=_confidence(self.page, words),
                           text=" ".join(w.text for w in words) if words else self.text[start:end].strip())

    def folded_source(self, start: int, end: int) -> FieldSource:
        """The source of `folded.text[start:end]`."""
        return self.source(*self.folded.span(start, end))


def locate(fields: AnyFields, pages: list[Page]) -> dict[str, FieldSource]:
    """For each field with a value, where on `pages` it was read (fields not found are left out)."""
    stacks = [_Haystack.of(p) for p in pages if p.text.strip()]
    stacks += [_Haystack.of_tables(p) for p in pages if p.tables]
    found: dict[str, FieldSource] = {}
    for name, value in fields:
        if name in DERIVED or value in (None, [], ""):
            continue
        values = value if isinstance(value, list) else [value]
        hits = [hit for v in values if (hit := _find(name, v, stacks)) is not None]
        if hits:
            found[name] = _merge(hits)
    return found


def _placed_source(cand: Candidate, pages: list[Page], found: FieldSource | None) -> FieldSource:
    """Where the pairing found the value and how sure the pairing is. The reading's confidence is
    that of the value's own words where they were found on that page (a date inside a cell that
    also holds a misread one), else of the cell's words (1.0 when not OCR'd)."""
    page = next((p for p in pages if p.number == cand.page), None)
    if found is not None and found.page == cand.page:
        confidence = found.confidence
    elif cand.confidence is not None:
        confidence = cand.confidence
    else:
        confidence = 1.0 if page is None or page.source is not PageSource.ocr else (page.confidence or 0.0)
    return FieldSource(page=cand.page, source=page.source if page else PageSource.plain,
                       box=cand.box.as_ltwh() if cand.box else None, confidence=confidence, text=cand.value,
                       pairing=cand.how, score=round(min(cand.certainty, 1.0), 3))


def _inferred_source(inf: Inferred, value, pages: list[Page], found: FieldSource | None) -> FieldSource:
    """Where a value read from running text was found (or the first page read, when its words were
    not found again: a date printed another way), with the rule that read it and its certainty."""
    if found is None:
        page = next((p for p in pages if p.text.strip()), pages[0])
        confidence = 1.0 if page.source is not PageSource.ocr else (page.confidence or 0.0)
        found = FieldSource(page=page.number, source=page.source, confidence=confidence, text=str(value))
    return found.model_copy(update={"pairing": f"text:{inf.how}", "score": inf.certainty})


def doubtful(sources: dict[str, FieldSource], fields: AnyFields) -> list[str]:
    """The single-valued fields whose words OCR was not sure enough of to keep. A list (the
    전성분) is never dropped whole for one unsure name: its names were matched to the dictionary,
    and a list missing a name would hide the very ingredient a check looks for."""
    return [name for name, s in sources.items()
            if s.source is PageSource.ocr and s.confidence < FIELD_FLOOR
            and not isinstance(getattr(fields, name), list)]


def _find(name: str, value: object, stacks: list[_Haystack]) -> FieldSource | None:
    if isinstance(value, dt.date):
        return next((stack.source(d.start, d.end) for stack in stacks for d in find_dates(stack.text)
                     if d.date == value), None)
    needles = [str(value), *_aliases(name, str(value))]
    needles = [n for n in dict.fromkeys(compact(_fold(n)).text for n in needles) if len(n) >= MIN_NEEDLE]
    for needle in needles:
        for stack in stacks:
            at = stack.folded.text.find(needle)
            if at >= 0:
                return stack.folded_source(at, at + len(needle))
    # Repaired or normalised values: the closest stretch of text, if close enough.
    best: tuple[float, _Haystack, int, int] | None = None
    for needle in needles:
        for stack in stacks:
            if not stack.folded.text:
                continue
            match = fuzz.partial_ratio_alignment(needle, stack.folded.text)
            if match.score >= MIN_FUZZY_SCORE and (best is None or match.score > best[0]):
                best = (match.score, stack, match.dest_start, match.dest_end)
    return best[1].folded_source(best[2], best[3]) if best and best[3] > best[2] else None


def _aliases(name: str, value: str) -> list[str]:
    """Other ways the document may print a normalised value: an issuer's full names and
    abbreviations (the field holds its canonical name)."""
    if name != "issuer":
        return []
    return [alias for issuer in issuers() if issuer.canonical == value
            for alias in (*issuer.names, *issuer.abbreviations)]


def _merge(hits: list[FieldSource]) -> FieldSource:
    """One source for a list field: its first item's page, the box around the items on that page,
    the items' mean confidence."""
    if len(hits) == 1:
        return hits[0]
    first = hits[0]
    boxes = [h.box for h in hits if h.page == first.page and h.box]
    box = None
    if boxes:
        left, top = min(b[0] for b in boxes), min(b[1] for b in boxes)
        right, bottom = max(b[0] + b[2] for b in boxes), max(b[1] + b[3] for b in boxes)
        box = (left, top, right - left, bottom - top)
    return FieldSource(page=first.page, source=first.source, box=box,
                       confidence=sum(h.confidence for h in hits) / len(hits),
                       text=f"{first.text} … {hits[-1].text}")


def _box(words: list[Word]) -> tuple[float, float, float, float] | None:
    if not words:
        return None
    left, top = min(w.left for w in words), min(w.top for w in words)
    right, bottom = max(w.left + w.width for w in words), max(w.top + w.height for w in words)
    return (left, top, right - left, bottom - top)


def _confidence(page: Page, words: list[Word]) -> float:
    scores = [w.confidence for w in words if w.confidence is not None and any(c.isalnum() for c in w.text)]
    if page.source is not PageSource.ocr:
        return 1.0  # a text layer, DOCX or e-mail gives the characters themselves
    return min(scores) if scores else (page.confidence or 0.0)


def _fold(text: str) -> str:
    """Lower case, one character for one (so positions still map back), white space kept."""
    return "".join(low if len(low := ch.lower()) == 1 else ch for ch in text)
