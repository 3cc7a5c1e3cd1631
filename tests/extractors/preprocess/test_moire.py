"""A monitor photographed with a phone: its moiré stripes are filtered out, and a page without them
is left alone; faint grey ink is made dark before binarising."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from extractors.preprocess import lighting, moire
from extractors.readers.image import Frame, ocr_page
from tests.extractors.conftest import edits_to_find, kc_page, ruled_table_page, screenshot, skewed_scan

LINES = ["상품 조회 / 수정", "노출상품ID 7234567890  판매중지", "KC 인증 정보 누락"]


def striped(gray: np.ndarray, period: float = 6.0, tilt_deg: float = 8.0, depth: float = 0.2) -> np.ndarray:
    """`gray` under a tilted fine grating, the way a screen's pixel grid beats against a camera's."""
    h, w = gray.shape
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    t = np.deg2rad(tilt_deg)
    wave = np.sin(2 * np.pi * (xx * np.cos(t) + yy * np.sin(t)) / period)
    return np.clip(gray.astype(np.float32) * (1 - depth * (0.5 + 0.5 * wave)), 0, 255).astype(np.uint8)


def screen() -> np.ndarray:
    return np.asarray(screenshot(LINES, font_px=30, size=(1600, 900)))


def test_stripes_are_found_and_filtered_and_a_plain_page_is_left_alone():
    clean = screen()
    photo = striped(clean)
    assert moire.has_moire(photo) and not moire.has_moire(clean)
    out, token = moire.descreen(photo)
    assert token == "descreen" and out.shape == photo.shape
    blank = np.s_[600:880, 100:1500]  # below the text: only the stripes vary there
    assert out[blank].std() < 0.3 * photo[blank].std()
    # Scans and plain screens pay for the probe only and come back as they were.
    for plain in (clean, np.asarray(kc_page())):
        kept, token = moire.descreen(plain)
        assert token == "" and kept is plain


@pytest.mark.parametrize("skew", [0.0, 1.0, 2.0, 4.0])
def test_a_ruled_table_scanned_askew_has_no_moire(skew):
    # Its rules' harmonics run at the skew's angle, a sharp grating like a monitor's beat: a table
    # 2 degrees off was once descreened into "058" for "USB" and lost its labels.
    rows = [("신고번호", "YU10128-24007"), ("제품명", "USB 탁상용 선풍기"), ("정격", "DC 5V 2A 10W")]
    page = np.asarray(skewed_scan(ruled_table_page(rows), skew, seed=1).convert("L"))
    assert moire.descreen(page)[1] == ""


@pytest.mark.ocr
def test_a_striped_screen_reads_like_a_plain_one():
    page = ocr_page(Frame(number=1, image=Image.fromarray(striped(screen()))))
    assert ":descreen" in page.strategy
    assert "7234567890" in page.text and edits_to_find("KC인증정보누락", page.text) <= 1


def test_faint_ink_is_stretched_and_dark_ink_left_alone():
    faint = np.full((400, 1000), 246, np.uint8)
    for left in range(50, 950, 8):
        faint[100:130, left:left + 3] = 160  # thin grey strokes, as a monitor photo's text measures
    out, token = lighting.stretch(faint)
    assert token == "stretch" and out[100:130, 50:950:8].max() < 40 and out[300:].min() > 240
    dark = np.asarray(screenshot(LINES))
    kept, token = lighting.stretch(dark)
    assert token == "" and kept is dark
