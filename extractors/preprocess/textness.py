"""Text or not, before OCR: does a page image hold text-like lines, or only paper, noise or a photo?

Tesseract on a page without text is at its slowest: a blank sheet through a dirty feeder, a scan of
noise or a photo of a patterned surface each ran past 300 s (Otsu turns a blank page's paper grain
into half a page of black specks, and the layout analysis then chases every speck). This test
costs a fraction of a second and decides first.

What is measured, on a copy at most `WORK_LONG_SIDE` pixels long:
- *ink*: pixels `INK_CONTRAST` grey levels darker than their neighbourhood (so uneven light and
  grey paper do not count), in connected components;
- *glyph candidates*: components of a glyph's size and shape (not specks, not rules, not blobs
  filling their box);
- *lines*: chains of candidates, each joined to its nearest neighbour to the right on the same
  line (overlapping vertically, of comparable height, a gap of at most a glyph or so), of at
  least `MIN_LINE_MEMBERS`, at least twice as wide as high, their centres on a straight line
  and their heights alike. Text is read in every direction it may lie: dark on light and light on
  dark, across and (for a page turned a quarter) down.

Each line's *purity* is its members over all candidates centred in a band half its height around
it: text has clean paper above and below its lines, a texture's chance alignments do not.

The verdict (`Textness.kind`):
- `text` when the members of pure lines are at least `CLEAR_SHARE` of all candidates and at least
  `CLEAR_MEMBERS`: a page of text, read at once (every sample scan, photo and screenshot);
- `blank` / `noise` / `picture` when no line was found at all: an empty page, specks, or a
  photograph (several smooth tones rather than one paper tone: `Textness.photo`);
- otherwise (some lines among much clutter: a texture's chance alignments, a page lying on a
  patterned table, a photo of a screen with its moiré) the best lines by length and purity are
  cut out, thresholded each on its own, stacked and read by Tesseract as a probe (a strip read in
  under half a second, within `PROBE_BUDGET_S` in all): one word-like reading (Hangul or Han at
  `PROBE_MIN_CONFIDENCE`, Latin or digits at `PROBE_MIN_LATIN_CONFIDENCE`) makes the page `text`,
  none makes it `noise` (or `picture`).

Measured on the pages of tests/extractors/page_zoo.py and every sample image (the test's docstring
and bench/noise_pages.py print the values): every text page, down to a single word, a faint
photocopy, a page on granite and a photo of a monitor, is text; no blank, noise, texture or photo
page read a single word in the probe. A false "no text" is far worse than a slow page, so one word
keeps the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

from extractors.readers import tesseract

WORK_LONG_SIDE = 2000
INK_BLOCK = 31  # neighbourhood (px of the working copy) an ink pixel is compared with
INK_CONTRAST = 15  # grey levels below the neighbourhood's mean
MIN_GLYPH_PX, MAX_GLYPH_PX = 5, 150  # candidate heights on the working copy
MAX_ELONGATION = 8  # width/height either way: longer is a rule or a border
FILL_RANGE = (0.1, 0.95)  # ink / box: below is a thin curve or a hair's loop, above a solid blob
MAX_NEIGHBOURS = 200  # candidates compared with each one (those on its line, nearest first)
MIN_LINE_MEMBERS = 3
MIN_LINE_WIDTH = 2.0  # in median heights of its members
MAX_HEIGHT_SPREAD = 0.6  # standard deviation of the members' heights / their median
MAX_LINE_WOBBLE = 0.2  # median distance of members' centres from the fitted line / median height
MAX_LINE_SLOPE = 0.25  # 14 degrees: deskew levels up to 10
#: A page is text without a probe when this share of its candidates sits in lines, and this many.
CLEAR_SHARE = 0.5
CLEAR_MEMBERS = 20
BLANK_INK = 0.002  # ink share below which a page without lines is blank rather than noise
#: A line's members over the candidates around it (`_purities`) for it to count towards `CLEAR_SHARE`.
MIN_PURITY = 0.5
PURITY_MARGIN = 0.5  # heights around a line searched for other candidates
PROBE_LINES = 6
PROBE_HEIGHT_PX = 40
PROBE_MAX_LINE = 30  # heights of a line kept in the probe
PROBE_PSM = 6
PROBE_MIN_SPECK_PX = 12  # ink pixels; a full stop on a 40-pixel line has about 25
PROBE_LANGS = (tesseract.DEFAULT_LANG, "chi_sim+eng")
PROBE_BUDGET_S = 3.0  # all the probe's readings together; a text strip reads in well under a second
PROBE_MIN_CONFIDENCE = 0.7
PROBE_MIN_LATIN_CONFIDENCE = 0.88
PROBE_CJK_WORD = re.compile(r"[\uac00-\ud7a3]{2,}|[\u4e00-\u9fff]{2,}")
PROBE_LATIN_WORD = re.compile(r"[A-Za-z]{3,}|[0-9]{3,}")
#: Photo or paper, on a 512-pixel copy: a scan is one paper tone (most pixels within
#: `PAPER_TONE` of the median), a photo several smooth tones (`SMOOTH_STD`, 9x9 windows).
PHOTO_SIDE = 512
PAPER_TONE = 25
SMOOTH_STD = 4.0
PHOTO_MAX_PAPER = 0.5
PHOTO_MIN_SMOOTH = 0.5
#: A photo with fewer lines than this is a picture even when something on it was read (a label).
DOCUMENT_MIN_LINES = 3


@dataclass
class Textness:
    """What the test found on one page image; `token` records it in `Page.strategy`."""

    kind: str  # text, blank, noise or picture
    candidates: int = 0
    lines: int = 0
    members: int = 0
    ink: float = 0.0
    paper: float = 1.0
    smooth: float = 1.0
    probe_words: int | None = None  # None when no probe was needed
    turned: bool = False  # the lines run down the page
    light_on_dark: bool = False

    @property
    def has_text(self) -> bool:
        return self.kind == "text"

    @property
    def share(self) -> float:
        return self.members / self.candidates if self.candidates else 0.0

    @property
    def photo(self) -> bool:
        return self.paper < PHOTO_MAX_PAPER and self.smooth >= PHOTO_MIN_SMOOTH

    @property
    def picture(self) -> bool:
        """A photograph with at most a label on it: an exhibit, not a document to be read."""
        return self.kind == "picture" or (self.photo and self.lines < DOCUMENT_MIN_LINES)

    def token(self) -> str:
        """`notext:noise(cc=3645,lines=0,ink=0.065)`, `notext:picture(...)` or `blank(...)` (the
        OCR strategy's `ocr:blank` of old); `probe3` for a text page that needed the probe (3 words
        read); "" for a clear page of text."""
        if self.has_text:
            return "" if self.probe_words is None else f"probe{self.probe_words}"
        facts = [f"cc={self.candidates}", f"lines={self.lines}", f"ink={self.ink:.3f}"]
        facts += [f"paper={self.paper:.2f}", f"smooth={self.smooth:.2f}"] if self.kind == "picture" else []
        facts += [f"probe={self.probe_words}"] if self.probe_words is not None else []
        return f"{'' if self.kind == 'blank' else 'notext:'}{self.kind}({','.join(facts)})"


@dataclass
class _Line:
    """A line of candidates as found in one variant (boxes in that variant's image)."""

    boxes: np.ndarray  # (x, y, w, h, area) of each member
    purity: float  # members / candidates centred in the band around the line

    @property
    def quality(self) -> float:
        return len(self.boxes) * self.purity


@dataclass
class _Variant:
    """One reading direction: the working copy as searched (dark ink on light), its candidates, lines."""

    image: np.ndarray
    light_on_dark: bool
    turned: bool
    ink: float
    candidates: int
    lines: list[_Line]

    @property
    def members(self) -> int:
        return sum(len(line.boxes) for line in self.lines if line.purity >= MIN_PURITY)

    @property
    def score(self) -> float:
        return sum(sorted((line.quality for line in self.lines), reverse=True)[:PROBE_LINES])


def assess(gray: np.ndarray, probe: bool = True) -> Textness:
    """The verdict on one grayscale page image (see the module's description)."""
    small = working_copy(gray)
    paper, smooth = tones(small)
    variants: list[_Variant] = []
    for turned in (False, True):
        for light_on_dark in (False, True):
            variants.append(_search(small, light_on_dark, turned))
            if _clear(variants[-1]):
                break
        if _clear(variants[-1]):
            break
    best = max(variants, key=lambda v: v.score)
    found = Textness(kind="text", candidates=best.candidates, lines=len(best.lines), members=best.members,
                     ink=variants[0].ink, paper=paper, smooth=smooth, turned=best.turned,
                     light_on_dark=best.light_on_dark)
    if _clear(best) or (best.lines and not probe):
        return found
    if best.lines:
        # Both polarities of the same direction: a dark page's light text and a light page's
        # dark text compete for the probe by the quality of their lines.
        found.probe_words = probe_words([v for v in variants if v.turned == best.turned])
        if found.probe_words:
            return found
    found.kind = "picture" if found.photo else "blank" if found.ink < BLANK_INK and not best.lines else "noise"
    return found


def working_copy(gray: np.ndarray) -> np.ndarray:
    factor = min(1.0, WORK_LONG_SIDE / max(gray.shape))
    if factor < 1:
        return cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    return np.ascontiguousarray(gray)


def _clear(variant: _Variant) -> bool:
    return variant.members >= CLEAR_MEMBERS and variant.members >= CLEAR_SHARE * variant.candidates


def tones(gray: np.ndarray) -> tuple[float, float]:
    """(paper, smooth): the share of pixels within `PAPER_TONE` of the median grey, and the share
    of 9x9 windows whose grey varies less than `SMOOTH_STD`, on a `PHOTO_SIDE` copy."""
    factor = min(1.0, PHOTO_SIDE / max(gray.shape))
    small = cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA).astype(np.float32)
    paper = float((np.abs(small - np.median(small)) <= PAPER_TONE).mean())
    mean, square = cv2.blur(small, (9, 9)), cv2.blur(small * small, (9, 9))
    smooth = float((np.sqrt(np.maximum(square - mean * mean, 0)) < SMOOTH_STD).mean())
    return paper, smooth


