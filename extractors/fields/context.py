"""What a field extractor may know besides the document's text."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from casefile.fields import AnyFields
from extractors.layout.pairing import Candidate


@dataclass(frozen=True)
class FieldContext:
    #: The document's own bytes, for what text cannot show (a seal impression, ink at the signature line).
    source_path: Path | None = None
    #: The case's listing product id: on a Wing screen listing several products, the row that matters.
    product_id: str | None = None


@dataclass(frozen=True)
class Extraction:
    """A document's fields, and for those paired with a label on the page, the pairing: where the
    value sat and how sure the pairing is (what the checks weigh before they assert an error)."""

    fields: AnyFields
    placed: dict[str, Candidate] = field(default_factory=dict)
