"""A dark-theme screen (light text on a dark ground) is turned dark on light before it is read."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageOps

from extractors.preprocess.polarity import light_on_dark
from extractors.readers.image import Frame, ocr_page
from tests.extractors.conftest import edits_to_find, screenshot

LINES = ["쿠팡 윙 상품 관리", "상품번호 7234567890 판매중지", "사유: KC 인증 정보 누락"]


def test_a_dark_ground_is_inverted_and_a_light_one_left_alone():
    light = np.asarray(screenshot(LINES, font_px=20))
    dark = 255 - light
    turned, token = light_on_dark(dark)
    assert token == "inverted" and np.array_equal(turned, light)
    kept, token = light_on_dark(light)
    assert token == "" and kept is light
    # A light page with a dark band (a header bar) keeps its polarity: the ground is what most of it is.
    banded = light.copy()
    banded[: light.shape[0] // 4] = 20
    assert light_on_dark(banded)[1] == ""


@pytest.mark.ocr
def test_a_dark_theme_screen_reads_like_a_light_one():
    dark = ImageOps.invert(screenshot(LINES, font_px=20, size=(1366, 300)).convert("L"))
    page = ocr_page(Frame(number=1, image=Image.fromarray(np.asarray(dark))))
    assert ":inverted" in page.strategy
    assert edits_to_find("상품번호7234567890판매중지", page.text) <= 1
