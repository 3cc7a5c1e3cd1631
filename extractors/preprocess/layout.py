"""Which page-segmentation mode suits the page.

Measured on the rendition set (bench/reading, ground-truth CER, clean 300-DPI pages): psm 4 (a
single column of text of variable sizes) read every page best — 0.011 / 0.095 / 0.088 / 0.003 on
the serif certificate, the dense page, the ruled-table certificate and the noisy children's
certificate — where psm 6 (STACK.md §3's pick on a plain certificate) collapsed on ruled tables
and dense pages (CER 2.5 and 1.3: rules read as text, rows glued) while reporting a *higher* mean
confidence, so confidence cannot be trusted to choose between them. psm 11 (sparse text) never
beat psm 4 on plain CER, not even on the Wing screenshot (0.176 vs 0.112), but it segments a screen
of scattered short items into the words the Wing and spec-sheet readers group by position, where
psm 4 glues neighbouring cells ("판매중지" came back as "판매중" with the next cell's text); so a
sparse page is read with psm 11 (its text lines rebuilt from the word boxes) and everything else
with psm 4, each falling back to the other when it reads poorly (bench/accuracy, 31 cases)."""

from __future__ import annotations

import cv2
import numpy as np

DOCUMENT_PSM = 4
SPARSE_PSM = 11
#: Fall back to the other mode when the chosen one reads worse than this (mean word confidence).
POOR_CONFIDENCE = 0.70
#: A sparse page's document-mode reading replaces its sparse one when surer by this much: on the
#: ruled ingredient table of samples/cases/cos-restricted-serum 0.89 against 0.80 (the sparse mode
#: dropped four of fourteen names), on the Wing screens within 0.01 of each other.
SPARSE_MARGIN = 0.05
MIN_ITEMS = 12  # a few short lines are a sparse certificate, still a document
SHORT_ITEM_SHARE = 0.12  # an item shorter than this share of the text's width is a UI label


def choose_psm(binary: np.ndarray) -> int:
    """psm 11 for a page of many short, separated items (a Wing screen, a label table), whose rows
    the field readers rebuild from word boxes; psm 4 for everything else."""
    return SPARSE_PSM if looks_sparse(binary) else DOCUMENT_PSM


def looks_sparse(binary: np.ndarray) -> bool:
    widths, span = _item_widths(binary)
    return len(widths) >= MIN_ITEMS and span > 0 and bool(np.median(widths) < SHORT_ITEM_SHARE * span)


def other_psm(psm: int) -> int:
    return DOCUMENT_PSM if psm == SPARSE_PSM else SPARSE_PSM


def _item_widths(binary: np.ndarray) -> tuple[np.ndarray, int]:
    """Widths of text items (words run together with their neighbours on a line) and the width
    the text spans, measured on a copy small enough to be cheap."""
    factor = min(1.0, 1200 / max(binary.shape))
    small = cv2.resize(binary, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    # Otsu again on the shrunken copy: thin grey strokes of a photo would break up at a fixed cut.
    _, ink = cv2.threshold(small, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    ink = cv2.medianBlur(ink, 3)  # specks of a photo's noise are no items
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    heights = stats[1:, cv2.CC_STAT_HEIGHT]
    heights = heights[heights >= 3]
    if heights.size == 0:
        return np.array([]), 0
    glyph = max(2, int(np.percentile(heights, 75)))  # full-height strokes, not Hangul's small jamo
    # Join letters into words and words into phrases: gaps up to about two glyphs wide.
    merged = cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_RECT, (3 * glyph, max(1, glyph // 2))))
    count, _, stats, _ = cv2.connectedComponentsWithStats(merged, connectivity=8)
    stats = stats[1:]
    h, w = small.shape
    left, top = stats[:, cv2.CC_STAT_LEFT], stats[:, cv2.CC_STAT_TOP]
    inside = (left > 0) & (top > 0) & (left + stats[:, cv2.CC_STAT_WIDTH] < w) & (top + stats[:, cv2.CC_STAT_HEIGHT] < h)
    items = stats[inside & (stats[:, cv2.CC_STAT_HEIGHT] < h / 8) & (stats[:, cv2.CC_STAT_WIDTH] < 0.95 * w)]
    if len(items) == 0:
        return np.array([]), 0
    left = items[:, cv2.CC_STAT_LEFT]
    span = int((left + items[:, cv2.CC_STAT_WIDTH]).max() - left.min())
    return items[:, cv2.CC_STAT_WIDTH].astype(float), span
