"""Which kind of document a read file is, scored from weighted keywords (rules/kinds.toml).

Content decides; the filename only nudges a kind the content already supports. An email
leans to `notice_email` only when it is a Coupang notice. A tie or a weak score is `other`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from casefile.codes import DocumentKind
from casefile.pages import ReadResult
from extractors.fields.ingredient_split import split_items
from extractors.rulefiles import rule_file
from extractors.text.ingredient_names import dictionary, strip_notes
from extractors.text.textmatch import loose_regex, normalize, squeeze

RULES = Path(__file__).parent / "rules" / "kinds.toml"


@dataclass(frozen=True)
class _Rules:
    min_score: int
    max_count: int
    filename_weight: int
    email_notice_bonus: int
    screen_bonus: int
    listing_bonus: int
    status_cell_bonus: int
    ingredient_names_bonus: int
    ingredient_names_min: int
    form_sentence_share: float
    form_min_lines: int
    price_bonus: int
    listing_status: re.Pattern[str]
    coupang: re.Pattern[str]
    keywords: dict[DocumentKind, tuple[re.Pattern[str], dict[str, int]]]
    filename_hints: dict[DocumentKind, re.Pattern[str]]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data = rule_file(RULES.name)
    keywords, hints = {}, {}
    for name, rule in data["kinds"].items():
        kind = DocumentKind(name)
        weights = {squeeze(k["term"]).casefold(): int(k["weight"]) for k in rule["keywords"]}
        keywords[kind] = (loose_regex(k["term"] for k in rule["keywords"]), weights)
        hints[kind] = re.compile("|".join(re.escape(h) for h in rule.get("filename_hints", [])) or r"(?!)", re.I)
    return _Rules(
        min_score=data["min_score"],
        max_count=data["max_count"],
        filename_weight=data["filename_weight"],
        email_notice_bonus=data["email_notice_bonus"],
        screen_bonus=data["screen_bonus"],
        listing_bonus=data["listing_bonus"],
        status_cell_bonus=data["status_cell_bonus"],
        ingredient_names_bonus=data["ingredient_names_bonus"],
        ingredient_names_min=data["ingredient_names_min"],
        form_sentence_share=data["form_sentence_share"],
        form_min_lines=data["form_min_lines"],
        price_bonus=data["price_bonus"],
        listing_status=loose_regex(data["listing_status_terms"]),
        coupang=loose_regex(data["coupang_markers"]),
        keywords=keywords,
        filename_hints=hints,
    )


def classify(read: ReadResult, filename: str = "") -> DocumentKind:
    scores = kind_scores(read, filename)
    ranked = scores.most_common(2)
    if not ranked or ranked[0][1] < _rules().min_score:
        return DocumentKind.other
    if len(ranked) == 2 and ranked[1][1] == ranked[0][1]:
        return DocumentKind.other
    return ranked[0][0]


def kind_scores(read: ReadResult, filename: str = "") -> Counter[DocumentKind]:
    """Each kind's score for a read file (exposed so a reviewer can see why a kind won)."""
    rules = _rules()
    subject = next((v for k, v in read.headers.items() if k.lower() == "subject"), "")
    # Email readers may already put the subject on the page; count it once.
    text = normalize(read.text if subject in read.text else f"{subject}\n{read.text}")
    scores: Counter[DocumentKind] = Counter()
    cells = _status_cells(text, rules.listing_status)
    for kind, (regex, weights) in rules.keywords.items():
        words = text if kind is not DocumentKind.notice_email else _without_lines(text, cells)
        score = _keyword_score(words, regex, weights, rules.max_count)
        if score > 0 and filename and rules.filename_hints[kind].search(filename):
            score += rules.filename_weight
        scores[kind] = score
    if scores[DocumentKind.seller_center_screenshot] > 0 and _screen_shaped(read):
        scores[DocumentKind.seller_center_screenshot] += rules.screen_bonus
    if scores[DocumentKind.seller_center_screenshot] > 0 and _listing_rows(text, rules.listing_status) >= 2:
        scores[DocumentKind.seller_center_screenshot] += rules.listing_bonus
    if scores[DocumentKind.seller_center_screenshot] > 0 and cells:
        scores[DocumentKind.seller_center_screenshot] += rules.status_cell_bonus
    if _known_ingredients(text) >= rules.ingredient_names_min:
        scores[DocumentKind.ingredient_list] += rules.ingredient_names_bonus
    if scores[DocumentKind.seller_center_screenshot] > 0 and _PRICE.search(text):
        scores[DocumentKind.seller_center_screenshot] += rules.price_bonus
    if read.media_type.startswith("image/") and _form_like(text, rules):
        scores[DocumentKind.notice_email] //= 2
    is_notice = bool(rules.coupang.search(text))
    if not is_notice:
        scores[DocumentKind.notice_email] = min(scores[DocumentKind.notice_email], 0)
    elif _is_email(read) and scores[DocumentKind.notice_email] > 0:
        scores[DocumentKind.notice_email] += rules.email_notice_bonus
    return scores


