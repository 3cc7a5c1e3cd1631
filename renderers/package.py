"""The signed appeal package: cover, letter and exhibit index, then every exhibit, stamped.

Order matters (STACK.md §6–7): lay out, assemble and describe with pikepdf, declare PDF/A-3b when
it checks out (`renderers.pdfa`), save once, sign last as an incremental update, then write the
file atomically.

Size: pictures are placed at about 200 DPI (`renderers.downsample`). A package that is still over
MAX_PACKAGE_BYTES is not written: `PackageTooLargeError` names the heaviest exhibits, and the
case ends `failed` with that message (a CaseError), so nobody uploads a file Coupang would refuse.
"""

from __future__ import annotations

import hashlib
import io
import logging
import time
from pathlib import Path

import pikepdf

from casefile.atomic import write_bytes
from casefile.errors import CaseError, OutputError
from casefile.evidence import EvidenceChain
from casefile.result import Package
from renderers.downsample import TARGET_DPI
from renderers.exhibits import exhibit_pdf
from renderers.facts import Facts, gather
from renderers.letter import Letter, compose, letter_html
from renderers.manifest import embed_manifest, manifest
from renderers.pdfa import declare_pdfa
from renderers.signing import LoadedSigner, SigningConfig, load_signer, sign_pdf
from renderers.stamps import StampSpec, stamp_pages
from renderers.typeset import render_document

log = logging.getLogger(__name__)

PACKAGE_NAME = "appeal.pdf"
PX_TO_PT = 0.75  # WeasyPrint anchors are CSS px
SIGNATURE_ANCHOR = "signature-box"
#: The upload limit (issue #6: "at most 10 MB"), read as decimal megabytes, the stricter reading.
MAX_PACKAGE_BYTES = 10_000_000
#: What signing adds (CMS, certificate, visible box and its font subset): 23 kB measured with the demo
#: key; a real certificate chain and a B-T timestamp add a few kB more.
SIGNATURE_ALLOWANCE = 128_000


class PackageTooLargeError(CaseError):
    """Even with every picture at about 200 DPI the package would be over the upload limit."""


def _megabytes(size: int) -> str:
    return f"{round(size / 1_000_000, 2):g} MB"


def _check_size(size: int, facts: Facts, exhibits: list[pikepdf.Pdf]) -> None:
    if size + SIGNATURE_ALLOWANCE <= MAX_PACKAGE_BYTES:
        return
    weights = []
    for view, pdf in zip(facts.exhibits, exhibits):
        buf = io.BytesIO()
        pdf.save(buf)
        weights.append((buf.tell(), view))
    heaviest = sorted(weights, key=lambda w: -w[0])[:3]
    named = "; ".join(f"{v.label} {v.document} {_megabytes(n)}, {v.pages} page(s)" for n, v in heaviest)
    raise PackageTooLargeError(
        f"the appeal package would be {_megabytes(size + SIGNATURE_ALLOWANCE)}, over the "
        f"{_megabytes(MAX_PACKAGE_BYTES)} upload limit even with pictures at {TARGET_DPI} DPI; heaviest "
        f"exhibits: {named}. Leave out or shorten exhibits that do not prove the fix, then process the case again")


def _layout_letter(chain: EvidenceChain, facts: Facts, letter: Letter, exhibit_pages: int):
    """Render twice when needed: the footer and the index need the package's page total."""
    document = render_document(letter_html(chain, facts, letter, total_pages="?"))
    for _ in range(3):
        total = len(document.pages) + exhibit_pages
        first = len(document.pages) + 1
        for view in facts.exhibits:
            view.first_page, first = first, first + view.pages
        document = render_document(letter_html(chain, facts, letter, total_pages=total))
        if len(document.pages) + exhibit_pages == total:
            return document, total
    raise RuntimeError("the letter's page count did not settle")  # cannot happen unless the layout oscillates


def _signature_box(document) -> tuple[int, tuple[int, int, int, int]]:
    """Where the letter reserved room for the visible signature (`.sigbox`), in PDF points."""
    for index, page in enumerate(document.pages):
        if SIGNATURE_ANCHOR in page.anchors:
            x0, y0, x1, y1 = (v * PX_TO_PT for v in page.anchors[SIGNATURE_ANCHOR])
            height = page.height * PX_TO_PT
            return index, (round(x0), round(height - y1), round(x1), round(height - y0))
    raise RuntimeError("letter template lost its signature box")


