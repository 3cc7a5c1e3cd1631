"""Pictures at about 200 DPI where they are placed, so twenty phone photos fit under the upload limit.

Image exhibits are resampled when they are placed on A4 (`renderers.exhibits`); images inside an
uploaded PDF are found where its pages draw them and recompressed in place when they are much
sharper than that. Only the package's copy changes: the uploaded file, and the sha256 the index
and the manifest cite, stay those of the original.

Encoding: photos (what arrived as JPEG) stay JPEG; other pictures of few colours (screenshots,
stamps, line scans) become an indexed Flate image, lossless; anything else stays lossless unless
that costs more than twice the JPEG (a photo saved as PNG).
"""

from __future__ import annotations

import io
import logging
import math
import zlib
from dataclasses import dataclass

import numpy as np
import pikepdf
from PIL import Image

log = logging.getLogger(__name__)

TARGET_DPI = 200  # legible when printed; keeps a 12 MP phone photo from weighing 5 MB a page
#: An image inside a PDF is only re-encoded when it is this much sharper than the target.
RESAMPLE_ABOVE = 1.25
PHOTO_QUALITY = 85
DETAIL_QUALITY = 90  # non-photos that still go JPEG: no chroma subsampling, so coloured text keeps its edges
LOSSLESS_ALLOWANCE = 2.0  # lossless is kept while it costs at most this many times the JPEG
MAX_PIXELS = 64_000_000  # larger images inside a PDF are left alone rather than decoded into memory


@dataclass(frozen=True)
class Encoded:
    """Image stream bytes and what its dictionary must say about them."""

    data: bytes
    filter: pikepdf.Name
    width: int
    height: int
    gray: bool
    bits: int = 8
    palette: bytes | None = None  # Indexed lookup table, in the base colour space's components

    def colorspace(self, base: pikepdf.Object | None = None) -> pikepdf.Object:
        base = base if base is not None else (pikepdf.Name.DeviceGray if self.gray else pikepdf.Name.DeviceRGB)
        if self.palette is None:
            return base
        entries = len(self.palette) // (1 if self.gray else 3)
        return pikepdf.Array([pikepdf.Name.Indexed, base, entries - 1, pikepdf.String(self.palette)])

    def stream(self, pdf: pikepdf.Pdf) -> pikepdf.Stream:
        return pikepdf.Stream(pdf, self.data, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image,
                              Width=self.width, Height=self.height, ColorSpace=self.colorspace(),
                              BitsPerComponent=self.bits, Filter=self.filter)


def target_size(size: tuple[int, int], placed_pt: tuple[float, float], slack: float = 1.0) -> tuple[int, int] | None:
    """Pixels for TARGET_DPI at the placed size (points), or None when the image is not sharper than
    `slack` times that. Both axes keep the image's aspect ratio."""
    dpi = min(size[0] / (placed_pt[0] / 72), size[1] / (placed_pt[1] / 72))
    if dpi <= TARGET_DPI * slack:
        return None
    scale = TARGET_DPI / dpi
    return max(1, round(size[0] * scale)), max(1, round(size[1] * scale))


def resample(img: Image.Image, size: tuple[int, int]) -> Image.Image:
    """Lanczos, after a fast box reduction while the image is over three times too big."""
    return img.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


def encode(img: Image.Image, photo: bool) -> Encoded:
    """The smallest sensible stream for an RGB or L image (see the module docstring)."""
    gray = img.mode == "L"
    if photo:
        return Encoded(_jpeg(img, PHOTO_QUALITY, subsampling=-1), pikepdf.Name.DCTDecode, *img.size, gray)
    indexed = _indexed(img)
    if indexed is not None:
        return indexed
    jpeg = _jpeg(img, DETAIL_QUALITY, subsampling=0)
    flate = zlib.compress(img.tobytes(), 6)
    if len(flate) <= LOSSLESS_ALLOWANCE * len(jpeg):
        return Encoded(flate, pikepdf.Name.FlateDecode, *img.size, gray)
    return Encoded(jpeg, pikepdf.Name.DCTDecode, *img.size, gray)


def _jpeg(img: Image.Image, quality: int, subsampling: int) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality, optimize=True, subsampling=subsampling)
    return buf.getvalue()


def _indexed(img: Image.Image) -> Encoded | None:
    """An exact palette image when there are few colours: 1, 2, 4 or 8 bits a pixel, Flate."""
    limit = 256 if img.mode == "RGB" else 16  # a grey image only gains when the index is narrower than 8 bits
    if img.getcolors(limit) is None:
        return None
    pixels = np.asarray(img, dtype=np.uint32)
    if img.mode == "RGB":  # one integer per colour, so the search is over a flat array
        pixels = (pixels[..., 0] << 16) | (pixels[..., 1] << 8) | pixels[..., 2]
    colours, index = np.unique(pixels.reshape(-1), return_inverse=True)
    bits = next(b for b in (1, 2, 4, 8) if len(colours) <= 1 << b)
    indices = Image.frombytes("P", img.size, index.astype(np.uint8).tobytes())
    data = zlib.compress(indices.tobytes("raw", "P" if bits == 8 else f"P;{bits}"), 9)
    if img.mode == "RGB":
        colours = np.stack([colours >> 16, colours >> 8, colours], axis=-1) & 0xFF
    return Encoded(data, pikepdf.Name.FlateDecode, *img.size, img.mode == "L", bits,
                   colours.astype(np.uint8).tobytes())


# --- images inside an uploaded PDF ---------------------------------------------------------------

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
MAX_FORM_DEPTH = 8
UNDECODABLE = (pikepdf.PdfError, pikepdf.UnsupportedImageTypeError, NotImplementedError, OSError, ValueError)


