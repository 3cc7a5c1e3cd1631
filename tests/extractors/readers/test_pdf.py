"""PDFs: text layers, scans, mixed files, rotation, encryption, damage and signature fields."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pdfplumber
import pikepdf
import pytesseract
import pytest
from pikepdf import Dictionary, Name, Pdf

from casefile.codes import FindingCode, PageSource
from extractors.readers import pdf as pdf_reader
from extractors.readers.pdf import MAX_PAGES, MAX_RENDER_PIXELS, ocr_reason, read_pdf
from tests.extractors.conftest import CERT_LINES, CERT_NUMBER, LETTER_LINES, draw_page, image_pdf, render_pdf, squash

STAMP_HTML = """<html><head><style>@page { size: A4; margin: 0 } body { margin: 0; font-family: NanumGothic }
.s { position: absolute; bottom: 8mm; right: 10mm; font-size: 8pt }</style></head>
<body><div class="s">Scanned by CamScanner</div></body></html>"""


def _save(pdf: Pdf, path: Path, **kwargs) -> Path:
    pdf.save(path, **kwargs)
    return path


def _open(data: bytes) -> Pdf:
    return Pdf.open(io.BytesIO(data))


def test_a_born_digital_pdf_is_read_from_its_text_layer(tmp_path, cert_pdf_bytes):
    path = tmp_path / "kc.pdf"
    path.write_bytes(cert_pdf_bytes)
    result = read_pdf(path)
    assert result.issues == []
    assert result.has_signature_field is False
    [page] = result.pages
    assert (page.source, page.strategy, page.confidence, page.rotation) == (
        PageSource.pdf_text, "pdf_text:pdfplumber", None, 0)
    assert page.width == pytest.approx(595.3, abs=0.5)
    lines = page.text.split("\n")
    assert lines[0] == "안전인증서"
    # x_tolerance=1.5 keeps the spaces of the last, unjustified line of a paragraph
    assert "본 제품은 전기용품 및 생활용품 안전관리법에 따른 안전인증을 받았음을 증명합니다." in lines
    assert f"인증번호 {CERT_NUMBER}" in lines
    assert any(w.text == CERT_NUMBER and w.confidence is None for w in page.words)
    # the bordered table, as rows of cells besides the text
    [table] = page.tables
    assert table.rows == [["인증번호", CERT_NUMBER], ["모델명", "HB-H200"], ["인증일자", "2025년 3월 12일"]]


@pytest.mark.parametrize("turn", [90, 180, 270])
def test_a_page_turned_by_rotate_is_read_in_its_own_direction(tmp_path, cert_pdf_bytes, turn):
    pdf = _open(cert_pdf_bytes)
    pdf.pages[0].Rotate = turn
    [page] = read_pdf(_save(pdf, tmp_path / "rot.pdf")).pages
    assert (page.source, page.rotation) == (PageSource.pdf_text, 0)
    assert page.strategy == "pdf_text:pdfplumber:unrotated"
    assert page.text.split("\n")[0] == "안전인증서"  # not backwards, as pdfplumber reads a 180° page
    assert f"인증번호 {CERT_NUMBER}" in page.text.split("\n")
    assert len(page.tables) == 1


@pytest.mark.ocr
@pytest.mark.slow
def test_a_mixed_pdf_reads_text_pages_and_ocrs_scans_in_order(tmp_path, monkeypatch, cert_pdf_bytes, cert_page,
                                                              letter_page):
    pdf = _open(cert_pdf_bytes)
    scan = _open(image_pdf(cert_page, dpi=300))
    # A scanner app's one-line text stamp over the scan does not make it a text page.
    stamp = _open(render_pdf(STAMP_HTML))
    pikepdf.Page(scan.pages[0]).add_overlay(stamp.pages[0])
    pdf.pages.extend(scan.pages)
    pdf.pages.extend(_open(image_pdf(letter_page.resize((1240, 1754)), dpi=150)).pages)
    fed, ocr_images = [], pdf_reader.ocr_images
    monkeypatch.setattr(pdf_reader, "ocr_images", lambda frames: fed.append(frames) or ocr_images(frames))
    result = read_pdf(_save(pdf, tmp_path / "mixed.pdf"))

    assert [(p.number, p.source) for p in result.pages] == [
        (1, PageSource.pdf_text), (2, PageSource.ocr), (3, PageSource.ocr)]
    digital, scanned, small = result.pages
    # rendered page by page as the OCR queue asks, never all at once
    assert [isinstance(frames, Iterator) for frames in fed] == [True]
    assert scanned.strategy.startswith("ocr:tesseract-") and ":300dpi" in scanned.strategy
    assert scanned.strategy.endswith(";pdf:no_text")  # why the page was OCR'd
    assert scanned.dpi == pytest.approx(300, abs=1)
    flat = squash(scanned.text)
    assert f"인증번호:{CERT_NUMBER}" in flat and "2025년3월12일" in flat
    assert squash(LETTER_LINES[1]) in squash(small.text)
    assert small.dpi == pytest.approx(150, abs=1)
    assert [(i.code, i.detail) for i in result.issues] == [
        (FindingCode.low_resolution, "below 200 DPI for A4 (page 3: 150 DPI)")]


def test_a_pdf_that_needs_a_password_is_an_encrypted_pdf_issue(tmp_path, cert_pdf_bytes):
    path = _save(_open(cert_pdf_bytes), tmp_path / "locked.pdf",
                 encryption=pikepdf.Encryption(user="secret", owner="owner"))
    result = read_pdf(path)
    assert result.pages == []
    assert [i.code for i in result.issues] == [FindingCode.encrypted_pdf]


def test_a_pdf_locked_only_against_editing_is_read(tmp_path, cert_pdf_bytes):
    path = _save(_open(cert_pdf_bytes), tmp_path / "owner.pdf",
                 encryption=pikepdf.Encryption(user="", owner="owner", allow=pikepdf.Permissions(extract=False)))
    result = read_pdf(path)
    assert result.issues == []
    assert CERT_NUMBER in result.pages[0].text


def test_a_pdf_cut_before_its_xref_is_repaired_and_read(tmp_path, cert_pdf_bytes):
    path = tmp_path / "cut.pdf"
    path.write_bytes(cert_pdf_bytes[: cert_pdf_bytes.rfind(b"xref")])
    result = read_pdf(path)
    assert result.issues == []
    assert CERT_NUMBER in result.pages[0].text


def test_a_pdf_cut_in_half_is_an_unsupported_format_issue(tmp_path, cert_pdf_bytes):
    path = tmp_path / "half.pdf"
    path.write_bytes(cert_pdf_bytes[: len(cert_pdf_bytes) // 2])
    result = read_pdf(path)
    assert result.pages == []
    assert [i.code for i in result.issues] == [FindingCode.unsupported_format]


def _unparsable_stream(pdf: Pdf) -> pikepdf.Stream:
    """A content stream under a filter pdfminer does not know (it raises); pdfium skips it."""
    stream = pikepdf.Stream(pdf, b"BT /F1 12 Tf 72 700 Td (x) Tj ET")
    stream.Filter = Name("/FooDecode")
    return pdf.make_indirect(stream)


@pytest.mark.ocr
def test_a_page_pdfminer_cannot_parse_is_ocrd_and_the_others_read(tmp_path, cert_pdf_bytes, cert_page):
    pdf = _open(cert_pdf_bytes)
    scan = _open(image_pdf(cert_page, dpi=300))
    pdf.pages.append(scan.pages[0])
    page = pdf.pages[1]
    page.obj.Contents = pikepdf.Array([page.obj.Contents, _unparsable_stream(pdf)])
    path = _save(pdf, tmp_path / "half-broken.pdf")
    with pdfplumber.open(path) as doc, pytest.raises(Exception, match="Unsupported filter"):
        doc.pages[1].extract_text()  # the damage this test is about

    result = read_pdf(path)
    first, second = result.pages
    assert (first.source, second.source) == (PageSource.pdf_text, PageSource.ocr)
    assert second.strategy.endswith(";pdf:unparsed")
    assert f"인증번호:{CERT_NUMBER}" in squash(second.text)
    assert result.issues == []


@pytest.mark.ocr
def test_a_pdf_pdfminer_cannot_open_is_ocrd_from_pdfiums_drawing(tmp_path, cert_page):
    pdf = _open(image_pdf(cert_page, dpi=300))
    pdf.pages[0].obj.CropBox = pikepdf.Array([0, 0, pikepdf.String("x"), 842])
    path = _save(pdf, tmp_path / "bad-box.pdf")
    with pytest.raises(Exception, match="non-number"):
        pdf_reader._open_text(path, path)  # not even qpdf's rewrite of it opens

    result = read_pdf(path)
    [page] = result.pages
    assert page.source == PageSource.ocr and page.strategy.endswith(";pdf:unparsed")
    assert f"인증번호:{CERT_NUMBER}" in squash(page.text)


def _with_signature_field(data: bytes, signed: bool) -> Pdf:
    pdf = _open(data)
    widget = pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Widget, Rect=[0, 0, 0, 0]))
    field = Dictionary(FT=Name.Sig, T=pikepdf.String("Signature1"), Kids=[widget])
    if signed:
        field.V = Dictionary(Type=Name.Sig, Filter=Name("/Adobe.PPKLite"), SubFilter=Name("/ETSI.CAdES.detached"))
    field = pdf.make_indirect(field)
    widget.Parent = field
    pdf.Root.AcroForm = Dictionary(Fields=[field], SigFlags=3)
    return pdf


@pytest.mark.parametrize("signed", [True, False])
def test_a_signed_signature_field_is_recorded(tmp_path, cert_pdf_bytes, signed):
    path = _save(_with_signature_field(cert_pdf_bytes, signed), tmp_path / "signed.pdf")
    assert read_pdf(path).has_signature_field is signed


@pytest.mark.slow
def test_only_the_first_pages_of_a_long_pdf_are_read(tmp_path, cert_pdf_bytes):
    pdf = _open(cert_pdf_bytes)
    for _ in range(MAX_PAGES + 1):
        pdf.pages.append(pdf.pages[0])
    result = read_pdf(_save(pdf, tmp_path / "long.pdf"))
    assert len(result.pages) == MAX_PAGES
    assert [(i.code, i.detail) for i in result.issues] == [
        (FindingCode.unreadable_document, f"only the first {MAX_PAGES} of {MAX_PAGES + 2} pages were read")]


@pytest.mark.parametrize(
    ("text", "cover", "real"),
    [
        ("인증번호: HU071695-21012A 제품명: 미니 가습기", 0.0, True),
        ("(cid:12)(cid:34)(cid:56) " * 20 + "인증번호", 0.0, False),  # no usable ToUnicode map
        ("\ufffd" * 30 + "인증번호 HU071695-21012A 미니 가습기", 0.0, False),
        ("1", 0.0, False),  # a page number only
        ("Scanned by CamScanner on 2026-11-20", 0.95, False),  # a stamp on a scan
        ("인증번호: HU071695-21012A " * 20, 0.95, True),  # an OCR'd scan with a full text layer
    ],
)
def test_when_a_text_layer_is_real(text, cover, real):
    assert (ocr_reason(text, cover) is None) is real


@pytest.mark.ocr
def test_a_scan_stored_sideways_and_turned_by_rotate_is_ocrd_as_displayed(tmp_path, cert_page):
    pdf = _open(image_pdf(cert_page.rotate(90, expand=True), dpi=300))  # stored a quarter turn left
    pdf.pages[0].Rotate = 90  # ... and turned back right for display
    result = read_pdf(_save(pdf, tmp_path / "sideways.pdf"))
    [page] = result.pages
    assert (page.source, page.rotation) == (PageSource.ocr, 90)
    assert f"인증번호:{CERT_NUMBER}" in squash(page.text)


def _ocr_layered_pdf(lines: list[str]) -> bytes:
    """A scan with the invisible text layer a scanner's English-only OCR gives it."""
    return pytesseract.image_to_pdf_or_hocr(draw_page(lines, font_px=48), lang="eng", extension="pdf",
                                            config="--psm 6 --dpi 300")


