"""Reading one file of a case: detect what it is, hand it to its reader, judge what came back.

Bad input never raises: whatever goes wrong becomes a `ReadIssue` on the result (the contract's
findings). Only a missing OCR engine stops the run, because then no scan of any case can be read.

Work once: a file read before, with the same readers and OCR settings, comes from the read cache
(`extractors.readers.cache`) instead of being read again.
"""

from __future__ import annotations

import logging
import re
import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path

from casefile.codes import FindingCode, PageSource
from casefile.errors import MissingDependencyError, ReadError
from casefile.pages import Page, ReadIssue, ReadResult
from extractors.readers import filetype, tesseract
from extractors.readers.cache import ReadCache, default_cache, file_sha256
from extractors.readers.docx import read_docx
from extractors.readers.email import read_email
from extractors.readers.image import read_image
from extractors.readers.pdf import read_pdf
from extractors.readers.plain import read_plain, real_char_count

log = logging.getLogger(__name__)

Reader = Callable[[Path, Path], ReadResult]

READERS: dict[str, Reader] = {
    filetype.PDF: read_pdf,
    filetype.PNG: read_image,
    filetype.JPEG: read_image,
    filetype.TIFF: read_image,
    filetype.WEBP: read_image,
    filetype.DOCX: read_docx,
    filetype.EML: read_email,
    filetype.TEXT: read_plain,
}

MAX_PAGE_CHARS = 200_000  # a dense A4 page holds about 3,000
MIN_REAL_CHARS = 20  # below this a document says nothing a reviewer could check
MIN_OCR_CONFIDENCE = 0.5  # mean word confidence; misread words scored below 0.62 (STACK.md §3)
#: Seconds a bounded reader is granted to open a file of each kind before its pages are OCR'd (each
#: page then adds its own Tesseract budget, extractors/readers/image.py); an image needs only decoding,
#: anything else keeps the bound it always had (flows/isolation.py).
OPEN_GRANT_S = {filetype.PNG: 30.0, filetype.JPEG: 30.0, filetype.TIFF: 30.0, filetype.WEBP: 30.0}
OTHER_GRANT_S = 300.0


def read_file(path: Path, workdir: Path, cache: ReadCache | bool = True) -> ReadResult:
    """Read one file into pages; attachments (of an email) are written under `workdir`.

    `cache`: True for the default read cache (`$APPEAL_HOME/cache/read`, off with
    `APPEAL_CACHE=off`), False for none, or a `ReadCache` of one's own.
    Raises only `MissingDependencyError` (Tesseract or its language data missing).
    """
    path = Path(path)
    store = default_cache() if cache is True else cache or None
    try:
        sha256 = file_sha256(path) if store else ""
    except OSError as exc:
        return _failed(filetype.UNKNOWN, FindingCode.unsupported_format, f"cannot open the file: {exc}")
    cached = store.get(sha256) if store else None
    if cached is not None:
        return cached
    result, settled = _read(path, Path(workdir))
    if store and settled:
        store.put(sha256, result)
    return result


def cached_read(sha256: str) -> ReadResult | None:
    """The settled reading of a file with this content from the default read cache, or None: no
    reader runs, so a caller may take it without the isolation a reader needs."""
    store = default_cache()
    return store.get(sha256) if store else None


def read_json(path: Path, cache: ReadCache | bool = True) -> dict:
    """The object `appeal read FILE --json` prints (CONTRACT.md)."""
    path = Path(path)
    sha256 = file_sha256(path)
    with tempfile.TemporaryDirectory(prefix="appeal-read-") as workdir:
        result = read_file(path, Path(workdir), cache=cache)
    return {
        "file": unicodedata.normalize("NFC", path.name),
        "sha256": sha256,
        "pages": [
            {
                "number": page.number,
                "source": page.source.value,
                "rotation": page.rotation,
                "confidence": None if page.confidence is None else round(page.confidence, 3),
                "text": page.text,
            }
            for page in result.pages
        ],
    }


def _read(path: Path, workdir: Path) -> tuple[ReadResult, bool]:
    """The file read by its reader and judged, and whether that result is the file's settled
    verdict (worth caching) rather than an accident of this run (a reader crash, a full disk)."""
    try:
        media_type = filetype.detect(path)
    except OSError as exc:
        return _failed(filetype.UNKNOWN, FindingCode.unsupported_format, f"cannot open the file: {exc}"), False
    reader = READERS.get(media_type)
    if reader is None:
        return _failed(media_type, FindingCode.unsupported_format, "not a PDF, image, DOCX, email or text file"), True
    tesseract.grant(OPEN_GRANT_S.get(media_type, OTHER_GRANT_S))
    try:
        result = reader(path, workdir)
    except MissingDependencyError:
        raise
    except ReadError as exc:  # Tesseract gave up (a timeout under load, say): try again next run
        return _failed(media_type, FindingCode(exc.code), exc.message), False
    except Exception as exc:  # a hostile or broken file must cost a finding, never the case
        log.warning("reading %s failed", path, exc_info=True)
        return _failed(media_type, FindingCode.unsupported_format, f"{type(exc).__name__}: {exc}"), False
    result.media_type = media_type
    result.issues.extend(_bound_text(result))
    timed_out = _timeouts(result)
    result.issues.extend(timed_out or _judge(result))  # a page cut off by time says why the text is short
    return result, not timed_out  # a page cut off by time may read on a quieter run: not cached


