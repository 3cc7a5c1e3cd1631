"""PDF/A-3b where the toolchain can keep it, declared only when a validator approves.

The letter, index and stamps are WeasyPrint's, fonts embedded; the exhibits are whatever the seller
uploaded. `declare_pdfa` adds what PDF/A-3b asks of the whole file: an sRGB output intent (the ICC
profile shipped inside pikepdf, nothing fetched), `pdfaid` part 3 / conformance B in the XMP, and the
manifest as an associated file (`/AFRelationship /Data`, dated). The document is then checked, as
it will be saved, with `pikepdf.pdfa` — an allowlist validator built from veraPDF's PDF/A rules:
its approval is meant never to be wrong, its refusal may be a false alarm. Anything short of
`pass` (a CMYK scan, an upload with fonts not embedded) removes the declaration again: the
package is then plain PDF and does not claim otherwise.

What this cannot vouch for: signing comes after, as pyHanko's incremental update (AcroForm,
signature widget, the ESIC extension, an XMP update). pikepdf's validator does not check
interactive forms, and veraPDF is not on this machine, so the signed file's conformance is not
validated; tests check its parts structurally.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from importlib.resources import files

import pikepdf
import pikepdf.pdfa

log = logging.getLogger(__name__)

FLAVOUR = "3b"
SRGB = "sRGB IEC61966-2.1"
SEOUL = dt.timezone(dt.timedelta(hours=9))


@dataclass(frozen=True)
class PdfaOutcome:
    declared: bool
    save_kwargs: dict  # what `Pdf.save` must be given so that the bytes are the ones checked
    findings: tuple[str, ...] = field(default=())  # why the declaration was withdrawn


def srgb_profile() -> bytes:
    return (files("pikepdf.pdfa") / "data" / "sRGB.icc").read_bytes()


def declare_pdfa(pdf: pikepdf.Pdf, attachments_dated: dt.date, deterministic_id: bool = True) -> PdfaOutcome:
    """Declare PDF/A-3b, check the result and keep the declaration only if it passes."""
    _output_intent(pdf)
    _associate_files(pdf, attachments_dated)
    _drop_empty_resource_kinds(pdf)
    _drop_interpolation(pdf)
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["pdfaid:part"] = "3"
        meta["pdfaid:conformance"] = "B"
    report = pikepdf.pdfa.check(pdf, FLAVOUR, deterministic_id=deterministic_id)
    if report.verdict == "pass":
        return PdfaOutcome(True, report.save_kwargs)
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        del meta["pdfaid:part"]
        del meta["pdfaid:conformance"]
    findings = tuple(str(f) for f in report.findings)
    log.info("not PDF/A-%s (%d finding(s)), e.g. %s", FLAVOUR, len(findings), "; ".join(findings[:3]))
    return PdfaOutcome(False, report.save_kwargs, findings)


def _output_intent(pdf: pikepdf.Pdf) -> None:
    profile = pikepdf.Stream(pdf, srgb_profile())
    profile.N = 3
    intent = pikepdf.Dictionary(Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFA1,
                                OutputConditionIdentifier=pikepdf.String(SRGB), Info=pikepdf.String(SRGB),
                                DestOutputProfile=profile)
    pdf.Root.OutputIntents = pikepdf.Array([pdf.make_indirect(intent)])


def _associate_files(pdf: pikepdf.Pdf, dated: dt.date) -> None:
    """Every attachment is data the document is built from (PDF/A-3 §6.8), listed in the catalog's /AF."""
    moddate = pikepdf.String(f"D:{dated:%Y%m%d}000000+09'00'")
    specs = []
    for name in pdf.attachments:
        spec = pdf.attachments[name].obj
        spec.AFRelationship = pikepdf.Name.Data
        for stream in spec.EF.values():
            params = stream.get("/Params") or pikepdf.Dictionary()
            params.ModDate = moddate
            stream.Params = params
        specs.append(spec)
    if specs:
        pdf.Root.AF = pikepdf.Array(specs)


def _drop_empty_resource_kinds(pdf: pikepdf.Pdf) -> None:
    """WeasyPrint writes empty /Pattern and /Shading resource dictionaries; they mean nothing, and the
    validator does not vouch for pattern resources, so they go."""
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            continue
        for holder in (obj, obj.get("/Resources")):
            if not isinstance(holder, pikepdf.Dictionary):
                continue
            for kind in ("/Pattern", "/Shading"):
                value = holder.get(kind)
                if isinstance(value, pikepdf.Dictionary) and len(value.keys()) == 0:
                    del holder[kind]


def _drop_interpolation(pdf: pikepdf.Pdf) -> None:
    """/Interpolate is a smoothing hint PDF/A forbids (§6.2.8); WeasyPrint sets it on the seal image."""
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == pikepdf.Name.Image and "/Interpolate" in obj:
            del obj["/Interpolate"]
