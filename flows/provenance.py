"""What ran: engine versions and the reading strategy chosen for every page (written to run.json)."""

from __future__ import annotations

import datetime as dt
import platform
from importlib import metadata

from casefile.pages import ReadResult
from extractors.fields.provenance import FieldTrace

PACKAGES = ("coupang-appeal", "prefect", "pdfplumber", "tesserocr", "Pillow", "spacy", "python-docx",
            "pikepdf", "pyHanko", "weasyprint", "holidays", "pydantic")


def engine_versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    try:
        from extractors.readers import tesseract

        versions["tesseract"] = tesseract.version()
        versions["tesseract_dotproduct"] = tesseract.dot_product()
    except Exception as exc:  # noqa: BLE001 - a record of what ran must not stop the run
        versions["tesseract"] = f"unavailable ({type(exc).__name__})"
    return versions


def run_record(case_id: str, as_of: dt.date, reads: dict[str, ReadResult], started: dt.datetime,
               signer_note: str | None, traces: dict[str, FieldTrace] | None = None) -> dict:
    return {
        "case_id": case_id,
        "as_of": as_of.isoformat(),
        "started": started.isoformat(timespec="seconds"),
        "finished": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "engines": engine_versions(),
        "signing": signer_note,
        "documents": {
            path: {
                "media_type": read.media_type,
                "pages": [{"number": p.number, "source": p.source.value, "strategy": p.strategy,
                           "rotation": p.rotation, "confidence": p.confidence, "dpi": p.dpi}
                          for p in read.pages],
                "issues": [i.model_dump(mode="json") for i in read.issues],
                # Where each field was read (page, box, how, how sure), and those nulled as too unsure.
                "fields": (traces or {}).get(path, FieldTrace()).model_dump(mode="json"),
            }
            for path, read in sorted(reads.items())
        },
    }
