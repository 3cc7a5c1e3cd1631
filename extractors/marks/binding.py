"""What makes an authorization letter binding, seen on the document itself.

`signature_kind` answers, in the order a reviewer trusts them: a digital signature that
validates, else a red seal (직인/인감/公章) impression, else handwritten ink at the signature line,
else `none` (a printed "(인)" with nothing on it). The marks are looked for on the document's own
page images near the signature cues the reader located (rules/authorization_fields.toml
[signature]), and in the lower half of the last page, where letters are signed. A DOCX has no
page image: its body pictures are judged instead (a stamp picture, a scanned pen signature).
`None` means the file could not be looked at, which is not the same as unsigned. And `none` on a
black-and-white (grey) scan or fax is not sure (`signature_reading`): a red seal shows there as a
grey square like the print around it, so finding no red one proves nothing.

Scale matters more than pixels: a seal is 1.5–5 cm across (DOMAIN.md §4.4), handwriting is
larger than the print around it. Every size is therefore in centimetres of the page, from the
render resolution for PDFs and from an A4 page width for photos and scans.

This module decides and finds the pages and cues to look at; the finders are seals.py (red
seals), ink.py (handwriting) and docx_marks.py (DOCX pictures), on the shared Mark and geometry
of mark_image.py. The names this module always offered (Mark, find_seal, find_ink,
docx_signature, the size constants …) are re-exported from here.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import numpy as np
from PIL import Image, ImageOps

from casefile.codes import PageSource, SignatureKind
from casefile.pages import Page, ReadResult
from extractors.marks.docx_pictures import PEN_PICTURE_MIN_BLANK, docx_signature
from extractors.marks.geometry import A4_WIDTH_CM, Box, Mark, a4_scale, around, crop, shift, union
from extractors.marks.ink import (
    BLUE_HUE,
    DEFAULT_TEXT_CM,
    INK_FLAT_HEIGHT,
    INK_MAX_CM,
    INK_MAX_FILL,
    INK_MIN_AREA_CM2,
    INK_MIN_HEIGHT,
    INK_MIN_WIDTH,
    RULE_CM,
    find_ink,
)
from extractors.marks.seals import (
    RED_HUE_HIGH,
    RED_HUE_LOW,
    RED_MIN_SAT,
    RED_MIN_VAL,
    SEAL_INK,
    SEAL_MAX_CM,
    SEAL_MIN_ASPECT,
    SEAL_MIN_CM,
    SEAL_MIN_CONVEXITY,
    SEAL_MIN_PLAIN_GROUND,
    SEAL_MIN_SOLIDITY,
    SEAL_PASSES,
    find_seal,
)
from extractors.marks.signatures import pdf_signatures
from extractors.readers import filetype
from extractors.rulefiles import rule_file
from extractors.text.textmatch import normalize, squeeze

__all__ = [
    "A4_WIDTH_CM", "BLUE_HUE", "DEFAULT_TEXT_CM", "INK_FLAT_HEIGHT", "INK_MAX_CM", "INK_MAX_FILL", "INK_MIN_AREA_CM2",
    "INK_MIN_HEIGHT", "INK_MIN_WIDTH", "MAX_CUES", "MAX_PAGES_LOOKED_AT", "PEN_PICTURE_MIN_BLANK", "RED_HUE_HIGH",
    "RED_HUE_LOW", "RED_MIN_SAT", "RED_MIN_VAL", "RENDER_DPI", "RULES", "RULE_CM", "SEAL_INK", "SEAL_MAX_CM",
    "SEAL_MIN_ASPECT", "SEAL_MIN_CM", "SEAL_MIN_CONVEXITY", "SEAL_MIN_PLAIN_GROUND", "SEAL_MIN_SOLIDITY",
    "SEAL_PASSES", "Box", "Mark", "SignatureReading", "docx_signature", "find_ink", "find_seal", "signature_kind",
    "signature_reading",
]

log = logging.getLogger(__name__)

RULES = Path(__file__).parents[1] / "rules" / "authorization_fields.toml"

RENDER_DPI = 150
MAX_PAGES_LOOKED_AT = 4  # signature pages are the last ones; a 50-page scan is not rendered whole
MAX_CUES = 6  # the last cues of a document are its signature block
#: A pixel shows colour when its channels differ by more than this. Measured 2026-12-05: grey
#: scans and faxes (saved as RGB JPEG too) differ by 0 everywhere; phone photos of paper, by the
#: paper's tint alone (10-15, warm light), and a fifth of their pixels by over 24.
COLOUR_SPREAD = 8
#: ... and an image shows colour when at least this share of its pixels does.
COLOUR_MIN_SHARE = 0.01


@dataclass
class _View:
    """One page as an RGB image, with its scale and the signature cues located on it."""

    number: int
    image: np.ndarray
    px_per_cm: float
    cues: list[Box] = field(default_factory=list)
    last: bool = False
    scanned: bool = False  # an OCR'd image (scan, photo), not a page drawn from a text layer


class SignatureReading(NamedTuple):
    """The verdict, and whether `none` is sure: nothing found on a page that could have shown it."""

    kind: SignatureKind | None
    sure: bool = True


# -- the verdict ---------------------------------------------------------------------------


def signature_kind(path: Path | None, media_type: str, read: ReadResult) -> SignatureKind | None:
    """How the letter is signed; None when the file gives nothing to look at (text, e-mail)."""
    return signature_reading(path, media_type, read).kind


def signature_reading(path: Path | None, media_type: str, read: ReadResult) -> SignatureReading:
    """`signature_kind`, and whether its `none` is sure (see `_seen_in_colour`)."""
    if _digitally_signed(path, media_type, read):
        return SignatureReading(SignatureKind.digital)
    if path is None:
        return SignatureReading(None)
    try:
        return _visible_signature(Path(path), media_type, read)
    except Exception as exc:  # noqa: BLE001 - a file the reader managed but we cannot render or parse
        log.warning("cannot look at %s for a signature: %s: %s", Path(path).name, type(exc).__name__, exc)
        return SignatureReading(None)


def _visible_signature(path: Path, media_type: str, read: ReadResult) -> SignatureReading:
    if media_type == filetype.DOCX:
        return SignatureReading(docx_signature(path))
    if media_type != filetype.PDF and media_type not in filetype.IMAGES:
        return SignatureReading(None)  # plain text and e-mail bodies show nothing either way
    views = list(_views(path, media_type, read))
    if not views:
        return SignatureReading(None)
    if any(_seal_on(v) for v in views):
        return SignatureReading(SignatureKind.seal)
    if any(_ink_on(v) for v in views):
        return SignatureReading(SignatureKind.handwritten)
    return SignatureReading(SignatureKind.none, sure=all(_seen_in_colour(v) for v in views))


def _seen_in_colour(view: _View) -> bool:
    """Could a red seal have shown as red here? A page drawn from a text layer, or an image with
    some colour in it, yes; a black-and-white (grey) scan or fax, no: its seal is a grey square
    like the print around it, so finding no red seal there proves nothing (a warning, not an error)."""
    if not view.scanned:
        return True
    sample = view.image[::4, ::4].astype(np.int16)
    spread = sample.max(axis=2) - sample.min(axis=2)
    return float((spread > COLOUR_SPREAD).mean()) >= COLOUR_MIN_SHARE


def _digitally_signed(path: Path | None, media_type: str, read: ReadResult) -> bool:
    """A signature that validates; an untrusted (self-signed) one still counts, its trust is reported."""
    signatures = read.signatures
    if not signatures and path is not None and media_type == filetype.PDF and read.has_signature_field:
        signatures = pdf_signatures(Path(path))
    return any(s.intact and s.valid for s in signatures)


def _seal_on(view: _View) -> Mark | None:
    h, w = view.image.shape[:2]
    across, down = (round(8 * view.px_per_cm),) * 2, (round(4 * view.px_per_cm),) * 2
    regions = [around(c, across, down, (w, h)) for c in view.cues]
    if view.last:
        regions.append((0, h // 2, w, h - h // 2))
    for region in regions:
        mark = find_seal(crop(view.image, region), view.px_per_cm)
        if mark is not None:
            return Mark("seal", shift(mark.box, region), view.number, mark.detail)
    return None


def _ink_on(view: _View) -> Mark | None:
    boxes: list[Box | None] = list(view.cues) or ([None] if view.last else [])
    for box in boxes:
        mark = find_ink(view.image, box, view.px_per_cm)
        if mark is not None:
            return Mark("ink", mark.box, view.number, mark.detail)
    return None



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
        yield _View(page.number, np.asarray(image.convert("RGB")), ppc, boxes, page is pages[-1],
                    scanned=page.source is PageSource.ocr)


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
            yield upright, a4_scale(np.asarray(upright)), turn


def _turned(image: Image.Image, clockwise: int) -> Image.Image:
    """The image turned the way OCR turned it (OSD), so the word boxes land on it."""
    return image.rotate(-clockwise, expand=True) if clockwise else image


# -- signature cues ------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _cues() -> tuple[frozenset[str], tuple[str, ...]]:
    """Cues that must be a whole word (one character: 印) and cues found inside a word."""
    terms = [squeeze(normalize(t)).casefold() for t in rule_file(RULES.name)["signature"]["cues"]]
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
                found.append(union([(round(w.left), round(w.top), round(w.width), round(w.height)) for w in group]))
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
