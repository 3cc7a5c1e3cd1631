"""A case: the inventory of its files (each with sha256) and its validated case.toml."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from pydantic import BaseModel, Field

from casefile.codes import FindingCode
from casefile.config import CaseConfig


def case_id_of(path: Path | str) -> str:
    """A case's id (CONTRACT.md): its folder's name, or its zip's name without `.zip`, NFC."""
    name = unicodedata.normalize("NFC", Path(path).name)
    return name[:-4] if name.lower().endswith(".zip") else name


class SourceFile(BaseModel):
    """One file of the case, or one file found inside another (`container#member`)."""

    path: str = Field(description="Case-relative, `/` separators, NFC")
    abs_path: str = Field(description="Where the bytes are on disk for reading")
    sha256: str
    size: int
    container: str | None = Field(None, description="The file this one came out of, if any")


class CaseProblem(BaseModel):
    """Something about the case's files that becomes a finding (a skipped symlink, an oversized file)."""

    path: str
    code: FindingCode
    detail: str


class Case(BaseModel):
    case_id: str
    root: str = Field(description="The case folder being read (the extracted copy for a .zip)")
    files: list[SourceFile] = Field(default_factory=list)
    config: CaseConfig = Field(default_factory=CaseConfig)
    problems: list[CaseProblem] = Field(default_factory=list)

    @property
    def seal_image_path(self) -> Path | None:
        rel = self.config.seller.seal_image
        return Path(self.root, rel) if rel else None