def _then(m: Matrix, n: Matrix) -> Matrix:
    """m applied first, then n (PDF row-vector convention: m × n)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)


def image_placements(pdf: pikepdf.Pdf) -> dict[tuple[int, int], tuple[pikepdf.Object, float, float]]:
    """Every image XObject a page draws (directly or through forms): the largest size it is drawn at, in points."""
    found: dict[tuple[int, int], tuple[pikepdf.Object, float, float]] = {}
    for number, page in enumerate(pdf.pages, start=1):
        try:
            _walk(page.obj, page.obj.get("/Resources"), IDENTITY, found, 0)
        except pikepdf.PdfError as exc:  # a damaged content stream: its images stay as uploaded
            log.info("page %d not searched for images: %s", number, exc)
    return found


def _walk(content: pikepdf.Object, resources: pikepdf.Object | None, ctm: Matrix,
          found: dict, depth: int) -> None:
    xobjects = resources.get("/XObject") if isinstance(resources, pikepdf.Dictionary) else None
    stack: list[Matrix] = []
    for operands, operator in pikepdf.parse_content_stream(content, "q Q cm Do"):
        op = str(operator)
        if op == "q":
            stack.append(ctm)
        elif op == "Q":
            ctm = stack.pop() if stack else ctm
        elif op == "cm" and len(operands) == 6:
            ctm = _then(tuple(float(v) for v in operands), ctm)
        elif op == "Do" and xobjects is not None and operands and operands[0] in xobjects:
            xobj = xobjects[operands[0]]
            subtype = xobj.get("/Subtype")
            if subtype == pikepdf.Name.Image and xobj.is_indirect:
                width, height = math.hypot(ctm[0], ctm[1]), math.hypot(ctm[2], ctm[3])
                _, w0, h0 = found.get(xobj.objgen, (xobj, 0.0, 0.0))
                found[xobj.objgen] = (xobj, max(w0, width), max(h0, height))
            elif subtype == pikepdf.Name.Form and depth < MAX_FORM_DEPTH:
                matrix = tuple(float(v) for v in xobj.get("/Matrix", IDENTITY))
                _walk(xobj, xobj.get("/Resources", resources), _then(matrix, ctm), found, depth + 1)


def downsample_pdf_images(pdf: pikepdf.Pdf) -> int:
    """Re-encode, in this in-memory copy, every image drawn well above TARGET_DPI; returns how many.

    An image this code cannot safely rewrite (unusual colour spaces, masks by colour key, decode
    arrays, more than 8 bits, undecodable data) is left exactly as it was.
    """
    changed = 0
    for obj, width_pt, height_pt in image_placements(pdf).values():
        if width_pt < 1 or height_pt < 1:
            continue
        try:
            changed += _downsample(obj, (width_pt, height_pt))
        except UNDECODABLE as exc:
            log.info("image %s left as uploaded: %s", obj.objgen, exc)
    return changed


def _rewritable(obj: pikepdf.Object) -> bool:
    if obj.get("/ImageMask", False) or "/Decode" in obj or int(obj.get("/BitsPerComponent", 0)) != 8:
        return False
    if isinstance(obj.get("/Mask"), pikepdf.Array) or "/SMaskInData" in obj:  # masks tied to exact samples
        return False
    return int(obj.Width) * int(obj.Height) <= MAX_PIXELS


def _base_space(obj: pikepdf.Object) -> tuple[pikepdf.Object, str] | None:
    """The image's colour space and the Pillow mode its samples decode to, when that is RGB or grey."""
    space = obj.get("/ColorSpace")
    if space == pikepdf.Name.DeviceRGB:
        return space, "RGB"
    if space == pikepdf.Name.DeviceGray:
        return space, "L"
    if isinstance(space, pikepdf.Array) and len(space) == 2 and space[0] == pikepdf.Name.ICCBased:
        components = int(space[1].get("/N", 0))
        return {3: (space, "RGB"), 1: (space, "L")}.get(components)
    return None


def _filters(obj: pikepdf.Object) -> list[pikepdf.Object]:
    filters = obj.get("/Filter")
    return list(filters) if isinstance(filters, pikepdf.Array) else [filters] if filters is not None else []


def _decoded(obj: pikepdf.Object, size: tuple[int, int]) -> Image.Image:
    """The pixels; a lone JPEG is decoded by Pillow at a reduced scale when that is enough."""
    if _filters(obj) == [pikepdf.Name.DCTDecode]:
        img = Image.open(io.BytesIO(obj.read_raw_bytes()))
        img.draft(img.mode, size)
        img.load()
        return img
    return pikepdf.PdfImage(obj).as_pil_image()


def _is_photo(obj: pikepdf.Object) -> bool:
    return bool({pikepdf.Name.DCTDecode, pikepdf.Name.JPXDecode} & set(_filters(obj)))


def _downsample(obj: pikepdf.Object, placed_pt: tuple[float, float]) -> bool:
    base = _base_space(obj)
    if base is None or not _rewritable(obj):
        return False
    size = target_size((int(obj.Width), int(obj.Height)), placed_pt, RESAMPLE_ABOVE)
    if size is None:
        return False
    img = _decoded(obj, size)
    space, mode = base
    if img.mode != mode:  # e.g. an Adobe CMYK JPEG behind an RGB label: not ours to reinterpret
        return False
    encoded = encode(resample(img, size), _is_photo(obj))
    if len(encoded.data) >= len(obj.read_raw_bytes()):
        return False
    obj.write(encoded.data, filter=encoded.filter)
    obj.Width, obj.Height, obj.BitsPerComponent = encoded.width, encoded.height, encoded.bits
    obj.ColorSpace = encoded.colorspace(space)
    if "/DecodeParms" in obj:
        del obj["/DecodeParms"]
    return True
