"""PDFs: the text layer where it is real, OCR where there is none or it is garbage; page by page.

pikepdf opens the file first: it tells an encrypted PDF from a damaged one, repairs what it can
(qpdf reconstructs a lost cross-reference table) and finds signature fields. pdfplumber then reads
the text layer and the ruled tables, and pypdfium2 rasterises the pages that need OCR, one at a
time, while earlier pages are being OCR'd (`ocr_images` keeps only a few frames waiting).

Every page records what was done to it and why in `Page.strategy`:
`pdf_text:pdfplumber[:unrotated][;probe:no_hangul]` for a text layer, or the OCR strategy followed
by `;pdf:<reason>` (`no_text`, `junk_text`, `scan`, `hangul_probe`, `unparsed`) for a page that
was OCR'd. `unparsed`: pdfminer could not parse the page (a content stream with a filter it does not
know, a malformed box), or not the file at all; pdfium, which is more forgiving, still draws it.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pikepdf
import pypdfium2 as pdfium
from pdfplumber.page import Page as PlumberPage
from PIL import Image

from casefile.codes import FindingCode, PageSource
from casefile.pages import Page, ReadIssue, ReadResult, Table, Word
from extractors.marks.signatures import signed_revision
from extractors.readers import tesseract
from extractors.readers.image import MAX_PAGES, Frame, low_resolution_issues, ocr_images, page_limit_issues
from extractors.readers.plain import junk_char_count, real_char_count, tidy_text
from extractors.readers.tables import pdf_tables

RENDER_DPI = 300
#: Pages drawn at 72 DPI by a careless converter are metres wide: 300 DPI would make a 160-Mpx
#: image that takes Tesseract half a minute. Beyond these pixels the resolution is lowered.
MAX_RENDER_PIXELS = 18_000_000  # A4 at 300 DPI is 8.7 Mpx, A3 17.4 Mpx
MAX_PROBE_PIXELS = 2_500_000  # A4 at 150 DPI
X_TOLERANCE = 1.5  # the default 3 glues words on the last line of WeasyPrint paragraphs (STACK.md §4)
MIN_REAL_CHARS = 20  # fewer letters and digits than a one-line caption: not worth trusting over OCR
MAX_JUNK_SHARE = 0.1  # (cid:N) codes, U+FFFD, private-use: a font without a usable ToUnicode map
SCAN_COVER = 0.5  # a page mostly covered by images ...
SCAN_MAX_REAL_CHARS = 200  # ... with only a header or a stamp as text is a scan: OCR it
#: A mostly-image page whose text layer has no Hangul (a scanner's English-only OCR of a Korean
#: certificate) is OCR'd at low resolution first. On drawn test pages this took 0.2-0.3 s and
#: found 23-40 confident syllables on Korean pages and none on English ones.
PROBE_DPI = 150
PROBE_LANG = "Hangul"
PROBE_MIN_HANGUL = 10  # confident Hangul syllables that show the image holds Korean text
PROBE_MIN_CONFIDENCE = 0.6  # misread words scored below 0.62 (STACK.md §3)

PdfSource = Path | bytes

# pdfium may not be called from two threads at once, not even on different documents, and the
# flow reads two files at a time in threads: every pdfium call of the process goes through this.
_PDFIUM = threading.Lock()


@dataclass(frozen=True)
class _Scan:
    """A page to OCR, and why its text layer was not used."""

    index: int
    rotation: int
    dpi: float | None  # of the scanned image the page holds, when one dominates it
    reason: str


def read_pdf(path: Path, workdir: Path | None = None) -> ReadResult:
    """Read every page (up to `MAX_PAGES`) by its text layer or by OCR."""
    try:
        with pikepdf.open(path) as pike:
            signed = has_signed_signature_field(pike)
            total = len(pike.pages)
            # Decrypted or repaired bytes for the readers that cannot decrypt or repair themselves.
            source: PdfSource = _resave(pike) if pike.is_encrypted or pike.get_warnings() else Path(path)
    except pikepdf.PasswordError:
        return _issue(FindingCode.encrypted_pdf, "the PDF needs a password to open")
    except pikepdf.PdfError as exc:
        return _issue(FindingCode.unsupported_format, f"damaged PDF that could not be repaired: {exc}")
    revision = signed_revision(Path(path)) if signed else None
    if revision is not None:  # changed after signing: read what the signer signed, not what was added
        source = _signed_source(revision.data)
    try:
        doc, source = _open_text(source, Path(path))
    except Exception as exc:  # pdfminer's many parse errors have no common base
        result = _ocr_unparsed(source, total, f"PDF cannot be parsed: {exc}")
    else:
        result = _read_pages(doc, source)
    result.has_signature_field = signed
    result.later_revisions = list(revision.signature.changes) if revision is not None else []
    return result


def _signed_source(data: bytes) -> PdfSource:
    """The signed revision's bytes, decrypted or repaired as the whole file would be."""
    with pikepdf.open(io.BytesIO(data)) as pike:
        return _resave(pike) if pike.is_encrypted or pike.get_warnings() else data


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


