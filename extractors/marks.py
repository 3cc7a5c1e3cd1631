"""What makes an authorization letter binding, seen on the document itself.

`signature_kind` answers, in the order a reviewer trusts them: a digital signature that
validates, else a red seal (직인/인감/公章) impression, else handwritten ink at the signature line,
else `none` (a printed "(인)" with nothing on it). The marks are looked for on the document's own
page images near the signature cues the reader located (rules/authorization_fields.toml
[signature]), and in the lower half of the last page, where letters are signed. A DOCX has no
page image: its body pictures are judged instead (a stamp picture, a scanned pen signature).
`None` means the file could not be looked at, which is not the same as unsigned.

Scale matters more than pixels: a seal is 1.5–5 cm across (DOMAIN.md §4.4), handwriting is
larger than the print around it. Every size is therefore in centimetres of the page, from the
render resolution for PDFs and from an A4 page width for photos and scans.
"""

from __future__ import annotations

import io
import logging
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageOps

from casefile.codes import SignatureKind
from casefile.pages import Page, ReadResult
from extractors import filetype
from extractors.signatures import pdf_signatures
from extractors.textmatch import normalize, squeeze

log = logging.getLogger(__name__)

RULES = Path(__file__).parent / "rules" / "authorization_fields.toml"
Box = tuple[int, int, int, int]  # left, top, width, height in image pixels

RENDER_DPI = 150
A4_WIDTH_CM = 21.0
MAX_PAGES_LOOKED_AT = 4  # signature pages are the last ones; a 50-page scan is not rendered whole
MAX_CUES = 6  # the last cues of a document are its signature block

# Seal: red or vermilion (OpenCV hue 0-180 wraps around red), saturated enough that pink paper,
# skin tones in a photo and anti-aliased black text do not qualify.
RED_HUE_LOW, RED_HUE_HIGH, RED_MIN_SAT, RED_MIN_VAL = 12, 165, 70, 70
SEAL_MIN_CM, SEAL_MAX_CM = 1.0, 6.5  # 1.5-5 cm printed, widened for photos taken off-square or cropped
SEAL_MIN_ASPECT = 0.6  # round or square, not a header rule or a line of red title text
SEAL_MIN_SOLIDITY = 0.6  # outline area / box area: circle 0.79, square ~1, a red glyph far less
SEAL_MIN_CONVEXITY = 0.85  # outline area / hull area: a ring or frame is convex, most glyphs are not
SEAL_MIN_PLAIN_GROUND = 0.6  # share of unsaturated pixels between the strokes (paper, black print, blur)
SEAL_INK = (0.08, 0.92)  # red share inside the outline: ring + legend; a solid red dot is a logo
# Two looks: first with breaks in a ring bridged, then with a borderless seal's glyphs glued
# together (bigger, and it must stand further apart from other red, unlike a line of red title).
SEAL_PASSES = ({"close_cm": 0.06, "clear_cm": 0.15, "min_cm": SEAL_MIN_CM, "convexity": SEAL_MIN_CONVEXITY},
               {"close_cm": 0.2, "clear_cm": 0.3, "min_cm": 1.5, "convexity": 0.0})

# Ink: dark or blue strokes clearly larger than the print beside them, thin, and not sitting in
# a row of same-sized shapes on a shared baseline the way printed glyphs do.
BLUE_HUE = (95, 135)
INK_MIN_HEIGHT = 1.6  # x the cue's text height
INK_MIN_WIDTH = 3.0  # ... or this wide and at least INK_FLAT_HEIGHT high (a flat flourish)
INK_FLAT_HEIGHT = 0.6
INK_MAX_FILL = 0.35  # stroke pixels / box area: a pen line, not a filled logo or a photo
INK_MAX_CM = (10.0, 5.0)
INK_MIN_AREA_CM2 = 0.04
RULE_CM = 1.2  # straight runs this long are ruled lines and cell borders, not handwriting
DEFAULT_TEXT_CM = 0.4  # 11-12 pt print, when no cue box tells the text height
PEN_PICTURE_MIN_BLANK = 0.8  # share of paper in a picture that is only a signature


@dataclass(frozen=True)
class Mark:
    """A seal impression or handwriting found on a page image."""

    kind: str  # "seal" | "ink"
    box: Box
    page: int | None = None
    detail: str = ""


@dataclass
class _View:
    """One page as an RGB image, with its scale and the signature cues located on it."""

    number: int
    image: np.ndarray
    px_per_cm: float
    cues: list[Box] = field(default_factory=list)
    last: bool = False


