"""The evidence chain: which documents back the appeal, in which order, under which exhibit label.

This is what the renderers receive: facts only, already validated, nothing to decide.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field, model_validator

from casefile.codes import DocumentKind, ReasonCode
from casefile.config import CaseConfig
from casefile.facts import ResolvedFacts, resolve
from casefile.fields import AnyFields
from casefile.pages import Page
from casefile.result import DocumentResult, Exhibit, Finding

#: Order in which kinds are cited as exhibits: the proof first, the context after.
EXHIBIT_ORDER: tuple[DocumentKind, ...] = (
    DocumentKind.kc_certificate,
    DocumentKind.authorization_letter,
    DocumentKind.ingredient_list,
    DocumentKind.seller_center_screenshot,
    DocumentKind.notice_email,
    DocumentKind.other,
)

#: How an exhibit of each kind is named in the Korean letter and index.
KIND_TITLE_KO: dict[DocumentKind, str] = {
    DocumentKind.kc_certificate: "KC 인증서",
    DocumentKind.ingredient_list: "전성분표",
    DocumentKind.authorization_letter: "판매권한 위임장",
    DocumentKind.seller_center_screenshot: "쿠팡 Wing 화면",
    DocumentKind.notice_email: "판매중지 안내 메일",
    DocumentKind.other: "기타 자료",
}


class EvidenceItem(BaseModel):
    """One exhibit with everything needed to place it in the package."""

    exhibit: Exhibit
    kind: DocumentKind
    title_ko: str
    abs_path: str = Field(description="Where the document's bytes are")
    media_type: str
    page_count: int
    fields: AnyFields
    pages: list[Page] = Field(default_factory=list, description="What was read, for text-only exhibits")


class EvidenceChain(BaseModel):
    """Everything the package and the review sheet are made from."""

    case_id: str
    as_of: dt.date
    reason_code: ReasonCode | None
    notice_date: dt.date | None
    appeal_deadline: dt.date | None
    config: CaseConfig
    facts: ResolvedFacts | None = Field(None, description="Seller, product, model, brand as the checks saw them "
                                                          "(casefile.facts); resolved from config and documents "
                                                          "when not given")
    seal_image: str | None = Field(None, description="Absolute path of the seller's seal image")
    documents: list[DocumentResult]
    findings: list[Finding]
    items: list[EvidenceItem]

    @model_validator(mode="after")
    def _resolved(self) -> EvidenceChain:
        if self.facts is None:
            self.facts = resolve(self.config, self.documents)
        return self


def order_exhibits(documents: list[DocumentResult]) -> list[Exhibit]:
    """Number the documents worth citing: by kind in EXHIBIT_ORDER, then by path; one per content."""
    rank = {kind: i for i, kind in enumerate(EXHIBIT_ORDER)}
    seen: set[str] = set()
    chosen: list[DocumentResult] = []
    for doc in sorted(documents, key=lambda d: (rank[d.kind], d.path)):
        if doc.sha256 in seen:
            continue
        seen.add(doc.sha256)
        chosen.append(doc)
    return [
        Exhibit(number=i, label=f"붙임 {i}", document=doc.path, sha256=doc.sha256)
        for i, doc in enumerate(chosen, start=1)
    ]
