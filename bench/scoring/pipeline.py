"""The pipeline as the accuracy bench runs it: the plain stage functions (flows/stages.py) without
Prefect, and what they give in contract form, ready to compare with the truth."""

from __future__ import annotations

import datetime as dt
import re
import tempfile
import unicodedata
from pathlib import Path

from casefile.loading import load_case
from flows import stages
from validators import status_of

AS_OF = dt.date(2026, 11, 28)


def run_case(path: Path) -> dict:
    """The pipeline's view of one case: documents (path → kind, text_source, fields), codes, status."""
    with tempfile.TemporaryDirectory() as work:
        case = load_case(path, Path(work))
        sources, reads = stages.read_all(stages.inventory(case), Path(work))
        understood = [stages.understand(s, reads[s.path], case.config.listing.product_id) for s in sources]
        docs = [u.document for u in understood]
        facts, findings = stages.judge(case, docs, reads, AS_OF, {u.document.path: u.trace for u in understood})
    out = {}
    for d in docs:
        fields = d.fields.model_dump() if hasattr(d.fields, "model_dump") else dict(d.fields or {})
        out[d.path] = {"kind": fold(d.kind), "text_source": fold(d.text_source),
                       "fields": {k: fold(v) if not isinstance(v, list) else [fold(x) for x in v]
                                  for k, v in fields.items()}}
    return {"documents": out, "codes": {fold(f.code) for f in findings}, "status": fold(status_of(findings)),
            "reason_code": fold(facts.reason_code),
            "findings": [(fold(f.code), fold(f.severity), list(f.documents)) for f in findings]}


def run_document(path: Path, product_id: str | None) -> dict | None:
    """One file as a one-document case (case.toml carries only the listing's product id, as a
    seller's would): its kind and fields as the pipeline gives them, or None if it was not read."""
    with tempfile.TemporaryDirectory() as tmp:
        case_dir = Path(tmp) / "case"
        case_dir.mkdir()
        (case_dir / path.name).write_bytes(path.read_bytes())
        if product_id:
            (case_dir / "case.toml").write_text(f'[listing]\nproduct_id = "{product_id}"\n', encoding="utf-8")
        got = run_documents(case_dir)
    return got.get(unicodedata.normalize("NFC", path.name))


def run_documents(case_dir: Path) -> dict:
    with tempfile.TemporaryDirectory() as work:
        case = load_case(case_dir, Path(work))
        sources, reads = stages.read_all(stages.inventory(case), Path(work))
        understood = [stages.understand(s, reads[s.path], case.config.listing.product_id) for s in sources]
    out = {}
    for d, where in understood:
        fields = d.fields.model_dump() if hasattr(d.fields, "model_dump") else dict(d.fields or {})
        out[d.path] = {"kind": fold(d.kind), "text_source": fold(d.text_source),
                       "fields": {k: fold(v) if not isinstance(v, list) else [fold(x) for x in v]
                                  for k, v in fields.items()},
                       # how each value was read (a pairing, a text rule, or only found in the words)
                       # and how sure it is: what the checks weigh (issue 15)
                       "how": {k: s.pairing or "found" for k, s in where.sources.items()},
                       "certainty": {k: s.certainty for k, s in where.sources.items()}}
    return out


def fold(value):
    """Contract form for comparison: NFC, runs of white space folded, dates as ISO strings."""
    if isinstance(value, str):
        return re.sub(r"\s+", " ", unicodedata.normalize("NFC", value)).strip()
    if isinstance(value, (dt.date,)):
        return value.isoformat()
    if hasattr(value, "value"):  # enums
        return value.value
    return value
