"""Quarter turns: pages scanned sideways or upside down, found by Tesseract's OSD."""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image

from extractors import tesseract

#: A mean word confidence no wrongly turned page reaches.
TRUSTED_CONFIDENCE = 0.75
_CV_TURN = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}


def turn(image: np.ndarray, clockwise: int) -> np.ndarray:
    """`image` turned by a multiple of 90° clockwise (exact, no resampling)."""
    return cv2.rotate(image, _CV_TURN[clockwise]) if clockwise % 360 else image


def upright_ocr(binary: np.ndarray, psm: int) -> tuple[int, tesseract.OcrOutput]:
    """The clockwise turn OSD asks for and the OCR of the page so turned.

    OSD is unsure on sparse pages, so when the turned reading is poor the image as it came is read
    too and the better reading kept.
    """
    as_given = Image.fromarray(binary)
    clockwise = tesseract.osd(as_given)
    if not clockwise:
        return 0, tesseract.ocr(as_given, psm=psm)
    out = tesseract.ocr(Image.fromarray(turn(binary, clockwise)), psm=psm)
    if (out.confidence or 0) >= TRUSTED_CONFIDENCE:
        return clockwise, out
    kept = tesseract.ocr(as_given, psm=psm)
    if (kept.confidence or 0) > (out.confidence or 0):
        return 0, kept
    return clockwise, out
