"""The one wrapper around Tesseract: every OCR call of the product goes through here.

Tesseract runs as a subprocess (pytesseract). Each call gets a timeout, and the subprocess gets
`OMP_THREAD_LIMIT=1`: OpenMP threads inside Tesseract made a page 2-6x slower on a busy 2-core
machine (STACK.md §3), so we parallelise across pages instead.
"""

from __future__ import annotations

import os
import subprocess
import threading
import unicodedata
from dataclasses import dataclass, field

import pytesseract
from PIL import Image

from casefile.errors import MissingDependencyError, ReadError
from casefile.pages import Word

DEFAULT_LANG = "Hangul+eng"
DEFAULT_PSM = 6  # one uniform block; psm 3 turns large Korean text into garbage (STACK.md §3)
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


def ocr(image: Image.Image, lang: str = DEFAULT_LANG, psm: int = DEFAULT_PSM) -> OcrOutput:
    """Words with boxes (pixels of `image`) and confidences, and the text as lines in reading order."""
    check()
    try:
        data = _run(pytesseract.image_to_data, image, lang=lang, config=f"--psm {psm}",
                    output_type=pytesseract.Output.DICT, timeout=OCR_TIMEOUT_S)
    except pytesseract.TesseractError as exc:
        raise ReadError(f"Tesseract could not read the image: {exc.message}", code="unreadable_document") from exc
    lines: dict[tuple[int, int, int], list[str]] = {}
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
        lines.setdefault((data["block_num"][i], data["par_num"][i], data["line_num"][i]), []).append(text)
    real = [w.confidence for w in words if any(ch.isalnum() for ch in w.text)]
    return OcrOutput(
        text="\n".join(" ".join(line) for line in lines.values()),
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
