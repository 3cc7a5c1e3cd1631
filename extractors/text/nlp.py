"""The spaCy pipeline for Korean without a statistical model, and certificate-number spotting.

`spacy.blank("ko")` wants mecab-ko; the rule-based tokenizer needs nothing (STACK.md §8).
Token patterns find numbers however the tokenizer split them; a regex over the compact text
(white space removed) backs them up for OCR text that split a number inside a token. The number
shapes are casefile's (casefile/rules/kc_numbers.toml), the same the validators judge a number by;
the token patterns here (rules/kc_patterns.toml) only say where the tokenizer cuts them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

from casefile.certnumbers import cert_shapes, shape_of
from casefile.errors import RuleFileError
from extractors.rulefiles import look_alikes, rule_file
from extractors.text.textmatch import compact, normalize

RULES = Path(__file__).parents[1] / "rules" / "kc_patterns.toml"
CERT_LABEL = "KC_CERT_NO"


@dataclass(frozen=True)
class CertMention:
    """A certificate number as found in a text: upper case, white space removed."""

    number: str
    family: str
    start: int
    end: int


@lru_cache(maxsize=1)
def _rules() -> dict:
    return rule_file(RULES.name)


@lru_cache(maxsize=1)
def pipeline() -> Language:
    """Blank Korean with the rule-based tokenizer and the certificate-number EntityRuler."""
    nlp = spacy.blank("ko", config={"nlp": {"tokenizer": {"@tokenizers": "spacy.Tokenizer.v1"}}})
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [{"label": CERT_LABEL, "id": p["id"], "pattern": _token_pattern(p)} for p in _rules()["pattern"]]
    )
    return nlp


def _token_pattern(rule: dict) -> list[dict]:
    """A kc_patterns.toml pattern with each <n> in its token regexes filled by segment n of its family's shape."""
    segments = next((s.segments for s in cert_shapes() if s.family == rule["id"]), None)
    if segments is None:
        raise RuleFileError(f"{RULES.name}: no shape of family {rule['id']!r} in casefile/rules/kc_numbers.toml")

    def segment(m: re.Match[str]) -> str:
        return f"(?:{segments[int(m.group(1)) - 1]})"

    def fill(token: dict) -> dict:
        text = token.get("TEXT")
        if not isinstance(text, dict) or "REGEX" not in text:
            return token
        return {**token, "TEXT": {**text, "REGEX": re.sub(r"<(\d+)>", segment, text["REGEX"])}}

    return [fill(token) for token in rule["pattern"]]


def fits_shape(number: str) -> str | None:
    """The family whose shape `number` fits, if any."""
    shape = shape_of(number)
    return shape.family if shape else None


def find_cert_numbers(text: str) -> list[CertMention]:
    """Every certificate number in the text that fits a known shape, in text order."""
    text = _upper_same_length(normalize(text))
    found = {m.start: m for m in _by_tokens(text)}
    for m in _by_compact_regex(text):
        overlapped = [f for f in found.values() if f.start < m.end and m.start < f.end]
        # The token match stops short where spaCy cut a unit letter off (`…-21012T` as `…-21012` and
        # `T`) or a hyphenated last part: the compact match that starts there and runs on is the number.
        if all(f.start == m.start and f.end < m.end for f in overlapped):
            found[m.start] = m
    return sorted(found.values(), key=lambda m: m.start)


def _by_tokens(text: str) -> list[CertMention]:
    doc = pipeline()(text)
    mentions = []
    for ent in doc.ents:
        if ent.label_ != CERT_LABEL:
            continue
        number = re.sub(r"\s+", "", ent.text)
        family = fits_shape(number)
        if family:
            mentions.append(CertMention(number, family, ent.start_char, ent.end_char))
    return mentions


def _by_compact_regex(text: str) -> list[CertMention]:
    """Numbers that OCR split with spaces ("HU 071695 - 21012A"), found in the compact text.

    A candidate starts and ends where the original text breaks (white space or a character
    that cannot be part of a number) and may span breaks inside; the shortest fit wins, so a
    free-form radio product code does not swallow the next word.
    """
    flat = compact(text)
    breaks = _breaks(flat)
    mentions: list[CertMention] = []
    taken = 0
    for start in breaks:
        if start < taken or start >= len(flat.text) or not _ID_CHAR.match(flat.text[start]):
            continue
        # The breaks after `start` within reach, found by bisection: scanning all of them for every
        # start made a long page quadratic (a 250 kB e-mail body ran for hours).
        for end in breaks[bisect_right(breaks, start):bisect_right(breaks, start + _MAX_NUMBER)]:
            candidate = flat.text[start:end]
            family = fits_shape(candidate)
            if family:
                mentions.append(CertMention(candidate, family, *flat.span(start, end)))
                taken = end
                break
    return mentions


_ID_CHAR = re.compile(r"[A-Z0-9_-]")
_MAX_NUMBER = 32


def _breaks(flat) -> list[int]:
    """Compact positions where the original text had white space or a non-number character."""
    text, offsets = flat.text, flat.offsets
    out = [0]
    for i in range(1, len(text)):
        spaced = offsets[i] - offsets[i - 1] > 1
        if spaced or not _ID_CHAR.match(text[i - 1]) or not _ID_CHAR.match(text[i]):
            out.append(i)
    out.append(len(text))
    return out


def _upper_same_length(text: str) -> str:
    """Upper case that keeps every offset (a few letters, like ß, grow when upper-cased)."""
    return "".join(u if len(u := c.upper()) == 1 else c for c in text)


# OCR look-alikes (rules/look_alikes.toml), applied only inside a number's digit or letter groups
# (casefile/rules/kc_numbers.toml).
_LOOSE_LETTER = "[A-Z0-9]"


@lru_cache(maxsize=1)
def _upper_look_alikes() -> tuple[dict[int, int], dict[int, int], str]:
    """The look-alike table as an upper-cased number shows it: character -> digit (an upper-case
    entry wins over a lower-case one, "G" 6 over "g" 9), digit -> the first upper-case letter read
    for it, and the character class of a digit or its look-alikes."""
    table = look_alikes()
    to_digit = {c.upper(): d for c, d in table.items() if c.upper() not in table or c.upper() == c}
    to_letter: dict[str, str] = {}
    for c, d in table.items():
        if c.isalpha() and c.isupper():
            to_letter.setdefault(d, c)
    loose_digit = "[0-9" + "".join(re.escape(c) for c in to_digit) + "]"
    return str.maketrans(to_digit), str.maketrans(to_letter), loose_digit


def repair_certificate_number(number: str) -> str | None:
    """`number` with OCR look-alikes fixed inside its digit/letter groups, if it then fits a shape."""
    to_digit, to_letter, loose_digit = _upper_look_alikes()
    for shape in cert_shapes():
        if "(?P<" not in shape.regex.pattern:
            continue
        # An optional group ("[A-Z]?") stays strict: a sixth digit is not a misread letter.
        loose = re.sub(r"\[A-Z\](?!\?)", _LOOSE_LETTER, shape.regex.pattern.replace(r"\d", loose_digit))
        m = re.fullmatch(loose, number)
        if not m:
            continue
        chars = list(number)
        for group, text in m.groupdict().items():
            if not text:
                continue
            table = to_digit if group.startswith("d") else to_letter
            start = m.start(group)
            chars[start:start + len(text)] = text.translate(table)
        repaired = "".join(chars)
        if shape.fits(repaired):
            return repaired
    return None
