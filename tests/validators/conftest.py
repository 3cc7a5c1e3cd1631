from __future__ import annotations

import datetime as dt

import pytest

from casefile.config import CaseConfig
from casefile.fields import KcCertificateFields, NoticeEmailFields
from casefile.result import DocumentResult
from validators.facts import CaseFacts, resolve_facts

AS_OF = dt.date(2026, 11, 28)


def kc_doc(path: str = "kc.pdf", sha: str = "a", **fields) -> DocumentResult:
    return DocumentResult(path=path, sha256=sha * 64, kind="kc_certificate", pages=1, text_source="pdf_text",
                          ocr_confidence=None, fields=KcCertificateFields(**fields))


def notice_doc(**fields) -> DocumentResult:
    return DocumentResult(path="notice.eml", sha256="e" * 64, kind="notice_email", pages=1, text_source="email",
                          ocr_confidence=None, fields=NoticeEmailFields(**fields))


def facts_for(documents, as_of: dt.date = AS_OF, **config) -> CaseFacts:
    return resolve_facts(as_of, CaseConfig.model_validate(config), documents)


@pytest.fixture
def make_facts():
    return facts_for
