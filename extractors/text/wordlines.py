"""Words on one line back into text: where the Hangul OCR model's syllable spacing is undone."""

from __future__ import annotations

from casefile.pages import Word
from casefile.text import HANGUL

#: Hangul words closer than this share of their height are one word: the Hangul model splits a
#: word into syllables whose boxes touch or overlap ("판매중지" came back as "판매 중지" with the
#: second box starting inside the first), where a real word space measured 0.3-0.5 of the height.
JOIN_GAP = 0.15


def line_text(row: list[Word]) -> str:
    """The words of one line, a space between them except inside a Hangul word split by the model."""
    parts = [row[0].text] if row else []
    for left, right in zip(row, row[1:]):
        gap = right.left - (left.left + left.width)
        joined = (HANGUL.match(left.text[-1]) and HANGUL.match(right.text[0])
                  and gap < JOIN_GAP * max(left.height, right.height))
        parts.append(right.text if joined else " " + right.text)
    return "".join(parts)