# -- the verdict ---------------------------------------------------------------------------


def signature_kind(path: Path | None, media_type: str, read: ReadResult) -> SignatureKind | None:
    """How the letter is signed; None when the file gives nothing to look at (text, e-mail)."""
    if _digitally_signed(path, media_type, read):
        return SignatureKind.digital
    if path is None:
        return None
    try:
        return _visible_signature(Path(path), media_type, read)
    except Exception as exc:  # noqa: BLE001 - a file the reader managed but we cannot render or parse
        log.warning("cannot look at %s for a signature: %s: %s", Path(path).name, type(exc).__name__, exc)
        return None


def _visible_signature(path: Path, media_type: str, read: ReadResult) -> SignatureKind | None:
    if media_type == filetype.DOCX:
        return docx_signature(path)
    if media_type != filetype.PDF and media_type not in filetype.IMAGES:
        return None  # plain text and e-mail bodies show nothing either way
    views = list(_views(path, media_type, read))
    if not views:
        return None
    if any(_seal_on(v) for v in views):
        return SignatureKind.seal
    if any(_ink_on(v) for v in views):
        return SignatureKind.handwritten
    return SignatureKind.none


def _digitally_signed(path: Path | None, media_type: str, read: ReadResult) -> bool:
    """A signature that validates; an untrusted (self-signed) one still counts, its trust is reported."""
    signatures = read.signatures
    if not signatures and path is not None and media_type == filetype.PDF and read.has_signature_field:
        signatures = pdf_signatures(Path(path))
    return any(s.intact and s.valid for s in signatures)


def _seal_on(view: _View) -> Mark | None:
    h, w = view.image.shape[:2]
    across, down = (round(8 * view.px_per_cm),) * 2, (round(4 * view.px_per_cm),) * 2
    regions = [_around(c, across, down, (w, h)) for c in view.cues]
    if view.last:
        regions.append((0, h // 2, w, h - h // 2))
    for region in regions:
        mark = find_seal(_crop(view.image, region), view.px_per_cm)
        if mark is not None:
            return Mark("seal", _shift(mark.box, region), view.number, mark.detail)
    return None


def _ink_on(view: _View) -> Mark | None:
    boxes: list[Box | None] = list(view.cues) or ([None] if view.last else [])
    for box in boxes:
        mark = find_ink(view.image, box, view.px_per_cm)
        if mark is not None:
            return Mark("ink", mark.box, view.number, mark.detail)
    return None


# -- seals ---------------------------------------------------------------------------------


def find_seal(image: Image.Image | np.ndarray, px_per_cm: float | None = None) -> Mark | None:
    """A red stamp impression: a compact round or square red shape of seal size."""
    rgb = _rgb(image)
    ppc = px_per_cm or _a4_scale(rgb)
    red = _red_mask(rgb)
    if cv2.countNonZero(red) < (0.3 * ppc) ** 2:
        return None
    for look in SEAL_PASSES:
        size = max(1, round(look["close_cm"] * ppc))
        closed = cv2.morphologyEx(red, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size)))
        contours, _ = cv2.findContours(closed, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        for contour in sorted(contours, key=cv2.contourArea, reverse=True):
            mark = _seal_shape(contour, rgb, red, ppc, look)
            if mark is not None:
                return mark
    return None


def _seal_shape(contour: np.ndarray, rgb: np.ndarray, red: np.ndarray, ppc: float, look: dict) -> Mark | None:
    x, y, w, h = cv2.boundingRect(contour)
    if not look["min_cm"] * ppc <= max(w, h) <= SEAL_MAX_CM * ppc:
        return None
    if min(w, h) / max(w, h) < SEAL_MIN_ASPECT:
        return None
    area = cv2.contourArea(contour)
    if area / (w * h) < SEAL_MIN_SOLIDITY:
        return None
    if area / max(cv2.contourArea(cv2.convexHull(contour)), 1.0) < look["convexity"]:
        return None
    inside = np.zeros_like(red)
    cv2.drawContours(inside, [contour], -1, 255, thickness=cv2.FILLED)
    ink = cv2.countNonZero(cv2.bitwise_and(red, inside)) / max(area, 1.0)
    if not SEAL_INK[0] <= ink <= SEAL_INK[1]:
        return None
    if not _clear_around(red, (x, y, w, h), max(2, round(look["clear_cm"] * ppc))):
        return None
    if not _plain_ground(rgb, red, inside):
        return None
    detail = f"red {w / ppc:.1f}x{h / ppc:.1f} cm, solidity {area / (w * h):.2f}, ink {ink:.2f}"
    return Mark("seal", (x, y, w, h), detail=detail)


def _red_mask(rgb: np.ndarray) -> np.ndarray:
    hsv = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)
    hue, sat, val = hsv[..., 0], hsv[..., 1], hsv[..., 2]
    red = ((hue <= RED_HUE_LOW) | (hue >= RED_HUE_HIGH)) & (sat >= RED_MIN_SAT) & (val >= RED_MIN_VAL)
    return red.astype(np.uint8) * 255


