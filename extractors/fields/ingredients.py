"""Ingredient-list fields: the product name and the 전성분 as Korean standard names, in label order.

Where the names come from, in order of trust: a spec sheet's table (a Korean or INCI column),
else the text block under a label (전성분, Ingredients, 成分 …; rules/ingredient_fields.toml).
Each printed name is mapped to its 「화장품 성분 사전」 standard name (rules/ingredients.toml):
exactly, through an alias (older spelling, INCI, Chinese), or as a close OCR misreading of a long
name. A name the dictionary does not know is kept as read (CONTRACT.md ingredient_list).

This module finds the block and the product name; the dictionary is extractors/text/ingredient_names.py,
splitting a block is ingredient_split.py, spec sheets are ingredient_tables.py. The names this
module always offered (standard_name, split_items, dictionary …) are re-exported from here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from casefile.fields import IngredientListFields
from casefile.pages import Page
from extractors.fields.ingredient_split import HARD_SEPS, names_in, split_items
from extractors.fields.ingredient_tables import names_from_tables
from extractors.layout import best, candidates, layout_of
from extractors.layout.blocks import column_text
from extractors.layout.types import text_score
from extractors.text.ingredient_names import (
    EDGE_JUNK,
    HANGUL,
    RULES,
    IngredientDictionary,
    as_read,
    dictionary,
    field_rules,
    name_key,
    standard_name,
    strip_notes,
)
from extractors.text.textmatch import LabelVocabulary, loose_regex, normalize, squeeze, tidy_value

__all__ = [
    "RULES",
    "IngredientDictionary",
    "as_read",
    "dictionary",
    "extract_ingredients",
    "name_key",
    "names_in",
    "split_items",
    "standard_name",
    "strip_notes",
]

_BLANK_LINE = re.compile(r"\n[ \t\f]*\n")
_MIN_UNLABELLED = 3  # known names a run of lines needs to be taken for an unlabelled 전성분
_GARBLED_LABEL = re.compile(r"^[^,，、:：\n]{1,12}[:：]\s*")  # "전성뷴 :" before the first name


def extract_ingredients(pages: list[Page]) -> IngredientListFields:
    read = [p for p in pages if p.text.strip() or p.tables]
    text = "\n".join(normalize(p.text) for p in read)
    # The page as printed lines, and read column by column (a block beside other text, a label in
    # two columns): whichever gives the block with more known names.
    columns = "\n\n".join(column_text(layout_of(p)) for p in read if p.words)
    readings = [_best_reading(text)] + ([_best_reading(columns)] if columns else [])
    names = names_from_tables(read) or max(readings, key=lambda r: (_known(r), _known(r) - len(r)))
    ocr = any(p.source == "ocr" for p in read)
    placed = best(candidates([layout_of(p) for p in read], _vocabulary(), {"product_name": text_score}),
                  "product_name", lambda v: tidy_value(v, ocr))
    product_name = placed[0] if placed else _product_name(text, ocr)
    return IngredientListFields(product_name=product_name, ingredients=names)


# -- finding the block ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Block:
    start: int
    text: str
    strong: bool


@lru_cache(maxsize=1)
def _label_regexes() -> tuple[re.Pattern[str], frozenset[str], re.Pattern[str]]:
    block = field_rules()["block"]
    strong = frozenset(squeeze(t).casefold() for t in block["strong"])
    return loose_regex(block["strong"] + block["weak"]), strong, loose_regex(block["end"])


# After a label: a gloss "(Ingredients)" / "/ INCI", a closing bracket "[전성분]", then the separator.
_LABEL_TAIL = re.compile(r"[ \t]*(?:[(（][^()（）\n]{1,30}[)）]|/[ \t]*[A-Za-z][A-Za-z ]{0,20})?[ \t]*[\]】>」)]?[ \t]*"
                         r"(?P<sep>[:：]|\n|$)?", re.MULTILINE)
#: More label words before the colon: "Ingredient List：", "전성분 표시사항 :".
_LABEL_WORDS = re.compile(r"[ \t]*[^\n:：,，、;；]{1,16}[:：]")
_ENDER_TAIL = re.compile(r"[ \t]*(?:[(（][^()（）\n]{1,30}[)）])?[ \t]*(?:[:：\]】]|\d)")


def _best_reading(text: str) -> list[str]:
    """The labelled block with the most names the dictionary knows (a strong label on a tie).

    Only when no block reads well (fewer than _MIN_UNLABELLED known names) may a reading without
    a label beat it: comma-separated lines, or a column OCR'd one cell per line.
    """
    blocks = [(block.strong, names_in(block.text)) for block in _blocks(text)]
    best = _most_known(blocks)
    if _known(best) >= _MIN_UNLABELLED:
        return best
    fallback = _most_known([(False, _unlabelled(text)), (False, _one_per_line(text))])
    return fallback if _known(fallback) > _known(best) else best


def _most_known(readings: list[tuple[bool, list[str]]]) -> list[str]:
    """On a tie the stronger label, then the earlier reading, wins."""
    scored = [((_known(names), strong, -rank), names) for rank, (strong, names) in enumerate(readings) if names]
    return max(scored)[1] if scored else []


def _known(names: list[str]) -> int:
    return sum(n in dictionary().standard_names for n in names)


#: A table row's number before the name ("3 ", "No. 3", "3."): not the `1,2-` of a name.
_ROW_NUMBER = re.compile(r"^\s*(?:No\.?\s*)?\d{1,3}[.)]?\s+")
#: Its amount after the name: "79.35", "8.00 %", "10,000ppm".
_AMOUNT = re.compile(r"\s+[<≤]?\s*\d[\d.,]*\s*(?:%|ppm|mg|g)?\s*$", re.IGNORECASE)


#: What a numbered item not in the dictionary must look like to be kept: one name, not a sentence
#: ("2) 상처가 있는 부위에는 사용을 자제할 것" numbers a caution, not an ingredient).
_ITEM = re.compile(r"[\w\-,/()'.]+(?: [\w\-,/()'.]+){0,2}")
_SENTENCE_END = re.compile(r"(?:것|다|함|음|요|시오)[.。]?$")


def _is_item(cell: str) -> bool:
    return len(cell) <= 40 and bool(_ITEM.fullmatch(cell)) and not _SENTENCE_END.search(cell)


def _one_per_line(text: str) -> list[str]:
    """A table OCR'd cell by cell ("부 틸 렌 글 라 이 콜\n8.00\n3") or row by row ("2 부틸렌글라이콜
    8.00"): lines that are a known name once a row number and an amount are set aside.

    Only known names, save for a numbered item ("10. 유용성감초추출물"): an unknown line is as
    likely noise as an ingredient, but a numbered one is an item of the list.
    """
    words = dictionary()
    found = []
    for line in text.splitlines():
        numbered = _ROW_NUMBER.match(line)
        cell = strip_notes(_AMOUNT.sub("", line[numbered.end():] if numbered else line).strip(EDGE_JUNK))
        name = words.standard(cell) or (as_read(cell) if numbered and _is_item(cell) else None)
        if name:
            found.append(name)
    return found


def _unlabelled(text: str) -> list[str]:
    """With no label read (a blurred 전성분), the run of comma-separated lines richest in known names."""
    lines = text.splitlines()
    known = [_known_in(line) for line in lines]
    runs: list[tuple[int, int, int]] = []  # (known names, first line, last line)
    for i, count in enumerate(known):
        if count == 0:
            continue
        if runs and runs[-1][2] == i - 1:
            runs[-1] = (runs[-1][0] + count, runs[-1][1], i)
        else:
            runs.append((count, i, i))
    best = max(runs, default=None)
    if best is None or best[0] < _MIN_UNLABELLED:
        return []
    block = "\n".join(lines[best[1]:best[2] + 1])
    return names_in(_GARBLED_LABEL.sub("", block, count=1))


def _known_in(line: str) -> int:
    if not any(sep in line for sep in HARD_SEPS):
        return 0
    return _known(names_in(line))


def _blocks(text: str) -> Iterable[_Block]:
    labels, strong, _ = _label_regexes()
    for m in labels.finditer(text):
        if not _starts_cleanly(text, m.start()):
            continue
        tail = _LABEL_TAIL.match(text, m.end())
        is_strong = squeeze(m.group()).casefold() in strong
        if tail.group("sep") is None and not is_strong:
            continue  # "성분" in running text, "성분 | 함량" in a table header
        start = tail.end()
        if tail.group("sep") not in (":", "：") and (more := _LABEL_WORDS.match(text, m.end())):
            start = more.end()
        yield _Block(m.start(), text[start:_block_end(text, start)], is_strong)


def _block_end(text: str, start: int) -> int:
    """The next label (another label item, another block), or a blank line after a finished name."""
    labels, _, enders = _label_regexes()
    end = len(text)
    for regex in (enders, labels):
        for m in regex.finditer(text, start):
            if m.start() >= start and _ends_block(text, m):
                end = min(end, m.start())
                break
    blank = _BLANK_LINE.search(text, start, end)
    while blank is not None:
        if not text[start:blank.start()].rstrip().endswith(tuple(HARD_SEPS)):
            end = blank.start()
            break
        blank = _BLANK_LINE.search(text, blank.end(), end)
    return _last_list_line(text, start, end)


def _last_list_line(text: str, start: int, end: int) -> int:
    """Where the list's lines end: at a line that neither follows a separator nor reads as more of
    the list. A claim or a caution printed right under the last name ("인체적용시험 완료 · 피부 자극
    테스트 완료") is not an ingredient, and a paragraph break without a blank line is common (DOCX,
    HTML labels)."""
    breaks = [m.start() for m in re.finditer("\n", text[start:end])]
    for offset in breaks:
        line_end = start + offset
        before = text[start:line_end].rstrip()
        if not before or before.endswith(tuple(HARD_SEPS)):
            continue
        next_end = text.find("\n", line_end + 1, end)
        following = text[line_end + 1:end if next_end < 0 else next_end]
        if following.strip() and not _continues_list(before, following):
            return line_end
    return end


def _continues_list(before: str, line: str) -> bool:
    """A wrapped name ("카프릴릭/카프릭트라이" + "글리세라이드") or a line of known names."""
    words = dictionary()
    head = re.split(f"[{HARD_SEPS}]", line, maxsplit=1)[0].strip()
    tail = re.split(f"[{HARD_SEPS}]", before)[-1].strip()
    if words.standard(strip_notes(head)) or words.standard(strip_notes(tail + head)):
        return True
    return _known(names_in(line)) > 0


def _ends_block(text: str, m: re.Match[str]) -> bool:
    """A label item, not a word inside a name: it starts a line, or a separator follows it."""
    if not _starts_cleanly(text, m.start()):
        return False
    line_start = text.rfind("\n", 0, m.start()) + 1
    if not text[line_start:m.start()].strip(" \t[【<■□●◆※-*•·"):
        return True
    return bool(_ENDER_TAIL.match(text, m.end()))


def _starts_cleanly(text: str, start: int) -> bool:
    return start == 0 or not (text[start - 1].isalnum() or HANGUL.match(text[start - 1]))



# -- product name ------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _vocabulary() -> LabelVocabulary:
    rules = field_rules()
    own = {squeeze(t).casefold() for t in rules["labels"]["product_name"]}
    others = [t for t in [*rules["labels"]["ignored"], *rules["block"]["end"], *rules["block"]["strong"]]
              if squeeze(t).casefold() not in own]
    return LabelVocabulary({"product_name": rules["labels"]["product_name"], "ignored": others})


def _product_name(text: str, ocr: bool) -> str | None:
    value = _vocabulary().first(text, "product_name")
    return tidy_value(value, ocr) if value else None
