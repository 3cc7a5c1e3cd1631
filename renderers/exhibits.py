"""Every exhibit as PDF pages: PDFs as they are, images placed on A4, text documents as transcripts."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
from PIL import ExifTags, Image, ImageOps, ImageSequence

from casefile.evidence import EvidenceItem
from casefile.pages import Page
from renderers.downsample import (
    TARGET_DPI,  # noqa: F401  (re-exported: the resolution pictures are placed at)
    Encoded,
    downsample_pdf_images,
    encode,
    resample,
    target_size,
)
from renderers.stamps import add_xobject, upright_size
from renderers.textlayer import Placement, add_text_layers, needs_layer
from renderers.typeset import render_html, render_pdf

A4 = (595.276, 841.89)  # points
MARGIN = 42.5  # 15 mm
TOP_RESERVE = 56.7  # 20 mm kept clear for the exhibit label
TURNED = {5, 6, 7, 8}  # EXIF orientations that swap width and height

IMAGE_TYPES = {"image/png", "image/jpeg", "image/tiff", "image/webp"}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".webp"}


def exhibit_pdf(item: EvidenceItem) -> pikepdf.Pdf:
    """The exhibit's pages, unstamped; scanned pages carry our OCR as invisible text.

    Pictures come out at about TARGET_DPI where they are placed (`renderers.downsample`); the file
    at `abs_path` is only read, never changed.
    """
    path = Path(item.abs_path)
    suffix = path.suffix.lower()
    if item.media_type == "application/pdf" or suffix == ".pdf":
        pdf = pikepdf.open(path)
        downsample_pdf_images(pdf)
        _layer_scanned_pdf_pages(pdf, item.pages)
        return pdf
    if item.media_type in IMAGE_TYPES or suffix in IMAGE_SUFFIXES:
        return image_pdf(path, item.pages)
    return transcript_pdf(item)


def image_pdf(path: Path, read_pages: list[Page] = ()) -> pikepdf.Pdf:
    """One A4 page per image frame (multi-page TIFFs included), fitted inside the margins."""
    pdf = pikepdf.new()
    layers = []
    with Image.open(path) as img:
        jpeg = (img.format or "").upper() == "JPEG"
        original = _draft_jpeg(img, path) if jpeg else None
        for i, frame in enumerate(ImageSequence.Iterator(img)):
            placement = _add_image_page(pdf, frame, jpeg, original)
            read = read_pages[i] if i < len(read_pages) else None
            if needs_layer(read):
                layers.append((len(pdf.pages) - 1, read, placement))
    add_text_layers(pdf, layers)
    return pdf


def _draft_jpeg(img: Image.Image, path: Path) -> bytes | None:
    """Let libjpeg decode a big photo at 1/2, 1/4 or 1/8 scale when that still leaves enough pixels.

    Returns the file's bytes when they can be placed as they are (no scaling, no turning needed)."""
    orientation = img.getexif().get(ExifTags.Base.Orientation, 1)
    turned = orientation in TURNED
    upright = img.size[::-1] if turned else img.size
    wanted = target_size(upright, _fit(*upright))
    if wanted is not None:
        img.draft(img.mode, wanted[::-1] if turned else wanted)
        return None
    return path.read_bytes() if orientation == 1 and img.mode in ("RGB", "L") else None


def _layer_scanned_pdf_pages(pdf: pikepdf.Pdf, read_pages: list[Page]) -> None:
    """A scanned PDF page (read by OCR) gets its text over the whole visible page."""
    layers = []
    for i, read in enumerate(read_pages[: len(pdf.pages)]):
        if needs_layer(read):
            w, h = upright_size(pdf.pages[i])
            layers.append((i, read, Placement(0, 0, w, h)))
    add_text_layers(pdf, layers)


def _fit(width_px: int, height_px: int) -> tuple[float, float]:
    """Placed size in points: as large as fits the printable box, so small text stays readable."""
    box_w, box_h = A4[0] - 2 * MARGIN, A4[1] - 2 * MARGIN - TOP_RESERVE
    scale = min(box_w / width_px, box_h / height_px)
    return width_px * scale, height_px * scale


def _flatten(img: Image.Image) -> Image.Image:
    """RGB, or L for a grey picture; transparency over white paper."""
    if img.mode in ("RGBA", "LA", "P", "PA"):
        grey = img.mode == "LA"
        img = img.convert("RGBA")
        canvas = Image.new("RGB", img.size, (255, 255, 255))
        canvas.paste(img, mask=img.getchannel("A"))
        return canvas.convert("L") if grey else canvas
    if img.mode in ("1", "L"):
        return img.convert("L")
    return img.convert("RGB") if img.mode != "RGB" else img


def _add_image_page(pdf: pikepdf.Pdf, frame: Image.Image, photo: bool, original: bytes | None) -> Placement:
    img = _flatten(ImageOps.exif_transpose(frame.copy()))
    w_pt, h_pt = _fit(*img.size)
    wanted = target_size(img.size, (w_pt, h_pt))
    if wanted is not None:
        img = resample(img, wanted)
    encoded = encode(img, photo)
    if original is not None and len(original) < len(encoded.data):
        encoded = Encoded(original, pikepdf.Name.DCTDecode, *img.size, img.mode == "L")  # the upload, untouched
    image = encoded.stream(pdf)
    x = (A4[0] - w_pt) / 2
    y = MARGIN + (A4[1] - 2 * MARGIN - TOP_RESERVE - h_pt)  # top-aligned under the label area
    page = pdf.add_blank_page(page_size=A4)
    name = add_xobject(page, image, "Im")
    page.contents_add(pikepdf.Stream(pdf, f"q {w_pt:.3f} 0 0 {h_pt:.3f} {x:.3f} {y:.3f} cm {name} Do Q".encode()))
    return Placement(x, A4[1] - y - h_pt, w_pt, h_pt)


def transcript_pdf(item: EvidenceItem) -> pikepdf.Pdf:
    """DOCX, e-mail and plain text: what was read, typeset on A4 and titled as a copy of the original."""
    pages = [p.text for p in item.pages if p.text.strip()]
    if not pages:
        pages = [_read_plain(Path(item.abs_path))]
    html = render_html("transcript.html.j2", document=item.exhibit.document, pages=pages)
    return pikepdf.open(io.BytesIO(render_pdf(html)))


def _read_plain(path: Path) -> str:
    """Last resort when the reader gave no text: the file itself, if it is text at all."""
    if path.suffix.lower() not in {".txt", ".eml"}:
        return ""
    data = path.read_bytes()
    for encoding in ("utf-8", "cp949", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")
