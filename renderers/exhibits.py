"""Every exhibit as PDF pages: PDFs as they are, images placed on A4, text documents as transcripts."""

from __future__ import annotations

import io
import zlib
from pathlib import Path

import pikepdf
from PIL import Image, ImageOps, ImageSequence

from casefile.evidence import EvidenceItem
from casefile.pages import Page
from renderers.stamps import upright_size
from renderers.textlayer import Placement, add_text_layers, needs_layer
from renderers.typeset import render_pdf, render_html

A4 = (595.276, 841.89)  # points
MARGIN = 42.5  # 15 mm
TOP_RESERVE = 56.7  # 20 mm kept clear for the exhibit label
TARGET_DPI = 200  # legible when printed; keeps a 12 MP phone photo from weighing 5 MB a page

IMAGE_TYPES = {"image/png", "image/jpeg", "image/tiff", "image/webp"}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".webp"}


def exhibit_pdf(item: EvidenceItem) -> pikepdf.Pdf:
    """The exhibit's pages, unstamped; scanned pages carry our OCR as invisible text."""
    path = Path(item.abs_path)
    suffix = path.suffix.lower()
    if item.media_type == "application/pdf" or suffix == ".pdf":
        pdf = pikepdf.open(path)
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
        lossy = (img.format or "").upper() == "JPEG"
        for i, frame in enumerate(ImageSequence.Iterator(img)):
            placement = _add_image_page(pdf, ImageOps.exif_transpose(frame.copy()), lossy)
            read = read_pages[i] if i < len(read_pages) else None
            if needs_layer(read):
                layers.append((len(pdf.pages) - 1, read, placement))
    add_text_layers(pdf, layers)
    return pdf


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
    if img.mode in ("RGBA", "LA", "P", "PA"):
        img = img.convert("RGBA")
        canvas = Image.new("RGB", img.size, (255, 255, 255))
        canvas.paste(img, mask=img.getchannel("A"))
        return canvas
    return img.convert("RGB") if img.mode != "RGB" else img


def _add_image_page(pdf: pikepdf.Pdf, img: Image.Image, lossy: bool) -> Placement:
    img = _flatten(img)
    w_pt, h_pt = _fit(*img.size)
    max_px = (round(w_pt / 72 * TARGET_DPI), round(h_pt / 72 * TARGET_DPI))
    if img.size[0] > max_px[0]:
        img = img.resize(max_px, Image.Resampling.LANCZOS)
    # Photos stay JPEG; screenshots and scans of text stay lossless so small print keeps its edges.
    if lossy:
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=85, optimize=True)
        data, filt = buf.getvalue(), pikepdf.Name.DCTDecode
    else:
        data, filt = zlib.compress(img.tobytes(), 9), pikepdf.Name.FlateDecode
    image = pikepdf.Stream(pdf, data, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image,
                           Width=img.size[0], Height=img.size[1], ColorSpace=pikepdf.Name.DeviceRGB,
                           BitsPerComponent=8, Filter=filt)
    x = (A4[0] - w_pt) / 2
    y = MARGIN + (A4[1] - 2 * MARGIN - TOP_RESERVE - h_pt)  # top-aligned under the label area
    page = pdf.add_blank_page(page_size=A4)
    name = page.add_resource(image, pikepdf.Name.XObject, prefix="Im")
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
