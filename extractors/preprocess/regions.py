"""Region re-read: certificate numbers and other IDs that the full-page read got wrong.

The page is read with the Hangul model, which is sure of Korean and unsure of a long run of
capitals and digits (`XU100123-20001` came back as `×0100123-20001`, STACK.md §3). Such a token,
when its confidence is low or Hangul or symbols sit inside it, is cut out of the grey page with
tight padding (wider padding picked up a neighbouring colon), enlarged, thresholded on its own
(a faint number survives a local threshold that the page's lost) and read again in English with
an ID whitelist. The new reading replaces the old only when it is surer and has an ID's shape.

The other way round, a short Hangul word among Hangul words sometimes comes back as unsure Latin
garbage ("인증" as `OZ` at 0.43, "1,2-헥산다이올" as `1,2-aAtrpo|S` at 0.19, STACK.md §3: "킥보드" as
`AHS`): the English model's answer won over the Korean one. Such a word is read again from its
own crop with the Hangul model alone, and replaced only when that reading holds Hangul and is sure.
"""

from __future__ import annotations

import dataclasses
import re
from difflib import SequenceMatcher

import cv2
import numpy as np
from PIL import Image

from casefile.pages import Word
from casefile.text import HANGUL
from extractors.readers import tesseract

WHITELIST = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-"
LOW_CONFIDENCE = 0.80
MIN_CONFIDENCE = 0.60  # a re-read less sure than this replaces nothing
MAX_REREADS = 8  # per page
STACKED_PSM = 6  # the stacked crops are one block of uniform lines
TARGET_HEIGHT_PX = 48  # crop text height Tesseract's single-line mode reads best
#: `HU071695-21012A`, `YU10128-23004`, `CB063R10486-2002`, `R-R-HBT-HB200W`, or a long digit run.
ID_SHAPE = re.compile(r"^(?=(?:.*\d){3})[A-Z0-9]+(?:-[A-Z0-9]+)+$|^\d{6,}$")
_LATIN_DIGIT = re.compile(r"[A-Za-z0-9\-]")
#: Hangul or a symbol between Latin letters and digits: a misread inside an ID (a Hangul label
#: glued in front, `번호:HU071695-21012A`, is not; its crop would hold the label too).
_FOREIGN_INSIDE = re.compile(r"[A-Za-z0-9][^A-Za-z0-9\-]+[A-Za-z0-9]")
_DATE_OR_UNIT = re.compile(r"\d+\s*[년월일시분초개원]")  # `2025년` is a date, not a damaged ID
_LATIN = re.compile(r"[A-Za-z]")
HANGUL_LANG = "Hangul"
#: Misread words scored below 0.62, real Latin words in Korean text (brands, models) above 0.85
#: (STACK.md §3).
GARBLED_CONFIDENCE = 0.62
MIN_HANGUL_CONFIDENCE = 0.70  # a Hangul re-read less sure than this replaces nothing
SPECK_CONFIDENCE = 0.30


def reread_ids(gray: np.ndarray, out: tesseract.OcrOutput) -> tuple[tesseract.OcrOutput, int]:
    """`out` with each repaired ID token replaced, and how many were; `gray` is the page as read
    (same size and turn), before binarising."""
    spans = _word_spans(out.text, out.words)
    groups = _suspects(out.words)[:MAX_REREADS]
    readings = _reread_all(gray, [[out.words[i] for i in group] for group in groups])
    changes = [(group, new) for group, new in zip(groups, readings, strict=True)
               if new is not None and _better(new, [out.words[i] for i in group])]
    if not changes:
        return out, 0
    text, words = out.text, list(out.words)
    for group, new in reversed(changes):  # from the end, so earlier spans stay valid
        start, end = spans[group[0]][0], spans[group[-1]][1]
        if start >= 0 and end >= 0:
            text = text[:start] + new.text + text[end:]
        words[group[0]:group[-1] + 1] = [new]
    return dataclasses.replace(out, text=text, words=words), len(changes)


