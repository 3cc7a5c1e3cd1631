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


def edits_to_find(needle: str, text: str) -> int:
    """The fewest character edits that make `needle` appear in `text` (white space ignored).

    Tests of degraded pages assert this with room (issue 13): Tesseract's LSTM rounds differently on
    each processor's SIMD path, so one borderline glyph of a photo may read either way; an exact
    string there is a coin toss across machines, a bound of one or two edits is not.
    """
    from rapidfuzz.distance import Levenshtein

    needle, hay = squash(needle), squash(text)
    if needle in hay:
        return 0
    best = len(needle)
    for size in range(max(1, len(needle) - 2), len(needle) + 3):
        for start in range(0, max(1, len(hay) - size + 1)):
            best = min(best, Levenshtein.distance(needle, hay[start:start + size], score_cutoff=best))
    return best


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


# --- Degraded renditions of a page: skewed scans, phone photos, screenshots (tests/extractors/preprocess) ---

import numpy as np  # noqa: E402

#: A fuller certificate for the degraded renditions, so a character error rate means something.
KC_LINES = [
    "안전인증서",
    f"인증번호: {CERT_NUMBER}",
    "제품명: 전기 온풍기",
    "모델명: HB-H200",
    "제조자: 주식회사 한빛무역",
    "제조국: 중국",
    "인증일자: 2025년 3월 12일",
    "인증기관: 한국산업기술시험원",
    "위 제품은 전기용품 및 생활용품",
    "안전관리법에 따라 인증되었음을 증명합니다.",
]


def kc_page() -> Image.Image:
    return draw_page(KC_LINES, font_px=52)


def skewed_scan(page: Image.Image, degrees: float, seed: int = 0) -> Image.Image:
    """A scan fed in a few degrees crooked (counter-clockwise for positive), with sensor noise."""
    rng = np.random.default_rng(seed)
    turned = np.asarray(page.rotate(degrees, resample=Image.Resampling.BICUBIC, fillcolor=255), dtype=np.float32)
    noisy = turned + rng.normal(0, 8, turned.shape)
    return Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8))


def phone_photo(page: Image.Image, seed: int, size: tuple[int, int] = (2400, 1800)) -> Image.Image:
    """The page photographed on a dark, textured desk from an angle under a lamp: perspective,
    a brightness gradient and a soft shadow, noise, slight blur and JPEG. Landscape frame,
    page portrait inside it (as a phone held sideways without EXIF would give)."""
    import cv2

    rng = np.random.default_rng(seed)
    w, h = size[::-1] if page.height > page.width and size[0] > size[1] and seed % 2 else size
    desk = cv2.GaussianBlur(rng.normal(55, 25, (h, w)).astype(np.float32), (0, 0), 3)
    desk += 15 * np.sin(np.linspace(0, rng.uniform(20, 40), w))[None, :]  # wood grain
    page_h = h * rng.uniform(0.75, 0.88)
    page_w = page_h * page.width / page.height
    cx, cy = w / 2 + rng.uniform(-0.05, 0.05) * w, h / 2 + rng.uniform(-0.03, 0.03) * h
    jitter = lambda: rng.uniform(-0.06, 0.06) * page_h  # noqa: E731
    corners = np.float32([[cx - page_w / 2 + jitter(), cy - page_h / 2 + jitter()],
                          [cx + page_w / 2 + jitter(), cy - page_h / 2 + jitter()],
                          [cx + page_w / 2 + jitter(), cy + page_h / 2 + jitter()],
                          [cx - page_w / 2 + jitter(), cy + page_h / 2 + jitter()]])
    source = np.float32([[0, 0], [page.width, 0], [page.width, page.height], [0, page.height]])
    matrix = cv2.getPerspectiveTransform(source, corners)
    paper = np.asarray(page, dtype=np.float32) * 0.92 + 10  # paper is never quite white
    warped = cv2.warpPerspective(paper, matrix, (w, h), flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(np.ones_like(paper), matrix, (w, h))
    photo = desk * (1 - mask) + warped * mask
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    lamp_x, lamp_y = rng.uniform(0, w), rng.uniform(-0.2, 0.3) * h
    distance = np.hypot(xx - lamp_x, yy - lamp_y) / np.hypot(w, h)
    light = 1.05 - rng.uniform(0.6, 0.8) * distance  # bright under the lamp, dim far from it
    shadow_x = rng.uniform(0.3, 0.7) * w  # a soft shadow (a hand, the phone) over one side
    light *= 1 - 0.45 / (1 + np.exp(-(xx - shadow_x) / 40))
    photo = cv2.GaussianBlur(photo * light, (0, 0), 1.0) + rng.normal(0, 5, (h, w))
    out = io.BytesIO()
    Image.fromarray(np.clip(photo, 0, 255).astype(np.uint8)).save(out, "JPEG", quality=80)
    return Image.open(io.BytesIO(out.getvalue())).convert("L")


def screenshot(lines: list[str], font_px: int = 13, size: tuple[int, int] = (1366, 420)) -> Image.Image:
    """A 1x screen capture: small anti-aliased text on a light UI background."""
    img = Image.new("L", size, 246)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(NOTO, font_px, index=NOTO_KR)
    for i, line in enumerate(lines):
        draw.text((24, 20 + i * int(font_px * 1.9)), line, font=font, fill=30)
    return img


# --- The read cache: every test gets its own APPEAL_HOME, so no test reads another's results ---


@pytest.fixture(autouse=True)
def appeal_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("appeal-home")
    monkeypatch.setenv("APPEAL_HOME", str(home))
    monkeypatch.delenv("APPEAL_CACHE", raising=False)
    return home


def blocky_number(ink: int = 100, factor: int = 3) -> Image.Image:
    """A short certificate whose number alone was pasted in from a low-resolution grey copy: the
    page's Hangul model misreads it (`LEIS-210L`), an English re-read of its box does not."""
    page = draw_page(["안전인증서", "인증번호:", "제조자: 주식회사 한빛무역"], font_px=40)
    font = ImageFont.truetype(NOTO, 40 // factor, index=NOTO_KR)
    tiny = Image.new("L", (800 // factor, 80 // factor), 255)
    ImageDraw.Draw(tiny).text((0, 4 // factor), CERT_NUMBER, font=font, fill=ink)
    page.paste(tiny.resize((tiny.width * factor, tiny.height * factor), Image.Resampling.BILINEAR), (560, 380))
    return page


def ruled_table_page(rows: list[tuple[str, str]], font_px: int = 44) -> Image.Image:
    """A certificate's main table: label and value cells boxed by 3 px rules, as KC certificates
    print them (the layout Tesseract drops rows of)."""
    img = Image.new("L", A4_300DPI, 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(NOTO, font_px, index=NOTO_KR)
    left, split, right, top, row_h = 250, 800, 2230, 500, int(font_px * 3)
    for i, (label, value) in enumerate(rows):
        y = top + i * row_h
        draw.text((left + 40, y + font_px // 2), label, font=font, fill=0)
        draw.text((split + 40, y + font_px // 2), value, font=font, fill=0)
    bottom = top + len(rows) * row_h
    for i in range(len(rows) + 1):
        draw.line([(left, top + i * row_h), (right, top + i * row_h)], fill=0, width=3)
    for x in (left, split, right):
        draw.line([(x, top), (x, bottom)], fill=0, width=3)
    return img
