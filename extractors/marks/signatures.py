"""Digital signatures in an uploaded PDF, and pyHanko's verdict on each (STACK.md §7).

Offline by design: no revocation fetching. Trust roots are whatever folder `APPEAL_TRUST_ROOTS`
names (PEM or DER certificates, e.g. a Korean NPKI/GPKI root); with none configured every
signature is untrusted, which the validators report rather than hide. A broken PDF gives an empty
list, never an exception: a seller's file must not stop the case.

A signature vouches for the revision it signed, not for what was appended later. pyHanko's
difference analysis judges the later revisions: signature upkeep (LTA updates), further signatures
and the form filling the signature's DocMDP permits are accepted; anything else (text stamped on
a page, an annotation over it, a field filled under a "no changes" certification) means the file
was changed after signing, and the signature no longer vouches for it. What changed is then named
by comparing the signed revision with the file as it is (`changes`), and the reader reads the
signed revision (`signed_revision`), so nothing added after signing is read as the signer's.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pikepdf
from pyhanko.keys import load_certs_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import DiffResult, ModificationLevel
from pyhanko.sign.validation import PdfSignatureStatus, SignatureCoverageLevel, validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from casefile.pages import PdfSignature, SignatureChange

log = logging.getLogger(__name__)

TRUST_ROOTS_ENV = "APPEAL_TRUST_ROOTS"
_CERT_SUFFIXES = {".pem", ".crt", ".cer", ".der"}
# pyHanko and its cert validator log a full traceback for every untrusted (self-signed) chain,
# which is the normal case for sellers' files; the verdict itself says "untrusted".
_NOISY_LOGGERS = ("pyhanko", "pyhanko_certvalidator")
#: What may follow a signed revision without changing what was signed (pyHanko's levels; an
#: approval signature on a field is form filling). pyHanko's ANNOTATIONS level is not among them:
#: an annotation can paint over the signed text.
_ACCEPTED_LEVELS = (ModificationLevel.NONE, ModificationLevel.LTA_UPDATES, ModificationLevel.FORM_FILLING)
_TEXT_SHOWING = {"Tj", "TJ", "'", '"'}
_MAX_XOBJECT_DEPTH = 4  # form XObjects inside form XObjects: a stamp is one level deep


@dataclass(frozen=True)
class SignedRevision:
    """A signed PDF as one of its signatures signed it, for reading instead of the file as it is."""

    data: bytes
    signature: PdfSignature


def pdf_signatures(path: Path) -> list[PdfSignature]:
    """Every embedded signature of the PDF with its verdict, earliest first; [] for an unsigned or
    unreadable file."""
    try:
        with open(path, "rb") as fh, _quiet():
            reader = PdfFileReader(fh, strict=False)
            return [_verdict(sig, _context(), Path(path)) for sig in reader.embedded_signatures]
    except Exception as exc:  # noqa: BLE001 - pyHanko raises many kinds on hostile or damaged files
        log.warning("cannot read signatures of %s: %s: %s", Path(path).name, type(exc).__name__, exc)
        return []


def signed_revision(path: Path) -> SignedRevision | None:
    """The revision to read a signed PDF by, when it was changed after signing: the one signed by
    its earliest signature that no longer vouches for the file. Everything up to there is vouched
    for by every signature before it. None when the file as it is is what was signed."""
    for sig in pdf_signatures(path):
        # Only a signature that covers its whole revision marks where a readable revision ends.
        if sig.changed_after_signing and sig.coverage == SignatureCoverageLevel.ENTIRE_REVISION.name:
            with open(path, "rb") as fh:
                return SignedRevision(data=fh.read(sig.signed_bytes), signature=sig)
    return None


def _verdict(sig, context: ValidationContext, path: Path) -> PdfSignature:
    name = sig.field_name or ""
    try:
        status = validate_pdf_signature(sig, context)
    except Exception as exc:  # noqa: BLE001 - a malformed signature is an invalid one, not a crash
        return PdfSignature(field_name=name, signer=_signer_of(sig), intact=False, valid=False,
                            summary=f"validation failed: {type(exc).__name__}: {exc}"[:300])
    signed_at = status.signer_reported_dt or getattr(sig, "self_reported_timestamp", None)
    changed = _changed_after_signing(status)
    end = _signed_end(sig.byte_range)
    level = status.modification_level
    return PdfSignature(
        field_name=name,
        signer=_subject(status.signing_cert) or _signer_of(sig),
        signed_at=signed_at.isoformat() if signed_at else None,
        intact=bool(status.intact),
        # pyHanko's `valid` is the CMS signature alone; ours also needs the signed bytes unchanged
        # and nothing after them that the signer did not allow.
        valid=bool(status.intact and status.valid and not changed),
        trusted=bool(status.trusted),
        coverage=status.coverage.name if status.coverage else "",
        summary=status.summary(),
        modification_level=level.name if level is not None else "",
        docmdp_ok=status.docmdp_ok,
        changed_after_signing=changed,
        changes=_what_changed(path, end, status.diff_result) if changed else [],
        diff_summary=_diff_words(status, sig) if changed else "",
        signed_bytes=end,
    )


def _changed_after_signing(status: PdfSignatureStatus) -> bool:
    """pyHanko's verdict on the revisions after the signed one. A signature whose own bytes changed
    is not intact, which says more; one that covers the whole file has nothing after it."""
    if not status.intact or status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return False
    return not (status.docmdp_ok and status.modification_level in _ACCEPTED_LEVELS)


def _signed_end(byte_range) -> int | None:
    """Where the signed revision ends: the end of the second signed block of a /ByteRange."""
    try:
        start, _, start2, length2 = (int(x) for x in byte_range)
    except (TypeError, ValueError):  # not four numbers: a nonstandard range has no revision end
        return None
    return start2 + length2 if start == 0 else None


def _diff_words(status: PdfSignatureStatus, sig) -> str:
    """pyHanko's objection, short: its first line, or the level that exceeds the DocMDP."""
    diff = status.diff_result
    if isinstance(diff, DiffResult):
        fields = ", ".join(sorted(diff.changed_form_fields)) or "-"
        docmdp = sig.docmdp_level.name if sig.docmdp_level is not None else "-"
        return f"{diff.modification_level.name} beyond DocMDP {docmdp} (fields: {fields})"[:300]
    return (str(diff).splitlines() or ["?"])[0][:300]