def _keyword_score(text: str, regex: re.Pattern[str], weights: dict[str, int], max_count: int) -> int:
    counts: Counter[str] = Counter(_term_of(squeeze(m.group()).casefold(), weights) for m in regex.finditer(text))
    return sum(weights[k] * min(n, max_count) for k, n in counts.items())


def _term_of(found: str, weights: dict[str, int]) -> str:
    """The keyword a match stands for: itself, or the longest stem (`authoriz*`) it starts with."""
    if found in weights:
        return found
    return max((k for k in weights if k.endswith("*") and found.startswith(k[:-1])), key=len)


def _screen_shaped(read: ReadResult) -> bool:
    """One image page shaped like a screen, not a sheet: landscape (a monitor, and a photo of one),
    or taller than 1.9:1 (a phone). Paper is portrait near 1.41:1 once turned upright."""
    if len(read.pages) != 1 or not read.media_type.startswith("image/"):
        return False
    page = read.pages[0]
    if not page.width or not page.height:
        return False
    return page.width >= 1.2 * page.height or page.height >= 1.9 * page.width


_COUPANG_ID = re.compile(r"(?<![\d-])\d{8,13}(?![\d-])")


def _listing_rows(text: str, status: re.Pattern[str]) -> int:
    """Lines that read as a row of a product list: a Coupang id and a status term."""
    return sum(bool(_COUPANG_ID.search(line) and status.search(line)) for line in text.splitlines())


_PRICE = re.compile(r"(?m)^[^\n]{0,12}\d{1,3}(?:,\d{3})+\s*원\s*$")
_SENTENCE_END = re.compile(r"(?:다|요|니다|[.。!?])\s*[.。]?\s*$")


def _form_like(text: str, rules: _Rules) -> bool:
    """Whether the text is mostly short lines that are not sentences (a screen, a form)."""
    lines = [line for line in text.splitlines() if len(squeeze(line)) >= 2]
    if len(lines) < rules.form_min_lines:
        return False
    return sum(bool(_SENTENCE_END.search(line)) for line in lines) <= rules.form_sentence_share * len(lines)


def _known_ingredients(text: str) -> int:
    """How many distinct known ingredient names the text's comma- or dot-separated items are."""
    words = dictionary()
    items = (strip_notes(i) for line in text.splitlines() for i in split_items(line) if 2 <= len(i) <= 40)
    return len({found for i in items if (found := words.exact(i))})


def _status_cells(text: str, status: re.Pattern[str]) -> set[str]:
    """Lines that hold a status term and nothing else: a cell's value on a screen."""
    return {line for line in text.splitlines() if status.fullmatch(line.strip())}


def _without_lines(text: str, lines: set[str]) -> str:
    return "\n".join(line for line in text.splitlines() if line not in lines) if lines else text


def _is_email(read: ReadResult) -> bool:
    return bool(read.headers) or any(p.source == "email" for p in read.pages)

