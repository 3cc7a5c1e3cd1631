"""Signatures in a DOCX: it has no page image, so its body pictures are judged instead, at the
size the document shows them (a stamp picture is a seal, a scanned pen signature is handwriting)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from casefile.codes import SignatureKind
from extractors.marks.geometry import rgb_of
from extractors.marks.ink import DEFAULT_TEXT_CM, strokes_in
from extractors.marks.seals import find_seal

PEN_PICTURE_MIN_BLANK = 0.8  # share of paper in a picture that is only a signature
_EMU_PER_CM = 360000


def docx_signature(path: Path) -> SignatureKind:
    """A picture in the document body: a red stamp (seal) or a pen signature on blank ground
    (handwritten), judged at the size the document shows it; else `none`."""
    kind = SignatureKind.none
    for image, width_cm in _docx_pictures(path):
        rgb = rgb_of(image)
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
    return strokes_in(rgb, (0, 0, w, h), DEFAULT_TEXT_CM * ppc, ppc) is not None


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
