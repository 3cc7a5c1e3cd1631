"""KC issuing bodies: every printed form of a body's name mapped to one canonical name.

Certificates print the same body as "한국기계전기전자시험연구원장", "한국기계전기전자시험연구원(KTC)"
or just "KTC" (DOMAIN.md §1.7); OCR adds misread syllables. The list is data
(rules/issuers.toml).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz

from casefile.text import HANGUL
from extractors.rulefiles import rule_file

RULES = Path(__file__).parents[1] / "rules" / "issuers.toml"
_NOISE = re.compile(r"[\s()（）\[\]·.,]+")
# Fuzzy matching only for names long enough that one misread syllable cannot turn one
# body into another; abbreviations (KTL/KTC) differ by a letter and match exactly only.
_MIN_FUZZY_LEN = 6


@dataclass(frozen=True)
class Issuer:
    canonical: str
    abbreviations: tuple[str, ...]
    names: tuple[str, ...]  # keys of the full names: canonical and aliases

    @property
    def abbreviation_pattern(self) -> re.Pattern[str]:
        words = "|".join(re.escape(a) for a in self.abbreviations)
        return re.compile(rf"(?<![A-Za-z])(?:{words})(?![A-Za-z])")


def _key(name: str) -> str:
    """Comparable form: NFC, no spaces or brackets, case-folded, without a trailing 장 (head of the body)."""
    key = _NOISE.sub("", unicodedata.normalize("NFC", name)).casefold()
    return key[:-1] if key.endswith("장") and len(key) > 3 else key


@lru_cache(maxsize=1)
def _rules() -> tuple[tuple[Issuer, ...], float]:
    data = rule_file(RULES.name)
    issuers = tuple(
        Issuer(
            canonical=row["canonical"],
            abbreviations=tuple(row["abbreviations"]),
            names=tuple(dict.fromkeys(_key(n) for n in [row["canonical"], *row["aliases"]])),
        )
        for row in data["issuer"]
    )
    return issuers, float(data["fuzzy_threshold"])


def issuers() -> tuple[Issuer, ...]:
    return _rules()[0]


def normalise_issuer(name: str) -> str | None:
    """The canonical name of the body `name` designates, or None when it is no known body."""
    key = _key(name)
    if not key:
        return None
    for issuer in issuers():
        if key in issuer.names or key in (a.casefold() for a in issuer.abbreviations):
            return issuer.canonical
    return _mentioned(name)


def find_issuer(text: str) -> str | None:
    """The body named last in the text (certificates name their issuer at the bottom)."""
    found = None
    for line in text.splitlines():
        found = _mentioned(line) or found
    return found


def _mentioned(text: str) -> str | None:
    """The body a piece of text names: a full name inside it (exact or fuzzy) or its abbreviation."""
    key = _key(text)
    if not key:
        return None
    best, best_score = None, 0.0
    threshold = _rules()[1]
    for issuer in issuers():
        score = max((_name_score(name, key) for name in issuer.names), default=0.0)
        if score < threshold and issuer.abbreviation_pattern.search(text):
            score = threshold  # a whole-word abbreviation counts, but a full name beats it
        if score >= threshold and score > best_score:
            best, best_score = issuer.canonical, score
    return best


def _name_score(name: str, key: str) -> float:
    if name in key:
        return 100.0
    if len(name) < _MIN_FUZZY_LEN or not HANGUL.search(name) or len(key) < 0.8 * len(name):
        return 0.0
    return fuzz.partial_ratio(name, key) if len(key) > len(name) else fuzz.ratio(name, key)
