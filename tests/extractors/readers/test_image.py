"""Images OCR'd with real Tesseract: scans, phone photos, turned pages, multi-page TIFFs, hostile files."""

from __future__ import annotations

import pytest
from PIL import Image

from casefile.codes import FindingCode, PageSource
from extractors.readers.image import read_image
from tests.extractors.conftest import CERT_NUMBER, LETTER_LINES, draw_page, squash

pytestmark = pytest.mark.ocr


def _assert_certificate(text: str) -> None:
    flat = squash(text)
    assert "안전인증서" in flat
    assert f"인증번호:{CERT_NUMBER}" in flat
    assert "2025년3월12일" in flat


def test_a_300_dpi_png_scan(tmp_path, cert_page):
    path = tmp_path / "kc.png"
    cert_page.save(path, dpi=(300, 300))
    result = read_image(path)
    [page] = result.pages
    assert result.issues == []
    assert page.source == PageSource.ocr
    assert page.rotation == 0
    assert page.dpi == pytest.approx(300, abs=1)
    assert (page.width, page.height) == cert_page.size
    assert page.strategy.startswith("ocr:tesseract-") and page.strategy.endswith(":Hangul+eng:psm4:300dpi")
    assert page.confidence is not None and page.confidence > 0.8
    _assert_certificate(page.text)
    assert all(line == line.rstrip() for line in page.text.split("\n"))
    number = next(w for w in page.words if CERT_NUMBER in w.text)
    assert 250 < number.left < 1000 and 300 < number.top < 600  # boxes in pixels of the page


@pytest.mark.parametrize("turn", [90, 180])
def test_a_page_scanned_turned_is_put_upright_by_osd(tmp_path, cert_page, turn):
    path = tmp_path / "kc.jpg"
    cert_page.rotate(turn, expand=True).save(path, quality=90)  # Pillow turns counter-clockwise
    [page] = read_image(path).pages
    assert page.rotation == turn  # the clockwise turn that undid it
    assert (page.width, page.height) == cert_page.size
    _assert_certificate(page.text)


def test_a_phone_photo_is_turned_by_its_exif_orientation(tmp_path, cert_page):
    path = tmp_path / "photo.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to display"
    cert_page.rotate(90, expand=True).save(path, quality=90, exif=exif)
    [page] = read_image(path).pages
    assert page.rotation == 90
    assert page.dpi == pytest.approx(2480 / (210 / 25.4))  # no DPI in the file: estimated for A4
    _assert_certificate(page.text)


def test_small_images_are_upscaled_and_flagged_low_resolution(tmp_path, cert_page):
    path = tmp_path / "small.png"
    cert_page.resize((1240, 1754), Image.Resampling.LANCZOS).save(path)  # 150 DPI for A4
    result = read_image(path)
    assert [i.code for i in result.issues] == [FindingCode.low_resolution]
    [page] = result.pages
    assert page.strategy.endswith(":upscaled2x")
    assert (page.width, page.height) == (1240, 1754)  # boxes are given back at the image's own scale
    assert "안전인증서" in squash(page.text)


@pytest.mark.slow
def test_each_frame_of_a_multi_page_tiff_is_a_page_in_order(tmp_path, cert_page, letter_page):
    path = tmp_path / "scan.tif"
    cert_page.save(path, save_all=True, append_images=[letter_page], compression="tiff_lzw", dpi=(300, 300))
    result = read_image(path)
    assert [p.number for p in result.pages] == [1, 2]
    _assert_certificate(result.pages[0].text)
    assert squash(LETTER_LINES[0]) in squash(result.pages[1].text)
    assert "HANBIT" in result.pages[1].text


def test_a_transparent_screenshot_is_read_on_white(tmp_path):
    img = draw_page(["셀러센터 상품 상태: 판매중지", "상품번호 7234567890"], size=(1800, 900), mode="RGBA",
                    background=(0, 0, 0, 0))
    path = tmp_path / "wing.png"
    img.save(path)
    [page] = read_image(path).pages
    assert "상품번호7234567890" in squash(page.text)


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_a_decompression_bomb_is_refused_without_decoding_it(tmp_path):
    path = tmp_path / "bomb.png"
    Image.new("1", (12_000, 12_000)).save(path)  # 144 megapixels in a few kilobytes
    result = read_image(path)
    assert result.pages == []
    assert [i.code for i in result.issues] == [FindingCode.unsupported_format]
    assert "too large" in result.issues[0].detail


@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
def test_a_truncated_image_is_an_unsupported_format_issue(tmp_path, cert_page, fmt):
    import weasyprint  # noqa: F401 - it turns on Pillow's LOAD_TRUNCATED_IMAGES for the process

    path = tmp_path / "cut.img"
    cert_page.save(path, fmt)
    path.write_bytes(path.read_bytes()[: path.stat().st_size * 2 // 3])
    result = read_image(path)
    assert result.pages == []
    assert [i.code for i in result.issues] == [FindingCode.unsupported_format]


def test_a_blank_page_is_not_sent_to_ocr(tmp_path):
    from PIL import Image

    from extractors.readers.image import read_image

    path = tmp_path / "blank.png"
    Image.new("L", (2480, 3508), 250).save(path, dpi=(300, 300))
    result = read_image(path)
    assert result.pages[0].text == "" and result.pages[0].strategy.startswith("ocr:blank")
