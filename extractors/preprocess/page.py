"""Phone photos: find the sheet of paper and look at it straight on.

A page photographed on a desk is the largest bright, convex quadrilateral against a darker or
cluttered background. Only a convincing one is corrected (large enough, four corners, near-right
angles, the blob filling its outline); anything else, a scan above all, is left as it is.
"""

from __future__ import annotations

import cv2
import numpy as np

A4_300DPI = (2480, 3508)  # short, long side in pixels
DETECT_LONG_SIDE = 1000  # the outline of a page needs no more detail than this
MIN_AREA_SHARE = 0.15  # a smaller bright patch is a label or a reflection, not the page
FULL_FRAME_MARGIN = 0.02  # corners this close (share of the side) to the image's own: a scan, keep
MIN_SOLIDITY = 0.90  # page blob area / its quadrilateral's area
EDGE_PX = 24  # 2 mm at 300 DPI
ANGLE_RANGE = (55.0, 125.0)  # a sheet seen at an angle keeps its corners within this
#: Paper must be brighter than what lies outside it along every side. A ruled box printed on a
#: scanned page (a table's frame) has white paper on both sides of its lines: ratio about 1.
MIN_PAPER_CONTRAST = 1.15


def correct_perspective(gray: np.ndarray) -> tuple[np.ndarray, str]:
    """The page cut out and warped to an upright A4 rectangle at 300 DPI, or the image untouched."""
    quad = find_page(gray)
    if quad is None:
        return gray, ""
    return warp_to_a4(gray, quad), "perspective"


def find_page(gray: np.ndarray) -> np.ndarray | None:
    """The page's four corners (tl, tr, br, bl) in pixels of `gray`, or None when not convincing."""
    factor = min(1.0, DETECT_LONG_SIDE / max(gray.shape))
    small = cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA) if factor < 1 else gray
    quads = [q for blob in _bright_blobs(small)
             if (q := _quadrilateral(blob)) is not None and _convincing(q, blob, small.shape)]
    if not quads:
        return None
    # Of the outlines found at different thresholds, the page's is the one whose every side runs
    # along a strong edge; a side along a shadow or through the desk is weak somewhere.
    blurred = cv2.GaussianBlur(small, (0, 0), 2)
    contrast, best = max(((_weakest_side(blurred, _order(q)), q) for q in quads), key=lambda pair: pair[0])
    if contrast < MIN_PAPER_CONTRAST:
        return None
    return _order(best / factor)


def warp_to_a4(gray: np.ndarray, quad: np.ndarray) -> np.ndarray:
    """Map the corners onto an A4 page at 300 DPI, landscape when the page is seen wider than tall."""
    (tl, tr, br, bl) = quad
    wide = np.linalg.norm(tr - tl) + np.linalg.norm(br - bl)
    tall = np.linalg.norm(bl - tl) + np.linalg.norm(br - tr)
    # Always 300 DPI: tried warping to the photo's own resolution and enlarging by measure after,
    # it read worse (character error rate 0.03 -> 0.06 on the test photos).
    w, h = A4_300DPI if tall >= wide else A4_300DPI[::-1]
    target = np.float32([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]])
    matrix = cv2.getPerspectiveTransform(quad.astype(np.float32), target)
    page = cv2.warpPerspective(gray, matrix, (w, h), flags=cv2.INTER_CUBIC, borderValue=255)
    # The outline is found a pixel or two off, leaving slivers of desk along the edges; 2 mm of a
    # sheet's edge never holds text, so it is painted white rather than read as a row of marks.
    edge = EDGE_PX
    page[:edge], page[-edge:], page[:, :edge], page[:, -edge:] = 255, 255, 255, 255
    return page


