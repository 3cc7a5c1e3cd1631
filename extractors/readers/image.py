"""Images (PNG, JPEG, TIFF, WebP) and the OCR of any page image, scans rasterised from PDFs included.

One page image goes: grayscale -> text or not (`extractors.preprocess.textness`: a page without
text-like lines stops here) -> the steps of `extractors.preprocess` (perspective, light, deskew,
upscale) -> Otsu black and white -> table rules out -> Tesseract (OSD turn when unsure) -> ID
re-read (see `ocr_page`), all Tesseract passes of the page within one budget scaled to its size.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from casefile.codes import FindingCode, PageSource
from casefile.pages import Page, ReadIssue, ReadResult, Word
from extractors.preprocess import (
    deskew,
    layout,
    lighting,
    moire,
    orientation,
    polarity,
    regions,
    script,
    tablelines,
    textness,
)
from extractors.preprocess import page as page_finder
from extractors.preprocess import scale as upscale
from extractors.readers import tesseract
from extractors.readers.plain import tidy_text

MAX_PAGES = 50
#: Seconds a page's steps besides Tesseract's reading may take (the text test and its probe,
#: straightening, thresholding), granted to the process bounding the read before its Tesseract budget.
PAGE_PREP_S = 10.0
#: Above this many ink components a page is read in document mode only (see `_read`): a clean A4
#: page of dense text has about 5,000.
MAX_SPARSE_BLOBS = 20_000
MIN_DPI = 200  # contract: `low_resolution` below 200 DPI equivalent for A4
A4_SHORT_SIDE_IN = 210 / 25.4
_EXIF_ORIENTATION = 0x0112
#: Clockwise turn each EXIF orientation stands for (the mirrored ones by their turn, mirror ignored).
_EXIF_TURN = {3: 180, 4: 180, 5: 90, 6: 90, 7: 270, 8: 270}


@dataclass
class Frame:
    """One page image waiting for OCR."""

    number: int
    image: Image.Image
    dpi: float | None = None  # recorded on the Page
    rotation: int = 0  # clockwise turn already applied (EXIF orientation, a PDF page's /Rotate)
    render_dpi: float | None = None  # resolution the image was rasterised at, for the strategy


def a4_dpi(size: tuple[int, int]) -> float:
    """Resolution the image would have if it were an A4 page (its short side 210 mm)."""
    return min(size) / A4_SHORT_SIDE_IN


def read_image(path: Path, workdir: Path | None = None) -> ReadResult:
    """OCR every page of an image file (each frame of a multi-page TIFF is a page)."""
    try:
        frames, total = _load_frames(Path(path))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        return _unsupported(f"image too large to open safely: {exc}")
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError) as exc:
        return _unsupported(f"image cannot be decoded: {exc}")
    issues = low_resolution_issues([(f.number, a4_dpi(f.image.size)) for f in frames])
    issues += page_limit_issues(total)
    return ReadResult(pages=ocr_images(frames), issues=issues)


def ocr_images(frames: Iterable[Frame]) -> list[Page]:
    """OCR page images in parallel (Tesseract and OpenCV release the GIL, so threads are enough).

    Frames may be produced lazily (a PDF rasterised page by page); at most two per worker wait in
    memory, so a 50-page scan does not hold 50 full-page bitmaps at once.
    """
    workers = os.cpu_count() or 1
    pages: list[Page] = []
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="ocr") as pool:
        pending: deque[Future[Page]] = deque()
        for frame in frames:
            if len(pending) >= 2 * workers:
                pages.append(pending.popleft().result())
            pending.append(pool.submit(ocr_page, frame))
        pages.extend(f.result() for f in pending)
    return pages


def ocr_page(frame: Frame) -> Page:
    """Tell text from no text, then straighten, clean and OCR one page image.

    A page without text-like lines (`textness.assess`: blank, noise, a texture, a photo) is not
    sent to Tesseract: its strategy says what was found, `ocr:blank(...)` or
    `ocr:notext:noise(cc=...,lines=...,ink=...)` / `ocr:notext:picture(...)`, and its text is empty.
    Otherwise the steps, each leaving a token in `Page.strategy` only when it changed something: the
    page cut out of a photo and squared (`perspective`), uneven light divided out (`flatten`), a small
    skew levelled (`deskew2.5`: degrees clockwise), small text enlarged (`upscaled2x`), Otsu black and
    white, table rules painted white (`unruled`), a quarter turn from OSD (`osd90`), the
    segmentation mode for the layout (`psm11`, and `psm-fallback` when the other mode read
    better), ID tokens re-read (`reread1`), unsure Latin words of Korean lines re-read in Hangul
    (`hangul1`); `probe3` when the text test had to read a few lines to be sure (3 words), `picture`
    for a photograph with at most a label on it (an exhibit, not a document: see extractors/readers/read.py),
    `out-of-time` when the page's Tesseract budget ended before the optional passes.
    All Tesseract passes of a page share one budget (`tesseract.deadline_s` of the page's pixels);
    a page whose first reading does not finish in it is `ocr:timeout(40s)` with no text.
    Word boxes are pixels of the page as read (straightened and turned) at the image's own scale.
    """
    tesseract.grant(PAGE_PREP_S)  # the bounded reader's time for this page's test and preparation
    # Light text on a dark ground (a dark-theme screen) is turned dark on light before anything else:
    # every later step, and Tesseract, expect ink on paper.
    gray, inverted = polarity.light_on_dark(np.asarray(_grayscale(frame.image)))
    # A monitor's pixel grid photographed (moiré) would be read as specks, and judged noise.
    gray, descreened = moire.descreen(gray)
    found = textness.assess(gray)
    if inverted and found.light_on_dark:
        # The text test read the lines light on dark once inverted: dark ink on a light page or screen
        # whose surroundings (a desk, a monitor's bezel) took most of the photo. Back as it came.
        gray, inverted = (255 - gray).astype(np.uint8), ""
    if not found.has_text:
        # Blank, noise, texture or a plain photo: Tesseract would spend minutes reading specks.
        return _unread(frame, gray.shape, 1, found.token())
    steps: list[str] = [inverted, descreened]
    for step in (page_finder.correct_perspective, lighting.flatten, lighting.stretch, deskew.deskew):
        gray, done = step(gray)
        steps.append(done)
    scale = upscale.upscale_factor(gray)
    gray = upscale.upscale(gray, scale)
    # A flattened photo keeps its ink's grey edges (see `lighting.whiten_paper`); a scan goes black and white.
    binary = lighting.whiten_paper(gray) if "flatten" in steps else _otsu(gray)
    binary, unruled = tablelines.remove_rules(binary)
    steps.append(unruled)
    if _blank(binary):
        # An empty page (a scanner's back side, a PDF's blank filler) has nothing to read;
        # Tesseract on it costs seconds per page and returns specks.
        return _unread(frame, gray.shape, scale, ":".join(["blank", *(s for s in steps if s)]))
    seconds = tesseract.deadline_s(binary.size)
    tesseract.grant(seconds)
    try:
        with tesseract.budget(seconds):
            turn, out, fallback = _read(binary)
            gray = orientation.turn(gray, turn)
            del binary  # the grey page is all the re-read needs; keep one full-size bitmap
            out, reread, rehangul = _reread(gray, out)
            spent = tesseract.spent()
    except tesseract.OcrTimeout as exc:
        return _unread(frame, gray.shape, scale, f"timeout({exc.seconds:.0f}s)")
    render_dpi = frame.render_dpi or frame.dpi
    strategy = [f"ocr:tesseract-{tesseract.version()}:{out.lang}:psm{out.psm}"]
    strategy += [f"{round(render_dpi)}dpi"] if render_dpi else []
    strategy += [f"osd{turn}"] if turn else []
    strategy += [s for s in steps if s]
    strategy += [f"upscaled{scale}x"] if scale > 1 else []
    strategy += ["psm-fallback"] if fallback else []
    strategy += [f"reread{reread}"] if reread else []
    strategy += [f"hangul{rehangul}"] if rehangul else []
    strategy += [t for t in (found.token(), "picture" if found.picture else "", "out-of-time" if spent else "") if t]
    return Page(
        number=frame.number,
        source=PageSource.ocr,
        rotation=(frame.rotation + turn) % 360,
        confidence=out.confidence,
        text=tidy_text(out.text),
        words=[_unscale(w, scale) for w in out.words],
        strategy=":".join(strategy),
        width=gray.shape[1] / scale,
        height=gray.shape[0] / scale,
        dpi=frame.dpi,
    )


def _unread(frame: Frame, shape: tuple[int, ...], scale: int, what: str) -> Page:
    """A page with no text read: blank, no text-like lines, or out of time (`what` says which)."""
    return Page(number=frame.number, source=PageSource.ocr, rotation=frame.rotation, confidence=None,
                text="", strategy=f"ocr:{what}", width=shape[1] / scale, height=shape[0] / scale, dpi=frame.dpi)


def _reread(gray: np.ndarray, out: tesseract.OcrOutput) -> tuple[tesseract.OcrOutput, int, int]:
    """The re-reads of IDs and of unsure Latin words in Korean lines, as far as the budget goes."""
    reread = rehangul = 0
    try:
        out, reread = regions.reread_ids(gray, out)
        out, rehangul = regions.reread_hangul(gray, out)
    except tesseract.OcrTimeout:
        pass  # the page's reading stands as it was before the re-read that ran out of time
    return out, reread, rehangul


BLANK_INK_SHARE = 0.0005  # of the page's pixels: less ink than one short word at 300 DPI


def _blank(binary: np.ndarray) -> bool:
    return float(np.count_nonzero(binary < 128)) / binary.size < BLANK_INK_SHARE


def binarize(image: Image.Image) -> Image.Image:
    """Black ink on white paper by Otsu's threshold (see `_otsu`)."""
    return Image.fromarray(_otsu(np.asarray(image)))


def _otsu(gray: np.ndarray) -> np.ndarray:
    """Otsu's global threshold, after `lighting.flatten` has evened out the light.

    On the sample cream-paper KC scan and phone photo this raised mean confidence 0.86 -> 0.88 and
    0.87 -> 0.89, read a validity line (`유효기간 2023.5.10. ~ 2026.5.9.`) that came back garbled
    from the grey image, and halved Tesseract's time (paper texture is no longer text to it).
    """
    _, black_white = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return black_white


def _read(binary: np.ndarray) -> tuple[int, tesseract.OcrOutput, bool]:
    """The page turned upright and read in the mode its layout suggests; when that reads poorly,
    the other mode too, keeping the surer reading (True when that was the other)."""
    # Sparse mode on a page of tens of thousands of specks (a screen's moiré, a texture behind the
    # page) spent 190 s in Tesseract's layout analysis, which its deadline does not reach.
    sparse_ok = _blobs(binary) <= MAX_SPARSE_BLOBS
    psm = layout.choose_psm(binary) if sparse_ok else layout.DOCUMENT_PSM
    turn, out = orientation.upright_ocr(binary, psm)
    upright = Image.fromarray(orientation.turn(binary, turn))
    out = script.best_script(upright, out)
    sparse = psm == layout.SPARSE_PSM
    if (not sparse and (out.confidence or 0) >= layout.POOR_CONFIDENCE) or not sparse_ok:
        return turn, out, False
    # A page that looks sparse may be a table of short cells (an ingredient table once its rules
    # are gone), which the document mode reads whole where the sparse mode drops cells: it is
    # read both ways, and the document reading kept when it is clearly surer.
    margin = layout.SPARSE_MARGIN if sparse else 0.0
    try:
        other = tesseract.ocr(upright, lang=out.lang, psm=layout.other_psm(psm))
    except tesseract.OcrTimeout:
        return turn, out, False  # no time left for the other mode: the first reading stands
    if (other.confidence or 0) > (out.confidence or 0) + margin and _chars(other) >= 0.8 * _chars(out):
        return turn, other, True
    return turn, out, False


def _blobs(binary: np.ndarray) -> int:
    return cv2.connectedComponents((binary < 128).astype(np.uint8), connectivity=8)[0] - 1


def _chars(out: tesseract.OcrOutput) -> int:
    return sum(len(w.text) for w in out.words)


def _load_frames(path: Path) -> tuple[list[Frame], int]:
    with Image.open(path) as img:
        # Pillow warns (and only raises above twice the limit); a thread-safe check of the same limit.
        if Image.MAX_IMAGE_PIXELS and img.width * img.height > Image.MAX_IMAGE_PIXELS:
            raise Image.DecompressionBombWarning(
                f"{img.width}x{img.height} pixels exceeds the limit of {Image.MAX_IMAGE_PIXELS}"
            )
        _assert_complete(path, img.format)
        declared = _declared_dpi(img)
        total = getattr(img, "n_frames", 1) if img.format == "TIFF" else 1
        frames = []
        for number, frame in enumerate(_frames(img, total), start=1):
            if number > MAX_PAGES:
                break
            turn = _EXIF_TURN.get(frame.getexif().get(_EXIF_ORIENTATION, 1), 0)
            upright = _grayscale(ImageOps.exif_transpose(frame))  # phone photos keep their turn in EXIF
            frames.append(Frame(number=number, image=upright, dpi=declared or a4_dpi(upright.size), rotation=turn))
    return frames, total


def _assert_complete(path: Path, fmt: str | None) -> None:
    """Refuse cut-off uploads even when Pillow would decode them: importing WeasyPrint sets
    `ImageFile.LOAD_TRUNCATED_IMAGES` for the whole process, and a half image reads as half a page."""
    if fmt == "PNG":
        with Image.open(path) as img:
            img.verify()  # walks every chunk to IEND
    elif fmt == "JPEG":
        data = path.read_bytes()
        if data.rfind(b"\xff\xd9") < data.rfind(b"\xff\xda"):  # no end-of-image after the last scan
            raise OSError("JPEG file is truncated")


def _frames(img: Image.Image, total: int) -> Iterator[Image.Image]:
    if total == 1:
        yield img
        return
    yield from ImageSequence.Iterator(img)


def _declared_dpi(img: Image.Image) -> float | None:
    dpi = img.info.get("dpi")
    try:
        value = float(dpi[0]) if dpi else 0.0
    except (TypeError, ValueError, IndexError):
        return None
    # JFIF writes 1x1 when it only states an aspect ratio; cameras and screenshot tools write 72 or 96
    # whatever the picture holds, so those say nothing about the page either.
    return value if value > 96 else None


def _grayscale(img: Image.Image) -> Image.Image:
    if img.mode == "L":
        return img
    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        # Transparent screenshots would turn black where they are clear; put them on white paper.
        rgba = img.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        img = Image.alpha_composite(paper, rgba)
    return img.convert("L")


def _unscale(word: Word, scale: int) -> Word:
    if scale == 1:
        return word
    return word.model_copy(update={k: getattr(word, k) / scale for k in ("left", "top", "width", "height")})


def page_limit_issues(total: int) -> list[ReadIssue]:
    """An `unreadable_document` issue when a file has more pages than `MAX_PAGES` (only those are read)."""
    if total <= MAX_PAGES:
        return []
    return [ReadIssue(code=FindingCode.unreadable_document,
                      detail=f"only the first {MAX_PAGES} of {total} pages were read")]


def low_resolution_issues(dpis: list[tuple[int, float]]) -> list[ReadIssue]:
    """One `low_resolution` issue naming every (page number, DPI) below the contract's floor."""
    low = [f"page {number}: {dpi:.0f} DPI" for number, dpi in dpis if dpi < MIN_DPI]
    if not low:
        return []
    return [ReadIssue(code=FindingCode.low_resolution,
                      detail=f"below {MIN_DPI} DPI for A4 ({'; '.join(low)})")]


def _unsupported(detail: str) -> ReadResult:
    return ReadResult(issues=[ReadIssue(code=FindingCode.unsupported_format, detail=detail)])