def _plain_ground(rgb: np.ndarray, red: np.ndarray, inside: np.ndarray) -> bool:
    """Between a seal's red strokes lies paper or printed text (unsaturated), not a colour photo."""
    between = cv2.bitwise_and(inside, cv2.bitwise_not(red)) > 0
    if not between.any():
        return True
    saturation = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)[..., 1][between]
    return float(np.mean(saturation < RED_MIN_SAT)) >= SEAL_MIN_PLAIN_GROUND


def _clear_around(mask: np.ndarray, box: Box, margin: int) -> bool:
    """No other marks of the mask in a ring of `margin` around the box."""
    x, y, w, h = box
    H, W = mask.shape[:2]
    x0, y0, x1, y1 = max(0, x - margin), max(0, y - margin), min(W, x + w + margin), min(H, y + h + margin)
    ring = cv2.countNonZero(mask[y0:y1, x0:x1]) - cv2.countNonZero(mask[y:y + h, x:x + w])
    return ring <= 0.02 * w * h


# -- handwriting ---------------------------------------------------------------------------


def find_ink(image: Image.Image | np.ndarray, near_box: Box | None,
             px_per_cm: float | None = None) -> Mark | None:
    """Handwritten strokes right of or under the signature cue at `near_box` (image pixels).

    Without a cue box the lower half of the page is searched. Printed text alone, "(인)"
    included, gives None: its shapes are no taller than the print and sit on shared baselines.
    """
    rgb = _rgb(image)
    ppc = px_per_cm or _a4_scale(rgb)
    h, w = rgb.shape[:2]
    if near_box is None:
        region, text_h = (0, h // 2, w, h - h // 2), DEFAULT_TEXT_CM * ppc
    else:
        region = _around(near_box, (round(3 * ppc), round(9 * ppc)), (round(2.5 * ppc), round(3 * ppc)), (w, h))
        text_h = min(max(near_box[3], 0.2 * ppc), 0.8 * ppc)  # a cue box is one line of print
    return _strokes_in(rgb, region, text_h, ppc)


def _strokes_in(rgb: np.ndarray, region: Box, text_h: float, ppc: float) -> Mark | None:
    mask = _without_rules(_ink_mask(_crop(rgb, region), ppc), ppc)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    shapes = [tuple(int(v) for v in stats[i]) for i in range(1, count)]
    strokes = [s for i, s in enumerate(shapes, start=1)
               if _strokelike(s, text_h, ppc) and not _on_printed_line(s, shapes) and not _is_outline(labels, i, s)]
    if not strokes:
        return None
    box = _shift(_union([s[:4] for s in strokes]), region)
    return Mark("ink", box, detail=f"{len(strokes)} stroke group(s), text height {text_h / ppc:.2f} cm")


def _ink_mask(rgb: np.ndarray, ppc: float) -> np.ndarray:
    """Dark pixels against their local paper (uneven light in photos), and blue pen; never red."""
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    block = max(3, round(0.6 * ppc) | 1)
    dark = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 20)
    dark &= ((gray < 170).astype(np.uint8) * 255)
    hsv = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)
    blue = (hsv[..., 0] >= BLUE_HUE[0]) & (hsv[..., 0] <= BLUE_HUE[1]) & (hsv[..., 1] >= 60) & (hsv[..., 2] >= 40)
    mask = dark | (blue.astype(np.uint8) * 255)
    return mask & ~_red_mask(rgb)


def _without_rules(mask: np.ndarray, ppc: float) -> np.ndarray:
    """The mask with long straight horizontal and vertical runs (signature lines, table borders) removed."""
    length = max(3, round(RULE_CM * ppc))
    rules = cv2.morphologyEx(mask, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1)))
    rules |= cv2.morphologyEx(mask, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, length)))
    return mask & ~cv2.dilate(rules, np.ones((3, 3), np.uint8))


