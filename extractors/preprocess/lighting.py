"""Even out the light before binarising: a desk lamp leaves one side of a photo darker than the
other, and a global Otsu threshold then turns the dark side's paper black or its text white.

The paper's own brightness is estimated by closing over the text (dark strokes thinner than the
kernel vanish) on a shrunken copy; dividing by it leaves ink on uniformly white paper.
"""

from __future__ import annotations

import cv2
import numpy as np

SHRINK = 8  # the background varies slowly; estimating it at 1/8 costs 1/64 of the work
#: Spread (percentile 2..98, grey levels) of the paper brightness above which the page is "unevenly
#: lit". Clean scans measure 0-5, cream paper under a scanner lid about 10.
UNEVEN_SPREAD = 30
#: Ink this light at its darkest (grey level of the darkest 0.05 % of the page) is faint: grey text
#: of a screen photographed off a monitor measures 140-170, printed ink on a scan or a photo 0-60.
FAINT_INK = 100
FAINT_SHARE = 0.05  # percent


def flatten(gray: np.ndarray) -> tuple[np.ndarray, str]:
    """`gray` divided by its background when the light over the page is uneven, else unchanged."""
    small = _small_background(gray)
    low, high = np.percentile(small, (2, 98))
    if high - low < UNEVEN_SPREAD:
        return gray, ""  # the evenly lit page, a scan above all, pays for the small copy only
    background = np.maximum(cv2.resize(small, gray.shape[::-1], interpolation=cv2.INTER_LINEAR), 1)
    return cv2.divide(gray, background, scale=255), "flatten"


def stretch(gray: np.ndarray) -> tuple[np.ndarray, str]:
    """Faint ink made dark: the grey levels from the darkest ink to the paper spread over the whole
    range, so Otsu and the blank-page test see the text. A page whose ink is already dark is unchanged."""
    ink, paper = np.percentile(gray[::2, ::2], (FAINT_SHARE, 50))
    if ink < FAINT_INK or paper - ink < 20:
        return gray, ""
    stretched = (gray.astype(np.float32) - ink) * (255.0 / (paper - ink))
    return np.clip(stretched, 0, 255).astype(np.uint8), "stretch"


def _small_background(gray: np.ndarray) -> np.ndarray:
    """The paper's brightness everywhere, at 1/`SHRINK` of the size of `gray`."""
    h, w = gray.shape
    small = cv2.resize(gray, (max(1, w // SHRINK), max(1, h // SHRINK)), interpolation=cv2.INTER_AREA)
    # Wider than a glyph at the shrunken scale (a 56 px glyph at 300 DPI is 7 px there).
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (15, 15))
    small = cv2.morphologyEx(small, cv2.MORPH_CLOSE, kernel)
    return cv2.medianBlur(small, 5)


def whiten_paper(gray: np.ndarray) -> np.ndarray:
    """Paper above Otsu's threshold set to white, ink left in its shades of grey.

    On flattened phone photos this read better than black and white (character error rate 0.18
    against 0.33 summed over six test photos): the photo's glyphs are soft, and a hard threshold
    fattens or breaks their strokes, while Tesseract's own threshold copes with the grey edges
    once the paper's texture and leftover shading are gone.
    """
    threshold, _ = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return np.where(gray > threshold, 255, gray).astype(np.uint8)
