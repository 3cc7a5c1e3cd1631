"""Deskew and page finding on generated pages, without OCR: angles found, photos squared, scans left alone."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from extractors.preprocess import deskew, lighting, page, scale
from tests.extractors.conftest import kc_page, phone_photo, skewed_scan


@pytest.fixture(scope="module")
def kc() -> Image.Image:
    return kc_page()


@pytest.mark.parametrize(("degrees", "seed"), [(2.5, 0), (-4.0, 1), (7.0, 2), (-1.2, 3), (9.5, 4)])
def test_the_skew_of_a_crooked_scan_is_found(kc, degrees, seed):
    found = deskew.estimate_skew(np.asarray(skewed_scan(kc, degrees, seed)))
    # The correction undoes the turn (OpenCV and Pillow both count counter-clockwise).
    assert found == pytest.approx(-degrees, abs=0.3)


def test_a_straight_scan_is_not_deskewed(kc):
    gray = np.asarray(kc)
    out, done = deskew.deskew(gray)
    assert done == "" and out is gray


def test_an_empty_or_textless_image_gives_no_skew():
    rng = np.random.default_rng(0)
    assert deskew.estimate_skew(np.full((800, 600), 255, np.uint8)) is None
    noise = (rng.random((800, 600)) * 255).astype(np.uint8)
    assert deskew.deskew(noise)[1] == ""


@pytest.mark.parametrize("seed", [0, 1, 3, 5])
def test_the_page_in_a_phone_photo_is_found_and_squared_to_a4(kc, seed):
    photo = np.asarray(phone_photo(kc, seed))
    out, done = page.correct_perspective(photo)
    assert done == "perspective"
    assert sorted(out.shape) == [2480, 3508]
    assert out.shape[0] > out.shape[1]  # the portrait page stands upright
    # The desk is gone: the squared page's border rows are paper, not dark wood.
    assert np.median(out[30:60, 100:-100]) > 100 and np.median(out[-60:-30, 100:-100]) > 60


def test_a_scan_an_empty_desk_and_a_crop_are_left_as_they_are(kc):
    rng = np.random.default_rng(1)
    desk = np.clip(rng.normal(60, 25, (1200, 1600)), 0, 255).astype(np.uint8)
    text_crop = np.asarray(kc)[200:1400, 200:2000]
    for gray in (np.asarray(kc), desk, text_crop, np.asarray(skewed_scan(kc, 3.0))):
        out, done = page.correct_perspective(gray)
        assert done == "" and out is gray


def test_uneven_light_is_flattened_and_even_light_left_alone(kc):
    gray = np.asarray(kc)
    assert lighting.flatten(gray) == (gray, "")
    ramp = np.linspace(0.45, 1.0, gray.shape[1], dtype=np.float32)[None, :]
    lit = (gray.astype(np.float32) * ramp).astype(np.uint8)
    flat, done = lighting.flatten(lit)
    assert done == "flatten"
    paper = flat[2000:3000]  # no text there
    assert np.percentile(paper, 2) > 230  # the dim side's paper is as white as the lit side's
    assert flat[:, :1200].min() < 60  # the text survived


def test_screenshot_text_is_measured_small_and_upscaled(kc):
    from tests.extractors.conftest import screenshot

    small = np.asarray(screenshot(["쿠팡 윙 상품 관리", "상품번호 7234567890 판매중지"] * 3, size=(1920, 400)))
    assert scale.upscale_factor(small) >= 2  # wide, but its glyphs are 10-12 px
    assert scale.upscale_factor(np.asarray(kc)) == 1


def test_table_rules_are_painted_out_and_the_glyphs_kept():
    from extractors.preprocess import tablelines
    from tests.extractors.conftest import ruled_table_page

    rows = [("신고번호", "YU10128-24007"), ("제품명", "USB 탁상용 선풍기"), ("모델명", "FN-M12")]
    page = np.asarray(ruled_table_page(rows))
    cleaned, token = tablelines.remove_rules(page)
    assert token == "unruled"
    ink = cleaned < 128
    # No long straight run of ink is left in any row or column ...
    assert max(_longest_run(r) for r in ink) < 100 and max(_longest_run(c) for c in ink.T) < 100
    # ... while the glyphs inside the cells keep nearly all their ink.
    glyphs = (page < 128) & ~_rule_band(page)
    assert (ink & glyphs).sum() >= 0.95 * glyphs.sum()


def test_a_page_without_rules_is_left_alone(kc):
    from extractors.preprocess import tablelines

    page = np.asarray(kc)
    cleaned, token = tablelines.remove_rules(page)
    assert token == "" and cleaned is page


def _longest_run(line: np.ndarray) -> int:
    best = run = 0
    for v in line:
        run = run + 1 if v else 0
        best = max(best, run)
    return best


def _rule_band(page: np.ndarray) -> np.ndarray:
    """Pixels within 4 px of a full-length rule of `ruled_table_page` (where glyph ink may be cut)."""
    ink = page < 128
    rows, cols = ink.sum(axis=1) > 1000, ink.sum(axis=0) > 300
    band = np.zeros_like(ink)
    for y in np.flatnonzero(rows):
        band[max(0, y - 4):y + 5, :] = True
    for x in np.flatnonzero(cols):
        band[:, max(0, x - 4):x + 5] = True
    return band
