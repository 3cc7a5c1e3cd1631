"""Page images with no text and with text, made at test time, for the text-or-not test before OCR
(extractors/preprocess/textness.py) and its bench (bench/noise_pages.py).

Each maker is seeded and returns a grayscale or RGB Pillow image. The no-text ones are what an
outside evaluation fed the product and Tesseract spent minutes on: a blank page through a dirty
feeder, scanner noise at several densities, a photo of a patterned surface, a plain photo. The text
ones span what a seller uploads: clean and degraded scans at several sizes, a sparse page of a few
words, a phone photo of a page, a photo of a monitor showing text (scanlines, moiré).
"""

from __future__ import annotations

import io
from collections.abc import Callable

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from tests.extractors.conftest import A4_300DPI, KC_LINES, NOTO, NOTO_KR, draw_page, kc_page, phone_photo, skewed_scan

PHONE = (4032, 3024)  # a 12-megapixel phone photo, landscape


def _jpeg(gray: np.ndarray, quality: int = 80) -> Image.Image:
    out = io.BytesIO()
    Image.fromarray(np.clip(gray, 0, 255).astype(np.uint8)).save(out, "JPEG", quality=quality)
    return Image.open(io.BytesIO(out.getvalue())).convert("L")


def _paper(rng: np.random.Generator, size: tuple[int, int] = A4_300DPI, level: float = 238) -> np.ndarray:
    """Scanned paper: a little off white, a faint fibre texture, sensor noise."""
    w, h = size
    fibre = cv2.GaussianBlur(rng.normal(0, 6, (h, w)).astype(np.float32), (0, 0), 2)
    return level + fibre + rng.normal(0, 3, (h, w)).astype(np.float32)


def speckle_page(density: float, seed: int = 0) -> Image.Image:
    """A4 at 300 DPI covered in dark specks of 1-5 px: `density` is the share of the page inked."""
    rng = np.random.default_rng(seed)
    page = _paper(rng)
    h, w = page.shape
    ink = np.zeros((h, w), np.uint8)
    for radius in (0, 1, 2):  # specks of three sizes, each a third of the ink
        area = (2 * radius + 1) ** 2
        n = int(density / 3 * h * w / area)
        ys, xs = rng.integers(0, h, n), rng.integers(0, w, n)
        layer = np.zeros((h, w), np.uint8)
        layer[ys, xs] = 1
        if radius:
            layer = cv2.dilate(layer, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * radius + 1,) * 2))
        ink |= layer
    page[ink > 0] = rng.uniform(20, 110, int(ink.sum()))
    return _jpeg(page, 75)


def grey_noise_page(sigma: float, seed: int = 0) -> Image.Image:
    """A page of pure sensor noise: a scanner with its lamp failing, mid grey with Gaussian noise."""
    rng = np.random.default_rng(seed)
    h, w = A4_300DPI[::-1]
    return _jpeg(170 + rng.normal(0, sigma, (h, w)), 70)


def dirty_feeder_page(seed: int = 0) -> Image.Image:
    """A blank sheet through a dirty feeder: dust, hairs, toner streaks down the page, a dark edge."""
    rng = np.random.default_rng(seed)
    page = _paper(rng)
    h, w = page.shape
    for _ in range(400):  # dust
        y, x = rng.integers(0, h), rng.integers(0, w)
        cv2.circle(page, (int(x), int(y)), int(rng.integers(1, 4)), float(rng.uniform(40, 150)), -1)
    for _ in range(12):  # hairs: short thin curves
        pts = np.cumsum(rng.normal(0, 6, (20, 2)), axis=0) + rng.uniform((0, 0), (w, h))
        cv2.polylines(page, [pts.astype(np.int32)], False, float(rng.uniform(60, 140)), 2)
    for _ in range(4):  # streaks from dirt on the scanner glass
        x = int(rng.integers(0, w))
        page[:, x:x + int(rng.integers(2, 6))] -= rng.uniform(40, 90)
    page[:, :int(0.02 * w)] = rng.normal(60, 10, (h, int(0.02 * w)))  # the feeder's shadow at one edge
    return _jpeg(page, 75)


def blank_page(seed: int = 0, dust: int = 30) -> Image.Image:
    """The empty back of a sheet, with a little dust."""
    rng = np.random.default_rng(seed)
    page = _paper(rng)
    h, w = page.shape
    for _ in range(dust):
        cv2.circle(page, (int(rng.integers(0, w)), int(rng.integers(0, h))), int(rng.integers(1, 3)),
                   float(rng.uniform(60, 160)), -1)
    return _jpeg(page, 85)


