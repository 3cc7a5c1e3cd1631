"""Company and brand names compared as a reviewer would: legal forms, spacing, width and case do
not make two names different; one misread letter of OCR does not either, when the name is long
enough for one letter to be noise rather than a different company.

Names are never transliterated: `주식회사 한빛무역` and `Shenzhen Hanbit Trading Co., Ltd.` are
the same seller only because case.toml gives both (`same_seller`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from rapidfuzz.distance import Levenshtein

from casefile.config import SellerConfig
from casefile.facts import configured_sellers

# Legal-form words (DOMAIN.md §4.3: 주식회사/(주)/㈜, 유한회사/(유), 합자회사, 합명회사, 유한책임회사;
# Latin and Chinese forms as Chinese sellers' names carry them, CONTRACT.md case.toml example
# "Shenzhen Hanbit Trading Co., Ltd."). ㈜ is U+321C and NFKC makes it "(주)"; ㈱ (U+3231) and
# 株式会社 are the Japanese/Chinese forms of 주식회사 and come out as "(株)".
# Korean forms are distinctive anywhere in a name ("(주)한빛", "한빛(주)", "한빛 주식회사"), OCR'd
# with spaces between syllables too ("주 식 회 사", "( 주 )": STACK.md §3).
_KO_WORDS = ("유한책임회사", "주식회사", "유한회사", "합자회사", "합명회사", "株式会社")
_KO_FORMS = re.compile(
    "|".join(r"\s*".join(word) for word in _KO_WORDS)
    + r"|[(\[]\s*(?:주|유|합|株)\s*[)\]]|(?:^|(?<=\s))주\s*\)|\(\s*(?:주|株)(?=\s|$)"
)
# Latin and Chinese forms only end a name ("Hanbit Trading Co., Ltd."); Latin ones as whole words,
# so "Costco" keeps its "co" and "Limited Edition" its "Limited".
_TAIL_FORMS = re.compile(
    r"(?:[\s,.]*(?<![a-z0-9])(?:co(?:mpany)?\s*[.,]?\s*(?:ltd|limited)|limited|ltd|inc(?:orporated)?|llc|"
    r"l\.l\.c|corp(?:oration)?|company|co|gmbh|pte|plc)\.?|股份有限公司|有限责任公司|有限責任公司|有限公司|公司)\s*$"
)
_NOT_WORD = re.compile(r"[\W_]+")
_BRACKETED = re.compile(r"[(（\[]([^()（）\[\]]*)[)）\]]")
_MARKS = re.compile(r"[™®©℠]|\((?:tm|r|c)\)", re.IGNORECASE)
_MAX_PASSES = 8

DEFAULT_THRESHOLD = 0.9  # one edit per ten letters (Hangul counted by jamo): see `same_company`


def normalise_company(name: str) -> str:
    """The name without legal forms, spaces, punctuation, case or width differences.

    `㈜한빛`, `(주) 한빛`, `주식회사 한빛` and `한빛 주식회사` all give `한빛`;
    `Shenzhen Hanbit Trading Co., Ltd.` gives `shenzhenhanbittrading`. Repeated to a fixed point,
    so normalising twice changes nothing.
    """
    text = name
    for _ in range(_MAX_PASSES):
        before = text
        text = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
        text = _KO_FORMS.sub(" ", text)
        while (stripped := _TAIL_FORMS.sub("", text)) != text:
            text = stripped
        text = _NOT_WORD.sub("", text)
        if text == before:
            break
    return text


def same_company(a: str | None, b: str | None, threshold: float = DEFAULT_THRESHOLD) -> bool:
    """Whether two names name one company, allowing OCR noise in proportion to their length.

    Compared on the normalised forms, Hangul split into jamo: a misread syllable is usually one
    wrong jamo (무역/무억), a different company several (한빛/한솔). At the default 0.9 a name of
    fewer than ten jamo (two or three syllables) gets no slack, one of four syllables or of ten
    Latin letters one edit. One name inside the other is not the same company (한빛 / 한빛전자).
    """
    x, y = normalise_company(a or ""), normalise_company(b or "")
    if not x or not y:
        return False
    if x == y:
        return True
    if x in y or y in x:
        return False  # a name extended by a word (한빛 / 한빛전자) is another company, not noise
    return Levenshtein.normalized_similarity(_jamo(x), _jamo(y)) >= threshold


def name_variants(name: str) -> list[str]:
    """The whole name, and the names a bilingual form gives in brackets or around a slash:
    `주식회사 한빛무역 (Shenzhen Hanbit Trading Co., Ltd.)` names the company both ways."""
    text = unicodedata.normalize("NFKC", name)
    parts = [text, _BRACKETED.sub(" ", text), *_BRACKETED.findall(text), *re.split(r"\s/\s|／", text)]
    seen: dict[str, str] = {}
    for part in parts:
        key = normalise_company(part)
        if len(key) >= 2:
            seen.setdefault(key, part.strip())
    return list(seen.values())


def matches_any(name: str, candidates: Iterable[str], threshold: float = DEFAULT_THRESHOLD) -> bool:
    """Whether any form of `name` is the same company as any form of a candidate."""
    forms = name_variants(name)
    return any(same_company(f, g, threshold) for c in candidates for g in name_variants(c) for f in forms)


def same_seller(name: str, config: SellerConfig, threshold: float = DEFAULT_THRESHOLD) -> bool:
    """Whether `name` is the seller under any of the names case.toml gives (in any script it gives)."""
    return matches_any(name, configured_sellers(config), threshold)


def normalise_brand(brand: str) -> str:
    """A brand without ™/®, spaces, punctuation, case or width differences (`ＨＡＮＢＩＴ™` is `hanbit`)."""
    return _NOT_WORD.sub("", _unmarked(brand).casefold())


def same_brand(a: str | None, b: str | None) -> bool:
    """Whether two brand names are one brand; a mark registered in two scripts may be written with
    both (`HANBIT (한빛)`, `HANBIT / 한빛`), and either form then matches. No fuzziness: brands
    are short and one letter makes another brand."""
    x = {normalise_brand(v) for v in _brand_forms(a or "")} - {""}
    y = {normalise_brand(v) for v in _brand_forms(b or "")} - {""}
    return bool(x & y)


def _brand_forms(brand: str) -> list[str]:
    text = _unmarked(brand)
    return [text, _BRACKETED.sub(" ", text), *_BRACKETED.findall(text), *re.split(r"/|／", text)]


def _unmarked(brand: str) -> str:
    """Without ™/®: taken off before NFKC too, which would spell ™ out as "TM"."""
    return _MARKS.sub("", unicodedata.normalize("NFKC", _MARKS.sub("", brand)))


def _jamo(normalised: str) -> str:
    """Hangul syllables split into jamo, so edits are counted per jamo."""
    return unicodedata.normalize("NFD", normalised)
