"""Which script model reads the page: Korean by default, Simplified Chinese when that reads better.

Sellers upload their Chinese documents too (a 授权书, a factory's spec sheet). The Korean
`Hangul` model turns Han characters into confident-looking garbage, so a page that reads poorly
and shows little Hangul is read again with `chi_sim` and the surer reading kept.
"""

from __future__ import annotations

import re

from PIL import Image

from extractors.readers import tesseract

CHINESE_LANG = "chi_sim+eng"
POOR_CONFIDENCE = 0.8  # below this mean word confidence a page may be in the wrong script
MIN_GAIN = 0.05  # the other model must be clearly surer, not equally unsure
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def hangul_share(text: str) -> float:
    letters = [ch for ch in text if ch.isalpha()]
    return len(_HANGUL.findall(text)) / len(letters) if letters else 0.0


def worth_trying_chinese(out: tesseract.OcrOutput) -> bool:
    return (out.confidence or 0) < POOR_CONFIDENCE and hangul_share(out.text) < 0.5


def best_script(image: Image.Image, out: tesseract.OcrOutput) -> tesseract.OcrOutput:
    """`out`, or the Chinese reading of the same upright page when that is clearly better."""
    if not worth_trying_chinese(out):
        return out
    try:
        chinese = tesseract.ocr(image, lang=CHINESE_LANG, psm=out.psm)
    except tesseract.OcrTimeout:
        return out  # the page's time ran out before the Chinese reading
    gained = (chinese.confidence or 0) >= (out.confidence or 0) + MIN_GAIN
    has_han = len(_HAN.findall(chinese.text)) >= max(10, len(_HANGUL.findall(out.text)))
    return chinese if gained and has_han else out
