"""A 전성분 text block -> its printed items, and the standard names they stand for."""

from __future__ import annotations

import re

from extractors.text.ingredient_names import CLOSE, EDGE_JUNK, HANGUL, OPEN, dictionary, standard_name, strip_notes

_MAX_NOTE = 120  # a "parenthetical" longer than this is an OCR-dropped closing bracket
HARD_SEPS = ",，、;；"
_DOT_SEPS = "·ㆍ•"


def split_items(block: str) -> list[str]:
    """The printed items of a 전성분 block, parentheticals kept, in order.

    Commas (and 、，;) separate; a comma between two digits does not (1,2-헥산다이올); nothing
    inside brackets separates (향료(리모넨, 리날룰)). Middle dots separate only in a block
    that uses them more than commas. A line break separates in a block without commas or dots (a
    name per line); in one with them it is a wrap, unless both sides are whole names of their own.
    """
    inside = _inside_brackets(block)
    outer = [ch for ch, nested in zip(block, inside) if not nested]
    hard = sum(ch in HARD_SEPS for ch in outer)
    seps = HARD_SEPS + (_DOT_SEPS if sum(ch in _DOT_SEPS for ch in outer) > hard else "")
    items, start = [], 0
    for i, ch in enumerate(block):
        if ch in seps and not inside[i] and not (_thousands_comma(block, i) and not _ends_a_name(block[start:i])):
            items.append(block[start:i])
            start = i + 1
    items.append(block[start:])
    one_per_line = not any(ch in seps for ch in outer)
    lines = [part for item in items for part in _unwrap(item, line_breaks_separate=one_per_line)]
    return _rejoin_numbers([i.strip(EDGE_JUNK) for i in lines if i.strip(EDGE_JUNK)])


def _inside_brackets(text: str) -> list[bool]:
    """Per character: inside a bracket pair that closes within _MAX_NOTE characters."""
    inside = [False] * len(text)
    stack: list[int] = []
    for i, ch in enumerate(text):
        if ch in OPEN:
            stack.append(i)
        elif ch in CLOSE and stack:
            start = stack.pop()
            if i - start <= _MAX_NOTE:
                inside[start + 1:i] = [True] * (i - start - 1)
    return inside


def _thousands_comma(text: str, i: int) -> bool:
    return text[i] == "," and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()


def _ends_a_name(text: str) -> bool:
    """Whether the text before a comma between digits is a whole known name ("벤조페논-3,1,2-헥산다이올":
    the comma ends 벤조페논-3; in "1,2-헥산다이올" the "1" before it is no name)."""
    return dictionary().exact(text.strip(EDGE_JUNK)) is not None


def _unwrap(item: str, line_breaks_separate: bool) -> list[str]:
    lines = [line.strip() for line in item.split("\n") if line.strip(EDGE_JUNK)]
    if line_breaks_separate or len(lines) < 2:
        return lines
    out = [lines[0]]
    for line in lines[1:]:
        joined = _join_wrapped(out[-1], line)
        known = dictionary().exact
        if known(strip_notes(joined)) is None and (known(strip_notes(out[-1])) or known(strip_notes(line))):
            out.append(line)  # an OCR-dropped comma between two names, not a wrap
        else:
            out[-1] = joined
    return out


def _join_wrapped(head: str, tail: str) -> str:
    glue = "" if HANGUL.match(head[-1:]) and HANGUL.match(tail[:1]) else " "
    return head + glue + tail


def _rejoin_numbers(items: list[str]) -> list[str]:
    """OCR's "1, 2-헥산다이올": a bare locant before a name starting with a digit belongs to it."""
    out: list[str] = []
    for item in items:
        if out and re.fullmatch(r"\d{1,2}", out[-1]) and item[:1].isdigit():
            out[-1] = f"{out[-1]},{item}"
        else:
            out.append(item)
    return out


def names_in(block: str) -> list[str]:
    return [n for n in map(standard_name, split_items(block)) if n]
