"""Small-angle deskew: scans a few degrees off and photos squared up imperfectly.

The angle is the one that makes the ink's row (or column, for a page lying on its side) profile
sharpest: text lines then fall into clean bands. A search on a shrunken binary copy is cheap and,
unlike minAreaRect on the ink, is not pulled off by a stamp or a logo.
"""

from __future__ import annotations

import cv2
import numpy as np

MAX_ANGLE = 10.0
MIN_ANGLE = 0.3  # below this Tesseract reads as well and the rotation only blurs
SEARCH_LONG_SIDE = 1200
MIN_INK_SHARE = 0.002  # fewer dark pixels than this: no text lines to measure by
MAX_INK_SHARE = 0.30  # more: a photo or a dark picture, not text on paper
#: The best angle's profile must be this much sharper than the unrotated one; a photo or an
#: empty page gives a flat score curve whose maximum means nothing.
MIN_GAIN = 1.10


def deskew(gray: np.ndarray) -> tuple[np.ndarray, str]:
    """`gray` rotated so its text lines are level (white fill), with `deskew<deg>`: degrees
    clockwise it was turned; unchanged when the skew is tiny or cannot be trusted."""
    angle = estimate_skew(gray)
    if angle is None or abs(angle) < MIN_ANGLE:
        return gray, ""
    return rotate(gray, angle), f"deskew{-angle:.1f}"


def estimate_skew(gray: np.ndarray) -> float | None:
    """Degrees counter-clockwise (OpenCV's sense) to level the text, or None when unreliable."""
    factor = min(1.0, SEARCH_LONG_SIDE / max(gray.shape))
    small = cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA) if factor < 1 else gray
    _, ink = cv2.threshold(small, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    if not MIN_INK_SHARE <= ink.mean() <= MAX_INK_SHARE:
        return None
    ink = ink.astype(np.float32)
    # The coarse half-degree search needs no more than half the detail; the fine one has it all.
    half = cv2.resize(ink, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    coarse = np.arange(-MAX_ANGLE, MAX_ANGLE + 0.01, 0.5)
    best = max(coarse, key=lambda a: _sharpness(half, a))
    fine = np.arange(best - 0.5, best + 0.51, 0.1)
    best = float(max(fine, key=lambda a: _sharpness(ink, a)))
    if _sharpness(ink, best) < MIN_GAIN * _sharpness(ink, 0.0):
        return None
    return round(best, 1)


def rotate(gray: np.ndarray, angle: float) -> np.ndarray:
    """Turn `angle` degrees counter-clockwise, grown so no corner is cut, the new corners white."""
    h, w = gray.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    cos, sin = abs(matrix[0, 0]), abs(matrix[0, 1])
    new_w, new_h = int(round(h * sin + w * cos)), int(round(h * cos + w * sin))
    matrix[0, 2] += (new_w - w) / 2
    matrix[1, 2] += (new_h - h) / 2
    return cv2.warpAffine(gray, matrix, (new_w, new_h), flags=cv2.INTER_CUBIC, borderValue=255)


def _sharpness(ink: np.ndarray, angle: float) -> float:
    h, w = ink.shape
    if angle:
        matrix = cv2.getRotationMatrix2D((w / 2, h / 2), float(angle), 1.0)
        ink = cv2.warpAffine(ink, matrix, (w, h), flags=cv2.INTER_NEAREST, borderValue=0)
    rows, cols = ink.sum(axis=1), ink.sum(axis=0)
    # Squared steps of the profile: high when ink falls into sharp bands (lines of text).
    return float(max(np.square(np.diff(rows)).sum(), np.square(np.diff(cols)).sum()))
