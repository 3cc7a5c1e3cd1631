"""Typed fields per document kind (CONTRACT.md, "Document kinds and their fields")."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from casefile.codes import DocumentKind, ReasonCode, Scheme, SignatureKind
from casefile.text import clean

#: A contract string: NFC, folded white space, `None` when empty.
CleanStr = Annotated[str | None, BeforeValidator(lambda v: clean(v) if isinstance(v, str) else v)]


class _Fields(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class KcCertificateFields(_Fields):
    certificate_number: CleanStr = Field(None, description="Upper case, no spaces, hyphens as printed")
    scheme: Scheme | None = None
    product_name: CleanStr = None
    model_name: CleanStr = None
    manufacturer: CleanStr = None
    issuer: CleanStr = None
    issue_date: dt.date | None = None
    expiry_date: dt.date | None = Field(None, description="null where no expiry is printed")


class IngredientListFields(_Fields):
    product_name: CleanStr = None
    ingredients: list[str] = Field(default_factory=list, description="Korean standard names, label order")


class AuthorizationLetterFields(_Fields):
    grantor: CleanStr = None
    grantee: CleanStr = None
    brand: CleanStr = None
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    signature: SignatureKind | None = None


class SellerCenterScreenshotFields(_Fields):
    product_id: CleanStr = None
    product_name: CleanStr = None
    status: CleanStr = None
    reason: CleanStr = None


class NoticeEmailFields(_Fields):
    product_id: CleanStr = None
    reason: CleanStr = None
    reason_code: ReasonCode | None = None
    notice_date: dt.date | None = None
    deadline: dt.date | None = None


class OtherFields(_Fields):
    pass


AnyFields = (
    KcCertificateFields
    | IngredientListFields
    | AuthorizationLetterFields
    | SellerCenterScreenshotFields
    | NoticeEmailFields
    | OtherFields
)

FIELDS_BY_KIND: dict[DocumentKind, type[_Fields]] = {
    DocumentKind.kc_certificate: KcCertificateFields,
    DocumentKind.ingredient_list: IngredientListFields,
    DocumentKind.authorization_letter: AuthorizationLetterFields,
    DocumentKind.seller_center_screenshot: SellerCenterScreenshotFields,
    DocumentKind.notice_email: NoticeEmailFields,
    DocumentKind.other: OtherFields,
}


def empty_fields(kind: DocumentKind) -> _Fields:
    """The kind's field record with every field absent."""
    return FIELDS_BY_KIND[kind]()
