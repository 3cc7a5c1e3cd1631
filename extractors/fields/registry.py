"""One entry point from a document's kind and reading to its typed fields."""

from __future__ import annotations

from collections.abc import Callable

from casefile.codes import DocumentKind
from casefile.fields import AnyFields, empty_fields
from casefile.pages import ReadResult
from extractors.fields.authorization import extract_authorization
from extractors.fields.context import FieldContext
from extractors.fields.ingredients import extract_ingredients
from extractors.fields.kc import extract_kc
from extractors.fields.notice import extract_notice
from extractors.fields.screenshot import extract_screenshot

Extractor = Callable[[ReadResult, FieldContext], AnyFields]

# Kinds without an extractor yet give their empty record (every field null), which the
# contract allows: a field not read is null, never a guess.
_EXTRACTORS: dict[DocumentKind, Extractor] = {
    DocumentKind.kc_certificate: lambda read, _: extract_kc(read.pages),
    DocumentKind.ingredient_list: lambda read, _: extract_ingredients(read.pages),
    DocumentKind.notice_email: lambda read, _: extract_notice(read.pages, read.headers),
    DocumentKind.authorization_letter: extract_authorization,
    DocumentKind.seller_center_screenshot: extract_screenshot,
}


def extract_fields(kind: DocumentKind, read: ReadResult, context: FieldContext | None = None) -> AnyFields:
    extractor = _EXTRACTORS.get(kind)
    return extractor(read, context or FieldContext()) if extractor else empty_fields(kind)