def ocr_reason(text: str, image_cover: float = 0.0) -> str | None:
    """Why a page's text layer cannot be trusted over OCR, or None when it can."""
    real, junk = real_char_count(text), junk_char_count(text)
    if real < MIN_REAL_CHARS:
        return "no_text"
    if junk > MAX_JUNK_SHARE * (real + junk):
        return "junk_text"
    if image_cover >= SCAN_COVER and real < SCAN_MAX_REAL_CHARS:
        return "scan"
    return None


def hangul_count(text: str) -> int:
    """Hangul syllables (Korean text is written in them; lone jamo are more often OCR noise)."""
    return sum(1 for ch in text if "\uac00" <= ch <= "\ud7a3")


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
    """First the text layer of every page (cheap, no images), then the pages that need OCR as a
    stream of frames rendered one by one."""
    pages: dict[int, Page] = {}
    scans: list[_Scan] = []
    sideways: list[int] = []
    issues: list[ReadIssue] = []
    with _Renderer(source) as renderer:
        with doc:
            total = len(doc.pages)
            for index, page in enumerate(doc.pages[:MAX_PAGES]):
                try:
                    read = _text_or_scan(index, page, renderer)
                except Exception:  # pdfminer cannot parse this page; the other pages are read
                    read = _Scan(index, 0, None, "unparsed")
                if isinstance(read, _Scan):
                    scans.append(read)
                else:
                    pages[index] = read
                    if page.rotation and _left_to_right_share(page) < 0.5:
                        sideways.append(index)
                page.close()
        if sideways:
            pages.update(_read_unrotated(source, sideways, pages))
        ocred = ocr_images(_frames(renderer, scans, issues))
    reasons = {scan.index + 1: scan.reason for scan in scans}
    pages.update((p.number - 1, _with_reason(p, reasons.get(p.number))) for p in ocred)
    issues += low_resolution_issues([(s.index + 1, s.dpi) for s in scans if s.dpi])
    issues += page_limit_issues(total)
    if total == 0:
        issues.append(ReadIssue(code=FindingCode.unsupported_format, detail="the PDF has no pages"))
    return ReadResult(pages=[pages[i] for i in sorted(pages)], issues=issues)


def _ocr_unparsed(source: PdfSource, total: int, why: str) -> ReadResult:
    """Every page OCR'd from pdfium's drawing of it, when pdfminer cannot read the file at all."""
    issues: list[ReadIssue] = []
    scans = [_Scan(index, 0, None, "unparsed") for index in range(min(total, MAX_PAGES))]
    try:
        with _Renderer(source) as renderer:
            ocred = ocr_images(_frames(renderer, scans, issues))
    except pdfium.PdfiumError as exc:
        return _issue(FindingCode.unsupported_format, f"{why}; pdfium cannot open it either: {exc}")
    if not ocred:
        return _issue(FindingCode.unsupported_format, why)
    issues += page_limit_issues(total)
    return ReadResult(pages=[_with_reason(p, "unparsed") for p in ocred], issues=issues)


def _text_or_scan(index: int, page: PlumberPage, renderer: _Renderer) -> Page | _Scan:
    """The page read from its text layer, or why and how it is to be OCR'd instead."""
    text, words = _text_layer(page)
    cover, scan_dpi = _images(page)
    reason = ocr_reason(text, cover)
    probed = reason is None and cover >= SCAN_COVER and not hangul_count(text)
    if probed and _image_shows_hangul(renderer, index):
        reason = "hangul_probe"
    if reason:
        return _Scan(index, page.rotation, scan_dpi, reason)
    strategy = "pdf_text:pdfplumber" + (";probe:no_hangul" if probed else "")
    return _text_page(index, page, text, words, page.rotation, strategy)


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
               strategy: str) -> Page:
    return Page(number=index + 1, source=PageSource.pdf_text, rotation=rotation, text=tidy_text(text),
                words=words, tables=_tables(page), strategy=strategy, width=float(page.width),
                height=float(page.height))


def _tables(page: PlumberPage) -> list[Table]:
    try:
        return pdf_tables(page, X_TOLERANCE)
    except Exception:  # tables are extra: a page whose lines confuse the finder keeps its text
        return []


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