def _fractal(rng: np.random.Generator, h: int, w: int, scales=(2, 6, 18, 50)) -> np.ndarray:
    """Noise with detail at several scales (stone, concrete, a carpet)."""
    out = np.zeros((h, w), np.float32)
    for s in scales:
        small = rng.normal(0, 1, (max(2, h // s), max(2, w // s))).astype(np.float32)
        out += cv2.resize(small, (w, h), interpolation=cv2.INTER_CUBIC) * np.sqrt(s)
    return out / out.std()


def texture_photo(kind: str, seed: int = 0, size: tuple[int, int] = PHONE) -> Image.Image:
    """A phone photo filling the frame with a patterned surface: `granite`, `fabric`, `wood`,
    `gravel` or `tiles`."""
    rng = np.random.default_rng(seed)
    w, h = size
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    if kind == "granite":  # speckled stone: dark and light grains on grey
        base = _fractal(rng, h, w, (1, 3, 9, 40))
        img = 140 + 45 * base
        grains = _fractal(rng, h, w, (2, 4))
        img[grains > 1.6] = 40
        img[grains < -1.8] = 230
    elif kind == "fabric":  # a woven cloth: two crossing thread patterns, a little irregular
        warp = np.sin(2 * np.pi * (xx + 3 * _fractal(rng, h, w, (40,))) / 9)
        weft = np.sin(2 * np.pi * (yy + 3 * _fractal(rng, h, w, (40,))) / 9)
        img = 130 + 40 * np.sign(warp * weft) * np.abs(warp) ** 0.5 + 12 * _fractal(rng, h, w, (1, 3))
    elif kind == "wood":  # grain: stretched noise along one direction, knots
        grain = cv2.resize(rng.normal(0, 1, (h // 2, 40)).astype(np.float32), (w, h), interpolation=cv2.INTER_CUBIC)
        rings = np.sin(2 * np.pi * (yy / 23 + 2.5 * grain + 1.5 * _fractal(rng, h, w, (200,))))
        img = 120 + 35 * rings + 10 * _fractal(rng, h, w, (1, 4))
    elif kind == "gravel":  # a path of small stones: blobs of every shade with dark gaps
        img = np.full((h, w), 70, np.float32)
        for _ in range(int(w * h / 900)):
            r = int(rng.integers(6, 22))
            cv2.ellipse(img, (int(rng.integers(0, w)), int(rng.integers(0, h))), (r, int(r * rng.uniform(0.6, 1))),
                        float(rng.uniform(0, 180)), 0, 360, float(rng.uniform(90, 220)), -1)
        img += 15 * _fractal(rng, h, w, (1, 3))
    elif kind == "tiles":  # a tiled floor: squares with grout lines, each tile mottled
        img = 180 + 25 * _fractal(rng, h, w, (3, 12, 60))
        step = 150
        for x in range(0, w, step):
            img[:, x:x + 8] = 90
        for y in range(0, h, step):
            img[y:y + 8, :] = 90
    else:
        raise ValueError(kind)
    light = 1.05 - 0.35 * np.hypot(xx / w - 0.3, yy / h - 0.2)  # a phone photo's uneven light
    img = cv2.GaussianBlur(img * light, (0, 0), 0.8) + rng.normal(0, 4, (h, w))
    return _jpeg(img, 85)


def natural_photo(seed: int = 0, size: tuple[int, int] = PHONE) -> Image.Image:
    """A plain photo, no text anywhere: sky, hills, trees, a few objects, soft shading, noise."""
    rng = np.random.default_rng(seed)
    w, h = size
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    img = np.zeros((h, w, 3), np.float32)
    img[:] = (235, 200, 150)  # sky, bright at the horizon
    img *= (0.75 + 0.25 * yy / h)[..., None]
    horizon = (0.55 * h + 0.08 * h * np.sin(xx[0] / w * 7 + rng.uniform(0, 6))).astype(int)
    for x in range(w):
        img[horizon[x]:, x] = (60, 120, 80)
    img[yy > 0.55 * h] *= (0.7 + 0.3 * _fractal(rng, h, w, (8, 40, 120))[yy > 0.55 * h, None] * 0.3 + 0.3)
    for _ in range(25):  # trees and bushes: dark round shapes
        cx, cy = int(rng.integers(0, w)), int(rng.uniform(0.45, 0.9) * h)
        r = int(rng.integers(60, 260))
        colour = tuple(float(c) for c in rng.uniform((20, 50, 20), (70, 120, 70)))
        cv2.circle(img, (cx, cy), r, colour, -1)
        cv2.rectangle(img, (cx - r // 8, cy), (cx + r // 8, cy + r), (30, 50, 70), -1)
    for _ in range(4):  # objects: a bench, a car, a box
        x0, y0 = int(rng.integers(0, w - 600)), int(rng.uniform(0.6, 0.85) * h)
        cv2.rectangle(img, (x0, y0), (x0 + int(rng.integers(200, 600)), y0 + int(rng.integers(100, 300))),
                      tuple(float(c) for c in rng.uniform(40, 220, 3)), -1)
    img = cv2.GaussianBlur(img, (0, 0), 2.0) * (1.1 - 0.3 * np.hypot(xx / w - 0.5, yy / h - 0.5))[..., None]
    img += rng.normal(0, 5, img.shape)
    out = io.BytesIO()
    Image.fromarray(np.clip(img, 0, 255).astype(np.uint8)).save(out, "JPEG", quality=85)
    return Image.open(io.BytesIO(out.getvalue())).convert("RGB")


WING_LINES = ["쿠팡 Wing  상품관리 > 상품조회/수정", "등록상품ID 7234567890   노출상품명 미니 가습기 H2",
              "판매상태  판매중지   사유: KC 인증정보 미등록", "모델명 HB-H200   브랜드 HANBIT",
              "판매자: 주식회사 한빛무역 (A00123456)", "처리기한 2026-11-27 까지 소명자료를 제출해 주십시오."]


def monitor_photo(seed: int = 0, size: tuple[int, int] = PHONE, font_px: int = 30) -> Image.Image:
    """A phone photo of a monitor showing a Wing page: the screen at an angle inside its dark bezel,
    the pixel grid's scanlines and the moiré they make with the camera's sensor, glare, blur, JPEG."""
    rng = np.random.default_rng(seed)
    w, h = size
    screen_w, screen_h = 1920, 1080
    screen = Image.new("L", (screen_w, screen_h), 245)
    draw = ImageDraw.Draw(screen)
    draw.rectangle((0, 0, screen_w, 70), fill=60)  # the app's dark top bar
    font = ImageFont.truetype(NOTO, font_px, index=NOTO_KR)
    draw.text((40, 18), "coupang wing", font=font, fill=240)
    for i, line in enumerate(WING_LINES * 2):
        draw.text((80, 130 + i * int(font_px * 2.4)), line, font=font, fill=35)
    pixels = np.asarray(screen, np.float32)
    # Each screen pixel seen as 3x3 camera pixels, the bottom row dark: the gaps between pixel rows.
    grid = np.kron(pixels, np.ones((3, 3), np.float32))
    grid[2::3, :] *= 0.55
    grid[:, 2::3] *= 0.8
    sh, sw = grid.shape
    corners = np.float32([[0.12 * w, 0.14 * h], [0.9 * w, 0.1 * h], [0.88 * w, 0.86 * h], [0.14 * w, 0.9 * h]])
    corners += rng.uniform(-0.02, 0.02, corners.shape).astype(np.float32) * w
    matrix = cv2.getPerspectiveTransform(np.float32([[0, 0], [sw, 0], [sw, sh], [0, sh]]), corners)
    warped = cv2.warpPerspective(grid, matrix, (w, h), flags=cv2.INTER_AREA, borderValue=25)
    mask = cv2.warpPerspective(np.ones_like(grid), matrix, (w, h))
    bezel = cv2.dilate(mask, np.ones((61, 61), np.uint8)) - mask
    img = warped * mask + 25 * (1 - mask) + 10 * bezel
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    angle = rng.uniform(0.1, 0.3)  # the moiré: a beat between the pixel grid and the sensor's
    img *= 1 + 0.12 * np.sin(2 * np.pi * (xx * np.cos(angle) + yy * np.sin(angle)) / rng.uniform(11, 17))
    img += 40 * np.exp(-(((xx - 0.65 * w) / (0.2 * w)) ** 2 + ((yy - 0.35 * h) / (0.15 * h)) ** 2))  # glare
    img = cv2.GaussianBlur(img, (0, 0), 1.1) + rng.normal(0, 6, (h, w))
    return _jpeg(img, 85)


def degraded_scan(page: Image.Image, seed: int = 0) -> Image.Image:
    """STACK.md §3's degraded variant: 2 degrees, Gaussian noise 12, blur 0.7, JPEG 50."""
    rng = np.random.default_rng(seed)
    turned = np.asarray(page.rotate(2, resample=Image.Resampling.BICUBIC, fillcolor=255), np.float32)
    noisy = cv2.GaussianBlur(turned, (0, 0), 0.7) + rng.normal(0, 12, turned.shape)
    return _jpeg(noisy, 50)


def faint_scan(page: Image.Image, seed: int = 0) -> Image.Image:
    """A washed-out photocopy: grey text on grey paper, speckled."""
    rng = np.random.default_rng(seed)
    gray = np.asarray(page, np.float32)
    faint = 205 - (255 - gray) * 0.35 + rng.normal(0, 6, gray.shape)  # ink at about 120 on 205 paper
    return _jpeg(faint, 70)


def sparse_page(seed: int = 0) -> Image.Image:
    """A page with only a few words: a signature block at the bottom of an otherwise empty sheet."""
    page = Image.new("L", A4_300DPI, 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(NOTO, 48, index=NOTO_KR)
    draw.text((1400, 2900), "2026년 1월 5일", font=font, fill=0)
    draw.text((1400, 3000), "대표 왕웨이 (인)", font=font, fill=0)
    return page


def one_word_page() -> Image.Image:
    """A title and nothing else (a cover sheet)."""
    return draw_page(["위임장"], font_px=90)


EN_LINES = ["LETTER OF AUTHORIZATION", "We, HANBIT Co., Ltd., the owner of the brand HANBIT,",
            "hereby authorize Shenzhen Hanbit Trading Co., Ltd.", "to sell HANBIT products on Coupang in Korea.",
            "Valid from January 1, 2026 to December 31, 2026.", "Signed: Wang Wei, Representative"]


def page_on_surface(page: Image.Image, kind: str = "granite", seed: int = 0) -> Image.Image:
    """A page photographed lying on a patterned surface (a stone counter, a tiled floor)."""
    rng = np.random.default_rng(seed)
    surface = np.asarray(texture_photo(kind, seed), np.float32)
    h, w = surface.shape
    page_h = 0.85 * h
    page_w = page_h * page.width / page.height
    cx, cy = w / 2, h / 2
    corners = np.float32([[cx - page_w / 2, cy - page_h / 2], [cx + page_w / 2, cy - page_h / 2],
                          [cx + page_w / 2, cy + page_h / 2], [cx - page_w / 2, cy + page_h / 2]])
    corners += rng.uniform(-0.04, 0.04, corners.shape).astype(np.float32) * page_h
    source = np.float32([[0, 0], [page.width, 0], [page.width, page.height], [0, page.height]])
    matrix = cv2.getPerspectiveTransform(source, corners)
    paper = np.asarray(page.convert("L"), np.float32) * 0.9 + 15
    warped = cv2.warpPerspective(paper, matrix, (w, h), flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(np.ones_like(paper), matrix, (w, h))
    photo = cv2.GaussianBlur(surface * (1 - mask) + warped * mask, (0, 0), 0.9) + rng.normal(0, 4, (h, w))
    return _jpeg(photo, 85)


def small_print_page() -> Image.Image:
    """A dense page of 8 pt text at 300 DPI (33 px glyphs) at the scale a 150 DPI scan gives."""
    page = draw_page(KC_LINES * 4, font_px=34)
    return page.resize((1240, 1754), Image.Resampling.LANCZOS)


#: name -> (maker, has text). Every maker takes no argument.
NO_TEXT: dict[str, Callable[[], Image.Image]] = {
    "blank": lambda: blank_page(),
    "blank-clean": lambda: Image.new("L", A4_300DPI, 255),
    "dirty-feeder": lambda: dirty_feeder_page(),
    "speckle-0.2%": lambda: speckle_page(0.002),
    "speckle-1%": lambda: speckle_page(0.01),
    "speckle-5%": lambda: speckle_page(0.05),
    "speckle-20%": lambda: speckle_page(0.20),
    "grey-noise-20": lambda: grey_noise_page(20),
    "grey-noise-60": lambda: grey_noise_page(60),
    "granite": lambda: texture_photo("granite"),
    "fabric": lambda: texture_photo("fabric"),
    "wood": lambda: texture_photo("wood"),
    "gravel": lambda: texture_photo("gravel"),
    "tiles": lambda: texture_photo("tiles"),
    "natural-photo": lambda: natural_photo(),
}

TEXT: dict[str, Callable[[], Image.Image]] = {
    "clean-56px": lambda: kc_page(),
    "clean-40px": lambda: draw_page(KC_LINES, font_px=40),
    "clean-28px": lambda: draw_page(KC_LINES * 2, font_px=28),
    "small-print-150dpi": small_print_page,
    "degraded": lambda: degraded_scan(kc_page()),
    "faint": lambda: faint_scan(kc_page()),
    "skewed-6deg": lambda: skewed_scan(kc_page(), 6),
    "turned-90": lambda: kc_page().rotate(90, expand=True),
    "phone-photo": lambda: phone_photo(kc_page(), seed=3),
    "sparse": sparse_page,
    "one-word": one_word_page,
    "monitor-photo": lambda: monitor_photo(),
    "english-letter": lambda: draw_page(EN_LINES, font_px=44),
    "english-on-granite": lambda: page_on_surface(draw_page(EN_LINES, font_px=44), "granite"),
    "page-on-tiles": lambda: page_on_surface(kc_page(), "tiles"),
}
