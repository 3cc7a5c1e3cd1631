"""Table rules out of the way: the ruled boxes of a certificate hide the text inside them.

Tesseract's layout analysis takes a page of boxed cells for pictures and separators: on the
skewed table certificate (samples/renditions) it dropped nine of the ten rows of the main table,
"신고번호 YU10128-24007" included, at every page-segmentation mode. With the rules painted white the
same page read every row, label and value on one line. Rules are found as the long straight runs
of ink that morphological opening with a long thin kernel keeps (the method of OpenCV's "extract
horizontal and vertical lines" tutorial); nothing in a glyph is that long.
"""

from __future__ import annotations

import cv2
import numpy as np

#: A rule is at least this share of the page's width (horizontal) or height (vertical) long:
#: 165 px on a 300 DPI A4 page, longer than any stroke of a 40 pt heading.
MIN_RULE_SHARE = 1 / 15
MIN_RULE_PX = 60  # on small images (a crop, a screenshot) the share alone would be a few pixels
INK = 128


def remove_rules(page: np.ndarray) -> tuple[np.ndarray, str]:
    """`page` (dark ink on white, black-and-white or with grey ink) with its horizontal and
    vertical rules painted white, and `unruled`; unchanged with "" when it has none."""
    ink = (page < INK).astype(np.uint8)
    h, w = page.shape
    across = cv2.getStructuringElement(cv2.MORPH_RECT, (max(MIN_RULE_PX, int(w * MIN_RULE_SHARE)), 1))
    down = cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(MIN_RULE_PX, int(h * MIN_RULE_SHARE))))
    rules = cv2.morphologyEx(ink, cv2.MORPH_OPEN, across) | cv2.morphologyEx(ink, cv2.MORPH_OPEN, down)
    if not rules.any():
        return page, ""
    # One pixel more around each rule: its anti-aliased or blurred edge is ink too.
    rules = cv2.dilate(rules, np.ones((3, 3), np.uint8))
    cleaned = page.copy()
    cleaned[rules > 0] = 255
    return cleaned, "unruled"
