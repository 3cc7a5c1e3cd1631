"""Upscale small images and screenshots: Tesseract reads best with glyphs 20-30 px high."""

from __future__ import annotations

import cv2
import numpy as np

UPSCALE_BELOW_PX = 1500  # an image this narrow is a crop or a screenshot, never a 300 DPI page
SMALL_GLYPH_PX = 16  # measured glyph height below which x2 is too little
TINY_GLYPH_PX = 10  # below this x3 (screen text of 12 px and smaller)
MAX_PIXELS = 40_000_000  # a 3x screenshot must not become a memory problem
#: A page this large is measured on a half-size copy: a quarter of the work, and within 1-3 px of
#: the full-size figure on the rendition set (glyphs of 21-50 px there).
HALVE_ABOVE_PX = 2000


def upscale_factor(gray: np.ndarray) -> int:
    """1, 2 or 3: from the measured glyph height, and at least 2 for a narrow image."""
    h, w = gray.shape
    factor = 2 if w < UPSCALE_BELOW_PX else 1
    glyph = _measured_glyph_height(gray)
    if glyph is not None:
        factor = max(factor, 3 if glyph < TINY_GLYPH_PX else 2 if glyph < SMALL_GLYPH_PX else 1)
    while factor > 1 and h * w * factor * factor > MAX_PIXELS:
        factor -= 1
    return factor


def upscale(gray: np.ndarray, factor: int) -> np.ndarray:
    if factor == 1:
        return gray
    return cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)


def _measured_glyph_height(gray: np.ndarray) -> float | None:
    if max(gray.shape) < HALVE_ABOVE_PX:
        return glyph_height(gray)
    half = glyph_height(cv2.resize(gray, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA))
    return None if half is None else 2 * half


def glyph_height(gray: np.ndarray) -> float | None:
    """Typical height in pixels of a full-height glyph part, or None when there is too little ink.

    Hangul syllables fall apart into several jamo, so the median component is small; the upper
    quartile is the full-height strokes (ㅏ, ㅣ, digits, capitals), close to the glyph height.
    """
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    heights = stats[1:, cv2.CC_STAT_HEIGHT]
    widths = stats[1:, cv2.CC_STAT_WIDTH]
    h, w = gray.shape
    # Not specks, not rules or table borders, not pictures.
    keep = (heights >= 3) & (heights < h / 10) & (widths < w / 10) & (widths < 8 * heights)
    if keep.sum() < 10:
        return None
    return float(np.percentile(heights[keep], 75))
