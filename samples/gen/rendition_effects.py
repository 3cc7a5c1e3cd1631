"""What scanners, phones and mail clients do to a page, one effect per function.

Every function takes the clean 300-DPI page (RGB, white paper) and a seeded generator and returns
the degraded picture; nothing here writes files. Scans come back grayscale, as office scanners
are usually set, which also keeps the committed JPEGs small.
"""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from .raster import _age

Rng = np.random.Generator


def _gray(a: np.ndarray | Image.Image) -> Image.Image:
    img = a if isinstance(a, Image.Image) else Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    return img.convert("L")


def clean(page: Image.Image) -> Image.Image:
    """A good flatbed scan: straight, white, only the slight softness of the optics."""
    return page.convert("L").filter(ImageFilter.GaussianBlur(0.4))


def skewed(page: Image.Image, rng: Rng, angle: float) -> Image.Image:
    """The page laid on the glass askew (degrees, counter-clockwise)."""
    turned = page.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor="white")
    return _gray(_age(turned, rng, noise=1.5, blur=0.6))


def blurred(page: Image.Image, rng: Rng, radius: float) -> Image.Image:
    """An out-of-focus scan (lid not closed, page lifted off the glass)."""
    return _gray(_age(page, rng, noise=2.0, blur=radius))


def noisy(page: Image.Image, rng: Rng, sigma: float) -> Image.Image:
    """Sensor noise of a cheap scanner at high gain (sigma in grey levels)."""
    return _gray(_age(page, rng, noise=sigma, blur=0.5))


def uneven_light(page: Image.Image, rng: Rng) -> Image.Image:
    """A desk lamp near the top-left corner, and the shadow band of an arm across the lower third."""
    a = np.asarray(_gray(_age(page, rng, noise=2.0, blur=0.5)), dtype=np.float32)
    h, w = a.shape
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    lamp = 1.08 - 0.5 * np.clip(np.hypot(xx / w - 0.1, yy / h - 0.05) / 1.2, 0, 1)
    # A soft diagonal band: distance from the line through (0, 0.62h) and (w, 0.78h).
    d = (yy - (0.62 * h + 0.16 * h * xx / w)) / (0.06 * h)
    shadow = 1 - 0.5 * np.exp(-(d ** 2))
    return _gray(a * lamp * shadow)


def turned(img: Image.Image, degrees: int) -> Image.Image:
    """The page scanned or saved sideways / upside down (degrees clockwise, as viewers count)."""
    return img.rotate(-degrees, expand=True)


def desk(size: tuple[int, int], rng: Rng) -> np.ndarray:
    """Wood-grain desk top: stretched noise along the grain, tinted oak."""
    w, h = size
    grain = rng.normal(0, 1, (h // 8 + 1, w // 64 + 1)).astype(np.float32)
    grain = cv2.resize(grain, (w, h), interpolation=cv2.INTER_CUBIC)
    xx = np.arange(w, dtype=np.float32)[None, :]
    rings = np.sin(xx / 37.0 + grain * 1.6) * 0.5 + 0.5
    tone = 0.82 + 0.12 * rings + 0.03 * grain
    oak = np.array([150, 104, 66], dtype=np.float32)
    return tone[..., None] * oak


def photo(page: Image.Image, rng: Rng, size: tuple[int, int], corners: list[tuple[float, float]],
          clutter: bool = True) -> Image.Image:
    """A phone photo of the page on a desk: perspective (corners as fractions of the frame,
    clockwise from the page's top-left), the page's cast shadow, clutter, lamp light and a soft lens."""
    w, h = size
    sheet = _age(page, rng, noise=1.5, blur=0.6)
    src = np.float32([[0, 0], [page.width, 0], [page.width, page.height], [0, page.height]])
    dst = np.float32([[x * w, y * h] for x, y in corners])
    m = cv2.getPerspectiveTransform(src, dst)
    warped = cv2.warpPerspective(sheet, m, (w, h), flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(np.full(sheet.shape[:2], 255, np.uint8), m, (w, h), flags=cv2.INTER_AREA)
    # The page lifts a little off the desk: its shadow falls down and to the right, blurred.
    shadow = cv2.GaussianBlur(np.roll(mask, (int(h * 0.012), int(w * 0.015)), (0, 1)), (0, 0), w * 0.01)
    table = desk(size, rng) * (1 - 0.45 * shadow[..., None] / 255)
    if clutter:
        table = _clutter(table, mask, rng)
    alpha = mask[..., None].astype(np.float32) / 255
    scene = warped * alpha + table * (1 - alpha)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    light = 1.06 - 0.22 * np.hypot(xx / w - 0.3, yy / h - 0.25)
    scene = np.clip(scene * light[..., None] + rng.normal(0, 1.2, (h, w, 1)), 0, 255).astype(np.uint8)
    return Image.fromarray(scene).filter(ImageFilter.GaussianBlur(0.8))


def _clutter(table: np.ndarray, page_mask: np.ndarray, rng: Rng) -> np.ndarray:
    """A pen and a mug rim drawn on the desk, never over the page."""
    h, w = page_mask.shape
    layer = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    x0, y0 = w * rng.uniform(0.02, 0.06), h * rng.uniform(0.6, 0.8)
    d.line((x0, y0, x0 + w * 0.04, y0 + h * 0.18), fill=(24, 40, 110, 255), width=max(8, w // 120))
    cx, cy, r = w * 0.93, h * 0.08, w * 0.12
    d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(235, 235, 228, 255), outline=(90, 60, 40, 255), width=w // 150)
    rgba = np.asarray(layer, dtype=np.float32)
    a = rgba[..., 3:] / 255 * (1 - page_mask[..., None].astype(np.float32) / 255)
    return table * (1 - a) + rgba[..., :3] * a
