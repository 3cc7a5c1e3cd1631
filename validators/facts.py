"""What every check looks at: the case's documents and settings, and the dates that drive the rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from pydantic import BaseModel, Field

from casefile.codes import DocumentKind, ReasonCode
from casefile.config import CaseConfig
from casefile.fields import NoticeEmailFields
from casefile.pages import PdfSignature
from casefile.result import DocumentResult
from validators.rules import load_rules


class CaseFacts(BaseModel):
    as_of: dt.date
    config: CaseConfig = Field(default_factory=CaseConfig)
    documents: list[DocumentResult] = Field(default_factory=list)
    reason_code: ReasonCode | None = None
    notice_date: dt.date | None = None
    appeal_deadline: dt.date | None = None
    #: The seller as the documents show it, when case.toml names nobody: the account on the Wing
    #: screenshot, else the notice e-mail's addressee (CONTRACT.md), in that order.
    seller_fallback: list[str] = Field(default_factory=list)
    #: Digital signatures of uploaded PDFs by document path, with pyHanko's verdicts.
    signatures: dict[str, list[PdfSignature]] = Field(default_factory=dict)
    #: How surely each field was read, by document path and field (FieldSource.certainty); a field
    #: not listed was not measured (a document given without its trace counts as sure).
    certainty: dict[str, dict[str, float]] = Field(default_factory=dict)

    def of_kind(self, kind: DocumentKind) -> Iterator[DocumentResult]:
        return (d for d in self.documents if d.kind is kind)

    def unsure(self, doc: DocumentResult, *fields: str) -> list[str]:
        """Those of `fields` of `doc` read less surely than an error needs."""
        measured = self.certainty.get(doc.path, {})
        sure = load_rules().certainty.sure
        return [f for f in fields if measured.get(f, 1.0) < sure]


def resolve_facts(as_of: dt.date, config: CaseConfig, documents: list[DocumentResult]) -> CaseFacts:
    """The reason, notice date and deadline: case.toml first, else what the notice e-mail says.

    appeal_deadline: the deadline printed in the notice, else notice_date + 7 days (CONTRACT.md).
    """
    notices = [d.fields for d in documents if isinstance(d.fields, NoticeEmailFields)]
    reason = config.appeal.reason or next((n.reason_code for n in notices if n.reason_code), None)
    notice_date = config.appeal.notice_date or next((n.notice_date for n in notices if n.notice_date), None)
    printed = next((n.deadline for n in notices if n.deadline), None)
    if printed is not None:
        deadline = printed
    elif notice_date is not None:
        deadline = notice_date + dt.timedelta(days=load_rules().timing.default_deadline_days)
    else:
        deadline = None
    return CaseFacts(as_of=as_of, config=config, documents=documents, reason_code=reason,
                     notice_date=notice_date, appeal_deadline=deadline)
