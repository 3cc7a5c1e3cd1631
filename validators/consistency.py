"""Consistency between documents and the listing: the certified model is the model on sale."""

from __future__ import annotations

import re
import unicodedata

from casefile.codes import DocumentKind, FindingCode
from casefile.result import Finding
from casefile.text import fold_dashes
from validators.facts import CaseFacts
from validators.findings import finding


def normalise_model(model: str) -> str:
    """Compare models as a reviewer does: case, width, spaces and dash variants do not matter."""
    text = unicodedata.normalize("NFKC", model)
    return fold_dashes(re.sub(r"\s+", "", text)).replace("_", "-").upper()


def check_model(facts: CaseFacts) -> list[Finding]:
    listing_model = facts.config.listing.model_name
    if not listing_model:
        return []
    wanted = normalise_model(listing_model)
    out: list[Finding] = []
    for doc in facts.of_kind(DocumentKind.kc_certificate):
        cert_model = doc.fields.model_name
        if cert_model and normalise_model(cert_model) != wanted:
            out.append(finding(FindingCode.model_mismatch, [doc.path], unsure=facts.unsure(doc, "model_name"),
                               cert_model=cert_model, listing_model=listing_model))
    return out
