"""`result.json` exactly as CONTRACT.md defines it."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from casefile.codes import DocumentKind, FindingCode, ReasonCode, Severity, Status, TextSource
from casefile.fields import AnyFields

SCHEMA_VERSION = 1


class _Contract(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DocumentResult(_Contract):
    path: str = Field(description="Relative to the case, `/` separators, NFC; `container#member` for nested files")
    sha256: str
    kind: DocumentKind
    pages: int = Field(ge=0)
    text_source: TextSource | None
    ocr_confidence: float | None = Field(ge=0, le=1)
    fields: AnyFields


class Finding(_Contract):
    code: FindingCode
    severity: Severity
    documents: list[str] = Field(default_factory=list)
    message_ko: str
    message_zh: str


class Exhibit(_Contract):
    number: int = Field(ge=1)
    label: str
    document: str
    sha256: str


class Package(_Contract):
    path: str
    sha256: str
    pages: int = Field(ge=1)
    signed: bool


class Result(_Contract):
    schema_version: Literal[1] = SCHEMA_VERSION
    case_id: str
    as_of: dt.date
    status: Status
    reason_code: ReasonCode | None = None
    appeal_deadline: dt.date | None = None
    documents: list[DocumentResult] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    exhibits: list[Exhibit] = Field(default_factory=list)
    package: Package | None = None
    review_sheet: str | None = None

    def to_json(self) -> str:
        return self.model_dump_json(indent=2) + "\n"

    @property
    def has_errors(self) -> bool:
        return any(f.severity is Severity.error for f in self.findings)
