"""Seal and ink detection on drawn page images: each mark found, and each look-alike refused."""

from __future__ import annotations

import math

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from casefile.codes import SignatureKind
from extractors.marks.binding import docx_signature, find_ink, find_seal

NOTO = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
PPC = 150 / 2.54  # 150 DPI, the render resolution of PDF pages
PAGE = (round(21 * PPC), round(29.7 * PPC))
RED = (208, 32, 26)
BLUE = (40, 60, 200)
TEXT_PX = 30  # 12 pt at 150 DPI is 25 px; the glyph box a little more


def paper(size: tuple[int, int] = PAGE, tint: tuple[int, int, int] = (250, 248, 244)) -> Image.Image:
    return Image.new("RGB", size, tint)


def write(img: Image.Image, xy: tuple[int, int], text: str, px: int = TEXT_PX, fill=(20, 20, 20)) -> tuple[int, ...]:
    """Draw `text`; its box (left, top, width, height) as an OCR word box would give it."""
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(NOTO, px, index=1)
    draw.text(xy, text, font=font, fill=fill)
    x0, y0, x1, y1 = draw.textbbox(xy, text, font=font)
    return x0, y0, x1 - x0, y1 - y0


def round_seal(img: Image.Image, centre: tuple[int, int], diameter_cm: float = 2.4, color=RED) -> None:
    r = round(diameter_cm * PPC / 2)
    draw = ImageDraw.Draw(img)
    cx, cy = centre
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=color, width=max(3, r // 12))
    font = ImageFont.truetype(NOTO, round(r * 0.6), index=1)
    draw.text((cx, cy - r * 0.3), "한빛", font=font, fill=color, anchor="mm")
    draw.text((cx, cy + r * 0.35), "상사", font=font, fill=color, anchor="mm")


def square_seal(img: Image.Image, corner: tuple[int, int], side_cm: float = 2.0) -> None:
    s = round(side_cm * PPC)
    x, y = corner
    draw = ImageDraw.Draw(img)
    draw.rectangle((x, y, x + s, y + s), outline=RED, width=5)
    font = ImageFont.truetype(NOTO, round(s * 0.38), index=1)
    for i, ch in enumerate("한빛상사"):
        draw.text((x + s * (0.28 + 0.44 * (i % 2)), y + s * (0.28 + 0.44 * (i // 2))), ch, font=font, fill=RED, anchor="mm")


def scribble(img: Image.Image, start: tuple[int, int], color, width_cm: float = 4.0, height_cm: float = 1.2) -> None:
    arr = np.asarray(img).copy()
    x0, y0 = start
    for k in range(3):
        t = np.linspace(0, 3 * math.pi, 30)
        xs = x0 + np.linspace(0, width_cm * PPC, 30) + 10 * k
        ys = y0 + height_cm * PPC / 2 * np.sin(t + k)
        cv2.polylines(arr, [np.stack([xs, ys], 1).astype(np.int32)], False, color, 3, cv2.LINE_AA)
    img.paste(Image.fromarray(arr))


# -- seals ---------------------------------------------------------------------------------


@pytest.mark.parametrize("stamp", ["round", "square"])
def test_a_red_seal_is_found_at_its_size(stamp):
    img = paper()
    write(img, (250, 1200), "위임인 주식회사 한빛상사 대표이사 김철수 (인)")
    if stamp == "round":
        round_seal(img, (850, 1215))
    else:
        square_seal(img, (800, 1160))
    mark = find_seal(img, PPC)
    assert mark is not None and mark.kind == "seal"
    x, y, w, h = mark.box
    assert 1.5 * PPC <= max(w, h) <= 2.8 * PPC


def test_a_seal_on_a_dark_photographed_page_is_found_without_a_given_scale():
    img = paper((1240, 1754), tint=(205, 195, 180))  # A4 at 150 DPI, grey-brown lighting
    round_seal(img, (900, 1200), color=(180, 40, 40))
    assert find_seal(img) is not None


@pytest.mark.parametrize("lookalike", ["header_rule", "title_text", "solid_dot", "tiny_mark", "huge_frame"])
def test_red_things_that_are_not_seals(lookalike):
    img = paper()
    draw = ImageDraw.Draw(img)
    if lookalike == "header_rule":
        draw.rectangle((100, 120, PAGE[0] - 100, 135), fill=RED)
    elif lookalike == "title_text":
        write(img, (350, 200), "授权书 위임장", px=90, fill=RED)
        write(img, (200, 400), "중요: 이 문서는 쿠팡 제출용입니다", px=TEXT_PX, fill=RED)
    elif lookalike == "solid_dot":
        draw.ellipse((600, 600, 740, 740), fill=RED)  # a logo dot, not an impression
    elif lookalike == "tiny_mark":
        round_seal(img, (600, 600), diameter_cm=0.5)
    else:
        draw.rectangle((80, 80, PAGE[0] - 80, PAGE[1] - 80), outline=RED, width=6)
    assert find_seal(img, PPC) is None


def test_black_text_alone_has_no_seal():
    img = paper()
    write(img, (200, 300), "위임인: 주식회사 한빛상사 (인)")
    assert find_seal(img, PPC) is None


# -- ink -----------------------------------------------------------------------------------


@pytest.mark.parametrize("color", [BLUE, (25, 25, 25)])
def test_handwriting_right_of_the_cue_is_ink(color):
    img = paper()
    cue = write(img, (400, 1200), "대표이사 김철수 (인)")
    scribble(img, (cue[0] + cue[2] + 10, 1215), color)
    mark = find_ink(img, cue, PPC)
    assert mark is not None and mark.kind == "ink"


def test_printed_seal_placeholder_alone_is_not_ink():
    img = paper()
    write(img, (200, 300), "위임장 본문 " * 6)
    cue = write(img, (500, 1200), "대표이사 김철수 (인)")
    write(img, (500, 1260), "서명: ____________________")
    write(img, (200, 1320), "Authorized Signatory / 签字 / 盖章 2026年1月1日")
    assert find_ink(img, cue, PPC) is None


def test_large_printed_text_and_table_borders_are_not_ink():
    img = paper()
    cue = write(img, (300, 1200), "서명")
    write(img, (420, 1150), "HANBIT TRADING", px=70)  # a printed company name in a large font
    ImageDraw.Draw(img).rectangle((250, 1100, 1180, 1400), outline=(0, 0, 0), width=3)
    assert find_ink(img, cue, PPC) is None


def test_without_a_cue_the_lower_half_is_searched():
    img = paper()
    write(img, (200, 300), "위임장")
    scribble(img, (700, 1400), BLUE)
    assert find_ink(img, None, PPC) is not None
    assert find_ink(paper(), None, PPC) is None


# -- DOCX pictures ---------------------------------------------------------------------------


def _seal_png(tmp_path, color=RED):
    img = Image.new("RGBA", (300, 300), (255, 255, 255, 0))
    draw = ImageDraw.Draw(img)
    draw.ellipse((10, 10, 290, 290), outline=color, width=14)
    font = ImageFont.truetype(NOTO, 80, index=1)
    draw.text((150, 110), "한빛", font=font, fill=color, anchor="mm")
    draw.text((150, 195), "상사", font=font, fill=color, anchor="mm")
    path = tmp_path / "seal.png"
    img.save(path)
    return path


def _pen_png(tmp_path):
    img = Image.new("RGB", (640, 220), "white")
    scribble(img, (30, 110), BLUE, width_cm=9.5, height_cm=2.0)
    path = tmp_path / "pen.png"
    img.save(path)
    return path


def _photo_png(tmp_path):
    rng = np.random.default_rng(1)
    img = Image.fromarray(rng.integers(0, 255, (300, 400, 3), dtype=np.uint8))
    path = tmp_path / "photo.png"
    img.save(path)
    return path


@pytest.mark.parametrize("picture, expected", [
    ("seal", SignatureKind.seal), ("pen", SignatureKind.handwritten), ("blue_seal", SignatureKind.none),
    ("photo", SignatureKind.none), ("none", SignatureKind.none),
])
def test_docx_pictures(tmp_path, picture, expected):
    import docx
    from docx.shared import Cm

    makers = {"seal": lambda: _seal_png(tmp_path), "blue_seal": lambda: _seal_png(tmp_path, BLUE),
              "pen": lambda: _pen_png(tmp_path), "photo": lambda: _photo_png(tmp_path)}
    document = docx.Document()
    document.add_paragraph("위임장")
    if picture in makers:
        width = Cm(4.5 if picture in ("pen", "photo") else 2.5)
        document.add_paragraph().add_run().add_picture(str(makers[picture]()), width=width)
    path = tmp_path / "letter.docx"
    document.save(path)
    assert docx_signature(path) is expected


def test_a_logo_in_the_page_header_is_not_a_seal(tmp_path):
    import docx
    from docx.shared import Cm

    document = docx.Document()
    document.sections[0].header.paragraphs[0].add_run().add_picture(str(_seal_png(tmp_path)), width=Cm(2.5))
    document.add_paragraph("위임장 (인)")
    path = tmp_path / "letter.docx"
    document.save(path)
    assert docx_signature(path) is SignatureKind.none
