"""Digital signatures in an uploaded PDF, and pyHanko's verdict on each (STACK.md §7).

Offline by design: no revocation fetching. Trust roots are whatever folder `APPEAL_TRUST_ROOTS`
names (PEM or DER certificates, e.g. a Korean NPKI/GPKI root); with none configured every
signature is untrusted, which the validators report rather than hide. A broken PDF gives an empty
list, never an exception: a seller's file must not stop the case.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from pyhanko.keys import load_certs_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from casefile.pages import PdfSignature

log = logging.getLogger(__name__)

TRUST_ROOTS_ENV = "APPEAL_TRUST_ROOTS"
_CERT_SUFFIXES = {".pem", ".crt", ".cer", ".der"}
# pyHanko and its cert validator log a full traceback for every untrusted (self-signed) chain,
# which is the normal case for sellers' files; the verdict itself says "untrusted".
_NOISY_LOGGERS = ("pyhanko", "pyhanko_certvalidator")


def pdf_signatures(path: Path) -> list[PdfSignature]:
    """Every embedded signature of the PDF with its verdict; [] for an unsigned or unreadable file."""
    try:
        with open(path, "rb") as fh, _quiet():
            reader = PdfFileReader(fh, strict=False)
            return [_verdict(sig, _context()) for sig in reader.embedded_signatures]
    except Exception as exc:  # noqa: BLE001 - pyHanko raises many kinds on hostile or damaged files
        log.warning("cannot read signatures of %s: %s: %s", Path(path).name, type(exc).__name__, exc)
        return []


def _verdict(sig, context: ValidationContext) -> PdfSignature:
    name = sig.field_name or ""
    try:
        status = validate_pdf_signature(sig, context)
    except Exception as exc:  # noqa: BLE001 - a malformed signature is an invalid one, not a crash
        return PdfSignature(field_name=name, signer=_signer_of(sig), intact=False, valid=False,
                            summary=f"validation failed: {type(exc).__name__}: {exc}"[:300])
    signed_at = status.signer_reported_dt or getattr(sig, "self_reported_timestamp", None)
    return PdfSignature(
        field_name=name,
        signer=_subject(status.signing_cert) or _signer_of(sig),
        signed_at=signed_at.isoformat() if signed_at else None,
        intact=bool(status.intact),
        # pyHanko's `valid` is the CMS signature alone; ours also needs the signed bytes unchanged.
        valid=bool(status.intact and status.valid),
        trusted=bool(status.trusted),
        coverage=status.coverage.name if status.coverage else "",
        summary=status.summary(),
    )


def _signer_of(sig) -> str | None:
    try:
        return _subject(sig.signer_cert)
    except Exception:  # noqa: BLE001 - no readable certificate in the CMS blob
        return None


def _subject(cert) -> str | None:
    return cert.subject.human_friendly if cert is not None else None


def _context() -> ValidationContext:
    return ValidationContext(trust_roots=list(_trust_roots(os.environ.get(TRUST_ROOTS_ENV, ""))),
                             allow_fetching=False)


@lru_cache(maxsize=4)
def _trust_roots(folder: str) -> tuple:
    """Certificates in the configured folder; unreadable files are skipped with a warning."""
    if not folder:
        return ()
    roots = []
    for file in sorted(Path(folder).glob("*")):
        if file.suffix.lower() not in _CERT_SUFFIXES:
            continue
        try:
            roots.extend(load_certs_from_pemder([str(file)]))
        except Exception as exc:  # noqa: BLE001
            log.warning("trust root %s skipped: %s", file.name, exc)
    return tuple(roots)


@contextmanager
def _quiet() -> Iterator[None]:
    loggers = [logging.getLogger(n) for n in _NOISY_LOGGERS]
    before = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for lg, level in zip(loggers, before):
            lg.setLevel(level)
