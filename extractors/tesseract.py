"""The one wrapper around Tesseract: every OCR call of the product goes through here.

Tesseract runs as a subprocess (pytesseract). Each call gets a timeout, and the subprocess gets
`OMP_THREAD_LIMIT=1`: OpenMP threads inside Tesseract made a page 2-6x slower on a busy 2-core
machine (STACK.md §3), so we parallelise across pages instead.
"""

from __future__ import annotations

import os
import re
import subprocess
import threading
import unicodedata
from dataclasses import dataclass, field

import pytesseract
from PIL import Image

from casefile.errors import MissingDependencyError, ReadError
from casefile.pages import Word
from extractors.wordlines import line_text

DEFAULT_LANG = "Hangul+eng"
SPARSE_PSM = 11
DEFAULT_PSM = 4  # one column of variable-size text; psm 3 turns large Korean text into garbage (STACK.md §3),
# psm 6 reads table rules as text (extractors/preprocess/layout.py has the figures)
REQUIRED_LANGS = ("Hangul", "eng", "osd")
MIN_VERSION = (4, 0)
OCR_TIMEOUT_S = 180
OSD_TIMEOUT_S = 60
LIST_TIMEOUT_S = 30
#: Below this OSD orientation confidence we keep the page as it is. Correct turns of sparse pages
#: (a certificate of a few lines) scored only 1.7-1.9, dense ones 3.5-7.5; callers verify low ones.
OSD_MIN_CONFIDENCE = 1.0

_INSTALL_HINT = (
    "Install it with: sudo apt-get install tesseract-ocr tesseract-ocr-script-hang "
    "tesseract-ocr-eng tesseract-ocr-osd"
)

# pytesseract starts the subprocess with this process's environment.
os.environ["OMP_THREAD_LIMIT"] = "1"

_checked = False
_check_lock = threading.Lock()


@dataclass(frozen=True)
class OcrOutput:
    """What Tesseract read from one image."""

    text: str  # lines in reading order, NFC, no trailing spaces
    words: list[Word] = field(default_factory=list)
    confidence: float | None = None  # mean over real words (with a letter or digit), 0..1
    lang: str = DEFAULT_LANG
    psm: int = DEFAULT_PSM


def version() -> str:
    """Tesseract's version, e.g. `5.3.0`."""
    try:
        return str(pytesseract.get_tesseract_version())
    except (pytesseract.TesseractNotFoundError, OSError) as exc:
        raise MissingDependencyError(f"Tesseract OCR is not installed or not on PATH. {_INSTALL_HINT}") from exc


def check() -> None:
    """Raise `MissingDependencyError` unless Tesseract >= 4 with the Hangul, eng and osd models is usable."""
    global _checked
    with _check_lock:
        if _checked:
            return
        found = version()
        if tuple(int(p) for p in found.split(".")[:2] if p.isdigit()) < MIN_VERSION:
            raise MissingDependencyError(f"Tesseract {found} is too old; 4.0 or newer is needed. {_INSTALL_HINT}")
        langs = languages()
        missing = [lang for lang in REQUIRED_LANGS if lang not in langs]
        if missing:
            raise MissingDependencyError(
                f"Tesseract is missing the language data {', '.join(missing)}. {_INSTALL_HINT}"
            )
        _checked = True


def languages() -> set[str]:
    """The language models Tesseract has (pytesseract's own listing drops capitalised ones like `Hangul`)."""
    try:
        listing = subprocess.run([pytesseract.pytesseract.tesseract_cmd, "--list-langs"], capture_output=True,
                                 timeout=LIST_TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise MissingDependencyError(f"Tesseract cannot list its languages ({exc}). {_INSTALL_HINT}") from exc
    lines = listing.stdout.decode("utf-8", errors="replace").splitlines()
    return {line.strip() for line in lines[1:] if line.strip()}  # the first line names the tessdata folder


_WORDLIKE = re.compile(r"[\uac00-\ud7a3]{2,}|[A-Za-z0-9]{4,}|[\u4e00-\u9fff]{2,}")


def _speckle_line(line: list[Word]) -> bool:
    """A line Tesseract made of specks (a scan's edge, dust): unsure on the whole and nothing in it
    shaped like a word (`Mor o ㅇ ㅇ 버`). A real line read badly still has a word-shaped run."""
    unsure = sum(w.confidence or 0 for w in line) / len(line) < 0.5
    return unsure and not any(_WORDLIKE.search(w.text) for w in line)


def geometric_rows(words: list[Word]) -> list[list[Word]]:
    """Words grouped into lines by vertical overlap, lines top to bottom, words left to right."""
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top + w.height / 2, w.left)):
        centre = word.top + word.height / 2
        row = rows[-1] if rows else None
        if row and abs(centre - _centre(row)) <= 0.6 * max(word.height, _height(row)):
            row.append(word)
        else:
            rows.append([word])
    return [sorted(row, key=lambda w: w.left) for row in rows]


