"""Which source wins a fact of the case: the one place that decides (issue 15, item 5).

The checks, the letter and the review sheet must state the same seller, product, model, brand,
reason and dates. Each fact is taken from the first source in its precedence that states it:
case.toml always first (CONTRACT.md: "what is missing is read from the documents"), then the
document kinds in the order below, and among documents of one kind the first in case order.

The seller follows CONTRACT.md: "whoever case.toml names, else the account shown on the Coupang
Wing screenshot, else the addressee of the notice email". The account and the addressee are read
by the flows (they need the screenshot's reading and the e-mail's headers) and handed in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from pydantic import BaseModel, Field

from casefile.codes import DocumentKind, ReasonCode
from casefile.config import CaseConfig, SellerConfig
from casefile.result import DocumentResult

CASE_TOML = "case.toml"
DEFAULT_DEADLINE_DAYS = 7  # CONTRACT.md: notice_date + 7 calendar days

#: Per listing fact, the document kinds that may state it, most trusted first. The listing is what
#: Coupang shows (the Wing screen, the notice about it); a certificate names the product it covers.
PRECEDENCE: dict[str, tuple[DocumentKind, ...]] = {
    "product_id": (DocumentKind.notice_email, DocumentKind.seller_center_screenshot),
    "product_name": (DocumentKind.seller_center_screenshot, DocumentKind.kc_certificate,
                     DocumentKind.ingredient_list),
    "model_name": (DocumentKind.kc_certificate,),
    "brand": (DocumentKind.authorization_letter,),
}


class Stated(BaseModel):
    """A fact's value and who stated it (`case.toml` or a document's path); None when nobody did."""

    value: str | None = None
    source: str | None = None


class ResolvedFacts(BaseModel):
    """The facts of the case as every stage states them."""

    seller: list[str] = Field(default_factory=list, description="The seller's names, case.toml's first")
    seller_source: str | None = None
    product_id: Stated = Field(default_factory=Stated)
    product_name: Stated = Field(default_factory=Stated)
    model_name: Stated = Field(default_factory=Stated)
    brand: Stated = Field(default_factory=Stated)
    reason_code: ReasonCode | None = None
    notice_date: dt.date | None = None
    appeal_deadline: dt.date | None = None


def resolve(config: CaseConfig, documents: Sequence[DocumentResult],
            seller_accounts: Iterable[tuple[str, str]] = (), addressees: Iterable[tuple[str, str]] = (),
            deadline_days: int = DEFAULT_DEADLINE_DAYS) -> ResolvedFacts:
    """The case's facts. `seller_accounts` and `addressees` are (document path, name) pairs: the
    account a Wing screenshot shows, the name a notice e-mail is addressed to."""
    seller, seller_source = _seller(config, list(seller_accounts), list(addressees))
    listing = config.listing
    notices = [d.fields for d in documents if d.kind is DocumentKind.notice_email]
    reason = config.appeal.reason or next((n.reason_code for n in notices if n.reason_code), None)
    notice_date = config.appeal.notice_date or next((n.notice_date for n in notices if n.notice_date), None)
    printed = next((n.deadline for n in notices if n.deadline), None)
    if printed is not None:
        deadline = printed
    elif notice_date is not None:
        deadline = notice_date + dt.timedelta(days=deadline_days)
    else:
        deadline = None
    return ResolvedFacts(
        seller=seller, seller_source=seller_source,
        product_id=_stated(listing.product_id, documents, "product_id"),
        product_name=_stated(listing.product_name, documents, "product_name"),
        model_name=_stated(listing.model_name, documents, "model_name"),
        brand=_stated(listing.brand, documents, "brand"),
        reason_code=reason, notice_date=notice_date, appeal_deadline=deadline,
    )


def configured_sellers(seller: SellerConfig) -> list[str]:
    """The names case.toml gives the seller: Korean legal name first, then the other."""
    return [n for n in (seller.name_ko, seller.name) if n]


def _seller(config: CaseConfig, accounts: list[tuple[str, str]],
            addressees: list[tuple[str, str]]) -> tuple[list[str], str | None]:
    named = configured_sellers(config.seller)
    if named:
        return named, CASE_TOML
    for path, name in [*accounts, *addressees]:
        if name.strip():
            return [name.strip()], path
    return [], None


def _stated(configured: str | None, documents: Sequence[DocumentResult], field: str) -> Stated:
    if configured:
        return Stated(value=configured, source=CASE_TOML)
    for kind in PRECEDENCE[field]:
        for doc in documents:
            value = getattr(doc.fields, field, None) if doc.kind is kind else None
            if isinstance(value, str) and value:
                return Stated(value=value, source=doc.path)
    return Stated()