def _outline(pdf: pikepdf.Pdf, facts: Facts) -> None:
    """WeasyPrint made the section bookmarks (표지, 소명서, 붙임 목록); add one per exhibit."""
    with pdf.open_outline() as outline:
        for view in facts.exhibits:
            title = f"{view.label} - {view.title}" + (f" ({view.note})" if view.note else "")
            outline.root.append(pikepdf.OutlineItem(title, view.first_page - 1))


def _describe(pdf: pikepdf.Pdf, facts: Facts, letter: Letter) -> None:
    title = f"판매중지 해제 요청 소명서 - {letter.title_ko}"
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["dc:title"] = title
        meta["dc:creator"] = [facts.seller]
        meta["dc:language"] = ["ko-KR"]
        meta["dc:description"] = f"{facts.case_id}: {letter.cause_ko}"
    pdf.docinfo[pikepdf.Name.Title] = title
    pdf.docinfo[pikepdf.Name.Author] = facts.seller
    pdf.Root.Lang = pikepdf.String("ko-KR")
    pdf.Root.PageMode = pikepdf.Name.UseOutlines


def assemble(chain: EvidenceChain) -> tuple[bytes, int, tuple[int, int, int, int], int]:
    """The unsigned package bytes, the signature page and box, and the page count.

    Raises PackageTooLargeError when the signed package could not stay within MAX_PACKAGE_BYTES."""
    facts = gather(chain)
    letter = compose(facts)
    exhibits = [exhibit_pdf(item) for item in chain.items]
    for view, pdf in zip(facts.exhibits, exhibits):
        view.pages = len(pdf.pages)
    document, total = _layout_letter(chain, facts, letter, sum(len(p.pages) for p in exhibits))
    sig_page, sig_box = _signature_box(document)

    package = pikepdf.open(io.BytesIO(document.write_pdf()))
    for view, pdf in zip(facts.exhibits, exhibits):
        start = len(package.pages)
        package.pages.extend(pdf.pages)
        specs = [StampSpec(view.label, i, view.pages, start + i, total) for i in range(1, view.pages + 1)]
        stamp_pages(package, start, specs)
    _outline(package, facts)
    _describe(package, facts, letter)
    embed_manifest(package, manifest(chain, facts))
    # PDF/A-3b when the validator approves; deterministic /ID: the same case gives the same bytes
    # up to the signature (DESIGN.md).
    pdfa = declare_pdfa(package, chain.as_of, deterministic_id=True)
    buf = io.BytesIO()
    package.save(buf, **pdfa.save_kwargs)
    _check_size(buf.tell(), facts, exhibits)
    return buf.getvalue(), sig_page, sig_box, total


def build_package(chain: EvidenceChain, out_dir: Path,
                  signer: SigningConfig | LoadedSigner | None = None) -> Package:
    """Render, assemble, sign and write `out_dir/appeal.pdf`; the result's `path` is relative to out_dir."""
    started = time.perf_counter()
    if not isinstance(signer, LoadedSigner):
        signer = load_signer(signer, organization=chain.config.seller.name_ko or chain.config.seller.name)
    data, sig_page, sig_box, pages = assemble(chain)
    rendered = time.perf_counter()
    signed = sign_pdf(data, signer, sig_page, sig_box)
    if len(signed) > MAX_PACKAGE_BYTES:  # the allowance was too small: still never write it
        raise PackageTooLargeError(f"the signed appeal package is {_megabytes(len(signed))}, over the "
                                   f"{_megabytes(MAX_PACKAGE_BYTES)} upload limit")
    try:
        write_bytes(Path(out_dir) / PACKAGE_NAME, signed)
    except OSError as exc:
        raise OutputError(f"cannot write {Path(out_dir) / PACKAGE_NAME}: {exc.strerror}") from exc
    log.info("package %s: %d pages, render+assemble %.2fs, sign %.2fs", chain.case_id, pages,
             rendered - started, time.perf_counter() - rendered)
    if signer.is_demo:
        log.warning(signer.notice)
    return Package(path=PACKAGE_NAME, sha256=hashlib.sha256(signed).hexdigest(), pages=pages, signed=True)