def _centre(row: list[Word]) -> float:
    return sum(w.top + w.height / 2 for w in row) / len(row)


def _height(row: list[Word]) -> float:
    return sorted(w.height for w in row)[len(row) // 2]


def ocr(image: Image.Image, lang: str = DEFAULT_LANG, psm: int = DEFAULT_PSM, whitelist: str = "") -> OcrOutput:
    """Words with boxes (pixels of `image`) and confidences, and the text as lines in reading order.

    `whitelist` limits the characters Tesseract may answer with (a field re-read, STACK.md §3).
    """
    check()
    config = f"--psm {psm}" + (f" -c tessedit_char_whitelist={whitelist}" if whitelist else "")
    try:
        data = _run(pytesseract.image_to_data, image, lang=lang, config=config,
                    output_type=pytesseract.Output.DICT, timeout=OCR_TIMEOUT_S)
    except pytesseract.TesseractError as exc:
        raise ReadError(f"Tesseract could not read the image: {exc.message}", code="unreadable_document") from exc
    lines: dict[tuple[int, int, int], list[Word]] = {}
    words: list[Word] = []
    for i, raw in enumerate(data["text"]):
        text = unicodedata.normalize("NFC", (raw or "").strip())
        conf = float(data["conf"][i])
        if not text or conf < 0:
            continue
        words.append(
            Word(
                text=text,
                left=data["left"][i],
                top=data["top"][i],
                width=data["width"][i],
                height=data["height"][i],
                confidence=min(max(conf / 100, 0.0), 1.0),
            )
        )
        # Tesseract numbers blocks, paragraphs and lines in reading order; dicts keep insertion order.
        lines.setdefault((data["block_num"][i], data["par_num"][i], data["line_num"][i]), []).append(words[-1])
    real = [w.confidence for w in words if any(ch.isalnum() for ch in w.text)]
    # Sparse mode (psm 11) makes almost every word its own block: rebuild the page's lines from
    # where the words sit, or a "label  value" row of a table comes out as two lines.
    kept = [w for line in lines.values() if not _speckle_line(line) for w in line]
    rows = geometric_rows(kept) if psm == SPARSE_PSM else [line for line in lines.values() if not _speckle_line(line)]
    text_lines = [line_text(row) for row in rows]
    return OcrOutput(
        text="\n".join(text_lines),
        words=words,
        confidence=sum(real) / len(real) if real else None,
        lang=lang,
        psm=psm,
    )


def osd(image: Image.Image) -> int:
    """Degrees clockwise the image must be turned to stand upright (0, 90, 180, 270); 0 when unsure.

    Rotate with Pillow as `image.rotate(-degrees, expand=True)`: Pillow turns counter-clockwise.
    """
    check()
    try:
        found = _run(pytesseract.image_to_osd, image, config="--psm 0", output_type=pytesseract.Output.DICT,
                     timeout=OSD_TIMEOUT_S)
    except pytesseract.TesseractError:
        return 0  # "Too few characters. Skipping this page": nothing to turn by
    except ReadError:
        return 0  # an OSD timeout only costs us the turn, not the page
    if float(found.get("orientation_conf", 0)) < OSD_MIN_CONFIDENCE:
        return 0
    return int(found.get("rotate", 0)) % 360


def _run(call, image: Image.Image, **kwargs):
    try:
        return call(image, **kwargs)
    except pytesseract.TesseractNotFoundError as exc:
        raise MissingDependencyError(f"Tesseract OCR is not installed or not on PATH. {_INSTALL_HINT}") from exc
    except pytesseract.TesseractError:
        raise
    except RuntimeError as exc:
        # pytesseract signals a killed subprocess with a bare RuntimeError.
        if "timeout" in str(exc).lower():
            raise ReadError(f"Tesseract gave up after {kwargs.get('timeout')} s", code="unreadable_document") from exc
        raise
