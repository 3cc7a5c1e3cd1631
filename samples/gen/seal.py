"""A red square 직인 of n×n characters, as stamped: uneven ink on a transparent ground."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from .common import FONTS

RED = (200, 30, 35)


def draw_seal(text: str, path: Path | None = None, size: int = 360, seed: int = 7) -> Image.Image:
    """`text` (9 or 16 characters) reads top-to-bottom, right-to-left, as on a Korean seal."""
    n = round(len(text) ** 0.5)
    assert n * n == len(text), "a seal is a square grid of characters"
    mask = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(mask)
    border = size // 22
    draw.rectangle((border, border, size - border, size - border), outline=255, width=border)
    cell = (size - 4 * border) / n
    font = ImageFont.truetype(FONTS["myeongjo-bold"], int(cell * 0.86))
    for i, ch in enumerate(text):
        col, row = n - 1 - i // n, i % n
        cx = 2 * border + cell * (col + 0.5)
        cy = 2 * border + cell * (row + 0.5)
        draw.text((cx, cy), ch, font=font, fill=255, anchor="mm")
    # Stamped ink is never uniform: thin it out in blotches so it reads as an impression.
    rng = np.random.default_rng(seed)
    ink = np.asarray(mask, dtype=np.float32) / 255
    blotch = Image.fromarray((rng.random((size // 8, size // 8)) * 255).astype(np.uint8))
    blotch = np.asarray(blotch.resize((size, size), Image.BICUBIC), dtype=np.float32) / 255
    alpha = np.clip(ink * (0.65 + 0.35 * blotch) * 255, 0, 255).astype(np.uint8)
    seal = Image.new("RGBA", (size, size), RED + (0,))
    seal.putalpha(Image.fromarray(alpha).filter(ImageFilter.GaussianBlur(0.8)))
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        seal.save(path, optimize=True)
    return seal
