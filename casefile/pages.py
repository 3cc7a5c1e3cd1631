"""The one typed page model every reader produces, and what reading one file gives."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from casefile.codes import FindingCode, PageSource


class Word(BaseModel):
    """One word as located on the page (OCR or PDF text layer); boxes in pixels or PDF points."""

    model_config = ConfigDict(frozen=True)

    text: str
    left: float
    top: float
    width: float
    height: float
    confidence: float | None = Field(None, ge=0, le=1, description="OCR confidence 0..1; None when not OCR")


class Table(BaseModel):
    """A table as rows of cells, kept apart from the flowing text (born-digital PDF, DOCX)."""

    rows: list[list[str]] = Field(default_factory=list)
    bbox: tuple[float, float, float, float] | None = Field(None, description="x0, top, x1, bottom in points")


class Page(BaseModel):
    """One page of one file, as read."""

    number: int = Field(ge=1)
    source: PageSource
    rotation: int = Field(0, description="Degrees clockwise the page was turned to read it upright")
    confidence: float | None = Field(None, ge=0, le=1, description="Mean OCR word confidence 0..1")
    text: str = ""
    words: list[Word] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    strategy: str = Field("", description="What ran on this page: engine, language, mode")
    width: float | None = None
    height: float | None = None
    dpi: float | None = Field(None, description="Resolution of the image read, when the page was an image")


class ReadIssue(BaseModel):
    """Why a file could not be read, or could be read only in part (becomes a finding)."""

    code: FindingCode
    detail: str = ""
    transient: bool = Field(False, description="The machine failed (busy, out of memory), not the file: "
                                               "worth another try, and never cached")


class Attachment(BaseModel):
    """A file found inside another (an email attachment), to be read as a document of the case."""

    name: str
    data_path: str = Field(description="Where its bytes were written for reading (absolute)")
    sha256: str
    size: int


#: What a signed PDF's later revisions changed: `text` shown on a page, other page `drawing`
#: (shapes, images), `annotation`s over a page, `form` fields beyond what the signature allows,
#: `pages` added or removed, or `other` (the file's structure).
SignatureChange = Literal["text", "drawing", "annotation", "form", "pages", "other"]


class PdfSignature(BaseModel):
    """A digital signature found in an uploaded PDF, and pyHanko's verdict on it."""

    field_name: str
    signer: str | None = None
    signed_at: str | None = None
    intact: bool = Field(description="The signed bytes are unchanged")
    valid: bool = Field(description="Intact, the cryptography checks out, and nothing was changed after "
                                    "signing beyond what the signature allows")
    trusted: bool = Field(False, description="The signer's certificate chains to a trusted root")
    coverage: str = ""
    summary: str = ""
    modification_level: str = Field("", description="pyHanko's ModificationLevel of the revisions after the "
                                                    "signed one: NONE, LTA_UPDATES, FORM_FILLING, ANNOTATIONS, OTHER")
    docmdp_ok: bool | None = Field(None, description="pyHanko: those revisions are within the signature's DocMDP")
    changed_after_signing: bool = Field(False, description="Later revisions changed the document beyond signature "
                                                           "upkeep and the form filling the signature allows")
    changes: list[SignatureChange] = Field(default_factory=list, description="What they changed, when they did")
    diff_summary: str = Field("", description="pyHanko's difference analysis in its own words, when it objected")
    signed_bytes: int | None = Field(None, description="Length of the signed revision: the file up to the end of "
                                                       "the signature's /ByteRange")


class ReadResult(BaseModel):
    """Everything reading one file produced."""

    pages: list[Page] = Field(default_factory=list)
    media_type: str = ""
    issues: list[ReadIssue] = Field(default_factory=list)
    attachments: list[Attachment] = Field(default_factory=list)
    headers: dict[str, str] = Field(default_factory=dict, description="Email headers, when an email")
    has_signature_field: bool = Field(False, description="A PDF with a signed signature field")
    signatures: list[PdfSignature] = Field(default_factory=list, description="Verdicts on those signatures")
    later_revisions: list[SignatureChange] = Field(
        default_factory=list, description="A signed PDF changed after signing: what its later revisions changed. "
                                          "Its pages are then those of the signed revision, so nothing added after "
                                          "signing is read as the signer's")

    @property
    def text(self) -> str:
        return "\n\f\n".join(p.text for p in self.pages)


class FieldSource(BaseModel):
    """Where one extracted field was read: the page, the words' box, how the page was read, and
    how sure the reading was (OCR word confidence; 1.0 for text that was not OCR'd)."""

    page: int = Field(ge=1)
    source: PageSource
    box: tuple[float, float, float, float] | None = Field(
        None, description="left, top, width, height of the words, in the page's pixels or PDF points")
    confidence: float = Field(ge=0, le=1)
    text: str = Field(description="The words as read, which the field's value was made from")
    pairing: str | None = Field(None, description="How the value was paired with its label on the page: "
                                                  "inline, right, below, inline-weak (+wrap); or `text:<rule>` "
                                                  "for a value read from running text; None when not paired")
    score: float | None = Field(None, ge=0, le=1, description="How sure that pairing is, 0..1 (its kind times "
                                                               "how well the value has the field's type; a "
                                                               "text rule's measured precision)")

    @property
    def certainty(self) -> float:
        """How sure the field is: the less sure of the reading and the pairing."""
        return min(self.confidence, self.score if self.score is not None else 1.0)
