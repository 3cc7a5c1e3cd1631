"""Paper documents drawn with Pillow at 300 DPI, then aged into a flatbed scan or a phone photo."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from .common import FONTS, TTC_INDEX, nfc

DPI = 300
A4 = (2480, 3508)
PAPER = np.array([244, 240, 231], dtype=np.float32)  # recycled-paper cream, not pure white


def mm(v: float) -> int:
    return round(v * DPI / 25.4)


class Sheet:
    """An A4 page addressed in millimetres; text sizes in points, as a word processor would set them."""

    def __init__(self, font: str = "myeongjo"):
        self.img = Image.new("RGB", A4, "white")
        self.draw = ImageDraw.Draw(self.img)
        self.font = font

    def _font(self, pt: float, bold: bool) -> ImageFont.FreeTypeFont:
        name = f"{self.font}-bold" if bold else self.font
        return ImageFont.truetype(FONTS[name], round(pt * DPI / 72), index=TTC_INDEX.get(name, 0))

    def text(self, x: float, y: float, s: str, pt: float = 12, bold: bool = False, anchor: str = "la") -> None:
        self.draw.text((mm(x), mm(y)), nfc(s), font=self._font(pt, bold), fill=(20, 20, 24), anchor=anchor)

    def rule(self, x0: float, y0: float, x1: float, y1: float, width: int = 3) -> None:
        self.draw.line((mm(x0), mm(y0), mm(x1), mm(y1)), fill=(30, 30, 30), width=width)

    def box(self, x0: float, y0: float, x1: float, y1: float, width: int = 4) -> None:
        self.draw.rectangle((mm(x0), mm(y0), mm(x1), mm(y1)), outline=(30, 30, 30), width=width)

    def stamp(self, seal: Image.Image, x: float, y: float, size_mm: float = 24) -> None:
        s = seal.resize((mm(size_mm), mm(size_mm)), Image.LANCZOS)
        self.img.paste(s, (mm(x), mm(y)), s)


def _age(img: Image.Image, rng: np.random.Generator, noise: float, blur: float) -> np.ndarray:
    """Ink on cream paper, sensor noise, a soft lens: what every camera and scanner adds."""
    a = np.asarray(img, dtype=np.float32) / 255
    a = a * PAPER  # white becomes paper, ink stays dark
    a += rng.normal(0, noise, a.shape[:2])[..., None]
    out = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    return np.asarray(out.filter(ImageFilter.GaussianBlur(blur)))


def scan(sheet: Sheet, path: Path, seed: int, angle: float = 0.9, quality: int = 85) -> None:
    """A flatbed scan: the page lies a little askew, the lid shadow darkens one edge."""
    rng = np.random.default_rng(seed)
    rotated = sheet.img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor="white")
    a = _age(rotated, rng, noise=5.0, blur=0.7).astype(np.float32)
    shade = np.linspace(0.93, 1.0, a.shape[1], dtype=np.float32)[None, :, None]
    out = Image.fromarray(np.clip(a * shade, 0, 255).astype(np.uint8))
    _save(out, path, quality)


def photo(sheet: Sheet, path: Path, seed: int, size: tuple[int, int] = (2268, 3024), quality: int = 85) -> None:
    """A phone photo: the page in perspective on a desk, uneven light, a smaller frame than the page."""
    rng = np.random.default_rng(seed)
    page = _age(sheet.img, rng, noise=3.0, blur=0.6)
    w, h = size
    src = np.float32([[0, 0], [A4[0], 0], [A4[0], A4[1]], [0, A4[1]]])
    # Corners pulled in unevenly: the phone was held slightly tilted above the page.
    dst = np.float32([[w * 0.06, h * 0.05], [w * 0.95, h * 0.03], [w * 0.97, h * 0.97], [w * 0.03, h * 0.95]])
    m = cv2.getPerspectiveTransform(src, dst)
    desk = (92, 78, 64)
    warped = cv2.warpPerspective(page, m, (w, h), flags=cv2.INTER_AREA, borderValue=desk)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    light = 1.05 - 0.18 * np.hypot((xx - w * 0.35) / w, (yy - h * 0.3) / h)
    out = Image.fromarray(np.clip(warped * light[..., None], 0, 255).astype(np.uint8))
    _save(out, path, quality, exif_dpi=False)


def _save(img: Image.Image, path: Path, quality: int, exif_dpi: bool = True) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    kwargs = {"dpi": (DPI, DPI)} if exif_dpi else {}
    if path.suffix.lower() == ".png":
        img.save(path, optimize=True, **kwargs)
    else:
        img.save(path, quality=quality, optimize=True, subsampling=2, **kwargs)
