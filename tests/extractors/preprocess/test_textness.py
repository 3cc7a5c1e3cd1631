"""Text or not before OCR (extractors/preprocess/textness.py), both directions, on pages made here
(tests/extractors/page_zoo.py) and on every image of the samples; and what the reader makes of a
page without text: its finding at once, never Tesseract's minutes.

What separated them when the thresholds were chosen (bench/noise_pages.py prints the same table):

| page | verdict | candidates | in pure lines | share | probe words |
|---|---|---|---|---|---|
| blank, blank with dust, grey noise sigma 20, fabric | blank | 0-5 | 0 | 0 | not run |
| dirty feeder, specks 0.2 % and 1 % | noise | 139-658 | 0 | 0 | not run |
| specks 5 % and 20 %, grey noise sigma 60 | noise | 1,414-11,360 | 6-1,991 | 0.00-0.18 | 0 |
| granite, gravel, tiles, wood (12 Mpx phone photos) | noise | 2,730-5,322 | 35-1,052 | 0.01-0.25 | 0 |
| a plain photo (landscape; paper 0.31, smooth 0.71) | picture | 64 | 0 | 0 | not run |
| scans 28-56 px, degraded, faint, skewed 6 deg, turned 90, 150 DPI small print | text | 138-420 | 135-420 | 0.72-1.00 | not run |
| a phone photo of a page, an English letter, the Wing screenshot | text | 116-196 | 105-187 | 0.91-0.98 | not run |
| a sparse page (two lines) / one word alone | text | 23 / 9 | 21 / 7 | 0.91 / 0.78 | not run / 1 |
| a photo of a monitor (moiré, scanlines), pages lying on granite or tiles | text | 726-2,944 | 117-346 | 0.08-0.28 | 10-24 |

The probe counts Hangul or Han words at confidence >= 0.7 (noise never gave one) and Latin
words or numbers at >= 0.88 (noise gave up to 0.82, `War` on wood; text >= 0.87, mostly 0.93-0.97).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageOps

from casefile.codes import FindingCode, PageSource
from extractors.preprocess import textness
from extractors.readers import tesseract
from extractors.readers.cache import ReadCache
from extractors.readers.image import read_image
from extractors.readers.read import read_file
from tests.extractors import page_zoo
from tests.extractors.conftest import edits_to_find

pytestmark = pytest.mark.ocr

SAMPLES = Path(__file__).resolve().parents[3] / "samples"
#: Photos (12 megapixels) that take seconds to make: slow.
BIG = {"granite", "fabric", "wood", "gravel", "tiles", "natural-photo", "monitor-photo", "english-on-granite",
       "page-on-tiles"}


def _params(pages: dict) -> list:
    return [pytest.param(name, marks=[pytest.mark.slow] if name in BIG else []) for name in pages]


def _gray(image: Image.Image) -> np.ndarray:
    return np.asarray(image.convert("L"))


@pytest.mark.parametrize("name", _params(page_zoo.NO_TEXT))
def test_a_page_without_text_is_told_from_text(name):
    found = textness.assess(_gray(page_zoo.NO_TEXT[name]()))
    assert not found.has_text, found
    assert found.kind in ("blank", "noise", "picture")
    # The decision is recorded: ocr:blank(...) or ocr:notext:noise(cc=...,lines=...,ink=...).
    assert found.token().startswith(("blank(cc=", "notext:noise(cc=", "notext:picture(cc="))


@pytest.mark.parametrize("name", _params(page_zoo.TEXT))
def test_a_page_with_text_is_never_taken_for_noise(name):
    found = textness.assess(_gray(page_zoo.TEXT[name]()))
    assert found.has_text, found


SAMPLE_IMAGES = sorted(p for p in [*SAMPLES.glob("cases/*/*.*"), *SAMPLES.glob("renditions/*.*")]
                       if p.suffix.lower() in (".png", ".jpg", ".jpeg") and p.name != "seal.png")
#: Sample photos with no text or a label of a word or two: pictures, whatever the verdict.
SAMPLE_PICTURES = {"IMG_4821.jpg", "IMG_4822.jpg", "제품사진.jpg"}


@pytest.mark.parametrize("path", SAMPLE_IMAGES, ids=lambda p: p.name)
def test_every_sample_image_with_text_passes(path):
    found = textness.assess(_gray(ImageOps.exif_transpose(Image.open(path))))
    if path.name in SAMPLE_PICTURES:
        assert found.picture
    else:
        assert found.has_text and not found.picture, found


def test_a_wing_screenshot_is_text_at_once():
    found = textness.assess(_gray(Image.open(SAMPLES / "cases" / "kc-wing-detail-heater" / "wing_capture.png")))
    assert found.kind == "text" and found.probe_words is None  # clear without the probe


def test_a_page_turned_a_quarter_or_light_on_dark_is_text():
    page = page_zoo.kc_page()
    assert textness.assess(_gray(page.rotate(90, expand=True))).turned
    inverted = textness.assess(255 - _gray(page))
    assert inverted.has_text and inverted.light_on_dark


def _save(image: Image.Image, path: Path) -> Path:
    image.save(path)
    return path


def test_a_noise_page_gets_its_finding_without_ocr(tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(tesseract, "ocr", lambda *a, **k: calls.append(1) or pytest.fail("no OCR of noise"))
    path = _save(page_zoo.speckle_page(0.01), tmp_path / "scan.png")
    [page] = read_image(path).pages
    assert page.source == PageSource.ocr and page.text == "" and page.confidence is None
    assert page.strategy.startswith("ocr:notext:noise(cc=") and "lines=0" in page.strategy
    result = read_file(path, tmp_path / "work", cache=False)
    assert [(i.code, i.detail) for i in result.issues] == [
        (FindingCode.unreadable_document, "page 1 shows no text, only specks or a pattern")]
    assert calls == []


@pytest.mark.slow
def test_dense_noise_is_noise_after_the_probe_reads_nothing(tmp_path):
    [page] = read_image(_save(page_zoo.speckle_page(0.05), tmp_path / "scan.png")).pages
    assert page.text == ""
    assert page.strategy.startswith("ocr:notext:noise(") and page.strategy.endswith(",probe=0)")


def test_a_blank_page_with_dust_is_blank(tmp_path):
    path = _save(page_zoo.blank_page(), tmp_path / "back.jpg")
    [page] = read_image(path).pages
    assert page.strategy.startswith("ocr:blank(cc=") and page.text == ""
    issues = read_file(path, tmp_path / "work", cache=False).issues
    assert [(i.code, i.detail) for i in issues] == [(FindingCode.unreadable_document, "page 1 is blank")]


@pytest.mark.slow
def test_a_photo_of_a_monitor_is_read(tmp_path):
    [page] = read_image(_save(page_zoo.monitor_photo(), tmp_path / "IMG_0001.jpg")).pages
    assert ":descreen" in page.strategy  # the moiré is filtered before the text test sees it
    assert edits_to_find("7234567890", page.text) <= 1
    assert edits_to_find("HB-H200", page.text) <= 1


@pytest.mark.slow
def test_a_plain_photo_is_an_exhibit_not_an_unreadable_document(tmp_path):
    path = _save(page_zoo.natural_photo(), tmp_path / "IMG_2001.jpg")
    result = read_file(path, tmp_path / "work", cache=False)
    assert [p.strategy.split("(")[0] for p in result.pages] == ["ocr:notext:picture"]
    assert result.issues == []


def test_a_packaging_shot_with_a_label_is_read_and_is_no_unreadable_document(tmp_path):
    result = read_file(SAMPLES / "cases" / "unknown-reason-photos" / "IMG_4821.jpg", tmp_path / "work", cache=False)
    [page] = result.pages
    assert "STAR" in page.text and page.strategy.endswith(":picture")
    assert FindingCode.unreadable_document not in [i.code for i in result.issues]


def test_a_document_that_reads_too_little_is_still_unreadable(tmp_path):
    # A page of text (not a photo) whose reading is short stays an unreadable document.
    path = _save(page_zoo.one_word_page(), tmp_path / "cover.png")
    result = read_file(path, tmp_path / "work", cache=False)
    assert [i.code for i in result.issues] == [FindingCode.unreadable_document]


def test_a_tesseract_timeout_is_a_read_issue_and_not_cached(tmp_path, monkeypatch):
    monkeypatch.setattr(tesseract, "deadline_s", lambda pixels: 0.01)  # no page reads in 10 ms
    path = _save(page_zoo.kc_page(), tmp_path / "kc.png")
    cache = ReadCache(tmp_path / "cache")
    result = read_file(path, tmp_path / "work", cache=cache)
    [page] = result.pages
    assert page.strategy.startswith("ocr:timeout(") and page.text == ""
    [issue] = [i for i in result.issues if "Tesseract gave up" in i.detail]
    assert issue.code is FindingCode.unreadable_document and "page 1" in issue.detail
    assert cache.writes == 0  # a quieter run may read it


def test_a_budget_cuts_every_call_inside_it():
    image = page_zoo.kc_page()
    with pytest.raises(tesseract.OcrTimeout), tesseract.budget(0.0):
        tesseract.ocr(image)
    with tesseract.budget(60):
        assert "안전인증서" in tesseract.ocr(image).text.replace(" ", "")
        assert not tesseract.spent()


def test_the_reader_grants_its_bound_by_the_pages(tmp_path, monkeypatch):
    granted: list[float] = []
    monkeypatch.setattr(tesseract, "_grant_listener", granted.append)
    read_file(_save(page_zoo.kc_page(), tmp_path / "kc.png"), tmp_path / "work", cache=False)
    # Opening an image, its one page's text test and preparation, its Tesseract budget (8.7 Mpx: 40 s).
    assert granted == [30.0, 10.0, pytest.approx(tesseract.deadline_s(2480 * 3508))]
    assert sum(granted) < 100  # a one-page image is bounded far below the 300 s of old
