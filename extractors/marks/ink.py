"""Handwritten ink at a signature line: pen strokes larger than the print beside them.

Printed text alone, a printed "(인)" included, is not ink: its shapes are no taller than the print
and sit in rows on shared baselines. Every size is in centimetres of the page.
"""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image

from extractors.marks.geometry import Box, Mark, a4_scale, around, crop, rgb_of, shift, union
from extractors.marks.seals import SEAL_MIN_ASPECT, SEAL_MIN_SOLIDITY, red_mask

# Ink: dark or blue strokes clearly larger than the print beside them, thin, and not sitting in
# a row of same-sized shapes on a shared baseline the way printed glyphs do.
BLUE_HUE = (95, 135)
INK_MIN_HEIGHT = 1.6  # x the cue's text height
INK_MIN_WIDTH = 3.0  # ... or this wide and at least INK_FLAT_HEIGHT high (a flat flourish)
INK_FLAT_HEIGHT = 0.6
INK_MAX_FILL = 0.35  # stroke pixels / box area: a pen line, not a filled logo or a photo
INK_MAX_CM = (10.0, 5.0)
INK_MIN_AREA_CM2 = 0.04
RULE_CM = 1.2  # straight runs this long are ruled lines and cell borders, not handwriting
DEFAULT_TEXT_CM = 0.4  # 11-12 pt print, when no cue box tells the text height


def find_ink(image: Image.Image | np.ndarray, near_box: Box | None,
             px_per_cm: float | None = None) -> Mark | None:
    """Handwritten strokes right of or under the signature cue at `near_box` (image pixels).

    Without a cue box the lower half of the page is searched. Printed text alone, "(인)"
    included, gives None: its shapes are no taller than the print and sit on shared baselines.
    """
    rgb = rgb_of(image)
    ppc = px_per_cm or a4_scale(rgb)
    h, w = rgb.shape[:2]
    if near_box is None:
        region, text_h = (0, h // 2, w, h - h // 2), DEFAULT_TEXT_CM * ppc
    else:
        region = around(near_box, (round(3 * ppc), round(9 * ppc)), (round(2.5 * ppc), round(3 * ppc)), (w, h))
        text_h = min(max(near_box[3], 0.2 * ppc), 0.8 * ppc)  # a cue box is one line of print
    return strokes_in(rgb, region, text_h, ppc)


def strokes_in(rgb: np.ndarray, region: Box, text_h: float, ppc: float) -> Mark | None:
    mask = _without_rules(_ink_mask(crop(rgb, region), ppc), ppc)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    shapes = [tuple(int(v) for v in stats[i]) for i in range(1, count)]
    strokes = [s for i, s in enumerate(shapes, start=1)
               if _strokelike(s, text_h, ppc) and not _on_printed_line(s, shapes) and not _is_outline(labels, i, s)]
    if not strokes:
        return None
    box = shift(union([s[:4] for s in strokes]), region)
    return Mark("ink", box, detail=f"{len(strokes)} stroke group(s), text height {text_h / ppc:.2f} cm")


def _ink_mask(rgb: np.ndarray, ppc: float) -> np.ndarray:
    """Dark pixels against their local paper (uneven light in photos), and blue pen; never red."""
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    block = max(3, round(0.6 * ppc) | 1)
    dark = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 20)
    dark &= ((gray < 170).astype(np.uint8) * 255)
    hsv = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)
    blue = (hsv[..., 0] >= BLUE_HUE[0]) & (hsv[..., 0] <= BLUE_HUE[1]) & (hsv[..., 1] >= 60) & (hsv[..., 2] >= 40)
    mask = dark | (blue.astype(np.uint8) * 255)
    return mask & ~red_mask(rgb)


def _without_rules(mask: np.ndarray, ppc: float) -> np.ndarray:
    """The mask with long straight horizontal and vertical runs (signature lines, table borders) removed."""
    length = max(3, round(RULE_CM * ppc))
    rules = cv2.morphologyEx(mask, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1)))
    rules |= cv2.morphologyEx(mask, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, length)))
    return mask & ~cv2.dilate(rules, np.ones((3, 3), np.uint8))


def _strokelike(shape: tuple[int, ...], text_h: float, ppc: float) -> bool:
    _, _, w, h, area = shape
    tall = h >= INK_MIN_HEIGHT * text_h
    wide = w >= INK_MIN_WIDTH * text_h and h >= INK_FLAT_HEIGHT * text_h
    if not (tall or wide):
        return False
    if w > INK_MAX_CM[0] * ppc or h > INK_MAX_CM[1] * ppc:
        return False
    return area / (w * h) <= INK_MAX_FILL and area >= INK_MIN_AREA_CM2 * ppc * ppc


def _is_outline(labels: np.ndarray, index: int, shape: tuple[int, ...]) -> bool:
    """A closed round or square outline (a stamp's ring in blue or black, a drawn frame): not a hand."""
    x, y, w, h, _ = shape
    if min(w, h) / max(w, h) < SEAL_MIN_ASPECT:
        return False
    part = (labels[y:y + h, x:x + w] == index).astype(np.uint8)
    contours, _ = cv2.findContours(part, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    outer = max(contours, key=cv2.contourArea)
    area = cv2.contourArea(outer)
    return area / (w * h) >= SEAL_MIN_SOLIDITY and area / max(cv2.contourArea(cv2.convexHull(outer)), 1.0) >= 0.9


def _on_printed_line(shape: tuple[int, ...], shapes: list[tuple[int, ...]]) -> bool:
    """Three or more shapes of the same height on the same baseline: a line of (large) print."""
    x, y, w, h, _ = shape
    bottom = y + h
    peers = [s for s in shapes if s is not shape and 0.7 * h <= s[3] <= 1.3 * h
             and abs(s[1] + s[3] - bottom) <= 0.15 * h]
    return len(peers) >= 3