def _search(small: np.ndarray, light_on_dark: bool, turned: bool) -> _Variant:
    image = 255 - small if light_on_dark else small
    if turned:
        image = np.ascontiguousarray(image.T)
    ink = ink_mask(image)
    boxes = glyph_candidates(ink)
    chains = _chains(boxes, _nearest_right(boxes)) if len(boxes) >= MIN_LINE_MEMBERS else []
    found = [boxes[members] for members in chains if _line_like(boxes[members])]
    lines = [_Line(line, purity) for line, purity in zip(found, _purities(boxes, found, image.shape), strict=True)]
    return _Variant(image=image, light_on_dark=light_on_dark, turned=turned, ink=float(ink.mean()),
                    candidates=len(boxes), lines=lines)


def _purities(boxes: np.ndarray, lines: list[np.ndarray], shape: tuple[int, int]) -> list[float]:
    """Each line's members over all candidates centred in its box grown by `PURITY_MARGIN` heights:
    text has clean paper above and below its lines, a texture's chance alignments do not."""
    if not lines:
        return []
    height, width = shape
    centres = np.zeros((height + 1, width + 1), np.float64)
    np.add.at(centres, (np.clip(boxes[:, 1] + boxes[:, 3] // 2, 0, height - 1) + 1,
                        np.clip(boxes[:, 0] + boxes[:, 2] // 2, 0, width - 1) + 1), 1)
    counts = centres.cumsum(0).cumsum(1)
    purities = []
    for line in lines:
        x, y, w, h = (line[:, i] for i in range(4))
        margin = PURITY_MARGIN * float(np.median(h))
        x0, x1 = int(max(0, x.min() - margin)), int(min(width, (x + w).max() + margin))
        y0, y1 = int(max(0, y.min() - margin)), int(min(height, (y + h).max() + margin))
        around = counts[y1, x1] - counts[y0, x1] - counts[y1, x0] + counts[y0, x0]
        purities.append(len(line) / max(around, 1.0))
    return purities


def ink_mask(gray: np.ndarray) -> np.ndarray:
    """1 where a pixel is `INK_CONTRAST` darker than its neighbourhood (after a slight blur that
    takes sensor noise and a screen's pixel grid out)."""
    smooth = cv2.GaussianBlur(gray.astype(np.float32), (0, 0), 1.0)
    return ((cv2.blur(smooth, (INK_BLOCK, INK_BLOCK)) - smooth) > INK_CONTRAST).astype(np.uint8)


def glyph_candidates(ink: np.ndarray) -> np.ndarray:
    """Boxes (x, y, w, h, area) of the components shaped like a glyph or a part of one."""
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    stats = stats[1:]
    x, y, w, h, area = (stats[:, i] for i in range(5))
    height, width = ink.shape
    fill = area / np.maximum(w * h, 1)
    keep = (h >= MIN_GLYPH_PX) & (h <= MAX_GLYPH_PX) & (w <= MAX_ELONGATION * h) & (h <= MAX_ELONGATION * w)
    keep &= (fill >= FILL_RANGE[0]) & (fill <= FILL_RANGE[1])
    keep &= (x > 0) & (y > 0) & (x + w < width) & (y + h < height)  # a page's edge, a photo's frame
    return stats[keep]


def _nearest_right(boxes: np.ndarray) -> np.ndarray:
    """For each candidate, the index of its nearest neighbour to the right on its line, or -1."""
    n = len(boxes)
    x, y, w, h = (boxes[:, i].astype(np.float32) for i in range(4))
    centre = y + h / 2
    order = np.argsort(centre, kind="stable")
    x, y, w, h, centre = x[order], y[order], w[order], h[order], centre[order]
    # Candidates whose centres lie within a height of each one's (Hangul's jamo sit above and below
    # each other: the vowel's centre is well below the initial's), in sorted order.
    low = np.searchsorted(centre, centre - h, "left")
    high = np.searchsorted(centre, centre + h, "right")
    index = np.arange(n)
    best, best_gap = np.full(n, -1), np.full(n, np.inf, np.float32)
    span = int(min(MAX_NEIGHBOURS, (high - low).max()))
    for k in [*range(-span, 0), *range(1, span + 1)]:
        j = index + k
        inside = (j >= low) & (j < high)
        a, b = index[inside], j[inside]
        gap = x[b] - (x[a] + w[a])
        taller, shorter = np.maximum(h[a], h[b]), np.minimum(h[a], h[b])
        overlap = np.minimum(y[a] + h[a], y[b] + h[b]) - np.maximum(y[a], y[b])
        linked = ((x[b] > x[a]) & (gap >= -0.2 * shorter) & (gap <= 1.2 * taller) & (taller <= 3 * shorter)
                  & (overlap >= 0.5 * shorter) & (gap < best_gap[a]))
        best[a[linked]], best_gap[a[linked]] = b[linked], gap[linked]
    nearest = np.full(n, -1)
    has = best >= 0
    nearest[order[index[has]]] = order[best[has]]
    return nearest


def _chains(boxes: np.ndarray, nearest: np.ndarray) -> list[np.ndarray]:
    """Candidates joined through their nearest right neighbours: index arrays of at least
    `MIN_LINE_MEMBERS`."""
    parent = np.arange(len(boxes))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a in np.flatnonzero(nearest >= 0):
        ra, rb = root(a), root(nearest[a])
        if ra != rb:
            parent[ra] = rb
    roots = np.array([root(i) for i in range(len(boxes))])
    ids, counts = np.unique(roots, return_counts=True)
    return [np.flatnonzero(roots == r) for r in ids[counts >= MIN_LINE_MEMBERS]]


def _line_like(members: np.ndarray) -> bool:
    x, y, w, h = (members[:, i].astype(np.float64) for i in range(4))
    height = float(np.median(h))
    if (x + w).max() - x.min() < MIN_LINE_WIDTH * height or h.std() > MAX_HEIGHT_SPREAD * height:
        return False
    cx, cy = x + w / 2, y + h / 2
    slope, offset = np.polyfit(cx, cy, 1) if cx.std() > 0 else (0.0, cy.mean())
    wobble = np.median(np.abs(cy - (slope * cx + offset)))  # a syllable's low final consonant may stray
    return abs(slope) <= MAX_LINE_SLOPE and wobble <= MAX_LINE_WOBBLE * height


def probe_words(variants: list[_Variant]) -> int:
    """Word-like readings with confidence on the best lines (by `_Line.quality`) of these variants
    (one direction, both polarities), cut out and stacked; tried as they lie and turned over (down
    the page: both quarter turns), Korean then Chinese, until one reads. The probe has its own
    small Tesseract budget: a strip of noise that keeps Tesseract busy is no text."""
    sheet = _probe_sheet(variants)
    turns = (90, 270) if variants[0].turned else (0, 180)
    try:
        with tesseract.budget(PROBE_BUDGET_S):
            for turn in turns:
                image = Image.fromarray(_turn(sheet, turn))
                for lang in PROBE_LANGS:
                    words = _confident_words(tesseract.ocr(image, lang=lang, psm=PROBE_PSM))
                    if words:
                        return words
    except tesseract.OcrTimeout:
        return 0
    return 0


def _confident_words(out: tesseract.OcrOutput) -> int:
    """Readings shaped like a word: Hangul or Han (which noise never read as) at
    `PROBE_MIN_CONFIDENCE`, Latin letters or digits (which noise sometimes did, at up to 0.82) at
    `PROBE_MIN_LATIN_CONFIDENCE`."""
    found = 0
    for word in out.words:
        confidence = word.confidence or 0
        if PROBE_CJK_WORD.search(word.text) and confidence >= PROBE_MIN_CONFIDENCE:
            found += 1
        elif PROBE_LATIN_WORD.search(word.text) and confidence >= PROBE_MIN_LATIN_CONFIDENCE:
            found += 1
    return found


def _probe_sheet(variants: list[_Variant]) -> np.ndarray:
    """The `PROBE_LINES` best lines, each scaled to `PROBE_HEIGHT_PX`, thresholded on its own
    contrast and made dark on light, one under another on white (side by side for a page turned
    a quarter, each line a column, as on the page)."""
    ranked = sorted(((line, v) for v in variants for line in v.lines), key=lambda t: t[0].quality, reverse=True)
    crops = [_crop(line, variant) for line, variant in ranked[:PROBE_LINES]]
    gap = PROBE_HEIGHT_PX
    if variants[0].turned:
        sheet = np.full((max(c.shape[0] for c in crops) + 2 * gap, sum(c.shape[1] + gap for c in crops) + gap),
                        255, np.uint8)
        left = gap
        for crop in crops:
            sheet[gap:gap + crop.shape[0], left:left + crop.shape[1]] = crop
            left += crop.shape[1] + gap
        return sheet
    sheet = np.full((sum(c.shape[0] + gap for c in crops) + gap, max(c.shape[1] for c in crops) + 2 * gap),
                    255, np.uint8)
    top = gap
    for crop in crops:
        sheet[top:top + crop.shape[0], gap:gap + crop.shape[1]] = crop
        top += crop.shape[0] + gap
    return sheet


def _crop(line: _Line, variant: _Variant) -> np.ndarray:
    x, y, w, h = (line.boxes[:, i] for i in range(4))
    height = float(np.median(h))
    pad = int(0.4 * height) + 1
    right = min(int((x + w).max()), int(x.min() + PROBE_MAX_LINE * height))  # a long line's start will do
    crop = variant.image[max(0, y.min() - pad):(y + h).max() + pad, max(0, x.min() - pad):right + pad]
    factor = PROBE_HEIGHT_PX / max(height, 1.0)
    crop = cv2.resize(crop, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC if factor > 1 else cv2.INTER_AREA)
    crop = cv2.GaussianBlur(crop, (0, 0), 1.0)  # a screen's pixel grid and moiré out, the strokes kept
    _, crop = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    if np.count_nonzero(crop) < crop.size / 2:  # Otsu took the background for ink: turn it back
        crop = 255 - crop
    # Specks smaller than a full stop cost Tesseract time (2 s a reading on the densest noise) and
    # tell it nothing.
    count, labels, stats, _ = cv2.connectedComponentsWithStats((crop == 0).astype(np.uint8), connectivity=8)
    specks = np.flatnonzero(stats[:, cv2.CC_STAT_AREA] < PROBE_MIN_SPECK_PX)
    crop[np.isin(labels, specks[specks > 0])] = 255
    return np.ascontiguousarray(crop.T) if variant.turned else crop  # back to the page's own direction


def _turn(image: np.ndarray, clockwise: int) -> np.ndarray:
    codes = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}
    return cv2.rotate(image, codes[clockwise]) if clockwise else image
