"""PDFs: the text layer where it is real, OCR where there is none or it is garbage.

pikepdf opens the file first: it tells an encrypted PDF from a damaged one, repairs what it can
(qpdf reconstructs a lost cross-reference table) and finds signature fields. pdfplumber then reads
the text layer, and pypdfium2 (which pdfplumber ships) rasterises the pages that need OCR.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pdfplumber
import pikepdf
import pypdfium2 as pdfium
from pdfplumber.page import Page as PlumberPage

from casefile.codes import FindingCode, PageSource
from casefile.pages import Page, ReadIssue, ReadResult, Word
from extractors.image import MAX_PAGES, Frame, low_resolution_issues, ocr_images
from extractors.plain import junk_char_count, real_char_count, tidy_text

RENDER_DPI = 300
X_TOLERANCE = 1.5  # the default 3 glues words on the last line of WeasyPrint paragraphs (STACK.md §4)
MIN_REAL_CHARS = 20  # fewer letters and digits than a one-line caption: not worth trusting over OCR
MAX_JUNK_SHARE = 0.1  # (cid:N) codes, U+FFFD, private-use: a font without a usable ToUnicode map
SCAN_COVER = 0.5  # a page mostly covered by images ...
SCAN_MAX_REAL_CHARS = 200  # ... with only a header or a stamp as text is a scan: OCR it

PdfSource = Path | bytes


def read_pdf(path: Path, workdir: Path | None = None) -> ReadResult:
    """Read every page (up to `MAX_PAGES`) by its text layer or by OCR."""
    try:
        with pikepdf.open(path) as pike:
            signed = has_signed_signature_field(pike)
            # Decrypted or repaired bytes for the readers that cannot decrypt or repair themselves.
            source: PdfSource = _resave(pike) if pike.is_encrypted or pike.get_warnings() else Path(path)
    except pikepdf.PasswordError:
        return _issue(FindingCode.encrypted_pdf, "the PDF needs a password to open")
    except pikepdf.PdfError as exc:
        return _issue(FindingCode.unsupported_format, f"damaged PDF that could not be repaired: {exc}")
    try:
        doc, source = _open_text(source, Path(path))
    except Exception as exc:  # pdfminer's many parse errors have no common base
        return _issue(FindingCode.unsupported_format, f"PDF cannot be parsed: {exc}")
    result = _read_pages(doc, source)
    result.has_signature_field = signed
    return result


def has_signed_signature_field(pdf: pikepdf.Pdf) -> bool:
    """Whether the AcroForm has a `/Sig` field with a value (presence only; validity is pyHanko's job)."""
    acro = pdf.Root.get("/AcroForm")
    if not isinstance(acro, pikepdf.Dictionary):
        return False
    stack = [(f, None) for f in acro.get("/Fields", pikepdf.Array())]
    seen: set[tuple[int, int]] = set()
    while stack:
        field, inherited_type = stack.pop()
        if not isinstance(field, pikepdf.Dictionary):
            continue
        if field.is_indirect:
            if field.objgen in seen:  # hostile files loop their /Kids
                continue
            seen.add(field.objgen)
        field_type = field.get("/FT", inherited_type)
        if field_type == pikepdf.Name.Sig and field.get("/V") is not None:
            return True
        stack.extend((kid, field_type) for kid in field.get("/Kids", pikepdf.Array()))
    return False


def text_layer_is_real(text: str, image_cover: float = 0.0) -> bool:
    """Whether a page's text layer can be trusted instead of OCR."""
    real, junk = real_char_count(text), junk_char_count(text)
    if real < MIN_REAL_CHARS or junk > MAX_JUNK_SHARE * (real + junk):
        return False
    return not (image_cover >= SCAN_COVER and real < SCAN_MAX_REAL_CHARS)


def _open_text(source: PdfSource, path: Path) -> tuple[pdfplumber.PDF, PdfSource]:
    """pdfplumber on the file; pdfminer is stricter than qpdf, so on failure on qpdf's rewrite of it."""
    try:
        doc = pdfplumber.open(_stream(source))
        doc.pages  # noqa: B018 - parses the page tree now, where a broken file fails
        return doc, source
    except Exception:
        if isinstance(source, bytes):
            raise
    with pikepdf.open(path) as pike:
        repaired = _resave(pike)
    doc = pdfplumber.open(io.BytesIO(repaired))
    doc.pages  # noqa: B018
    return doc, repaired


def _read_pages(doc: pdfplumber.PDF, source: PdfSource) -> ReadResult:
    with doc:
        total = len(doc.pages)
        pages: dict[int, Page] = {}
        to_ocr: list[tuple[int, int, float | None]] = []  # (index, /Rotate, scan DPI)
        sideways: list[int] = []
        for index, page in enumerate(doc.pages[:MAX_PAGES]):
            text, words = _text_layer(page)
            cover, scan_dpi = _images(page)
            if not text_layer_is_real(text, cover):
                to_ocr.append((index, page.rotation, scan_dpi))
            elif page.rotation and _mostly_sideways(page):
                sideways.append(index)
            else:
                pages[index] = _text_page(index, page, text, words, rotation=page.rotation)
            page.close()
    if sideways:
        pages.update(_read_unrotated(source, sideways))
    pages.update((p.number - 1, p) for p in ocr_images(_rasterise(source, to_ocr)))
    issues = low_resolution_issues([(i + 1, dpi) for i, _, dpi in to_ocr if dpi])
    if total > MAX_PAGES:
        issues.append(ReadIssue(code=FindingCode.unreadable_document,
                                detail=f"only the first {MAX_PAGES} of {total} pages were read"))
    if total == 0:
        issues.append(ReadIssue(code=FindingCode.unsupported_format, detail="the PDF has no pages"))
    return ReadResult(pages=[pages[i] for i in sorted(pages)], issues=issues)


def _text_layer(page: PlumberPage) -> tuple[str, list[Word]]:
    try:
        text = page.extract_text(x_tolerance=X_TOLERANCE) or ""
        found = page.extract_words(x_tolerance=X_TOLERANCE)
    except Exception:  # a broken content stream: the page is read by OCR instead
        return "", []
    words = [Word(text=w["text"], left=w["x0"], top=w["top"], width=w["x1"] - w["x0"],
                  height=w["bottom"] - w["top"]) for w in found]
    return text, words


def _text_page(index: int, page: PlumberPage, text: str, words: list[Word], rotation: int,
               strategy: str = "pdf_text:pdfplumber") -> Page:
    return Page(number=index + 1, source=PageSource.pdf_text, rotation=rotation, text=tidy_text(text),
                words=words, strategy=strategy, width=float(page.width), height=float(page.height))


def _images(page: PlumberPage) -> tuple[float, float | None]:
    """Share of the page covered by images, and the resolution of the largest one when it dominates."""
    area = float(page.width * page.height) or 1.0
    covered, largest, dpi = 0.0, 0.0, None
    for img in page.images:
        w = max(0.0, min(img["x1"], page.width) - max(img["x0"], 0))
        h = max(0.0, min(img["bottom"], page.height) - max(img["top"], 0))
        covered += w * h
        src = img.get("srcsize") or (0, 0)
        if w * h > largest and min(w, h) > 0 and min(src) > 0:
            largest = w * h
            dpi = min(src) / (min(img["x1"] - img["x0"], img["bottom"] - img["top"]) / 72)
    cover = min(covered / area, 1.0)
    return cover, dpi if cover >= SCAN_COVER else None


def _mostly_sideways(page: PlumberPage) -> bool:
    """A /Rotate'd page whose glyphs are not upright as displayed: its text runs along the stored page."""
    chars = page.chars
    return bool(chars) and sum(1 for c in chars if not c.get("upright", True)) > len(chars) / 2


def _read_unrotated(source: PdfSource, indexes: list[int]) -> dict[int, Page]:
    """Read pages with /Rotate removed, so pdfplumber sees their lines running left to right."""
    with pikepdf.open(_stream(source)) as pike:
        for index in indexes:
            pike.pages[index].obj.Rotate = 0
        unrotated = _resave(pike)
    pages = {}
    with pdfplumber.open(io.BytesIO(unrotated)) as doc:
        for index in indexes:
            page = doc.pages[index]
            text, words = _text_layer(page)
            pages[index] = _text_page(index, page, text, words, rotation=0,
                                      strategy="pdf_text:pdfplumber:unrotated")
    return pages


def _rasterise(source: PdfSource, wanted: list[tuple[int, int, float | None]]) -> Iterator[Frame]:
    """Page images at `RENDER_DPI`, produced one at a time (pdfium is not thread-safe; this runs in
    the caller's thread while earlier pages are being OCR'd)."""
    if not wanted:
        return
    doc = pdfium.PdfDocument(source if isinstance(source, bytes) else str(source))
    try:
        for index, rotation, scan_dpi in wanted:
            # pdfium honours /Rotate, so the image is the page as displayed.
            bitmap = doc[index].render(scale=RENDER_DPI / 72, grayscale=True)
            yield Frame(number=index + 1, image=bitmap.to_pil().convert("L"), dpi=scan_dpi or RENDER_DPI,
                        rotation=rotation, render_dpi=RENDER_DPI)
    finally:
        doc.close()


def _resave(pike: pikepdf.Pdf) -> bytes:
    out = io.BytesIO()
    pike.save(out)  # without `encryption=`, pikepdf writes the file decrypted
    return out.getvalue()


def _stream(source: PdfSource) -> Path | io.BytesIO:
    return io.BytesIO(source) if isinstance(source, bytes) else source


def _issue(code: FindingCode, detail: str) -> ReadResult:
    return ReadResult(issues=[ReadIssue(code=code, detail=detail)])
