"""Quarter turns: pages scanned sideways or upside down, found by Tesseract's OSD."""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image

from extractors.readers import tesseract

#: A mean word confidence no wrongly turned page reaches.
TRUSTED_CONFIDENCE = 0.75
#: Letters and digits a trusted reading must hold: a few confident specks prove no orientation.
MIN_TRUSTED_CHARS = 40
_CV_TURN = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}


def turn(image: np.ndarray, clockwise: int) -> np.ndarray:
    """`image` turned by a multiple of 90° clockwise (exact, no resampling)."""
    return cv2.rotate(image, _CV_TURN[clockwise]) if clockwise % 360 else image


def upright_ocr(binary: np.ndarray, psm: int) -> tuple[int, tesseract.OcrOutput]:
    """The clockwise turn the page needs and the OCR of the page so turned.

    Most uploads stand upright, so the page is read as it came first, and OSD (a second Tesseract
    run costing about as much as the page's own read) is asked only when that reading is not
    trusted. OSD is unsure on sparse pages, so the turned reading replaces the first only when it
    is surer.
    """
    as_given = tesseract.ocr(Image.fromarray(binary), psm=psm)
    if trusted(as_given):
        return 0, as_given
    try:
        clockwise = tesseract.osd(Image.fromarray(binary))
        if not clockwise:
            return 0, as_given
        turned = tesseract.ocr(Image.fromarray(turn(binary, clockwise)), psm=psm)
    except tesseract.OcrTimeout:
        return 0, as_given  # the page's time ran out: its reading as it came stands
    if (turned.confidence or 0) > (as_given.confidence or 0):
        return clockwise, turned
    return 0, as_given


def trusted(out: tesseract.OcrOutput) -> bool:
    chars = sum(ch.isalnum() for w in out.words for ch in w.text)
    return (out.confidence or 0) >= TRUSTED_CONFIDENCE and chars >= MIN_TRUSTED_CHARS
