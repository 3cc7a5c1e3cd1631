"""The one wrapper around Tesseract: every OCR call of the product goes through here.

Tesseract runs in this process through tesserocr, its C++ API. An engine loads its language
models once and then reads page after page; engines are kept in a pool per language, each
used by one thread at a time, and recognition releases the GIL, so two
threads read two pages at once. Against one `tesseract` command per page (pytesseract, until
November 2026) this saves the model loading on every call (0.2 s for Hangul+eng, 0.1 s for a
re-read of a few IDs), the PNG round trip of every page and the process start: on ten scanned
certificate pages, 8.0 s of CPU against 12.2 s, with the same character error rate.

The language data comes from the system (Debian's tesseract-ocr-* packages); `TESSDATA_PREFIX`
names another folder. Tesseract is single-threaded per engine (`OMP_THREAD_LIMIT=1`): OpenMP
threads inside Tesseract made a page 2-6x slower on a busy 2-core machine (STACK.md §3), so
the product parallelises across pages instead.
"""

from __future__ import annotations

import os

# Before the library loads: OpenMP reads its limit once, when it starts.
os.environ["OMP_THREAD_LIMIT"] = "1"

import re  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
import unicodedata  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from contextlib import contextmanager  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402

from casefile.errors import MissingDependencyError, ReadError  # noqa: E402
from casefile.pages import Word  # noqa: E402
from extractors.text.wordlines import line_text  # noqa: E402

try:
    import tesserocr
except ImportError:  # reported by `check()` with what to install
    tesserocr = None

DEFAULT_LANG = "Hangul+eng"
SPARSE_PSM = 11
DEFAULT_PSM = 4  # one column of variable-size text; psm 3 turns large Korean text into garbage (STACK.md §3),
# psm 6 reads table rules as text (extractors/preprocess/layout.py has the figures)
OSD_PSM = 0
REQUIRED_LANGS = ("Hangul", "eng", "osd")
MIN_VERSION = (4, 0)
#: A Tesseract call's deadline grows with the pixels it reads: `DEADLINE_BASE_S` plus
#: `DEADLINE_S_PER_MPX` a megapixel, within `DEADLINE_MIN_S`..`DEADLINE_MAX_S`. A 300 DPI A4 page
#: (8.7 Mpx) gets 40 s, and so does its whole reading, every pass together (OSD, the other mode,
#: Chinese, re-reads: `budget`, extractors/readers/image.py); it reads in 1-6 s, on a busy machine up to 3x
#: that. Pages of noise, which ran past 300 s (issue 16), no longer get here (the text test,
#: extractors/preprocess/textness.py); the deadline ends what does (see `_recognize` for its limit).
DEADLINE_BASE_S = 10.0
DEADLINE_S_PER_MPX = 3.5
DEADLINE_MIN_S = 15.0
DEADLINE_MAX_S = 90.0
#: Below this OSD orientation confidence we keep the page as it is. Correct turns of sparse pages
#: (a certificate of a few lines) scored only 1.7-1.9, dense ones 3.5-7.5; callers verify low ones.
OSD_MIN_CONFIDENCE = 1.0
#: Where Debian (5 and 4), Fedora and a source build put the language data.
TESSDATA_DIRS = ("/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
                 "/usr/share/tessdata", "/usr/local/share/tessdata")
#: Idle engines kept per language: enough for every thread reading at once
#: (two files at a time, a page per core each); more are made when needed and ended after.
MAX_IDLE_ENGINES = 4

_INSTALL_HINT = (
    "Install it with: sudo apt-get install tesseract-ocr tesseract-ocr-script-hang "
    "tesseract-ocr-eng tesseract-ocr-osd"
)

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


class OcrTimeout(ReadError):
    """Tesseract ran past its deadline: the call's own, or the page's budget (`budget`)."""

    def __init__(self, seconds: float):
        super().__init__(f"Tesseract gave up after {seconds:.0f} s", code="unreadable_document")
        self.seconds = seconds


def deadline_s(pixels: int) -> float:
    """Seconds Tesseract gets for an image of `pixels` (all passes of a page, or one call)."""
    return min(DEADLINE_MAX_S, max(DEADLINE_MIN_S, DEADLINE_BASE_S + DEADLINE_S_PER_MPX * pixels / 1e6))


_budget = threading.local()  # this thread's deadline (time.monotonic()) and its length, or none
_grant_listener: Callable[[float], None] | None = None


