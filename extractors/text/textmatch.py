"""OCR-tolerant matching: compact text, loose patterns and "label: value" search.

Tesseract's `Hangul` model puts spaces between syllables ("인 증 번 호 : HU071695-21012A",
STACK.md §3), so every term is matched with optional white space between its characters,
and a label is recognised however the page lays it out: `라벨: 값`, `라벨 | 값`, a label row
above a value row, or a label alone on its line with the value on the next.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from casefile.text import DASHES, HANGUL

_SPACE = re.compile(r"\s+")
_LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9]")
#: One character for one, so offsets into the normalised text stay offsets into the page's: every
#: dash casefile.text folds, and full-width Latin letters, digits and punctuation (`２０２５．３．１２`,
#: `ＨＵ０７１６９５`, typed by Chinese and Korean input methods) as their ASCII forms.
_FOLD = str.maketrans({**{chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)},
                       **{c: "-" for c in DASHES}})

# After a label, before its separator: a bilingual gloss "(Model)", "（型号）", "[Model]" or "/ Model No."
_GLOSS = re.compile(r"(?:[ \t]*(?:\([^()\n]{1,40}\)|（[^（）\n]{1,40}）|\[[^\[\]\n]{1,40}\]|/[ \t]*[A-Za-z][A-Za-z. ]{0,30}))*")
_EXPLICIT_SEP = re.compile(r"[ \t]*[:：][ \t]*")
_CELL_SEP = re.compile(r"[ \t]*(?:\||\t)[ \t]*")
_CELL_SPLIT = re.compile(r"\||\t")
#: Another "label: value" pair later on the line: a short word, a colon, then something else.
_INLINE_LABEL = re.compile(r"\s+[\uac00-\ud7a3A-Za-z]{1,8}[ \t]*[:：][ \t]*(?=\S)")
# A Korean particle right after a word means running text ("인증번호를 확인"), not a label.
# OCR pads brackets: "( 주 )" is "(주)".
_BRACKET_PAD = re.compile(r"([(（\[])\s+|\s+([)）\]])")
_PUNCT_PAD = re.compile(r"\s+([,.!?;:。，])")
_PARTICLES = frozenset("을 를 은 는 이 가 의 에 와 과 도 로 으로 에서 및 등".split())


def normalize(text: str) -> str:
    """NFC, every dash variant as `-`, full-width ASCII as ASCII, non-breaking and full-width
    spaces as plain spaces."""
    text = unicodedata.normalize("NFC", text).translate(_FOLD)
    return text.replace("\u00a0", " ").replace("\u3000", " ")


@dataclass(frozen=True)
class Compact:
    """Text with all white space removed, and where each kept character came from."""

    text: str
    offsets: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span covering compact characters `start:end`."""
        return self.offsets[start], self.offsets[end - 1] + 1


def compact(text: str) -> Compact:
    kept = [(i, c) for i, c in enumerate(text) if not c.isspace()]
    return Compact("".join(c for _, c in kept), tuple(i for i, _ in kept))


def squeeze(text: str) -> str:
    """The text without any white space (for comparing OCR output with printed terms)."""
    return _SPACE.sub("", text)


def loose_pattern(term: str) -> str:
    """Regex source for `term` with optional white space between its characters.

    Terms that start or end with a Latin letter or digit get a boundary there, so `KC`
    does not match inside `KCL` and `Model` not inside `Models`. A term ending in `*` is a stem:
    no boundary after it (`authoriz*` matches "authorized" and "Authorization").
    """
    stem = term.rstrip().endswith("*")
    chars = [c for c in term.rstrip().removesuffix("*") if not c.isspace()]
    body = r"\s*".join(re.escape(c) for c in chars)
    if chars and _LATIN_OR_DIGIT.match(chars[0]):
        body = r"(?<![A-Za-z0-9])" + body
    if chars and _LATIN_OR_DIGIT.match(chars[-1]) and not stem:
        body += r"(?![A-Za-z0-9])"
    return body


def loose_regex(terms: Iterable[str]) -> re.Pattern[str]:
    """One alternation of loose patterns, longest term first so the longest wins at a position."""
    ordered = sorted({t for t in terms if t.strip()}, key=lambda t: len(squeeze(t).rstrip("*")), reverse=True)
    return re.compile("|".join(f"(?:{loose_pattern(t)})" for t in ordered), re.IGNORECASE)


