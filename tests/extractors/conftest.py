"""Real files made at test time: Korean text drawn with Pillow (Noto Sans CJK KR) or typeset by WeasyPrint
(NanumGothic). Noto KR is used for the drawn pages because with it Tesseract's Hangul model reads the
certificate number back reliably at every size tried (NanumGothic's `0` came back as `O` at some sizes)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

NOTO = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
NOTO_KR = 1  # face index in the collection: 0 JP, 1 KR, 2 SC, 3 TC
CERT_NUMBER = "HU071695-21012A"
A4_300DPI = (2480, 3508)

#: A KC certificate as a seller would scan it (Tesseract reads these lines back reliably at 300 DPI).
CERT_LINES = [
    "안전인증서",
    f"인증번호: {CERT_NUMBER}",
    "제조자: 주식회사 한빛무역",
    "인증일자: 2025년 3월 12일",
    "인증기관: 한국산업기술시험원",
]
#: A second, different page (for multi-page files).
LETTER_LINES = ["위임장", "위임 기간: 2026년 1월 1일부터", "브랜드: HANBIT", "수신: 쿠팡 셀러센터"]

CERT_HTML = """<html><head><style>
  @page { size: A4; margin: 25mm 20mm; } body { font-family: NanumGothic; font-size: 12pt; }
  td { border: .5pt solid #333; padding: 3pt; }
</style></head><body>
<h1>안전인증서</h1>
<p>본 제품은 전기용품 및 생활용품 안전관리법에 따른 안전인증을 받았음을 증명합니다.</p>
<table><tr><td>인증번호</td><td>HU071695-21012A</td></tr>
<tr><td>모델명</td><td>HB-H200</td></tr><tr><td>인증일자</td><td>2025년 3월 12일</td></tr></table>
</body></html>"""


def squash(text: str) -> str:
    """Text without white space: the Hangul OCR model puts spaces between syllables (STACK.md §3)."""
    return re.sub(r"\s+", "", text)


def draw_page(lines: list[str], size: tuple[int, int] = A4_300DPI, font_px: int = 56,
              mode: str = "L", background: int | tuple = 255) -> Image.Image:
    """A page with `lines` drawn at `font_px` (56 px is 13.4 pt at 300 DPI) from the top left."""
    img = Image.new(mode, size, background)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(NOTO, font_px, index=NOTO_KR)
    scale = size[0] / A4_300DPI[0]
    ink = 0 if mode == "L" else (0, 0, 0, 255)
    for i, line in enumerate(lines):
        draw.text((int(300 * scale), int(300 * scale) + i * int(font_px * 2.2)), line, font=font, fill=ink)
    return img


def render_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def image_pdf(img: Image.Image, dpi: int = 300) -> bytes:
    """An image-only "scanned" PDF page, its size set by `dpi`."""
    out = io.BytesIO()
    img.convert("RGB").save(out, "PDF", resolution=float(dpi))
    return out.getvalue()


@pytest.fixture(scope="session")
def cert_page() -> Image.Image:
    return draw_page(CERT_LINES)


@pytest.fixture(scope="session")
def letter_page() -> Image.Image:
    return draw_page(LETTER_LINES)


@pytest.fixture(scope="session")
def cert_pdf_bytes() -> bytes:
    return render_pdf(CERT_HTML)


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    return tmp_path / "work"
