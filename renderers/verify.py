"""Reading a signature back: pyHanko validation against explicit trust roots, offline."""

from __future__ import annotations

from pathlib import Path

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext


def _asn1(cert: x509.Certificate | Path | str) -> asn1_x509.Certificate:
    if isinstance(cert, x509.Certificate):
        return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
    return load_cert_from_pemder(str(cert))


def signature_status(pdf_path: Path, trust_roots: list[x509.Certificate | Path | str]) -> list[dict]:
    """One dict per embedded signature: intact, valid, trusted, coverage, modification level, signer."""
    context = ValidationContext(trust_roots=[_asn1(c) for c in trust_roots], allow_fetching=False)
    with open(pdf_path, "rb") as fh:
        out = []
        for sig in PdfFileReader(fh).embedded_signatures:
            status = validate_pdf_signature(sig, context)
            out.append({
                "field": sig.field_name,
                "intact": status.intact,
                "valid": status.valid,
                "trusted": status.trusted,
                "coverage": status.coverage.name if status.coverage else None,
                "modification_level": status.modification_level.name if status.modification_level else None,
                "signer": status.signing_cert.subject.human_friendly,
                "subfilter": str(sig.sig_object.get("/SubFilter")),
                "summary": status.summary(),
            })
        return out