def join_spaced_syllables(value: str) -> str:
    """Undo OCR syllable spacing: runs of two or more one-syllable Hangul tokens become one word.

    "(주) 한 빛 전 자" -> "(주) 한빛전자". Born-digital Korean rarely has two single-syllable
    words in a row, OCR'd Hangul almost always does.
    """
    tokens = value.split()
    out: list[str] = []
    run: list[str] = []
    for token in tokens + [""]:
        if len(token) == 1 and HANGUL.match(token):
            run.append(token)
            continue
        if run:
            out.extend(["".join(run)] if len(run) > 1 else run)
            run = []
        if token:
            out.append(token)
    return " ".join(out)


def is_syllable_spaced(value: str) -> bool:
    """Every token a single Hangul syllable, at least three of them: OCR spacing, whatever the source."""
    tokens = value.split()
    return len(tokens) >= 3 and all(len(t) == 1 and HANGUL.match(t) for t in tokens)


def tidy_value(value: str, ocr: bool) -> str | None:
    """A field value in contract form; OCR syllable spacing undone where that is safe."""
    value = _SPACE.sub(" ", normalize(value)).strip(" \t:：|-·•/,;")
    if ocr or is_syllable_spaced(value):
        value = _BRACKET_PAD.sub(lambda m: m.group(1) or m.group(2), value)
        value = _PUNCT_PAD.sub(r"\1", join_spaced_syllables(value))
    return value or None


@dataclass(frozen=True)
class LabelHit:
    """One label found in a text and the value that goes with it."""

    field: str
    label: str
    start: int
    end: int
    value: str | None
    explicit: bool  # separated by `:` or a table cell border, not only by white space


class LabelVocabulary:
    """Labels for several fields, searched together so one field's label ends another's value.

    `labels` maps a field name to its label variants in priority order (the first is the
    most specific). Fields whose values are never wanted (a derived-model list) still belong
    here: their labels must be recognised so that "파생모델명" is not read as "모델명".
    """

    def __init__(self, labels: Mapping[str, Sequence[str]]):
        self.labels = {field: list(terms) for field, terms in labels.items()}
        self._field_of = {squeeze(t).casefold(): f for f, terms in self.labels.items() for t in terms}
        self._regex = loose_regex(t for terms in self.labels.values() for t in terms)

    def hits(self, text: str) -> list[LabelHit]:
        """Every label occurrence in document order, with its value (None when it has none)."""
        occurrences = list(self._occurrences(text))
        return [self._with_value(text, occ, occurrences) for occ in occurrences]

    def values(self, text: str, field: str) -> list[str]:
        """The values of `field`, most specific label first, then in document order."""
        return self._ranked(self.hits(text), field)

    def all_values(self, text: str) -> dict[str, list[str]]:
        """`values` for every field, reading the text once."""
        hits = self.hits(text)
        return {field: self._ranked(hits, field) for field in self.labels}

    def _ranked(self, hits: list[LabelHit], field: str) -> list[str]:
        rank = {squeeze(t).casefold(): i for i, t in enumerate(self.labels[field])}
        found = [h for h in hits if h.field == field and h.value]
        found.sort(key=lambda h: (rank.get(squeeze(h.label).casefold(), 99), not h.explicit, h.start))
        return [h.value for h in found if h.value]

    def first(self, text: str, field: str) -> str | None:
        return next(iter(self.values(text, field)), None)

    # -- finding labels ------------------------------------------------------------------

    def _occurrences(self, text: str) -> Iterable[_Occurrence]:
        for m in self._regex.finditer(text):
            if not _starts_cleanly(text, m.start()):
                continue
            sep = _separator(text, m.end(), m.group())
            if sep is None:
                continue
            field = self._field_of.get(squeeze(m.group()).casefold())
            if field is not None:
                yield _Occurrence(field, m.group(), m.start(), m.end(), *sep)

    # -- reading values ------------------------------------------------------------------

    def _with_value(self, text: str, occ: _Occurrence, all_occ: list[_Occurrence]) -> LabelHit:
        line_end = _line_end(text, occ.value_start)
        bar = _CELL_SPLIT.search(text, occ.value_start, line_end)
        cell_end = bar.start() if bar else line_end
        for other in all_occ:
            if occ.value_start <= other.start < cell_end and _ends_value(other):
                cell_end = other.start
                break
        unknown = _INLINE_LABEL.search(text, occ.value_start, cell_end)
        if unknown:  # "제품명: AC 세럼   작성일: 2026.10.08": a label we do not know still ends the value
            cell_end = unknown.start()
        value = text[occ.value_start:cell_end].strip()
        explicit = occ.kind in ("colon", "cell")
        if value and not _starts_with_label(occ.value_start, all_occ):
            return LabelHit(occ.field, occ.label, occ.start, occ.end, value, explicit)
        if occ.kind == "weak":
            return LabelHit(occ.field, occ.label, occ.start, occ.end, None, False)
        below = _value_below(text, occ, all_occ)
        return LabelHit(occ.field, occ.label, occ.start, occ.end, below, True)