def _strokelike(shape: tuple[int, ...], text_h: float, ppc: float) -> bool:
    _, _, w, h, area = shape
    tall = h >= INK_MIN_HEIGHT * text_h
    wide = w >= INK_MIN_WIDTH * text_h and h >= INK_FLAT_HEIGHT * text_h
    if not (tall or wide):
        return False
    if w > INK_MAX_CM[0] * ppc or h > INK_MAX_CM[1] * ppc:
        return False
    return area / (w * h) <= INK_MAX_FILL and area >= INK_MIN_AREA_CM2 * ppc * ppc


def _is_outline(labels: np.ndarray, index: int, shape: tuple[int, ...]) -> bool:
    """A closed round or square outline (a stamp's ring in blue or black, a drawn frame): not a hand."""
    x, y, w, h, _ = shape
    if min(w, h) / max(w, h) < SEAL_MIN_ASPECT:
        return False
    part = (labels[y:y + h, x:x + w] == index).astype(np.uint8)
    contours, _ = cv2.findContours(part, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    outer = max(contours, key=cv2.contourArea)
    area = cv2.contourArea(outer)
    return area / (w * h) >= SEAL_MIN_SOLIDITY and area / max(cv2.contourArea(cv2.convexHull(outer)), 1.0) >= 0.9


def _on_printed_line(shape: tuple[int, ...], shapes: list[tuple[int, ...]]) -> bool:
    """Three or more shapes of the same height on the same baseline: a line of (large) print."""
    x, y, w, h, _ = shape
    bottom = y + h
    peers = [s for s in shapes if s is not shape and 0.7 * h <= s[3] <= 1.3 * h
             and abs(s[1] + s[3] - bottom) <= 0.15 * h]
    return len(peers) >= 3


# -- DOCX ----------------------------------------------------------------------------------


def docx_signature(path: Path) -> SignatureKind:
    """A picture in the document body: a red stamp (seal) or a pen signature on blank ground
    (handwritten), judged at the size the document shows it; else `none`."""
    kind = SignatureKind.none
    for image, width_cm in _docx_pictures(path):
        rgb = _rgb(image)
        ppc = rgb.shape[1] / width_cm if width_cm else rgb.shape[1] / 3.0
        if find_seal(rgb, ppc) is not None:
            return SignatureKind.seal
        if kind is SignatureKind.none and _is_pen_signature(rgb, ppc):
            kind = SignatureKind.handwritten
    return kind


def _is_pen_signature(rgb: np.ndarray, ppc: float) -> bool:
    """Strokes on an otherwise blank picture (a scanned or drawn signature), not a photo or a chart."""
    blank = np.mean(cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY) > 200)
    if blank < PEN_PICTURE_MIN_BLANK:
        return False
    h, w = rgb.shape[:2]
    return _strokes_in(rgb, (0, 0, w, h), DEFAULT_TEXT_CM * ppc, ppc) is not None


_EMU_PER_CM = 360000


def _docx_pictures(path: Path) -> Iterator[tuple[Image.Image, float | None]]:
    """Body pictures (inline or floating) with their displayed width; header logos are not body."""
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(str(path))
    part = document.part
    for drawing in part.element.body.iter(qn("w:drawing")):
        extent = next(drawing.iter(qn("wp:extent")), None)
        width_cm = int(extent.get("cx")) / _EMU_PER_CM if extent is not None and extent.get("cx") else None
        for blip in drawing.iter(qn("a:blip")):
            rel = blip.get(qn("r:embed"))
            target = part.related_parts.get(rel) if rel else None
            if target is None:
                continue
            try:
                yield Image.open(io.BytesIO(target.blob)), width_cm
            except Exception:  # noqa: BLE001 - EMF/WMF and other pictures Pillow cannot open
                continue


# -- page images ---------------------------------------------------------------------------


def _views(path: Path, media_type: str, read: ReadResult) -> Iterator[_View]:
    """The pages worth looking at: those with signature cues, and the last page."""
    pages = read.pages
    if not pages:
        return
    cues = {p.number: _cue_words(p) for p in pages}
    wanted = [p for p in pages if cues[p.number]][-MAX_PAGES_LOOKED_AT + 1:]
    if pages[-1] not in wanted:
        wanted.append(pages[-1])
    images = _pdf_images if media_type == filetype.PDF else _file_images
    for page, (image, ppc, turn) in zip(wanted, images(path, [p.number for p in wanted])):
        image = _turned(image, (page.rotation - turn) % 360)
        boxes = [_to_pixels(b, page, image.size) for b in cues[page.number]]
        yield _View(page.number, np.asarray(image.convert("RGB")), ppc, boxes, page is pages[-1])


