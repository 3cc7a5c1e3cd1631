"""Labels paired with their values from where they sit on the page (issue 14).

A label's value is, in this order of trust: inline after a separator in the label's own cell
(`모델명: HB-H200`), the next cell to its right on its line (a label-left table, `모델명   HB-H200`),
or the cell below it whose horizontal span overlaps it (a stacked grid: a row of labels over a row
of values, two or three pairs per row). A label glossed in another language in the next cell or
the line below (`모델명 / Model No.`) is one label. A value is never another label, known or not
(`신청인:`), and a value wrapped over lines inside its cell stays whole.

Every candidate is scored: how it was paired, times how well the value has the field's type (a
date that parses, a number of a known shape, a model-like code, a company-like name). The best one
wins only above the floor: a null asks for a better scan, a guess blocks a seller who is right.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from rapidfuzz import fuzz

from casefile.layout import Box, Cell, Layout, Line, Region
from extractors.text.textmatch import LabelHit, LabelVocabulary, normalize, squeeze

#: How much a pairing is trusted before the value's type is looked at.
PAIRING_SCORE = {"inline": 1.0, "right": 0.95, "below": 0.85, "inline-weak": 0.6}
FLOOR = 0.5
FUZZY_LABEL = 85.0  # rapidfuzz ratio of a short cell to a label: an OCR-garbled label
FUZZY_FACTOR = 0.7
MAX_BELOW = 2.5  # line heights between a label and the value under it
MAX_WRAP = 3  # continuation lines of a wrapped value
MIN_OVERLAP = 0.3  # share of the narrower box a value below must share with its label
_LEAD = re.compile(r"^[\s\-*•·■□▶▷◆◇○●※#>]*(?:\(?\d{1,2}[.)]\s*|[①-⑳]\s*|[가-하][.)]\s+)?")
_SEPARATOR = re.compile(r"^[\s:：|\-·.]*$")
#: What a label's value never starts with: the closing quote or bracket of a term being defined.
_QUOTE_CLOSED = re.compile(r"^\s*[”\"’'」』)）]")
_UNKNOWN_LABEL = re.compile(r"^[\w\u3131-\ud7a3()/ .·\-]{1,24}[:：]$")

#: Scores a value 0..1 for how well it has the field's type (0: not a value of this field).
TypeScore = Callable[[str], float]


#: A cell right of a label is no value when this many one-word cells, none a label, follow it on its line.
READS_ON_CELLS = 2


@dataclass(frozen=True)
class Candidate:
    """One value a label may have, where it was found and how sure the pairing is."""

    field: str
    value: str
    page: int
    box: Box | None  # None where the region's boxes were synthesised (no word boxes were read)
    how: str  # "inline" | "right" | "below" | "inline-weak", "+wrap" when continued
    score: float  # for choosing between candidates: the pairing times how well the value has the type
    confidence: float | None  # OCR confidence of the value's cells; None when not OCR'd
    label: str
    certainty: float = 1.0  # for the checks: how sure it is that this is the label's value


@dataclass(frozen=True)
class _Label:
    field: str
    text: str
    cell: Cell
    line: int
    index: int
    factor: float  # 1 for a vocabulary label, less for a fuzzy one


def candidates(layouts: Iterable[Layout], vocabulary: LabelVocabulary,
               types: Mapping[str, TypeScore]) -> dict[str, list[Candidate]]:
    """Every scored value of every field of `vocabulary` over the pages, best first."""
    found: dict[str, list[Candidate]] = {}
    for layout in layouts:
        for region in layout.regions:
            for cand in _region_candidates(layout.page, region, vocabulary, types):
                found.setdefault(cand.field, []).append(cand)
    for cands in found.values():
        cands.sort(key=lambda c: -c.score)
    return found


def best(found: Mapping[str, list[Candidate]], field: str, parse: Callable[[str], object | None] | None = None,
         floor: float = FLOOR) -> tuple[object, Candidate] | None:
    """The best candidate of `field` above the floor whose value `parse` accepts (its parsed value)."""
    for cand in found.get(field, []):
        if cand.score < floor:
            break
        value = parse(cand.value) if parse else cand.value
        if value is not None:
            return value, cand
    return None


class Picker:
    """Picks each field's best candidate and remembers which it picked (the extraction's placements)."""

    def __init__(self, found: Mapping[str, list[Candidate]]):
        self.found = found
        self.placed: dict[str, Candidate] = {}

    def value(self, field: str, parse: Callable[[str], object | None] | None = None, as_field: str | None = None):
        picked = best(self.found, field, parse)
        if picked is None:
            return None
        self.placed.setdefault(as_field or field, picked[1])
        return picked[0]


# -- one region -----------------------------------------------------------------------------


def _region_candidates(page: int, region: Region, vocabulary: LabelVocabulary,
                       types: Mapping[str, TypeScore]) -> list[Candidate]:
    lines = region.lines
    labels, inline, labelled = _labels(page, lines, vocabulary, types)
    label_cells = {(lab.line, lab.index) for lab in labels} | labelled | _unknown_labels(lines)
    stacked = _is_stacked(lines, label_cells)
    out = list(inline)
    for lab in labels:
        score_of = types.get(lab.field, _any_text)
        for how, line_no, span in _value_places(lab, lines, labels, label_cells, score_of, stacked):
            cell = _joined(lines[line_no].cells[span[0]:span[1] + 1])
            index = span[1]
            text, box, conf, wrapped = cell.text, cell.box, cell.confidence, False
            if getattr(score_of, "wraps", False):
                text, box, conf, wrapped = _wrapped(lines, line_no, index, label_cells, text, box, conf)
            typed = score_of(text)
            if typed <= 0:
                continue
            score = PAIRING_SCORE[how] * typed * lab.factor
            out.append(Candidate(lab.field, text, page, box, how + ("+wrap" if wrapped else ""), score, conf,
                                 lab.text, _certainty(how, typed, lab.factor)))
    if region.synthetic:
        out = [dataclasses.replace(c, box=None) for c in out]
    return out


def _labels(page: int, lines: tuple[Line, ...], vocabulary: LabelVocabulary,
            types: Mapping[str, TypeScore]) -> tuple[list[_Label], list[Candidate], set[tuple[int, int]]]:
    """Cells that are a label with nothing after it (their value is elsewhere), the values found
    inline in cells that hold a label and its value, and every cell that starts with a label (none
    of them is another label's value: `대표자 Representative 최하은` under `제품명`)."""
    labels: list[_Label] = []
    inline: list[Candidate] = []
    labelled: set[tuple[int, int]] = set()
    for n, line in enumerate(lines):
        for i, cell in enumerate(line.cells):
            text = normalize(cell.text)
            lead = _LEAD.match(text).end()
            # An English label after an unknown Korean one opens the cell as much as it does.
            hits = [dataclasses.replace(h, start=0) if _after_its_korean_label(text[lead:], h) else h
                    for h in vocabulary.hits(text[lead:])]
            hits = [h for h in hits if h.start == 0 or h.explicit]
            if not hits:
                fuzzy = _fuzzy_label(text[lead:], vocabulary)
                if fuzzy:
                    labels.append(_Label(fuzzy, text, cell, n, i, FUZZY_FACTOR))
                continue
            if any(h.start == 0 for h in hits):
                labelled.add((n, i))
            for hit in hits:
                if hit.value and _QUOTE_CLOSED.match(hit.value):
                    continue  # `위임인") 는 …`: the end of a quoted term, "(이하 "위임인")", not a caption
                if hit.value and hit.start == 0 and _is_gloss(hit.value, vocabulary.labels.get(hit.field, [])):
                    # `기본모델명 Model/Type Reference`: the label with its English gloss, the value elsewhere.
                    labelled.add((n, i))
                    labels.append(_Label(hit.field, hit.label, cell, n, i, _rank_factor(vocabulary, hit)))
                elif hit.value:
                    # `제품모델명 Model No. ZKF6751PG`: the label, its English gloss, then the value.
                    hit = dataclasses.replace(hit, value=_without_gloss(hit.value, vocabulary.labels.get(hit.field, [])))
                    inline.extend(_inline(page, cell, hit, types, _rank_factor(vocabulary, hit)))
                    if not hit.explicit and hit.start == 0 and len(hit.value.split()) == 1:
                        # "Product Title" over "블루투스 키보드": the word after a label set off by a
                        # space alone may be the rest of the label; the cell beside or below it
                        # competes, and is trusted more.
                        labels.append(_Label(hit.field, hit.label, cell, n, i, _rank_factor(vocabulary, hit)))
                elif hit.start == 0 and _ends_cell(text[lead:], hit) and not _split_label(text[lead:], line, i, hit, vocabulary):
                    # Words before a label that ends its cell qualify it: `추가 모델`, `파생모델`
                    # head other models' cells, not this one's.
                    labels.append(_Label(hit.field, hit.label, cell, n, i, _rank_factor(vocabulary, hit)))
    return labels, inline, labelled


def _split_label(text: str, line: Line, i: int, hit: LabelHit, vocabulary: LabelVocabulary) -> bool:
    """Whether the cell is the first word of a longer label of another field whose rest OCR set in
    the next cell (`Brand | Owner Jinhua …`: the brand owner, not the brand)."""
    if i + 1 >= len(line.cells):
        return False
    joined = f"{text.strip()} {normalize(line.cells[i + 1].text)}"
    return any(h.start == 0 and h.end > len(text.strip()) and h.field != hit.field for h in vocabulary.hits(joined))


def _inline(page: int, cell: Cell, hit: LabelHit, types: Mapping[str, TypeScore], factor: float) -> list[Candidate]:
    typed = types.get(hit.field, _any_text)(hit.value)
    if typed <= 0:
        return []
    how = "inline" if hit.explicit else "inline-weak"
    return [Candidate(hit.field, hit.value, page, cell.box, how, PAIRING_SCORE[how] * typed * factor,
                      cell.confidence, hit.label, _certainty(how, typed, factor))]


def _certainty(how: str, typed: float, factor: float) -> float:
    """How sure the pairing is, for the checks. The value's type counts only when it is weak: a
    number that does not fit its scheme is still surely the number printed beside 인증번호, and
    judging its shape is the check's job, not a reason to doubt the reading. A value set off from its
    label by a space alone ("유효기간 2025. 1. 1. ~ 2026. 6. 30.") is sure when it has its field's type
    outright (a date that parses), and doubtful when it only might."""
    if how == "inline-weak":
        return factor * (0.6 + 0.3 * typed)
    return PAIRING_SCORE[how] * factor * min(1.0, typed / 0.6)


def _rank_factor(vocabulary: LabelVocabulary, hit: LabelHit) -> float:
    """A hair less for a less specific label, so `기본모델명`'s value beats `모델명`'s on a tie."""
    terms = [squeeze(t).casefold() for t in vocabulary.labels.get(hit.field, [])]
    key = squeeze(hit.label).casefold()
    # A hair: a label late in a long list (a Chinese rendering of 인증번호) must not fall below the
    # floor for its place in the file.
    return 1.0 - 0.002 * min(terms.index(key) if key in terms else 20, 20)


_GLOSS_WORD = re.compile(r"[A-Za-z]+")
_HANGUL_CHAR = re.compile(r"[\uac00-\ud7a3]")


def _is_gloss(rest: str, terms: list[str]) -> bool:
    """Whether what follows a label in its cell is its gloss in English: a few words without digits,
    not all capitals (a brand, a model), sharing a word with the field's English labels."""
    words = rest.split()
    if not words or len(words) > 5 or re.search(r"[\d\uac00-\ud7a3\u4e00-\u9fff]", rest) or not re.search("[a-z]", rest):
        return False
    own = {w.casefold() for t in terms for w in _GLOSS_WORD.findall(t) if len(w) > 2}
    return bool(own & {w.casefold() for w in _GLOSS_WORD.findall(rest)})


_ONE_KOREAN_LABEL = re.compile(r"[\uac00-\ud7a3]{2,8}(?: [\uac00-\ud7a3]{1,6})?")


def _after_its_korean_label(text: str, hit: LabelHit) -> bool:
    """An English label right after a Korean word or two that open the cell: a bilingual caption
    whose Korean half we do not know (`제품모델명 Model No. ZKF6751PG`); the English half says the field."""
    return not _HANGUL_CHAR.search(hit.label) and bool(_ONE_KOREAN_LABEL.fullmatch(text[:hit.start].strip()))


def _without_gloss(value: str, terms: list[str]) -> str:
    """The value without an English gloss of its label in front ("Model No. ZKF6751PG" -> "ZKF6751PG",
    "Product Name Smart Lamp" -> "Smart Lamp"): the longest run of leading words that is a gloss and
    ends in a word of the field's English labels, when something is left after it."""
    words = value.split()
    own = {w.casefold() for t in terms for w in _GLOSS_WORD.findall(t) if len(w) > 2}
    for k in range(min(5, len(words) - 1), 0, -1):
        head = " ".join(words[:k])
        last = _GLOSS_WORD.findall(words[k - 1])
        rest = " ".join(words[k:])
        label_words = own | {"no"}
        if all(w.casefold() in label_words for w in _GLOSS_WORD.findall(rest)) and not re.search(r"\d|[^\x00-\x7f]", rest):
            continue  # "Model No.": what is left is more of the label
        if last and last[-1].casefold() in label_words and _is_gloss(head, terms):
            return rest
    return value


def _ends_cell(text: str, hit: LabelHit) -> bool:
    """Nothing but a gloss or a separator follows the label in its cell."""
    rest = text[hit.end:]
    rest = re.sub(r"^\s*(?:\([^()]*\)|（[^（）]*）|\[[^\]]*\]|/\s*[A-Za-z][A-Za-z. ]*)?\s*[:：]?\s*", "", rest)
    return not rest.strip()


def _fuzzy_label(text: str, vocabulary: LabelVocabulary) -> str | None:
    """The field of a short cell that is a label misread (`모 델 명`, `Modei No.`), if one is close."""
    flat = squeeze(text).rstrip(":：").casefold()
    if not 2 <= len(flat) <= 14:
        return None
    best_field, best_score = None, 0.0
    for field, terms in vocabulary.labels.items():
        for term in terms:
            key = squeeze(term).casefold()
            if len(key) < 3:
                continue  # a two-letter label is too short to recognise by resemblance
            score = fuzz.ratio(flat, key)
            if score > best_score:
                best_field, best_score = field, score
    return best_field if best_score >= FUZZY_LABEL else None


def _unknown_labels(lines: tuple[Line, ...]) -> set[tuple[int, int]]:
    """Cells that end in a colon: a label we do not know is still a label, never a value."""
    return {(n, i) for n, line in enumerate(lines) for i, cell in enumerate(line.cells)
            if _UNKNOWN_LABEL.match(normalize(cell.text).strip())}


# -- where a label's value is ---------------------------------------------------------------


def _is_stacked(lines: tuple[Line, ...], label_cells: set[tuple[int, int]]) -> bool:
    """Whether the region is a stacked grid: somewhere a row of two or more labels, and nothing
    else, over a row without any (a detail card's `Price | Seller Product ID` over its values)."""
    def labels_on(n: int) -> int:
        return sum((n, i) in label_cells for i in range(len(lines[n].cells)))

    return any(len(line.cells) >= 2 and labels_on(n) == len(line.cells) and labels_on(n + 1) == 0
               for n, line in enumerate(lines[:-1]))


def _value_places(lab: _Label, lines: tuple[Line, ...], labels: list[_Label], label_cells: set[tuple[int, int]],
                  score_of: TypeScore, stacked: bool = False) -> list[tuple[str, int, tuple[int, int]]]:
    """The cell to the right (past a gloss of the same field) and the cell below (past a gloss)."""
    same_field = {(x.line, x.index) for x in labels if x.field == lab.field}
    places = []
    row = lines[lab.line].cells
    for j in range(lab.index + 1, len(row)):
        if (lab.line, j) in same_field or _SEPARATOR.match(row[j].text):
            continue  # `모델명 | Model No. | HB-H200`, `모델명   :   HB-H200`
        if (lab.line, j) not in label_cells and not _reads_on(row, lab.line, j, label_cells):
            places.append(("right", lab.line, (j, j)))
        break
    below = _below(lab, lines, same_field, label_cells, score_of)
    if below is not None:
        if stacked and places and _over_its_own(lines, places[0], below[0]):
            # `Product Title | Registered on` over `블루투스 키보드 | 2026.08.05`: a row of captions
            # over a row of values; the cell beside the label is the next caption, known or not.
            places = []
        places.append(("below", below[0], (below[1], below[1])))
    return places


def _reads_on(row: tuple[Cell, ...], line: int, j: int, label_cells: set[tuple[int, int]]) -> bool:
    """Whether the line goes on past cell `j` with two or more one-word cells and no label among
    them: words pulled apart by wide gaps (a title in spaced letters, "상 표 사 용 및 판 매 위 임 장"),
    not a row of captions and values, where a value is followed by the next caption or ends the row."""
    rest = range(j + 1, len(row))
    if len(rest) < READS_ON_CELLS or any((line, k) in label_cells for k in rest):
        return False
    # A row of captions and values has phrases in its cells ("시험·인증기관 / Issued by"); words
    # pulled apart by wide gaps are each a cell of one word.
    return all(len(row[k].text.split()) == 1 for k in range(j, len(row)))


def _over_its_own(lines: tuple[Line, ...], right: tuple[str, int, tuple[int, int]], below_line: int) -> bool:
    """Whether the label's line and the line of its value below are rows of one grid (as many
    cells), the cell right of the label having a cell of its own under it."""
    _, line_no, (j, _) = right
    if len(lines[line_no].cells) != len(lines[below_line].cells):
        return False
    box = lines[line_no].cells[j].box
    return any(cell.box.overlap_x(box) >= MIN_OVERLAP for cell in lines[below_line].cells)


def _below(lab: _Label, lines: tuple[Line, ...], same_field: set[tuple[int, int]],
           label_cells: set[tuple[int, int]], score_of: TypeScore) -> tuple[int, int] | None:
    box = lab.cell.box
    reach = box.bottom + MAX_BELOW * max(box.height, 1.0)
    for n in range(lab.line + 1, len(lines)):
        line = lines[n]
        if line.box.top > reach:
            return None
        over = [(cell.box.overlap_x(box), i) for i, cell in enumerate(line.cells) if cell.box.overlap_x(box) >= MIN_OVERLAP]
        if not over:
            continue
        _, i = max(over)
        if (n, i) in same_field:  # the label's gloss on the line below: the value is further down
            box = box.union(line.cells[i].box)
            reach = line.cells[i].box.bottom + MAX_BELOW * max(box.height / 2, 1.0)
            continue
        if (n, i) in label_cells:
            return None  # the next label of a label-left table: this label's value is beside it
        if _is_column(lines, lab, n, i, label_cells, score_of):
            return None  # a column of a table: which row is the label's value is not for us to guess
        if _heads_its_own_row(lines, lab, n, i):
            return None  # the next row's label, one we do not know: its value is beside it, not ours
        return n, i
    return None


def _heads_its_own_row(lines: tuple[Line, ...], lab: _Label, n: int, i: int) -> bool:
    """Whether the cell under the label starts a row of its own: a cell right of it stands where
    the label's line has nothing (`Grantee` over `품목 | All products`). Under a stacked grid's
    label the cells beside the value stand under the other labels of its row."""
    above = lines[lab.line].cells
    return any(not any(c.box.overlap_x(cell.box) > 0 for c in above) for cell in lines[n].cells[i + 1:])


def _is_column(lines: tuple[Line, ...], lab: _Label, n: int, i: int, label_cells: set[tuple[int, int]],
               score_of: TypeScore) -> bool:
    """Whether the label heads a table column: its line and the value's line are rows of several
    cells, and the next row at the same pitch has another value of the field's type under the label
    (`型号 | Colour` over `BJW4130WB | 블랙`, `BJW4130W-2 | 블랙`: a list of derived models, not
    the model). A stacked grid's next row holds labels, known or not, which lack the type."""
    if len(lines[lab.line].cells) < 2 or len(lines[n].cells) < 2 or n + 1 >= len(lines):
        return False
    value, following = lines[n].cells[i].box, lines[n + 1]
    pitch = value.top - lines[lab.line].box.top  # header to first row: rows repeat at about this pitch
    if following.box.top - value.top > 1.5 * max(pitch, value.height) or len(following.cells) < 2:
        return False
    typed = score_of(lines[n].cells[i].text)
    return any(cell.box.overlap_x(lab.cell.box) >= MIN_OVERLAP and (n + 1, j) not in label_cells
               and score_of(cell.text) >= min(typed, 0.9) for j, cell in enumerate(following.cells))


def _wrapped(lines: tuple[Line, ...], line_no: int, index: int, label_cells: set[tuple[int, int]],
             text: str, box: Box, conf: float | None) -> tuple[str, Box, float | None, bool]:
    """A value continued on the lines under it, in its column, with no label on those lines."""
    wrapped = False
    for n in range(line_no + 1, min(len(lines), line_no + 1 + MAX_WRAP)):
        line = lines[n]
        gap = line.box.top - box.bottom
        if gap > 0.7 * (box.height / (1 + text.count("\n"))) or any((n, i) in label_cells for i in range(len(line.cells))):
            break
        under = [c for c in line.cells if c.box.overlap_x(box) >= 0.5 and abs(c.box.x0 - box.x0) <= box.height * 1.5]
        if len(under) != 1 or len(line.cells) > 2 or any(c.box.x1 <= box.x0 for c in line.cells):
            break  # a cell in the label's column: the next row (`대표이사 | 류현우`), not more of this value
        cell = under[0]
        text, box, wrapped = f"{text} {cell.text}", box.union(cell.box), True
        if cell.confidence is not None:
            conf = min(conf, cell.confidence) if conf is not None else cell.confidence
    return text, box, conf, wrapped


def _joined(cells: tuple[Cell, ...]) -> Cell:
    """Cells of one value as one cell, a leading separator dropped (`: 주식회사`, `포레스트키친`)."""
    box = cells[0].box
    for c in cells[1:]:
        box = box.union(c.box)
    confidences = [c.confidence for c in cells if c.confidence is not None]
    text = re.sub(r"^[\s:：|]+", "", " ".join(c.text for c in cells))
    return Cell(text, box, min(confidences) if confidences else None)


def _any_text(value: str) -> float:
    return 0.8 if re.search(r"[\w\uac00-\ud7a3]", value) else 0.0