@contextmanager
def budget(seconds: float) -> Iterator[None]:
    """Every Tesseract call of this thread inside gets at most what is left of `seconds` (and of any
    budget around it); a call that would start with nothing left raises `OcrTimeout` at once."""
    saved = (getattr(_budget, "deadline", None), getattr(_budget, "seconds", None), getattr(_budget, "ran_out", False))
    deadline = time.monotonic() + seconds
    inherited = saved[0] is not None and saved[0] < deadline
    if inherited:
        deadline, seconds = saved[0], saved[1]
    _budget.deadline, _budget.seconds, _budget.ran_out = deadline, seconds, False
    try:
        yield
    finally:
        ran_out = _budget.ran_out
        _budget.deadline, _budget.seconds = saved[0], saved[1]
        _budget.ran_out = saved[2] or (inherited and ran_out)  # the time that ran out was the outer budget's


def spent() -> bool:
    """Whether a call inside the current budget ran out of it (and was cut short or not started)."""
    return bool(getattr(_budget, "ran_out", False))


def _ran_out(seconds: float) -> OcrTimeout:
    if getattr(_budget, "deadline", None) is not None:
        _budget.ran_out = True
    return OcrTimeout(seconds)


def on_grant(listener: Callable[[float], None] | None) -> None:
    """Called with the seconds of every page budget granted (`grant`): a bounded reader process
    tells the process waiting on it, whose time bound grows with the pages (flows/isolation.py)."""
    global _grant_listener
    _grant_listener = listener


def grant(seconds: float) -> None:
    """Say that `seconds` more of work have begun (a page's OCR, a file's reading)."""
    if _grant_listener is not None:
        _grant_listener(seconds)


def _call_timeout(pixels: int) -> tuple[float, float]:
    """(seconds this call may take, the length of the budget it counts against, for the message)."""
    own = deadline_s(pixels)
    deadline = getattr(_budget, "deadline", None)
    if deadline is None:
        return own, own
    left = deadline - time.monotonic()
    if left <= 0:
        raise _ran_out(_budget.seconds)
    return (left, _budget.seconds) if left < own else (own, own)


def version() -> str:
    """The Tesseract library's version, e.g. `5.5.4`."""
    if tesserocr is None:
        raise MissingDependencyError("tesserocr (Tesseract's Python binding) is not installed: "
                                     "pip install -e . installs it with the product.")
    first = tesserocr.tesseract_version().split("\n", 1)[0]  # "tesseract 5.5.4"
    return first.split()[-1]


def dot_product() -> str:
    """The dot-product code Tesseract's LSTM runs: `auto` (the processor's best SIMD path) unless
    `DOTPRODUCT` names one (`generic`, `avx2`, `sse` ...). The paths round differently, so a
    borderline glyph can read differently from one processor to the next: the record says which ran,
    and `make test` runs the OCR tests on the generic path too (issue 13)."""
    return os.environ.get("DOTPRODUCT", "").strip() or "auto"


def tessdata_dir() -> Path | None:
    """The folder holding the `*.traineddata` language models, or None when there is none."""
    named = os.environ.get("TESSDATA_PREFIX")
    candidates = [named] if named else TESSDATA_DIRS
    return next((Path(d) for d in candidates if Path(d).is_dir() and any(Path(d).glob("*.traineddata"))),
                None)


def languages() -> set[str]:
    """The language models Tesseract can load."""
    folder = tessdata_dir()
    return {p.stem for p in folder.glob("*.traineddata")} if folder else set()


