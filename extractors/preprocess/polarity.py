"""Light text on a dark ground (a dark-theme screen, a night-mode app) turned dark on light.

Tesseract's LSTM was trained on dark ink on paper, and every later step (the paper's light
estimated by closing over the ink, Otsu, rule removal) assumes it: a dark-theme Wing screen read
as it is came out as Latin garbage. A page whose ground is dark is inverted first. The ground is
the commonest brightness: more than half of a page, text or not, is its ground.
"""

from __future__ import annotations

import numpy as np

#: Below this grey level the commonest brightness is a dark ground (dark themes measure 15-60,
#: paper and light themes 200-255, a grey scan of paper no less than 150).
DARK_GROUND = 100
SHRINK = 4


def light_on_dark(gray: np.ndarray) -> tuple[np.ndarray, str]:
    """`gray` inverted when its ground is dark, with the step's token; else unchanged."""
    sample = gray[::SHRINK, ::SHRINK]
    ground = int(np.argmax(np.bincount(sample.ravel() // 8, minlength=32))) * 8 + 4
    if ground >= DARK_GROUND:
        return gray, ""
    return (255 - gray).astype(np.uint8), "inverted"
