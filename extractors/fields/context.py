"""What a field extractor may know besides the document's text."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class FieldContext:
    #: The document's own bytes, for what text cannot show (a seal impression, ink at the signature line).
    source_path: Path | None = None
    #: The case's listing product id: on a Wing screen listing several products, the row that matters.
    product_id: str | None = None
