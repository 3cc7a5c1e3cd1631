"""The ingredient dictionary: printed ingredient names -> 「화장품 성분 사전」 standard names.

Each printed name is mapped to its standard name (rules/ingredients.toml): exactly, through an
alias (older spelling, INCI, Chinese), or as a close OCR misreading of a long name. A name the
dictionary does not know is kept as read (CONTRACT.md ingredient_list). Also loads the rules the
ingredient-list field readers share (rules/ingredient_fields.toml).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from casefile.text import HANGUL
from extractors.rulefiles import rule_file
from extractors.text.textmatch import normalize, squeeze

RULES = Path(__file__).parents[1] / "rules"

_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
OPEN, CLOSE = "([（【", ")]）】"
EDGE_JUNK = " \t\n.,;:：*·•-_|"

# OCR-tolerant matching (see IngredientDictionary.standard). A misread is accepted only on
# names long enough that one wrong letter cannot make another real ingredient: short names
# (레티놀/레티날, 시트랄) differ from each other by a single jamo.
_FUZZY_CUTOFF = 85.0
_FUZZY_MARGIN = 4.0
_MIN_HANGUL, _MIN_LATIN, _MIN_HAN = 4, 7, 5


# -- rules -------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def field_rules() -> dict:
    return rule_file("ingredient_fields.toml")


@lru_cache(maxsize=1)
def dictionary() -> IngredientDictionary:
    data = rule_file("ingredients.toml")
    # A group or row marked `fuzzy = false` (a name MFDS bans or restricts) is matched exactly only:
    # a misread of an innocent ingredient must never be "corrected" into a banned one.
    rows = [{**row, "fuzzy": row.get("fuzzy", group.get("fuzzy", True))}
            for group in data["group"] for row in group["entries"]]
    return IngredientDictionary(rows, [tuple(pair) for pair in data["spellings"]])


def name_key(name: str) -> str:
    """The form names are compared in: compatibility forms folded, no white space, case-free."""
    return squeeze(unicodedata.normalize("NFKC", normalize(name))).casefold().replace(".", "")


# -- the dictionary ------------------------------------------------------------------------


class IngredientDictionary:
    """Standard names by every printed form; exact look-up first, then a guarded fuzzy match."""

    def __init__(self, rows: Iterable[dict], spellings: Sequence[tuple[str, str]]):
        self._exact: dict[str, str] = {}
        exact_only: set[str] = set()
        for row in rows:
            standard = row["ko"]
            if not row.get("fuzzy", True):
                exact_only.add(standard)
            for name in [standard, row.get("inci", ""), *row.get("aliases", [])]:
                self._add(name, standard, explicit=True)
        for key, standard in list(self._exact.items()):
            for variant in _older_spellings(key, spellings):
                self._add(variant, standard, explicit=False)
        self.standard_names = frozenset(self._exact.values())
        fuzzy = [(k, s) for k, s in self._exact.items() if _long_enough(k) and s not in exact_only]
        self._fuzzy_keys = [_jamo(k) for k, _ in fuzzy]
        self._fuzzy_plain = [k for k, _ in fuzzy]
        self._fuzzy_standard = [s for _, s in fuzzy]

    def _add(self, name: str, standard: str, explicit: bool) -> None:
        key = name_key(name)
        if not key:
            return
        known = self._exact.get(key)
        if known is not None and known != standard:
            if explicit:
                raise ValueError(f"ingredients.toml: '{name}' names both {known} and {standard}")
            return  # a generated old spelling never overrides a listed name
        self._exact[key] = standard

    def exact(self, name: str) -> str | None:
        return self._exact.get(name_key(name))

    def standard(self, name: str) -> str | None:
        """The standard name for `name`: exact, else the one long name it is a close misreading of.

        Guards, each against "correcting" a real, different ingredient: both names long enough;
        the same digits (폴리소르베이트20 is not 60); lengths within a letter or two; the best
        standard name clearly ahead of the next one; and never into a name of an exact-only group
        (a guess must not become a banned ingredient; a misread banned name is kept as read).
        """
        found = self.exact(name)
        if found is not None:
            return found
        key = name_key(name)
        if not _long_enough(key):
            return None
        hits = process.extract(_jamo(key), self._fuzzy_keys, scorer=fuzz.ratio,
                               score_cutoff=_FUZZY_CUTOFF - _FUZZY_MARGIN, limit=12)
        best: dict[str, float] = {}
        for _, score, i in hits:
            plain = self._fuzzy_plain[i]
            if _digits(plain) == _digits(key) and abs(len(plain) - len(key)) <= max(1, len(plain) // 6):
                standard = self._fuzzy_standard[i]
                best[standard] = max(score, best.get(standard, 0.0))
        ranked = sorted(best.items(), key=lambda item: item[1], reverse=True)
        if not ranked or ranked[0][1] < _FUZZY_CUTOFF:
            return None
        if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < _FUZZY_MARGIN:
            return None
        return ranked[0][0]


def _older_spellings(key: str, spellings: Sequence[tuple[str, str]]) -> set[str]:
    """Each systematic older spelling alone, and all of them together (메칠이소치아졸리논)."""
    variants = {key.replace(new, old) for new, old in spellings if new in key}
    combined = key
    for new, old in spellings:
        combined = combined.replace(new, old)
    return (variants | {combined}) - {key}


def _long_enough(key: str) -> bool:
    hangul = len(HANGUL.findall(key))
    if hangul:
        return hangul >= _MIN_HANGUL
    return len(_HAN.findall(key)) >= _MIN_HAN or len(_LATIN.findall(key)) >= _MIN_LATIN


def _jamo(key: str) -> str:
    # One misread Hangul syllable is usually one wrong jamo (제/재): compare jamo, not syllables.
    return unicodedata.normalize("NFD", key)


def _digits(key: str) -> list[str]:
    return re.findall(r"\d+", key)


# -- one printed name -> a standard name ---------------------------------------------------


@lru_cache(maxsize=4096)
def standard_name(item: str) -> str | None:
    """The name a label item stands for: its standard name, else the name as read (None if noise)."""
    item = _balanced(item.strip(EDGE_JUNK))
    words = dictionary()
    found = words.exact(item)  # names with brackets of their own (폴리(…)에이치씨엘, Fragrance (Parfum))
    if found is not None:
        return found
    bare = strip_notes(item)
    found = words.standard(bare) or _same_through_slashes(bare)
    return found or as_read(bare)


def _balanced(item: str) -> str:
    """Without a stray closing bracket at either edge (an OCR fragment of a parenthetical)."""
    while item and item[-1] in CLOSE and sum(c in CLOSE for c in item) > sum(c in OPEN for c in item):
        item = item[:-1].rstrip()
    while item and item[0] in CLOSE:
        item = item[1:].lstrip()
    return item


def strip_notes(item: str) -> str:
    """The name without its trailing parentheticals: 향료(리모넨) -> 향료, 병풀추출물(10,000ppm) -> 병풀추출물."""
    item = item.strip()
    while item:
        cut = _trailing_note_start(item)
        if cut is None or cut == 0:
            break
        item = item[:cut].rstrip()
    return item


def _trailing_note_start(item: str) -> int | None:
    """Where a parenthetical that ends the item opens; an unclosed "(…" at the end counts too."""
    if item[-1] in CLOSE:
        depth = 0
        for i in range(len(item) - 1, -1, -1):
            depth += (item[i] in CLOSE) - (item[i] in OPEN)
            if depth == 0:
                return i
        return None
    opened = [i for i, ch in enumerate(item) if ch in OPEN]
    closed = sum(ch in CLOSE for ch in item)
    return opened[closed] if len(opened) > closed else None


def _same_through_slashes(name: str) -> str | None:
    """"Aqua/Water/Eau": every part the same known ingredient."""
    parts = [p for p in name.split("/") if p.strip()]
    if len(parts) < 2:
        return None
    found = {dictionary().exact(p) for p in parts}
    return found.pop() if len(found) == 1 and None not in found else None


def as_read(name: str) -> str | None:
    """An unknown name in contract form: Korean names have no spaces, so OCR's syllable spaces go.

    A "label: value" (작성일: 2026.10.08) is no ingredient: names carry no colon outside brackets.
    """
    name = " ".join(name.split()).strip(EDGE_JUNK)
    if re.search(r"[:：]", strip_notes(name)):
        return None
    if HANGUL.search(name):
        name = squeeze(name)
    return name if re.search(r"[^\W\d_]", name) else None