def _left_to_right_share(page: PlumberPage) -> float:
    """Share of the glyphs that run left to right as the page is displayed (pdfplumber applies
    /Rotate to the glyph matrices: a page turned 90° runs top to bottom, one turned 180° backwards)."""
    chars = page.chars
    if not chars:
        return 1.0
    return sum(1 for c in chars if c.get("upright", True) and c.get("matrix", (1,))[0] > 0) / len(chars)


def _read_unrotated(source: PdfSource, indexes: list[int], read: dict[int, Page]) -> dict[int, Page]:
    """Pages whose /Rotate turns their text away from left to right, read with /Rotate removed;
    kept only where that reads better than the page as displayed."""
    with pikepdf.open(_stream(source)) as pike:
        for index in indexes:
            pike.pages[index].obj.Rotate = 0
        unrotated = _resave(pike)
    pages = {}
    with pdfplumber.open(io.BytesIO(unrotated)) as doc:
        for index in indexes:
            page = doc.pages[index]
            if _left_to_right_share(page) >= 0.5:
                text, words = _text_layer(page)
                strategy = read[index].strategy.replace("pdfplumber", "pdfplumber:unrotated")
                pages[index] = _text_page(index, page, text, words, rotation=0, strategy=strategy)
            page.close()
    return pages


def _image_shows_hangul(renderer: _Renderer, index: int) -> bool:
    """A quick low-resolution OCR of the page: does its image hold Korean text?"""
    try:
        image, _ = renderer.render(index, PROBE_DPI, MAX_PROBE_PIXELS)
    except pdfium.PdfiumError:
        return False  # what cannot be rendered cannot be OCR'd either: keep the text layer
    out = tesseract.ocr(image, lang=PROBE_LANG)
    confident = " ".join(w.text for w in out.words if (w.confidence or 0) >= PROBE_MIN_CONFIDENCE)
    return hangul_count(confident) >= PROBE_MIN_HANGUL


def _frames(renderer: _Renderer, scans: list[_Scan], issues: list[ReadIssue]) -> Iterator[Frame]:
    """Page images at `RENDER_DPI`, rendered only when the OCR queue asks for the next one."""
    for scan in scans:
        try:
            image, dpi = renderer.render(scan.index, RENDER_DPI, MAX_RENDER_PIXELS)
        except pdfium.PdfiumError as exc:
            issues.append(ReadIssue(code=FindingCode.unreadable_document,
                                    detail=f"page {scan.index + 1} could not be rendered for OCR: {exc}"))
            continue
        yield Frame(number=scan.index + 1, image=image, dpi=scan.dpi or dpi, rotation=scan.rotation,
                    render_dpi=dpi)


def _with_reason(page: Page, reason: str | None) -> Page:
    return page.model_copy(update={"strategy": f"{page.strategy};pdf:{reason}"}) if reason else page


class _Renderer:
    """pypdfium2 on the same bytes pdfplumber read, opened on first use. Renders honour /Rotate,
    so an image is the page as displayed."""

    def __init__(self, source: PdfSource) -> None:
        self._source = source
        self._doc: pdfium.PdfDocument | None = None

    def __enter__(self) -> _Renderer:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._doc is not None:
            with _PDFIUM:
                self._doc.close()

    def render(self, index: int, dpi: float, max_pixels: int) -> tuple[Image.Image, float]:
        """The page in grey at `dpi`, or lower where that would exceed `max_pixels`; and the DPI used."""
        with _PDFIUM:
            if self._doc is None:
                source = self._source
                self._doc = pdfium.PdfDocument(source if isinstance(source, bytes) else str(source))
            page = self._doc[index]
            try:
                width, height = page.get_size()
                dpi = min(dpi, 72 * (max_pixels / max(width * height, 1.0)) ** 0.5)
                bitmap = page.render(scale=dpi / 72, grayscale=True)
                image = bitmap.to_pil().convert("L")  # a copy: the bitmap's memory is pdfium's
                bitmap.close()
            finally:
                page.close()
        return image, dpi


def _resave(pike: pikepdf.Pdf) -> bytes:
    out = io.BytesIO()
    pike.save(out)  # without `encryption=`, pikepdf writes the file decrypted
    return out.getvalue()


def _stream(source: PdfSource) -> Path | io.BytesIO:
    return io.BytesIO(source) if isinstance(source, bytes) else source


def _issue(code: FindingCode, detail: str) -> ReadResult:
    return ReadResult(issues=[ReadIssue(code=code, detail=detail)])