def _pdf_images(path: Path, numbers: list[int]) -> Iterator[tuple[Image.Image, float, int]]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        for number in numbers:
            page = doc[number - 1]
            yield page.render(scale=RENDER_DPI / 72).to_pil(), RENDER_DPI / 2.54, page.get_rotation()
    finally:
        doc.close()


def _file_images(path: Path, numbers: list[int]) -> Iterator[tuple[Image.Image, float, int]]:
    with Image.open(path) as img:
        for number in numbers:
            img.seek(number - 1)
            turn = {3: 180, 4: 180, 5: 90, 6: 90, 7: 270, 8: 270}.get(img.getexif().get(0x0112, 1), 0)
            upright = ImageOps.exif_transpose(img.copy())  # phone photos keep their turn in EXIF
            yield upright, _a4_scale(np.asarray(upright)), turn


def _turned(image: Image.Image, clockwise: int) -> Image.Image:
    """The image turned the way OCR turned it (OSD), so the word boxes land on it."""
    return image.rotate(-clockwise, expand=True) if clockwise else image


# -- signature cues ------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _cues() -> tuple[frozenset[str], tuple[str, ...]]:
    """Cues that must be a whole word (one character: 印) and cues found inside a word."""
    with RULES.open("rb") as fh:
        terms = [squeeze(normalize(t)).casefold() for t in tomllib.load(fh)["signature"]["cues"]]
    return frozenset(t for t in terms if len(t) == 1), tuple(t for t in terms if len(t) > 1)


def _cue_words(page: Page) -> list[Box]:
    """Boxes (page units) of the signature cues among the page's words, the last few of them."""
    whole, inside = _cues()
    words = page.words
    found: list[Box] = []
    i = 0
    while i < len(words):
        for span in (3, 2, 1):  # "Authorized Signatory" and OCR's "( 인 )" come in several words
            group = words[i:i + span]
            if len(group) < span or not _same_line(group):
                continue
            text = squeeze(normalize("".join(w.text for w in group))).casefold()
            if text in whole or any(c in text for c in inside):
                found.append(_union([(round(w.left), round(w.top), round(w.width), round(w.height)) for w in group]))
                i += span - 1
                break
        i += 1
    return found[-MAX_CUES:]


def _same_line(words) -> bool:
    top = words[0].top
    return all(abs(w.top - top) <= max(w.height, words[0].height) for w in words)


def _to_pixels(box: Box, page: Page, size: tuple[int, int]) -> Box:
    sx = size[0] / page.width if page.width else 1.0
    sy = size[1] / page.height if page.height else 1.0
    x, y, w, h = box
    return round(x * sx), round(y * sy), max(1, round(w * sx)), max(1, round(h * sy))


# -- small geometry ------------------------------------------------------------------------


def _rgb(image: Image.Image | np.ndarray) -> np.ndarray:
    if isinstance(image, np.ndarray):
        if image.ndim == 2:
            return cv2.cvtColor(image, cv2.COLOR_GRAY2RGB)
        return image[..., :3]
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        paper = Image.new("RGBA", image.size, (255, 255, 255, 255))  # transparent = white paper
        image = Image.alpha_composite(paper, image.convert("RGBA"))
    return np.asarray(image.convert("RGB"))


def _a4_scale(rgb: np.ndarray) -> float:
    """Pixels per centimetre if the image's short side is an A4 page's width."""
    return min(rgb.shape[:2]) / A4_WIDTH_CM


def _around(box: Box, dx: tuple[int, int], dy: tuple[int, int], size: tuple[int, int]) -> Box:
    """The box grown by dx (left, right) and dy (up, down), clipped to the image."""
    x, y, w, h = box
    x0, y0 = max(0, x - dx[0]), max(0, y - dy[0])
    x1, y1 = min(size[0], x + w + dx[1]), min(size[1], y + h + dy[1])
    return x0, y0, max(0, x1 - x0), max(0, y1 - y0)


def _crop(rgb: np.ndarray, box: Box) -> np.ndarray:
    x, y, w, h = box
    return np.ascontiguousarray(rgb[y:y + h, x:x + w])


def _shift(box: Box, region: Box) -> Box:
    return box[0] + region[0], box[1] + region[1], box[2], box[3]


def _union(boxes: list[Box]) -> Box:
    x0 = min(b[0] for b in boxes)
    y0 = min(b[1] for b in boxes)
    x1 = max(b[0] + b[2] for b in boxes)
    y1 = max(b[1] + b[3] for b in boxes)
    return x0, y0, x1 - x0, y1 - y0
