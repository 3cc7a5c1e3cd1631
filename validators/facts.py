"""What every check looks at: the case's documents and settings, and the dates that drive the rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from pydantic import BaseModel, Field

from casefile.codes import DocumentKind, ReasonCode
from casefile.config import CaseConfig
from casefile.facts import ResolvedFacts, resolve
from casefile.pages import PdfSignature
from casefile.result import DocumentResult
from validators.rules import load_rules


class CaseFacts(BaseModel):
    as_of: dt.date
    config: CaseConfig = Field(default_factory=CaseConfig)
    documents: list[DocumentResult] = Field(default_factory=list)
    #: Who the seller is, which product, model and brand: decided once for the checks, the letter
    #: and the review sheet alike (casefile.facts).
    resolved: ResolvedFacts = Field(default_factory=ResolvedFacts)
    #: Digital signatures of uploaded PDFs by document path, with pyHanko's verdicts.
    signatures: dict[str, list[PdfSignature]] = Field(default_factory=dict)
    #: How surely each field was read, by document path and field (FieldSource.certainty); a field
    #: not listed was not measured (a document given without its trace counts as sure).
    certainty: dict[str, dict[str, float]] = Field(default_factory=dict)

    @property
    def reason_code(self) -> ReasonCode | None:
        return self.resolved.reason_code

    @property
    def notice_date(self) -> dt.date | None:
        return self.resolved.notice_date

    @property
    def appeal_deadline(self) -> dt.date | None:
        return self.resolved.appeal_deadline

    def of_kind(self, kind: DocumentKind) -> Iterator[DocumentResult]:
        return (d for d in self.documents if d.kind is kind)

    def unsure(self, doc: DocumentResult, *fields: str) -> list[str]:
        """Those of `fields` of `doc` read less surely than an error needs."""
        measured = self.certainty.get(doc.path, {})
        sure = load_rules().certainty.sure
        return [f for f in fields if measured.get(f, 1.0) < sure]


def resolve_facts(as_of: dt.date, config: CaseConfig, documents: list[DocumentResult],
                  seller_accounts: Iterable[tuple[str, str]] = (),
                  addressees: Iterable[tuple[str, str]] = ()) -> CaseFacts:
    """The case's facts (casefile.facts decides which source wins); the deadline rule's days from
    timing.toml. appeal_deadline: the deadline printed in the notice, else notice_date + 7 days."""
    resolved = resolve(config, documents, seller_accounts, addressees,
                       deadline_days=load_rules().timing.default_deadline_days)
    return CaseFacts(as_of=as_of, config=config, documents=documents, resolved=resolved)
