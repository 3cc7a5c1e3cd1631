"""Work once: what reading a file gave, kept on disk under the file's content and everything
that shaped the reading, so a reprocessed case only pays for the files that changed.

The key is the sha256 of the file's bytes plus a fingerprint of the reading: `READER_VERSION`, a
digest of the reader modules' source, Tesseract's version and language data, and the OCR settings
(language, page mode, render and probe resolutions). Change any of them and every entry misses;
nothing has to be remembered to bump. Entries are JSON written atomically; one that does not parse,
validate or match its key is ignored (and overwritten by the next read), never trusted.

What is not stored: results that came with attachments (an email's files are written to the run's
workdir, which is gone by the next run; emails are cheap to parse again), and results of readers
that failed unexpectedly (a full disk or a Tesseract timeout is not a verdict on the file).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import logging
import os
import threading
from pathlib import Path

from pydantic import BaseModel, ValidationError

from casefile.atomic import write_text
from casefile.errors import MissingDependencyError
from casefile.pages import ReadResult

log = logging.getLogger(__name__)

#: Bump when reading changes in a way neither the source digest nor the settings show
#: (a system library upgrade that changes pdfplumber's or pdfium's output, say).
#: 3: pages without text-like lines are not OCR'd (ocr:notext, issue 16); 2: a PDF changed after
#: signing is read from its signed revision.
READER_VERSION = "3"
#: The modules whose code decides what a `ReadResult` holds; classification and fields are not
#: among them, so fixing a field extractor does not throw away the OCR of every case.
READER_MODULES = (  # a package stands for every module in it
    "casefile.pages", "casefile.codes", "casefile.text", "extractors.readers", "extractors.preprocess",
    "extractors.text.wordlines", "extractors.marks.signatures",
)
_CHUNK = 1 << 20


class _Entry(BaseModel):
    key: str
    sha256: str
    fingerprint: dict[str, str]  # for a person wondering why an entry missed
    result: ReadResult


class ReadCache:
    """`ReadResult`s on disk, one JSON file per key. Safe to share between threads and processes:
    writers race only to rename identical content into place."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.hits = self.misses = self.writes = self.rejected = 0
        self._lock = threading.Lock()  # for the counters only

    def key(self, sha256: str, fingerprint: dict[str, str] | None = None) -> str:
        fingerprint = reading_fingerprint() if fingerprint is None else fingerprint
        material = json.dumps({"sha256": sha256, **fingerprint}, sort_keys=True)
        return hashlib.sha256(material.encode()).hexdigest()

    def path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, sha256: str) -> ReadResult | None:
        key = self.key(sha256)
        path = self.path(key)
        try:
            entry = _Entry.model_validate_json(path.read_bytes())
        except FileNotFoundError:
            entry = None
        except (OSError, ValidationError, ValueError) as exc:
            log.warning("ignoring unreadable cache entry %s: %s", path, type(exc).__name__)
            entry = self._reject()
        if entry is not None and (entry.key != key or entry.sha256 != sha256 or entry.result.attachments):
            log.warning("ignoring cache entry %s that does not match its key", path)
            entry = self._reject()
        self._tally("misses" if entry is None else "hits")
        return None if entry is None else entry.result

    def put(self, sha256: str, result: ReadResult) -> None:
        if result.attachments:
            return  # their files live in this run's workdir only
        fingerprint = reading_fingerprint()
        key = self.key(sha256, fingerprint)
        entry = _Entry(key=key, sha256=sha256, fingerprint=fingerprint, result=result)
        try:
            write_text(self.path(key), entry.model_dump_json())
        except (OSError, ValueError) as exc:  # a full disk; text JSON cannot hold (a lone surrogate)
            log.warning("cannot write the read cache at %s: %s", self.root, exc)  # costs time, not the read
            return
        self._tally("writes")

    def _reject(self) -> None:
        self._tally("rejected")

    def _tally(self, counter: str) -> None:
        with self._lock:
            setattr(self, counter, getattr(self, counter) + 1)


def default_cache() -> ReadCache | None:
    """`$APPEAL_HOME/cache/read` (`APPEAL_HOME` defaults to `./var`); None when `APPEAL_CACHE=off`."""
    if os.environ.get("APPEAL_CACHE", "").strip().lower() in ("off", "0", "false", "no"):
        return None
    home = Path(os.environ.get("APPEAL_HOME") or "var")
    return ReadCache(home / "cache" / "read")


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def reading_fingerprint() -> dict[str, str]:
    """Everything besides the file's bytes that decides what reading it gives."""
    return {
        "reader_version": READER_VERSION,
        "reader_source": _source_digest(),
        **_engine(os.environ.get("TESSDATA_PREFIX", "")),
        **ocr_settings(),
    }


def ocr_settings() -> dict[str, str]:
    """The OCR settings as they stand now: read at call time, so a setting changed while the
    process runs (an operator's override, a test) changes the key too."""
    from extractors.readers import image, pdf, tesseract

    settings = {
        "lang": tesseract.DEFAULT_LANG, "psm": tesseract.DEFAULT_PSM,
        "osd_min_confidence": tesseract.OSD_MIN_CONFIDENCE,
        "pdf_render_dpi": pdf.RENDER_DPI, "pdf_x_tolerance": pdf.X_TOLERANCE, "pdf_probe_dpi": pdf.PROBE_DPI,
        "pdf_probe_lang": pdf.PROBE_LANG, "pdf_probe_min_hangul": pdf.PROBE_MIN_HANGUL,
        "max_pages": image.MAX_PAGES,
    }
    return {name: str(value) for name, value in settings.items()}


@functools.cache
def _source_digest() -> str:
    digest = hashlib.sha256()
    for name in READER_MODULES:
        for path in _module_files(name):
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def _module_files(name: str) -> list[Path]:
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        return []
    if spec.submodule_search_locations:  # a package: every module in it
        return sorted(p for folder in spec.submodule_search_locations for p in Path(folder).rglob("*.py"))
    return [Path(spec.origin)]


@functools.cache
def _engine(tessdata_prefix: str) -> dict[str, str]:
    """Tesseract's version and the size and time of its language files: a retrained `Hangul`
    model under the same version number reads differently too. Absent Tesseract is a value:
    what could be read without OCR is cached under it, and misses once Tesseract is installed."""
    from extractors.readers import tesseract

    try:
        version = tesseract.version()
    except MissingDependencyError:
        return {"tesseract": "missing"}
    folder = tesseract.tessdata_dir()
    models = sorted(folder.glob("*.traineddata")) if folder else []
    stamp = ",".join(f"{p.stem}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in models)
    return {"tesseract": f"tesseract {version}", "tessdata": stamp or "?", "dotproduct": tesseract.dot_product()}