def check() -> None:
    """Raise `MissingDependencyError` unless Tesseract >= 4 with the Hangul, eng and osd models is usable."""
    global _checked
    with _check_lock:
        if _checked:
            return
        found = version()
        if tuple(int(p) for p in found.split(".")[:2] if p.isdigit()) < MIN_VERSION:
            raise MissingDependencyError(f"Tesseract {found} is too old; 4.0 or newer is needed.")
        missing = [lang for lang in REQUIRED_LANGS if lang not in languages()]
        if missing:
            where = tessdata_dir() or f"any of {', '.join(TESSDATA_DIRS)} (or $TESSDATA_PREFIX)"
            raise MissingDependencyError(
                f"Tesseract is missing the language data {', '.join(missing)} in {where}. {_INSTALL_HINT}"
            )
        _checked = True


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
    timeout, bound = _call_timeout(image.width * image.height)
    with _engine(lang) as api:
        api.SetPageSegMode(psm)
        _set_image(api, image)
        # Set for this call only; the engine goes back to the pool with every character allowed.
        api.SetVariable("tessedit_char_whitelist", whitelist)
        try:
            _recognize(api, timeout, bound)
        finally:
            api.SetVariable("tessedit_char_whitelist", "")
        tsv = api.GetTSVText(0)
    lines: dict[tuple[int, int, int], list[Word]] = {}
    words: list[Word] = []
    for row in tsv.splitlines():
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != "5":  # level 5: a word
            continue
        text = unicodedata.normalize("NFC", cells[11].strip())
        conf = float(cells[10])
        if not text or conf < 0:
            continue
        left, top, width, height = (int(c) for c in cells[6:10])
        words.append(Word(text=text, left=left, top=top, width=width, height=height,
                          confidence=min(max(conf / 100, 0.0), 1.0)))
        # Tesseract numbers blocks, paragraphs and lines in reading order; dicts keep insertion order.
        lines.setdefault((int(cells[2]), int(cells[3]), int(cells[4])), []).append(words[-1])
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
    _call_timeout(image.width * image.height)  # nothing left of the page's budget: no OSD either
    with _engine("osd") as api:
        api.SetPageSegMode(OSD_PSM)
        _set_image(api, image)
        found = api.DetectOrientationScript()  # None: too few characters to tell
    if not found or float(found.get("orient_conf", 0)) < OSD_MIN_CONFIDENCE:
        return 0
    # Tesseract reports the page's orientation (counter-clockwise); the turn that undoes it is
    # the command line's "Rotate".
    return (360 - int(found.get("orient_deg", 0))) % 360


def _set_image(api, image: Image.Image) -> None:
    """The page's grey pixels handed over as they are (no file, no PNG encoding)."""
    gray = np.ascontiguousarray(np.asarray(image if image.mode == "L" else image.convert("L")))
    api.SetImageBytes(gray.tobytes(), gray.shape[1], gray.shape[0], 1, gray.shape[1])


def _recognize(api, timeout: float, bound: float) -> None:
    """Tesseract's own monitor ends the recognition at `timeout` (it then returns False).

    The monitor is consulted while words are recognised, not during the layout analysis before it:
    a binarised page of 46,000 specks in sparse mode took 190 s under a 20 s deadline. Such pages
    are kept from Tesseract (the text test; document mode only above `image.MAX_SPARSE_BLOBS`
    components), and the bounded reader process is the hard stop (flows/isolation.py)."""
    started = time.monotonic()
    if api.Recognize(timeout=max(1, int(timeout * 1000))):
        return
    if time.monotonic() - started >= 0.9 * timeout:
        raise _ran_out(bound)
    raise ReadError("Tesseract could not read the image", code="unreadable_document")


_idle: dict[tuple[str, str], list] = {}
_pool_lock = threading.Lock()


@contextmanager
def _engine(lang: str) -> Iterator:
    """An engine for `lang` that no other thread is using until it is returned."""
    key = (str(tessdata_dir()), lang)  # an operator may point TESSDATA_PREFIX elsewhere
    with _pool_lock:
        api = _idle[key].pop() if _idle.get(key) else None
        if api is None:
            api = _new_engine(lang)
    try:
        yield api
    except BaseException:
        api.End()  # whatever it was doing is unknown: never hand it out again
        raise
    api.Clear()  # drop the page it holds
    with _pool_lock:
        idle = _idle.setdefault(key, [])
        if len(idle) < MAX_IDLE_ENGINES:
            idle.append(api)
            api = None
    if api is not None:
        api.End()


def _new_engine(lang: str):
    """Called under the pool lock: Tesseract's initialisation touches process-wide state."""
    try:
        api = tesserocr.PyTessBaseAPI(path=str(tessdata_dir()), lang=lang)
    except RuntimeError as exc:
        raise MissingDependencyError(f"Tesseract could not load the language data {lang} from "
                                     f"{tessdata_dir()}: {exc}. {_INSTALL_HINT}") from exc
    # Tesseract goes on with the models it could load: a damaged Hangul file would leave an
    # English-only reader that turns every Korean page into confident-looking Latin garbage.
    unloaded = set(lang.split("+")) - set(api.GetLoadedLanguages())
    if unloaded:
        api.End()
        raise MissingDependencyError(f"Tesseract could not load the language data {', '.join(sorted(unloaded))} "
                                     f"from {tessdata_dir()}: the file is damaged. {_INSTALL_HINT}")
    return api
