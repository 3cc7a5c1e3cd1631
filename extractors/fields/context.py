"""What a field extractor may know besides the document's text."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from casefile.fields import AnyFields
from extractors.layout.pairing import Candidate
from extractors.rulefiles import rule_file


@dataclass(frozen=True)
class FieldContext:
    #: The document's own bytes, for what text cannot show (a seal impression, ink at the signature line).
    source_path: Path | None = None
    #: The case's listing product id: on a Wing screen listing several products, the row that matters.
    product_id: str | None = None


@dataclass(frozen=True)
class Inferred:
    """A value read from running text rather than beside its label: by which rule, and how sure
    that rule's values are (rules/inference.toml)."""

    how: str
    certainty: float


@dataclass(frozen=True)
class Extraction:
    """A document's fields, and how each was read: for those paired with a label on the page, the
    pairing (where the value sat and how sure the pairing is); for those read from running text,
    the rule (what the checks weigh before they assert an error)."""

    fields: AnyFields
    placed: dict[str, Candidate] = field(default_factory=dict)
    inferred: dict[str, Inferred] = field(default_factory=dict)


class Inferences:
    """Notes which rule gave a field its value: `infer("issuer", "kc:known-issuer", value)` returns
    the value, remembering the rule when there is one (the first rule that gave a value wins)."""

    def __init__(self) -> None:
        self.found: dict[str, Inferred] = {}

    def __call__(self, field_name: str, how: str, value):
        if value not in (None, "", []) and field_name not in self.found:
            self.found[field_name] = Inferred(how, certainty_of(how))
        return value


def certainty_of(how: str) -> float:
    """How sure a rule of rules/inference.toml is; an unknown rule is an error, not a silent 1.0."""
    return float(rule_file("inference.toml")["how"][how])
