"""The domain: the contract's models, loading a case, codes and the evidence chain.

Imports none of the other packages (DESIGN.md: flows -> extractors | validators | renderers -> casefile).
"""

from casefile.case import Case, CaseProblem, SourceFile
from casefile.codes import (
    SEVERITY,
    DocumentKind,
    FindingCode,
    PageSource,
    ReasonCode,
    Scheme,
    Severity,
    SignatureKind,
    Status,
    TextSource,
)
from casefile.config import CaseConfig
from casefile.fields import FIELDS_BY_KIND, empty_fields
from casefile.pages import Attachment, Page, PdfSignature, ReadIssue, ReadResult, Table, Word
from casefile.result import DocumentResult, Exhibit, Finding, Package, Result

__all__ = [
    "SEVERITY", "Attachment", "Case", "CaseConfig", "CaseProblem", "DocumentKind", "DocumentResult",
    "Exhibit", "FIELDS_BY_KIND", "Finding", "FindingCode", "Package", "Page", "PageSource", "PdfSignature", "ReadIssue",
    "ReadResult", "ReasonCode", "Result", "Scheme", "Table", "Severity", "SignatureKind", "SourceFile", "Status",
    "TextSource", "Word", "empty_fields",
]