# -- naming the change -------------------------------------------------------------------


def _what_changed(path: Path, end: int | None, diff) -> list[SignatureChange]:
    """What the later revisions changed, found by comparing the signed revision with the file
    as it is. A clean diff result whose level exceeds the DocMDP was form filling pyHanko itself
    recognised; anything it could not explain is looked for on the pages."""
    if isinstance(diff, DiffResult):
        return ["form"]
    if end is None:
        return ["other"]
    try:
        data = Path(path).read_bytes()
        with pikepdf.open(io.BytesIO(data[:end])) as old, pikepdf.open(io.BytesIO(data)) as new:
            found = _page_changes(old, new) + (["form"] if _field_values(old) != _field_values(new) else [])
    except Exception as exc:  # noqa: BLE001 - a revision pikepdf cannot open: the change stays unnamed
        log.warning("cannot compare the revisions of %s: %s: %s", Path(path).name, type(exc).__name__, exc)
        return ["other"]
    return sorted(set(found), key=found.index) or ["other"]


def _page_changes(old: pikepdf.Pdf, new: pikepdf.Pdf) -> list[SignatureChange]:
    found: list[SignatureChange] = []
    if len(old.pages) != len(new.pages):
        found.append("pages")
    for before, after in zip(old.pages, new.pages):
        texts_before, paint_before = _painted(before.obj)
        texts_after, paint_after = _painted(after.obj)
        if texts_before != texts_after:
            found.append("text")
        elif paint_before != paint_after:  # the same text, but drawn over, moved or re-imaged
            found.append("drawing")
        if _annotations(before.obj) != _annotations(after.obj):
            found.append("annotation")
    return found


def _painted(obj: pikepdf.Object, resources: pikepdf.Object | None = None, depth: int = 0,
             seen: set[tuple[int, int]] | None = None) -> tuple[list[bytes], list[bytes]]:
    """What a page (or a form XObject) paints, form XObjects followed: the text-showing operations,
    and the rest (images by their bytes). Each XObject is looked into once: a hostile file's
    XObjects can call each other many times over."""
    seen = set() if seen is None else seen
    resources = obj.get("/Resources", resources)
    xobjects = resources.get("/XObject", {}) if isinstance(resources, pikepdf.Dictionary) else {}
    texts: list[bytes] = []
    rest: list[bytes] = []
    for operands, operator in pikepdf.parse_content_stream(obj):
        op = str(operator)
        (texts if op in _TEXT_SHOWING else rest).append(pikepdf.unparse_content_stream([(operands, operator)]))
        target = xobjects.get(operands[0]) if op == "Do" and operands else None
        if not isinstance(target, pikepdf.Stream) or target.objgen in seen:
            continue
        seen.add(target.objgen)
        if target.get("/Subtype") == pikepdf.Name.Form and depth < _MAX_XOBJECT_DEPTH:
            inner_texts, inner_rest = _painted(target, resources, depth + 1, seen)
            texts += inner_texts
            rest += inner_rest
        else:
            rest.append(hashlib.sha256(target.read_raw_bytes()).digest())
    return texts, rest


def _annotations(page: pikepdf.Object) -> list[tuple[str, str, str]]:
    """The page's annotations other than form widgets (form fields are judged apart)."""
    found = []
    for annot in page.get("/Annots", pikepdf.Array()):
        if isinstance(annot, pikepdf.Dictionary) and annot.get("/Subtype") != pikepdf.Name.Widget:
            found.append((str(annot.get("/Subtype", "")), str(annot.get("/Rect", "")), str(annot.get("/Contents", ""))))
    return found


def _field_values(pdf: pikepdf.Pdf) -> dict[str, str]:
    """Form field values by name, signature fields left out (a later signature is allowed)."""
    acro = pdf.Root.get("/AcroForm")
    stack = list(acro.get("/Fields", pikepdf.Array())) if isinstance(acro, pikepdf.Dictionary) else []
    values: dict[str, str] = {}
    seen: set[tuple[int, int]] = set()
    while stack:
        field = stack.pop()
        if not isinstance(field, pikepdf.Dictionary) or (field.is_indirect and field.objgen in seen):
            continue  # hostile files loop their /Kids
        if field.is_indirect:
            seen.add(field.objgen)
        if field.get("/FT") != pikepdf.Name.Sig and "/V" in field:
            values[str(field.get("/T", field.objgen))] = str(field.get("/V"))
        stack.extend(field.get("/Kids", pikepdf.Array()))
    return values


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
