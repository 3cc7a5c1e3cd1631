"""One composed document into one file, through a rendition:

- ``pdf``            born-digital, WeasyPrint (samples/gen/pdf.render_pdf)
- ``docx``           python-docx (blocks.write_docx)
- ``scan``           the PDF printed and scanned cleanly at 300 DPI: PNG, JPEG, or an image-only PDF
- ``scan_degraded``  skewed, noisy, blurred, unevenly lit, JPEG-crushed or 200 DPI (samples/gen/rendition_effects)
- ``photo``          a phone photo of the page on a desk (rendition_effects.photo)
- ``screenshot``     a Wing screen as captured (PNG at 1x/2x, or a messenger's JPEG)
- ``monitor_photo``  a phone photo of that screen on a monitor: pixel grid moiré, perspective, glare
- ``email``          a notice as a mail client saves it (.eml)

Every effect draws its parameters from the generator it is given and returns a short description
for the manifest.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter

from samples.gen import rendition_effects as fx
from samples.gen.rendition_docs import image_pdf

from .blocks import write_docx, write_pdf
from .common import Composed, Rng
from .values import chance, pick

DPI = 300


def rasterise(pdf: Path, dpi: int = DPI) -> list[Image.Image]:
    """The PDF's pages as the printer would put them on paper, at `dpi`."""
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return [doc[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in range(len(doc))]
    finally:
        doc.close()


def _save_image(img: Image.Image, path: Path, quality: int = 90, dpi: int | None = DPI) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    kwargs = {"dpi": (dpi, dpi)} if dpi else {}
    if path.suffix.lower() == ".png":
        img.save(path, optimize=True, **kwargs)
    else:
        img.convert("RGB").save(path, quality=quality, optimize=True, **kwargs)


def _pages(c: Composed, one_page: bool = False) -> list[Image.Image]:
    """The document printed. `one_page`: a phone photo shows one sheet, so a document that runs
    over is set smaller (type, spacing, margins) until it fits, as a seller would print it."""
    doc = c.doc
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "page.pdf"
        for _ in range(10):
            write_pdf(doc, pdf)
            pages = rasterise(pdf)
            if len(pages) == 1 or not one_page:
                return pages
            st = doc.style
            doc = replace(doc, style=replace(st, pt=max(6.0, st.pt - 0.5), line_height=max(1.15, st.line_height - 0.05),
                                             margins=tuple(max(6.0, m - 2) for m in st.margins)))
        return pages[:1]


def scan(pages: list[Image.Image], stem: Path, rng: Rng) -> tuple[Path, str]:
    """A good flatbed scan: straight, white; colour or grey; PNG, JPEG or an image-only PDF."""
    colour = chance(rng, 0.5)
    imgs = [p.filter(ImageFilter.GaussianBlur(0.4)) if colour else fx.clean(p) for p in pages]
    fmt = pick(rng, ["png", "jpg", "pdf"], p=[0.3, 0.45, 0.25]) if len(imgs) == 1 else "pdf"
    path = stem.with_suffix("." + fmt)
    if fmt == "pdf":
        image_pdf(path, imgs, DPI, quality=88)
    else:
        _save_image(imgs[0], path, quality=92)
    return path, f"scan {'colour' if colour else 'grey'} {fmt}"


def degraded_scan(pages: list[Image.Image], stem: Path, rng: Rng) -> tuple[Path, str]:
    """A poor scan or a fax: one or two of skew, noise, blur, uneven light; low JPEG quality; maybe 200 DPI."""
    effects = [str(e) for e in rng.choice(["skew", "noise", "blur", "light"], size=int(rng.integers(1, 3)), replace=False)]
    out, desc = [], []
    for page in pages:
        img = page
        for e in effects:
            if e == "skew":
                a = float(rng.uniform(0.6, 2.5)) * pick(rng, [-1, 1])
                img, tag = fx.skewed(img.convert("RGB"), rng, a), f"skew{a:+.1f}"
            elif e == "noise":
                s = float(rng.uniform(6, 14))
                img, tag = fx.noisy(img.convert("RGB"), rng, s), f"noise{s:.0f}"
            elif e == "blur":
                r = float(rng.uniform(1.0, 1.7))
                img, tag = fx.blurred(img.convert("RGB"), rng, r), f"blur{r:.1f}"
            else:
                img, tag = fx.uneven_light(img.convert("RGB"), rng), "light"
            if tag not in desc:
                desc.append(tag)
        out.append(img)
    dpi = DPI
    if chance(rng, 0.35):
        dpi = 200
        out = [i.resize((round(i.width * 2 / 3), round(i.height * 2 / 3)), Image.LANCZOS) for i in out]
        desc.append("200dpi")
    quality = int(rng.integers(30, 65))
    fmt = "pdf" if len(out) > 1 or chance(rng, 0.25) else "jpg"
    path = stem.with_suffix("." + fmt)
    if fmt == "pdf":
        image_pdf(path, out, dpi, quality=quality)
    else:
        _save_image(out[0], path, quality=quality, dpi=dpi)
    return path, f"degraded {'+'.join(desc)} q{quality} {fmt}"


def phone_photo(pages: list[Image.Image], stem: Path, rng: Rng) -> tuple[Path, str]:
    """The first page photographed on a desk: perspective, shadow, clutter, lamp light, soft lens."""
    page = pages[0]
    portrait = page.height >= page.width
    w = int(rng.integers(1800, 2400)) if portrait else int(rng.integers(2400, 3000))
    size = (w, round(w * 4 / 3)) if portrait else (w, round(w * 3 / 4))
    # The page's corners in the frame, clockwise from its top-left: a tilted phone pulls them unevenly.
    jitter = lambda lo, hi: float(rng.uniform(lo, hi))  # noqa: E731
    corners = [(jitter(0.03, 0.12), jitter(0.02, 0.09)), (jitter(0.88, 0.97), jitter(0.02, 0.1)),
               (jitter(0.88, 0.98), jitter(0.9, 0.98)), (jitter(0.02, 0.12), jitter(0.9, 0.98))]
    img = fx.photo(page.convert("RGB"), rng, size, corners, clutter=chance(rng, 0.6))
    quality = int(rng.integers(72, 92))
    path = stem.with_suffix(".jpg")
    _save_image(img, path, quality=quality, dpi=None)
    return path, f"photo {size[0]}x{size[1]} q{quality}"


def screenshot(img: Image.Image, stem: Path, rng: Rng) -> tuple[Path, str]:
    """A screen capture: PNG as taken, or the JPEG a messenger makes of it."""
    if chance(rng, 0.25):
        path = stem.with_suffix(".jpg")
        q = int(rng.integers(70, 90))
        _save_image(img, path, quality=q, dpi=None)
        return path, f"screenshot jpeg q{q} {img.width}x{img.height}"
    path = stem.with_suffix(".png")
    _save_image(img, path, dpi=None)
    return path, f"screenshot png {img.width}x{img.height}"


def monitor_photo(img: Image.Image, stem: Path, rng: Rng) -> tuple[Path, str]:
    """A phone photo of the screen: the pixel grid beats against the sensor (moiré), the monitor sits
    in perspective inside its bezel, a window's glare lies across it, the lens softens it all."""
    screen = np.asarray(img.convert("RGB"), dtype=np.float32)
    h, w = screen.shape[:2]
    up = 3 if w * h <= 1_400_000 else 2
    big = cv2.resize(screen, (w * up, h * up), interpolation=cv2.INTER_NEAREST)
    # The dark gaps between pixels and the RGB stripes of each pixel (broadcast, not materialised).
    rows = np.arange(h * up) % up == up - 1
    cols = np.arange(w * up) % up
    big *= np.where(rows, np.float32(0.72), np.float32(1.0))[:, None, None]
    big *= np.where(cols == up - 1, np.float32(0.72), np.float32(1.0))[None, :, None]
    big *= np.stack([(cols == k % up).astype(np.float32) * 0.35 + 0.65 for k in range(3)], axis=-1)[None, :, :]
    fw = int(rng.integers(2000, 2800))
    fh = round(fw * 3 / 4)
    if h > w:  # a phone's screen: photographed upright
        fw, fh = fh, fw
    jit = lambda lo, hi: float(rng.uniform(lo, hi))  # noqa: E731
    dst = np.float32([[jit(0.04, 0.14) * fw, jit(0.05, 0.16) * fh], [jit(0.86, 0.97) * fw, jit(0.03, 0.14) * fh],
                      [jit(0.87, 0.98) * fw, jit(0.85, 0.96) * fh], [jit(0.03, 0.13) * fw, jit(0.84, 0.97) * fh]])
    src = np.float32([[0, 0], [w * up, 0], [w * up, h * up], [0, h * up]])
    m = cv2.getPerspectiveTransform(src, dst)
    # INTER_LINEAR (not AREA) downsampling aliases the fine grid: that is the moiré.
    warped = cv2.warpPerspective(big, m, (fw, fh), flags=cv2.INTER_LINEAR, borderValue=(18, 18, 20))
    mask = cv2.warpPerspective(np.ones((h * up, w * up), np.float32), m, (fw, fh), flags=cv2.INTER_LINEAR)
    # Bezel and room: a dark frame a little larger than the screen, a dim room behind.
    room = np.full((fh, fw, 3), float(rng.uniform(40, 90)), np.float32)
    bezel = cv2.dilate(mask, np.ones((31, 31), np.uint8))
    scene = room * (1 - bezel[..., None]) + np.float32([22, 22, 24]) * bezel[..., None]
    brightness = float(rng.uniform(0.8, 1.05))
    scene = scene * (1 - mask[..., None]) + warped * brightness * mask[..., None]
    # Glare: a soft bright band across the screen from a window.
    yy2, xx2 = np.mgrid[0:fh, 0:fw].astype(np.float32)
    angle = float(rng.uniform(-0.8, 0.8))
    band = np.exp(-(((xx2 / fw - float(rng.uniform(0.2, 0.8))) + angle * (yy2 / fh - 0.5)) / 0.12) ** 2)
    scene = scene + float(rng.uniform(20, 60)) * band[..., None] * mask[..., None]
    scene = scene + rng.normal(0, 3.0, (fh, fw, 1)).astype(np.float32)
    out = Image.fromarray(np.clip(scene, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(float(rng.uniform(0.6, 1.2))))
    q = int(rng.integers(75, 92))
    path = stem.with_suffix(".jpg")
    _save_image(out, path, quality=q, dpi=None)
    return path, f"monitor photo {fw}x{fh} q{q}"


def render(c: Composed, rendition: str, stem: Path, rng: Rng) -> tuple[Path, str]:
    """Write `c` through `rendition` to `stem` + the suffix the rendition picks; (path, description)."""
    stem.parent.mkdir(parents=True, exist_ok=True)
    if rendition == "pdf":
        path = stem.with_suffix(".pdf")
        write_pdf(c.doc, path)
        return path, "born-digital pdf"
    if rendition == "docx":
        path = stem.with_suffix(".docx")
        write_docx(c.doc, path)
        return path, "docx"
    if rendition == "email":
        path = stem.with_suffix(".eml")
        c.email(path, rng)
        return path, "eml"
    if rendition in ("screenshot", "monitor_photo"):
        img = c.screen()
        return (screenshot if rendition == "screenshot" else monitor_photo)(img, stem, rng)
    pages = _pages(c, one_page=rendition == "photo")
    if rendition == "scan":
        return scan(pages, stem, rng)
    if rendition == "scan_degraded":
        return degraded_scan(pages, stem, rng)
    if rendition == "photo":
        return phone_photo(pages, stem, rng)
    raise ValueError(rendition)
