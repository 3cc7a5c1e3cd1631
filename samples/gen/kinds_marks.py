"""Marks and odd files the other case modules share: a round Chinese 公章, a pen signature, an
encrypted PDF, bytes no reader can open, a product snapshot, and a lighter scan for small files."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pikepdf
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from .common import FONTS
from .raster import A4, PAPER, Sheet, _save

RED = (205, 28, 36)
INK_BLUE = (22, 38, 120)
SC = 2  # Noto CJK collection index of the Simplified Chinese face


class ZhSheet(Sheet):
    """A Sheet set in the Simplified Chinese face, as a Chinese office prints its letters."""

    def _font(self, pt: float, bold: bool) -> ImageFont.FreeTypeFont:
        name = f"{self.font}-bold" if bold else self.font
        return ImageFont.truetype(FONTS[name], round(pt * 300 / 72), index=SC)


def round_seal(name: str, bottom: str = "", size: int = 420, seed: int = 3) -> Image.Image:
    """A red round 公章: the company name fanned along the upper rim, a star, a line below it."""
    mask = Image.new("L", (size, size), 0)
    d = ImageDraw.Draw(mask)
    ring = size // 28
    d.ellipse((ring, ring, size - ring, size - ring), outline=255, width=ring)
    _star(d, size / 2, size / 2, size * 0.13)
    font = ImageFont.truetype(FONTS["noto-bold"], int(size * 0.11), index=SC)
    # Characters stand on a 240° arc centred on the top, each rotated to face the centre.
    span, radius = math.radians(240), size / 2 - ring * 2.2 - size * 0.06
    for i, ch in enumerate(name):
        a = -math.pi / 2 - span / 2 + span * (i + 0.5) / len(name)
        glyph = Image.new("L", (int(size * 0.14),) * 2, 0)
        ImageDraw.Draw(glyph).text((glyph.width / 2, glyph.height / 2), ch, font=font, fill=255, anchor="mm")
        glyph = glyph.rotate(-math.degrees(a) - 90, resample=Image.BICUBIC)
        x = size / 2 + radius * math.cos(a) - glyph.width / 2
        y = size / 2 + radius * math.sin(a) - glyph.height / 2
        mask.paste(255, (int(x), int(y)), glyph)
    if bottom:
        small = ImageFont.truetype(FONTS["noto-bold"], int(size * 0.075), index=SC)
        d.text((size / 2, size * 0.72), bottom, font=small, fill=255, anchor="mm")
    return _inked(mask, RED, seed)


def _star(d: ImageDraw.ImageDraw, cx: float, cy: float, r: float) -> None:
    pts = []
    for k in range(10):
        rr = r if k % 2 == 0 else r * 0.38
        a = -math.pi / 2 + k * math.pi / 5
        pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    d.polygon(pts, fill=255)


def _inked(mask: Image.Image, colour: tuple[int, int, int], seed: int) -> Image.Image:
    """Uneven ink, as a real impression leaves it."""
    rng = np.random.default_rng(seed)
    size = mask.size[0]
    blotch = Image.fromarray((rng.random((size // 10, size // 10)) * 255).astype(np.uint8))
    blotch = np.asarray(blotch.resize(mask.size, Image.BICUBIC), dtype=np.float32) / 255
    alpha = np.asarray(mask, dtype=np.float32) * (0.6 + 0.4 * blotch)
    out = Image.new("RGBA", mask.size, colour + (0,))
    out.putalpha(Image.fromarray(alpha.astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.9)))
    return out


def pen_signature(seed: int, size: tuple[int, int] = (640, 220)) -> Image.Image:
    """A quick cursive scrawl in blue ballpoint: smooth random loops, thicker where the pen slows."""
    rng = np.random.default_rng(seed)
    w, h = size
    img = Image.new("RGBA", size, INK_BLUE + (0,))
    d = ImageDraw.Draw(img)
    t = np.linspace(0, 1, 420)
    x = 30 + t * (w - 80)
    y = h / 2 + sum(rng.uniform(12, 38) * np.sin(2 * np.pi * (f * t + rng.random()))
                    for f in (rng.uniform(2, 4), rng.uniform(5, 9), rng.uniform(10, 14)))
    x = x + 18 * np.sin(2 * np.pi * 11 * t)  # the loops of joined letters
    for i in range(len(t) - 1):
        speed = math.hypot(x[i + 1] - x[i], y[i + 1] - y[i])
        d.line((x[i], y[i], x[i + 1], y[i + 1]), fill=INK_BLUE + (235,), width=max(2, int(6 - speed / 3)))
    d.line((x[-1] - 160, y[-1] + 40, x[-1] + 20, y[-1] + 28), fill=INK_BLUE + (220,), width=3)  # the underline flick
    return img.filter(ImageFilter.GaussianBlur(0.6))


def light_scan(sheet: Sheet, path: Path, seed: int, angle: float = 0.5, quality: int = 85) -> None:
    """A flatbed scan with a clean sensor: same skew and tone as raster.scan, a smaller file."""
    rng = np.random.default_rng(seed)
    img = sheet.img.rotate(angle, resample=Image.BICUBIC, fillcolor="white")
    a = np.asarray(img, dtype=np.float32) / 255 * PAPER
    a += rng.normal(0, 1.6, a.shape[:2])[..., None]
    out = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.6))
    _save(out, path, quality)


def tiny_photo(sheet: Sheet, path: Path, size: tuple[int, int] = (600, 850), quality: int = 85) -> None:
    """A page as a messenger app shrinks it: the whole sheet squeezed into a few hundred pixels."""
    page = sheet.img.resize(size, Image.LANCZOS)
    a = np.asarray(page, dtype=np.float32) / 255 * PAPER
    _save(Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)), path, quality, exif_dpi=False)


def encrypt_pdf(src: Path, dst: Path, password: str) -> None:
    """Password-protect a PDF; RC4 and a static /ID keep the bytes the same on every run."""
    with pikepdf.open(src) as pdf:
        pdf.save(dst, encryption=pikepdf.Encryption(user=password, owner=password + "!", R=3, aes=False, metadata=False),
                 static_id=True)


def junk_bytes(path: Path, seed: int, size: int, head: bytes = b"") -> None:
    """What a broken upload or a foreign binary format looks like to a reader: no known structure."""
    rng = np.random.default_rng(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(head + rng.integers(0, 256, size, dtype=np.uint8).tobytes())


def hwp_like(path: Path, seed: int) -> None:
    """A HWP 5 file is an OLE compound document: its magic, then sectors we do not read."""
    junk_bytes(path, seed, 14_000, head=bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 16 + b"HWP Document File")


def product_snapshot(path: Path, label: str, seed: int, size: tuple[int, int] = (1600, 1200)) -> None:
    """A phone snapshot of a product box on a table: shapes and a printed name, no document text."""
    rng = np.random.default_rng(seed)
    w, h = size
    img = Image.new("RGB", size, (180, 170, 155))
    d = ImageDraw.Draw(img)
    d.rectangle((0, h * 0.62, w, h), fill=(120, 96, 70))  # table top
    box = (w * 0.28, h * 0.18, w * 0.72, h * 0.8)
    d.rectangle(box, fill=(236, 236, 232), outline=(90, 90, 90), width=4)
    d.polygon([(box[2], box[1]), (box[2] + 90, box[1] - 60), (box[2] + 90, box[3] - 60), (box[2], box[3])],
              fill=(200, 200, 196))
    font = ImageFont.truetype(FONTS["noto-bold"], 70, index=1)
    d.text(((box[0] + box[2]) / 2, h * 0.42), label, font=font, fill=(30, 60, 110), anchor="mm")
    a = np.asarray(img, dtype=np.float32) + rng.normal(0, 4, (h, w, 1))
    out = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(1.2))
    _save(out, path, 85, exif_dpi=False)


def paste_mark(sheet: Sheet, mark: Image.Image, x_mm: float, y_mm: float, w_mm: float) -> None:
    """Put a seal or a signature on the page at a width in millimetres, keeping its aspect."""
    from .raster import mm

    w = mm(w_mm)
    h = round(mark.height * w / mark.width)
    m = mark.resize((w, h), Image.LANCZOS)
    sheet.img.paste(m, (mm(x_mm), mm(y_mm)), m)


__all__ = ["A4", "ZhSheet", "round_seal", "pen_signature", "light_scan", "tiny_photo", "encrypt_pdf",
           "junk_bytes", "hwp_like", "product_snapshot", "paste_mark"]
