"""A mark found on a page image, and the small image geometry the mark finders share.

Sizes are in centimetres of the page: `a4_scale` gives the scale of a photo or scan whose short
side is taken for an A4 page's width.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

Box = tuple[int, int, int, int]  # left, top, width, height in image pixels

A4_WIDTH_CM = 21.0


@dataclass(frozen=True)
class Mark:
    """A seal impression or handwriting found on a page image."""

    kind: str  # "seal" | "ink"
    box: Box
    page: int | None = None
    detail: str = ""


def rgb_of(image: Image.Image | np.ndarray) -> np.ndarray:
    if isinstance(image, np.ndarray):
        if image.ndim == 2:
            return cv2.cvtColor(image, cv2.COLOR_GRAY2RGB)
        return image[..., :3]
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        paper = Image.new("RGBA", image.size, (255, 255, 255, 255))  # transparent = white paper
        image = Image.alpha_composite(paper, image.convert("RGBA"))
    return np.asarray(image.convert("RGB"))


def a4_scale(rgb: np.ndarray) -> float:
    """Pixels per centimetre if the image's short side is an A4 page's width."""
    return min(rgb.shape[:2]) / A4_WIDTH_CM


def around(box: Box, dx: tuple[int, int], dy: tuple[int, int], size: tuple[int, int]) -> Box:
    """The box grown by dx (left, right) and dy (up, down), clipped to the image."""
    x, y, w, h = box
    x0, y0 = max(0, x - dx[0]), max(0, y - dy[0])
    x1, y1 = min(size[0], x + w + dx[1]), min(size[1], y + h + dy[1])
    return x0, y0, max(0, x1 - x0), max(0, y1 - y0)


def crop(rgb: np.ndarray, box: Box) -> np.ndarray:
    x, y, w, h = box
    return np.ascontiguousarray(rgb[y:y + h, x:x + w])


def shift(box: Box, region: Box) -> Box:
    return box[0] + region[0], box[1] + region[1], box[2], box[3]


def union(boxes: list[Box]) -> Box:
    x0 = min(b[0] for b in boxes)
    y0 = min(b[1] for b in boxes)
    x1 = max(b[0] + b[2] for b in boxes)
    y1 = max(b[1] + b[3] for b in boxes)
    return x0, y0, x1 - x0, y1 - y0
