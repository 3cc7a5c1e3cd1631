"""Words on one line back into text: where the Hangul OCR model's syllable spacing is undone."""

from __future__ import annotations

from casefile.pages import Word
from casefile.text import HANGUL

#: Hangul words closer than this share of their height are one word: the Hangul model splits a
#: word into syllables whose boxes touch or overlap ("판매중지" came back as "판매 중지" with the
#: second box starting inside the first), where a real word space measured 0.3-0.5 of the height.
#: A number and the Hangul counter after it ("4구", "2개입") are split the same way.
JOIN_GAP = 0.15


def line_text(row: list[Word]) -> str:
    """The words of one line, a space between them except inside a Hangul word split by the model."""
    parts = [row[0].text] if row else []
    for left, right in zip(row, row[1:]):
        gap = right.left - (left.left + left.width)
        joined = _joins(left.text, right.text) and gap < JOIN_GAP * max(left.height, right.height)
        parts.append(right.text if joined else " " + right.text)
    return "".join(parts)


def _joins(left: str, right: str) -> bool:
    """Pieces the Hangul model splits apart without a space between them: syllable and syllable,
    or a bare number and the counter after it. A code ending in a digit ("FN-3") keeps its space."""
    starts_hangul = bool(HANGUL.match(right[0]))
    return starts_hangul and (bool(HANGUL.match(left[-1])) or left.isdigit())
