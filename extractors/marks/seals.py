"""Red seal impressions (직인/인감/公章): a compact round or square red shape of seal size.

A seal is 1.5–5 cm across (DOMAIN.md §4.4); every size here is in centimetres of the page.
"""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image

from extractors.marks.geometry import Box, Mark, a4_scale, rgb_of

# Seal: red or vermilion (OpenCV hue 0-180 wraps around red), saturated enough that pink paper,
# skin tones in a photo and anti-aliased black text do not qualify.
RED_HUE_LOW, RED_HUE_HIGH, RED_MIN_SAT, RED_MIN_VAL = 12, 165, 70, 70
SEAL_MIN_CM, SEAL_MAX_CM = 1.0, 6.5  # 1.5-5 cm printed, widened for photos taken off-square or cropped
SEAL_MIN_ASPECT = 0.6  # round or square, not a header rule or a line of red title text
SEAL_MIN_SOLIDITY = 0.6  # outline area / box area: circle 0.79, square ~1, a red glyph far less
SEAL_MIN_CONVEXITY = 0.85  # outline area / hull area: a ring or frame is convex, most glyphs are not
SEAL_MIN_PLAIN_GROUND = 0.6  # share of unsaturated pixels between the strokes (paper, black print, blur)
SEAL_INK = (0.08, 0.92)  # red share inside the outline: ring + legend; a solid red dot is a logo
# Two looks: first with breaks in a ring bridged, then with a borderless seal's glyphs glued
# together (bigger, and it must stand further apart from other red, unlike a line of red title).
SEAL_PASSES = ({"close_cm": 0.06, "clear_cm": 0.15, "min_cm": SEAL_MIN_CM, "convexity": SEAL_MIN_CONVEXITY},
               {"close_cm": 0.2, "clear_cm": 0.3, "min_cm": 1.5, "convexity": 0.0})


def find_seal(image: Image.Image | np.ndarray, px_per_cm: float | None = None) -> Mark | None:
    """A red stamp impression: a compact round or square red shape of seal size."""
    rgb = rgb_of(image)
    ppc = px_per_cm or a4_scale(rgb)
    red = red_mask(rgb)
    if cv2.countNonZero(red) < (0.3 * ppc) ** 2:
        return None
    for look in SEAL_PASSES:
        size = max(1, round(look["close_cm"] * ppc))
        closed = cv2.morphologyEx(red, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size)))
        contours, _ = cv2.findContours(closed, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        for contour in sorted(contours, key=cv2.contourArea, reverse=True):
            mark = _seal_shape(contour, rgb, red, ppc, look)
            if mark is not None:
                return mark
    return None


def _seal_shape(contour: np.ndarray, rgb: np.ndarray, red: np.ndarray, ppc: float, look: dict) -> Mark | None:
    x, y, w, h = cv2.boundingRect(contour)
    if not look["min_cm"] * ppc <= max(w, h) <= SEAL_MAX_CM * ppc:
        return None
    if min(w, h) / max(w, h) < SEAL_MIN_ASPECT:
        return None
    area = cv2.contourArea(contour)
    if area / (w * h) < SEAL_MIN_SOLIDITY:
        return None
    if area / max(cv2.contourArea(cv2.convexHull(contour)), 1.0) < look["convexity"]:
        return None
    inside = np.zeros_like(red)
    cv2.drawContours(inside, [contour], -1, 255, thickness=cv2.FILLED)
    ink = cv2.countNonZero(cv2.bitwise_and(red, inside)) / max(area, 1.0)
    if not SEAL_INK[0] <= ink <= SEAL_INK[1]:
        return None
    if not _clear_around(red, (x, y, w, h), max(2, round(look["clear_cm"] * ppc))):
        return None
    if not _plain_ground(rgb, red, inside):
        return None
    detail = f"red {w / ppc:.1f}x{h / ppc:.1f} cm, solidity {area / (w * h):.2f}, ink {ink:.2f}"
    return Mark("seal", (x, y, w, h), detail=detail)


def red_mask(rgb: np.ndarray) -> np.ndarray:
    hsv = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)
    hue, sat, val = hsv[..., 0], hsv[..., 1], hsv[..., 2]
    red = ((hue <= RED_HUE_LOW) | (hue >= RED_HUE_HIGH)) & (sat >= RED_MIN_SAT) & (val >= RED_MIN_VAL)
    return red.astype(np.uint8) * 255


def _plain_ground(rgb: np.ndarray, red: np.ndarray, inside: np.ndarray) -> bool:
    """Between a seal's red strokes lies paper or printed text (unsaturated), not a colour photo."""
    between = cv2.bitwise_and(inside, cv2.bitwise_not(red)) > 0
    if not between.any():
        return True
    saturation = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)[..., 1][between]
    return float(np.mean(saturation < RED_MIN_SAT)) >= SEAL_MIN_PLAIN_GROUND


def _clear_around(mask: np.ndarray, box: Box, margin: int) -> bool:
    """No other marks of the mask in a ring of `margin` around the box."""
    x, y, w, h = box
    H, W = mask.shape[:2]
    x0, y0, x1, y1 = max(0, x - margin), max(0, y - margin), min(W, x + w + margin), min(H, y + h + margin)
    ring = cv2.countNonZero(mask[y0:y1, x0:x1]) - cv2.countNonZero(mask[y:y + h, x:x + w])
    return ring <= 0.02 * w * h