@dataclass(frozen=True)
class _Occurrence:
    field: str
    label: str
    start: int
    end: int
    value_start: int
    kind: str  # "colon" | "cell" | "eol" | "weak"

    @property
    def hangul(self) -> bool:
        return bool(HANGUL.search(self.label))


def _starts_cleanly(text: str, start: int) -> bool:
    """A label starts a line, a cell or a word: not glued to a preceding letter."""
    if start == 0:
        return True
    prev = text[start - 1]
    return not (prev.isalnum() or HANGUL.match(prev))


def _separator(text: str, end: int, label: str) -> tuple[int, str] | None:
    """Where the value starts after a label, and how it was separated; None if not a label."""
    gloss = _GLOSS.match(text, end)
    after_gloss = gloss.end() if gloss else end
    for pattern, kind in ((_EXPLICIT_SEP, "colon"), (_CELL_SEP, "cell")):
        m = pattern.match(text, after_gloss)
        if m:
            return m.end(), kind
    rest = text[after_gloss:_line_end(text, after_gloss)]
    if not rest.strip():
        return _line_end(text, after_gloss), "eol"
    if after_gloss != end:
        return None  # a gloss must be followed by a real separator
    nxt = text[end] if end < len(text) else ""
    if nxt in " \t":
        first = rest.split()[0]
        if first in _PARTICLES:
            return None
        return end + len(rest) - len(rest.lstrip()), "weak"
    # Glued: "인증번호HU071695" is a dropped colon; "인증번호를" is running text.
    if HANGUL.search(label) and _LATIN_OR_DIGIT.match(nxt):
        return end, "weak"
    return None


def _ends_value(occ: _Occurrence) -> bool:
    """Whether a label found inside another label's value cuts that value short there."""
    return occ.kind in ("colon", "cell") or (occ.hangul and len(squeeze(occ.label)) >= 2)


def _starts_with_label(pos: int, all_occ: list[_Occurrence]) -> bool:
    return any(o.start == pos and _ends_value(o) for o in all_occ)


def _line_end(text: str, pos: int) -> int:
    nl = text.find("\n", pos)
    return len(text) if nl < 0 else nl


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _value_below(text: str, occ: _Occurrence, all_occ: list[_Occurrence]) -> str | None:
    """The value under a label: the same column of the next row, or the whole next line."""
    line_start, line_end = _line_start(text, occ.start), _line_end(text, occ.start)
    next_start = line_end + 1
    while next_start < len(text):
        next_end = _line_end(text, next_start)
        if text[next_start:next_end].strip(" \t\f|"):
            break
        next_start = next_end + 1
    else:
        return None
    label_cells = _cells(text, line_start, line_end)
    if len(label_cells) > 1:
        cells = _cells(text, next_start, next_end)
        if len(cells) != len(label_cells):
            return None
        column = next(i for i, (s, e) in enumerate(label_cells) if s <= occ.start <= e)
        start, end = cells[column]
    else:
        start, end = next_start, next_end
    if any(o.start == start for o in all_occ):
        return None  # the line below starts with another label: this one is empty
    return text[start:end].strip() or None


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The cells of one line as spans with their padding trimmed (borders `|` or tabs)."""
    spans, pos = [], start
    for m in _CELL_SPLIT.finditer(text, start, end):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, end))
    if len(spans) > 1 and not text[spans[0][0]:spans[0][1]].strip():
        spans = spans[1:]  # a leading border "| a | b |"
    if len(spans) > 1 and not text[spans[-1][0]:spans[-1][1]].strip():
        spans = spans[:-1]
    return [_trim(text, s, e) for s, e in spans]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t":
        start += 1
    while end > start and text[end - 1] in " \t":
        end -= 1
    return start, end
