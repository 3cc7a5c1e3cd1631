"""One entry point from a document's kind and reading to its typed fields.

Every kind's extractor has one signature, `(read, context) -> Extraction`: the fields, and for
those paired with a label on the page, where the value sat and how sure the pairing is.
"""

from __future__ import annotations

from collections.abc import Callable

from casefile.codes import DocumentKind
from casefile.fields import AnyFields, empty_fields
from casefile.pages import ReadResult
from extractors.fields.authorization import read_authorization
from extractors.fields.context import Extraction, FieldContext
from extractors.fields.ingredients import extract_ingredients
from extractors.fields.kc import read_kc
from extractors.fields.notice import read_notice
from extractors.fields.screenshot import extract_screenshot

Extractor = Callable[[ReadResult, FieldContext], Extraction]


def _kc(read: ReadResult, _: FieldContext) -> Extraction:
    return read_kc(read.pages)


def _ingredients(read: ReadResult, _: FieldContext) -> Extraction:
    return Extraction(extract_ingredients(read.pages))


def _notice(read: ReadResult, _: FieldContext) -> Extraction:
    return read_notice(read.pages, read.headers)


def _screenshot(read: ReadResult, context: FieldContext) -> Extraction:
    return Extraction(extract_screenshot(read, context))


# Kinds without an extractor give their empty record (every field null), which the contract
# allows: a field not read is null, never a guess.
_EXTRACTORS: dict[DocumentKind, Extractor] = {
    DocumentKind.kc_certificate: _kc,
    DocumentKind.ingredient_list: _ingredients,
    DocumentKind.notice_email: _notice,
    DocumentKind.authorization_letter: read_authorization,
    DocumentKind.seller_center_screenshot: _screenshot,
}


def extract(kind: DocumentKind, read: ReadResult, context: FieldContext | None = None) -> Extraction:
    extractor = _EXTRACTORS.get(kind)
    return extractor(read, context or FieldContext()) if extractor else Extraction(empty_fields(kind))


def extract_fields(kind: DocumentKind, read: ReadResult, context: FieldContext | None = None) -> AnyFields:
    return extract(kind, read, context).fields