@pytest.mark.ocr
@pytest.mark.slow
def test_a_scan_whose_text_layer_lacks_the_hangul_it_shows_is_ocrd(tmp_path):
    path = tmp_path / "kc.pdf"
    path.write_bytes(_ocr_layered_pdf(CERT_LINES * 2 + LETTER_LINES * 2))
    with pdfplumber.open(path) as pdf:
        layer = pdf.pages[0].extract_text()
    assert ocr_reason(layer, image_cover=1.0) is None and not pdf_reader.hangul_count(layer)  # Latin garbage
    [page] = read_pdf(path).pages
    assert page.source == PageSource.ocr
    assert page.strategy.endswith(";pdf:hangul_probe")
    assert f"인증번호:{CERT_NUMBER}" in squash(page.text)


@pytest.mark.ocr
def test_an_english_scan_keeps_its_text_layer_after_the_probe(tmp_path):
    lines = ["CERTIFICATE OF CONFORMITY", "Report No: SZ2024-11873",
             "Applicant: Shenzhen Hanbit Trading Co., Ltd.", "Product: Mini humidifier H2", "Model: HB-H200",
             "Standard: EN 60335-1:2012+A11", "Rated voltage: 220V 60Hz",
             "Manufacturer: Shenzhen Hanbit Electric Co., Ltd.", "Date: 2025-03-12"]
    path = tmp_path / "ce.pdf"
    path.write_bytes(_ocr_layered_pdf(lines))
    [page] = read_pdf(path).pages
    assert (page.source, page.strategy) == (PageSource.pdf_text, "pdf_text:pdfplumber;probe:no_hangul")
    assert "Report No: SZ2024-11873" in page.text


def test_a_page_drawn_metres_wide_is_rendered_at_a_bounded_size():
    pdf = Pdf.new()
    pdf.add_blank_page(page_size=(2550, 3608))  # an A4 scan placed at 72 DPI: 90 cm by 127 cm
    data = io.BytesIO()
    pdf.save(data)
    with pdf_reader._Renderer(data.getvalue()) as renderer:
        image, dpi = renderer.render(0, pdf_reader.RENDER_DPI, MAX_RENDER_PIXELS)
    assert image.width * image.height <= MAX_RENDER_PIXELS * 1.01
    assert dpi == pytest.approx(72 * (MAX_RENDER_PIXELS / (2550 * 3608)) ** 0.5)
    assert image.mode == "L"