def _bright_blobs(small: np.ndarray) -> list[np.ndarray]:
    """The largest bright blob at Otsu's threshold and at lower ones: a lamp's shadow over
    part of the page puts that part below Otsu's cut, and the page is then cut short."""
    blurred = cv2.GaussianBlur(small, (5, 5), 0)
    otsu, _ = cv2.threshold(blurred, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    side = max(small.shape)
    blobs = []
    for level in (otsu, 0.85 * otsu, 0.7 * otsu, 0.55 * otsu):
        _, bright = cv2.threshold(blurred, level, 255, cv2.THRESH_BINARY)
        # Close over the text so the page is one blob; open to cut it from bright clutter it touches.
        bright = cv2.morphologyEx(bright, cv2.MORPH_CLOSE, _disc(max(9, side // 60)))
        bright = cv2.morphologyEx(bright, cv2.MORPH_OPEN, _disc(max(5, side // 120)))
        contours, _ = cv2.findContours(bright, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        if contours:
            blobs.append(max(contours, key=cv2.contourArea))
    return blobs + _edge_outlines(blurred)


def _edge_outlines(blurred: np.ndarray) -> list[np.ndarray]:
    """Closed outlines drawn by edges: the page's border stays an edge where shadow and glare
    move it across any one threshold."""
    median = float(np.median(blurred))
    edges = cv2.Canny(blurred, 0.5 * median, 1.2 * median)
    edges = cv2.dilate(edges, np.ones((3, 3), np.uint8))
    contours, _ = cv2.findContours(edges, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    return sorted(contours, key=cv2.contourArea, reverse=True)[:3]


def _quadrilateral(blob: np.ndarray) -> np.ndarray | None:
    hull = cv2.convexHull(blob)
    perimeter = cv2.arcLength(hull, True)
    for share in (0.01, 0.02, 0.03, 0.05):  # the least simplification that leaves four corners
        approx = cv2.approxPolyDP(hull, share * perimeter, True)
        if len(approx) == 4:
            return approx.reshape(4, 2).astype(np.float64)
    return None


def _convincing(quad: np.ndarray, blob: np.ndarray, shape: tuple[int, ...]) -> bool:
    h, w = shape[:2]
    area = cv2.contourArea(quad.astype(np.float32))
    if area < MIN_AREA_SHARE * w * h or not cv2.isContourConvex(quad.astype(np.float32)):
        return False
    if cv2.contourArea(blob) < MIN_SOLIDITY * area:
        return False
    ordered = _order(quad)
    frame = np.float64([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]])
    if np.all(np.abs(ordered - frame) <= FULL_FRAME_MARGIN * np.array([w, h])):
        return False  # the whole image is paper: nothing to cut out
    return all(ANGLE_RANGE[0] <= a <= ANGLE_RANGE[1] for a in _angles(ordered))


def _angles(quad: np.ndarray) -> list[float]:
    angles = []
    for i in range(4):
        a, b = quad[i - 1] - quad[i], quad[(i + 1) % 4] - quad[i]
        cos = float(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b) + 1e-9))
        angles.append(float(np.degrees(np.arccos(np.clip(cos, -1, 1)))))
    return angles


def _weakest_side(small: np.ndarray, quad: np.ndarray) -> float:
    """The smallest brightness ratio, inside over outside, along the quadrilateral's four sides.

    Light multiplies, so paper against desk is the same ratio in the lamp's glare and in a shadow;
    a side that follows the shadow's edge or runs through the desk has a ratio near 1 somewhere.
    """
    h, w = small.shape
    centre = quad.mean(axis=0)
    offset = max(3.0, max(h, w) / 150)
    ratios = []
    for i in range(4):
        a, b = quad[i], quad[(i + 1) % 4]
        normal = np.array([a[1] - b[1], b[0] - a[0]]) / (np.linalg.norm(b - a) + 1e-9)
        if np.dot(normal, centre - (a + b) / 2) < 0:
            normal = -normal  # pointing into the page
        points = a + np.linspace(0.1, 0.9, 40)[:, None] * (b - a)  # corners are rounded by the blur
        inside = _sample(small, points + offset * normal)
        outside = _sample(small, points - offset * normal)
        ratios.append(float(np.median((inside + 1) / (outside + 1))))
    return min(ratios)


def _sample(image: np.ndarray, points: np.ndarray) -> np.ndarray:
    h, w = image.shape
    xs = np.clip(points[:, 0].round().astype(int), 0, w - 1)
    ys = np.clip(points[:, 1].round().astype(int), 0, h - 1)
    return image[ys, xs].astype(np.float32)


def _order(quad: np.ndarray) -> np.ndarray:
    """Corners as top-left, top-right, bottom-right, bottom-left."""
    total, diff = quad.sum(axis=1), quad[:, 1] - quad[:, 0]
    return np.array([quad[np.argmin(total)], quad[np.argmin(diff)], quad[np.argmax(total)], quad[np.argmax(diff)]])


def _disc(size: int) -> np.ndarray:
    return cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size))