def reread_hangul(gray: np.ndarray, out: tesseract.OcrOutput) -> tuple[tesseract.OcrOutput, int]:
    """`out` with each unsure Latin word of a Korean line read again by the Hangul model alone, and
    how many were replaced; `gray` as for `reread_ids`."""
    suspects = [i for i, word in enumerate(out.words) if _garbled(out.words, i)][:MAX_REREADS]
    if not suspects:
        return out, 0
    boxes = [_box(gray, [out.words[i]]) for i in suspects]
    crops = [_prepare(gray[y0:y1, x0:x1], height) for (x0, y0, x1, y1, height) in boxes if x1 > x0]
    stacked = iter(_read_stacked(crops, lang=HANGUL_LANG))
    readings = [next(stacked) if x1 > x0 else [] for (x0, _, x1, _, _) in boxes]
    spans = _word_spans(out.text, out.words)
    text, words, replaced = out.text, list(out.words), 0
    for i, reading in reversed(list(zip(suspects, readings, strict=True))):  # from the end: spans stay valid
        # Specks at the crop's edge come back as words Tesseract gives (nearly) no confidence.
        found = [w for w in reading if (w.confidence or 0) >= SPECK_CONFIDENCE]
        new = "".join(w.text for w in found)
        confidence = min((w.confidence or 0 for w in found), default=0.0)
        if not HANGUL.search(new) or confidence < MIN_HANGUL_CONFIDENCE:
            continue
        old = words[i]
        start, end = spans[i]
        if start >= 0:
            text = text[:start] + new + text[end:]
        words[i] = old.model_copy(update={"text": new, "confidence": confidence})
        replaced += 1
    return dataclasses.replace(out, text=text, words=words), replaced


def _garbled(words: list[Word], i: int) -> bool:
    """Latin letters, no Hangul, unsure, not an ID, with a Hangul word beside it on its line."""
    word = words[i]
    if (word.confidence or 0) >= GARBLED_CONFIDENCE or HANGUL.search(word.text) or not _LATIN.search(word.text):
        return False
    if looks_like_id(word.text.strip(":;,.()[]{}<>\"'")):
        return False
    neighbours = [words[j] for j in (i - 1, i + 1) if 0 <= j < len(words)]
    return any(HANGUL.search(n.text) and _same_line_neighbours(*sorted((n, word), key=lambda w: w.left))
               for n in neighbours)


def looks_like_id(text: str) -> bool:
    return bool(ID_SHAPE.match(text))


def _suspects(words: list[Word]) -> list[list[int]]:
    """Runs of neighbouring words on one line that together look like a damaged ID."""
    groups: list[list[int]] = []
    run: list[int] = []
    for i, word in enumerate(words):
        if _id_part(word) and run and _same_line_neighbours(words[run[-1]], word):
            run.append(i)
            continue
        if run:
            groups.append(run)
        run = [i] if _id_part(word) else []
    if run:
        groups.append(run)
    return [g for g in groups if _suspicious([words[i] for i in g])]


def _id_part(word: Word) -> bool:
    core = word.text.strip(":;,.()[]{}<>\"'")
    if not core or _DATE_OR_UNIT.search(core):
        return False
    latin_digit = len(_LATIN_DIGIT.findall(core))
    return latin_digit >= 2 and latin_digit >= 0.6 * len(core)


def _suspicious(words: list[Word]) -> bool:
    joined = "".join(w.text.strip(":;,.()[]{}<>\"'") for w in words)
    if sum(ch.isdigit() for ch in joined) < 3 or len(joined) < 6:
        return False
    unsure = min(w.confidence or 0 for w in words) < LOW_CONFIDENCE
    foreign = bool(_FOREIGN_INSIDE.search(joined))
    return unsure or foreign or len(words) > 1


def _same_line_neighbours(a: Word, b: Word) -> bool:
    overlap = min(a.top + a.height, b.top + b.height) - max(a.top, b.top)
    gap = b.left - (a.left + a.width)
    return overlap > 0.5 * min(a.height, b.height) and -0.2 * a.height < gap < 0.8 * max(a.height, b.height)


def _reread_all(gray: np.ndarray, groups: list[list[Word]]) -> list[Word | None]:
    """Each group's crop read again, all crops in one Tesseract run (see `_read_ids`)."""
    boxes = [_box(gray, words) for words in groups]
    crops = [_prepare(gray[y0:y1, x0:x1], words_height) for (x0, y0, x1, y1, words_height) in boxes if x1 > x0]
    texts = iter(_read_ids(crops))
    readings: list[Word | None] = []
    for words, (x0, _, x1, _, height) in zip(groups, boxes, strict=True):
        text, confidence = next(texts) if x1 > x0 else ("", 0.0)
        if not text:
            readings.append(None)
            continue
        left, top = min(w.left for w in words), min(w.top for w in words)
        right = max(w.left + w.width for w in words)
        readings.append(Word(text=text, left=left, top=top, width=right - left, height=height,
                             confidence=confidence))
    return readings


