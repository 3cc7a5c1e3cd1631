"""Typed fields per document kind, read from a document's pages."""

from extractors.fields.context import FieldContext
from extractors.fields.kc import extract_kc
from extractors.fields.notice import extract_notice
from extractors.fields.registry import extract_fields

__all__ = ["FieldContext", "extract_fields", "extract_kc", "extract_notice"]