def _bound_text(result: ReadResult) -> list[ReadIssue]:
    """Pages cut to MAX_PAGE_CHARS. A 13.5 MB e-mail with a binary body read as one page of 12.8
    million characters took 2.2 GB and 16 s to understand (bench/fuzz), outside any reader's bound;
    no real page of a certificate, letter or notice comes near the limit."""
    issues = []
    for page in result.pages:
        if len(page.text) > MAX_PAGE_CHARS:
            issues.append(ReadIssue(code=FindingCode.unreadable_document,
                                    detail=f"page {page.number} holds {len(page.text)} characters; only the "
                                           f"first {MAX_PAGE_CHARS} were read"))
            page.text = page.text[:MAX_PAGE_CHARS]
            page.words = page.words[:MAX_PAGE_CHARS // 4]
    return issues


def _timeouts(result: ReadResult) -> list[ReadIssue]:
    """One `unreadable_document` naming the pages whose OCR ran out of time (`ocr:timeout(40s)`)."""
    cut = [f"page {p.number} ({m.group(1)})" for p in result.pages
           if (m := _TIMEOUT.match(p.strategy)) and p.source == PageSource.ocr]
    if not cut:
        return []
    return [ReadIssue(code=FindingCode.unreadable_document,
                      detail=f"Tesseract gave up on {', '.join(cut)}: the image is too noisy or too large to read "
                             "in time")]


#: The text test's and the OCR budget's records in `Page.strategy` (extractors/readers/image.py).
_TIMEOUT = re.compile(r"ocr:timeout\(([^)]*)\)")
_NO_TEXT = re.compile(r"ocr:(blank|notext:noise)")
_PICTURE = re.compile(r"(?:^|:)picture(?:\(|:|$)")


def is_picture(page: Page) -> bool:
    """A photograph with no text or at most a label on it (extractors/preprocess/textness.py): an
    exhibit such as a product or packaging shot, not a document to be read."""
    return page.source == PageSource.ocr and bool(_PICTURE.search(page.strategy))


def _judge(result: ReadResult) -> list[ReadIssue]:
    """`unreadable_document` when the file was read but cannot be trusted.

    A file whose every page is a picture (a product photo, a packaging shot with a word or two) is
    an exhibit, not a document that failed to read: no issue. A blank or noise page tells why a
    document with too little text could not be read."""
    if any(issue.code in (FindingCode.unsupported_format, FindingCode.encrypted_pdf) for issue in result.issues):
        return []  # already said why nothing could be read
    if result.pages and all(is_picture(page) for page in result.pages):
        return []
    real = sum(real_char_count(page.text) for page in result.pages)
    if real < MIN_REAL_CHARS:
        why = [_no_text_reason(page) for page in result.pages if _NO_TEXT.match(page.strategy)]
        return [ReadIssue(code=FindingCode.unreadable_document,
                          detail="; ".join(why) if why and real == 0 else
                          f"only {real} letters or digits could be read")]
    confidence = ocr_confidence(result)
    if confidence is not None and confidence < MIN_OCR_CONFIDENCE:
        return [ReadIssue(code=FindingCode.unreadable_document,
                          detail=f"OCR confidence {confidence:.2f} is below {MIN_OCR_CONFIDENCE}")]
    return []


def _no_text_reason(page: Page) -> str:
    if page.strategy.startswith("ocr:blank"):
        return f"page {page.number} is blank"
    return f"page {page.number} shows no text, only specks or a pattern"


def _failed(media_type: str, code: FindingCode, detail: str) -> ReadResult:
    return ReadResult(media_type=media_type, issues=[ReadIssue(code=code, detail=detail)])


def ocr_confidence(result: ReadResult) -> float | None:
    """Mean confidence of the OCR'd words over all OCR pages (pages weighted by their words)."""
    scores = [w.confidence for page in result.pages if page.source == PageSource.ocr
              for w in page.words if w.confidence is not None and any(ch.isalnum() for ch in w.text)]
    return sum(scores) / len(scores) if scores else None