def _box(gray: np.ndarray, words: list[Word]) -> tuple[int, int, int, int, float]:
    """The crop around `words` with tight padding (x0 == x1 when too small to read), and the
    words' height."""
    left, top = min(w.left for w in words), min(w.top for w in words)
    right, bottom = max(w.left + w.width for w in words), max(w.top + w.height for w in words)
    height = bottom - top
    pad = max(2, round(0.15 * height))
    x0, y0 = max(0, int(left) - pad), max(0, int(top) - pad)
    x1, y1 = min(gray.shape[1], int(right) + pad), min(gray.shape[0], int(bottom) + pad)
    if x1 - x0 < 4 or y1 - y0 < 4:
        return x0, y0, x0, y0, height
    return x0, y0, x1, y1, height


def _read_ids(crops: list[np.ndarray]) -> list[tuple[str, float]]:
    """Each crop read in English; those that are not an ID's shape, again limited to the ID alphabet.

    The crops are stacked into one image, one per line, so a page's re-reads cost one Tesseract
    start (and one more for the whitelisted pass) instead of one or two per ID: each start loads
    the model, which on small crops is most of the time.
    Tesseract 5's LSTM reports confidence 0 for many whitelisted readings of a perfectly clear
    crop, so the whitelisted text borrows the free reading's confidence, and only when the two
    mostly agree (the whitelist then only settled a letter or two).
    """
    free = _read_stacked(crops)
    results = [("".join(w.text for w in words), min((w.confidence or 0 for w in words), default=0.0))
               for words in free]
    retry = [i for i, (text, _) in enumerate(results) if text and not looks_like_id(text)]
    listed = _read_stacked([crops[i] for i in retry], whitelist=WHITELIST)
    for i, words in zip(retry, listed, strict=True):
        text, confidence = results[i]
        again = "".join(w.text for w in words)
        agree = SequenceMatcher(None, text.upper(), again).ratio() >= 0.8
        results[i] = (again, confidence) if agree else ("", 0.0)
    return results


def _read_stacked(crops: list[np.ndarray], whitelist: str = "", lang: str = "eng") -> list[list[Word]]:
    """The words Tesseract reads on each crop, the crops read together stacked one under another."""
    if not crops:
        return []
    gap = TARGET_HEIGHT_PX
    width = max(c.shape[1] for c in crops)
    sheet = np.full((sum(c.shape[0] for c in crops) + gap * (len(crops) - 1), width), 255, dtype=np.uint8)
    spans, y = [], 0
    for crop in crops:
        sheet[y:y + crop.shape[0], :crop.shape[1]] = crop
        spans.append((y, y + crop.shape[0]))
        y += crop.shape[0] + gap
    out = tesseract.ocr(Image.fromarray(sheet), lang=lang, psm=STACKED_PSM, whitelist=whitelist)
    per_crop: list[list[Word]] = [[] for _ in crops]
    for word in out.words:
        centre = word.top + word.height / 2
        for i, (y0, y1) in enumerate(spans):
            if y0 <= centre < y1:
                per_crop[i].append(word)
    return [sorted(words, key=lambda w: w.left) for words in per_crop]


def _prepare(crop: np.ndarray, text_height: float) -> np.ndarray:
    """Enlarged to a comfortable height, thresholded on its own contrast, on a white margin."""
    factor = max(1.0, TARGET_HEIGHT_PX / max(text_height, 1))
    if factor > 1:
        crop = cv2.resize(crop, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)
    _, crop = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    margin = int(TARGET_HEIGHT_PX // 2)
    return cv2.copyMakeBorder(crop, margin, margin, margin, margin, cv2.BORDER_CONSTANT, value=255)


def _better(new: Word, old: list[Word]) -> bool:
    old_text = "".join(w.text for w in old)
    if new.text == old_text or not looks_like_id(new.text):
        return False
    # A repair, not an invention: about as many letters and digits as the page read there.
    skeleton = "".join(_LATIN_DIGIT.findall(old_text))
    if abs(len(skeleton) - len(new.text)) > max(2, len(new.text) // 5):
        return False
    old_confidence = min(w.confidence or 0 for w in old)
    return (new.confidence or 0) >= MIN_CONFIDENCE and (new.confidence or 0) > old_confidence


def _word_spans(text: str, words: list[Word]) -> list[tuple[int, int]]:
    """Where each word sits in `text` (words are in reading order, so each is searched after the
    previous); (-1, -1) when not found."""
    spans, cursor = [], 0
    for word in words:
        at = text.find(word.text, cursor)
        if at < 0:
            spans.append((-1, -1))
            continue
        spans.append((at, at + len(word.text)))
        cursor = at + len(word.text)
    return spans
