"""Whose letter, which brand, which product: the documents must be about this seller's listing.

- seller_mismatch: an authorization letter's grantee is not the seller (DOMAIN.md §5: "grantee
  name must match the store's registered entity").
- brand_mismatch: the letter's brand is not the listing's brand (DOMAIN.md §5).
- product_mismatch (a warning): the documents name clearly different products, or the Wing
  screenshot shows another product id than the listing's.

Names are compared through `validators.names`: legal forms, spacing and OCR noise do not make a
mismatch; a different word does.
"""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz import fuzz

from casefile.codes import DocumentKind, FindingCode
from casefile.result import Finding
from validators.facts import CaseFacts
from validators.findings import finding
from validators.names import matches_any, same_brand

LISTING = "case.toml"
#: Kinds whose `product_name` names the product they are about (CONTRACT.md field table).
PRODUCT_KINDS = (DocumentKind.kc_certificate, DocumentKind.ingredient_list, DocumentKind.seller_center_screenshot)
PRODUCT_SIMILARITY = 90  # rapidfuzz partial ratio on jamo: one wrong jamo in ten is OCR noise
_NOT_WORD = re.compile(r"[\W_]+")
# Words that say what a product is for or how it works, not what it is: 탁상용, 초음파식, 벽걸이형.
_MODIFIER_ENDINGS = ("용", "식", "형")
_SYLLABLE_RUN = re.compile(r"(?<!\S)[\uac00-\ud7a3](?: [\uac00-\ud7a3](?!\S))+")  # OCR's "가 습 기"


def seller_names(facts: CaseFacts) -> list[str]:
    """The seller's names: whoever case.toml names (CONTRACT.md: "The seller is whoever case.toml
    names, else the account shown on the Coupang Wing screenshot, else the addressee of the notice
    email")."""
    return list(facts.resolved.seller)


def check_seller(facts: CaseFacts) -> list[Finding]:
    seller = seller_names(facts)
    if not seller:
        return []  # nobody to compare with: uncertain is not a mismatch
    out: list[Finding] = []
    for doc in facts.of_kind(DocumentKind.authorization_letter):
        grantee = doc.fields.grantee
        if grantee and not matches_any(grantee, seller):
            out.append(finding(FindingCode.seller_mismatch, [doc.path], unsure=facts.unsure(doc, "grantee"),
                               grantee=grantee, seller=" / ".join(seller)))
    return out


def check_brand(facts: CaseFacts) -> list[Finding]:
    listing_brand = facts.config.listing.brand
    if not listing_brand:
        return []
    out: list[Finding] = []
    for doc in facts.of_kind(DocumentKind.authorization_letter):
        brand = doc.fields.brand
        if brand and not same_brand(brand, listing_brand):
            out.append(finding(FindingCode.brand_mismatch, [doc.path], unsure=facts.unsure(doc, "brand"),
                               brand=brand, listing_brand=listing_brand))
    return out


def check_products(facts: CaseFacts) -> list[Finding]:
    """One warning naming every product name when any two are clearly different."""
    named = _product_names(facts)
    if not any(not same_product(a, b) for i, (_, a) in enumerate(named) for _, b in named[i + 1:]):
        return []
    detail = " · ".join(f"'{name}' ({source})" for source, name in _distinct(named))
    return [finding(FindingCode.product_mismatch, _sources(named), detail=detail)]


def check_product_ids(facts: CaseFacts) -> list[Finding]:
    """The Wing screenshot's product id against the listing's (both as digits)."""
    listing_id = facts.config.listing.product_id
    if not listing_id:
        return []
    shown = [(d.path, d.fields.product_id) for d in facts.of_kind(DocumentKind.seller_center_screenshot)
             if d.fields.product_id and _digits(d.fields.product_id) != _digits(listing_id)]
    if not shown:
        return []
    detail = " · ".join([f"ID {listing_id} ({LISTING})", *(f"ID {pid} ({path})" for path, pid in shown)])
    return [finding(FindingCode.product_mismatch, [LISTING, *(p for p, _ in shown)], detail=detail)]


def same_product(a: str, b: str) -> bool:
    """Whether two product names may name one product: spacing, case and width aside, one inside the
    other (`미니 가습기` in `미니 가습기 H2`: a certificate names the product, a listing adds to it),
    the same kind of thing (`전기온풍기` / `미니 온풍기`), or one within OCR noise of a part of the
    other -- save for their numbers, which tell models apart (`H2` / `H3`)."""
    x, y = _product_key(a), _product_key(b)
    if not x or not y or x in y or y in x:
        return True
    numbers_x, numbers_y = re.findall(r"\d+", x), re.findall(r"\d+", y)
    if numbers_x and numbers_y and numbers_x != numbers_y:
        return False
    if _heads(a) & _heads(b):
        return True
    short, long_ = sorted((unicodedata.normalize("NFD", x), unicodedata.normalize("NFD", y)), key=len)
    return fuzz.partial_ratio(short, long_) >= PRODUCT_SIMILARITY


def _heads(name: str) -> set[str]:
    """Word endings of three or more Hangul syllables: a Korean compound ends in what the thing is,
    so a certificate's 품목 `전기온풍기` and a listing's `미니 온풍기 HT-M300` share `온풍기`."""
    words = _SYLLABLE_RUN.sub(lambda m: m.group().replace(" ", ""), unicodedata.normalize("NFKC", name)).split()
    hangul = [re.sub(r"[^\uac00-\ud7a3]", "", w) for w in words]
    return {w[i:] for w in hangul if not w.endswith(_MODIFIER_ENDINGS) for i in range(len(w) - 2)}


def _product_key(name: str) -> str:
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", name).casefold())


def _product_names(facts: CaseFacts) -> list[tuple[str, str]]:
    """(source, product name): the listing first, then documents in case order."""
    named = [(LISTING, facts.config.listing.product_name)] if facts.config.listing.product_name else []
    for doc in facts.documents:
        name = getattr(doc.fields, "product_name", None) if doc.kind in PRODUCT_KINDS else None
        if name:
            named.append((doc.path, name))
    return named


def _distinct(named: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Each name once (compared as `_product_key`), with every source that gives it."""
    sources: dict[str, list[str]] = {}
    printed: dict[str, str] = {}
    for source, name in named:
        key = _product_key(name)
        printed.setdefault(key, name)
        sources.setdefault(key, []).append(source)
    return [(", ".join(sources[k]), printed[k]) for k in printed]


def _sources(named: list[tuple[str, str]]) -> list[str]:
    return list(dict.fromkeys(source for source, _ in named))


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)
