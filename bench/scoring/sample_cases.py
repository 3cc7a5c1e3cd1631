"""The default mode: every case in samples/expected, and the renditions of the manifest that carry
field ground truth, through the pipeline and scored against their truth."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from .pipeline import run_case
from .sample_cases_report import report
from .sample_cases_score import Score, score_case, tier

MANIFEST = Path(__file__).resolve().parents[2] / "samples" / "renditions" / "manifest.json"


def sample_cases_bench(args) -> None:
    score = Score()
    ids = sorted(p.stem for p in args.expected.glob("*.json"))
    if args.only:
        ids = [i for i in ids if i in args.only]
    for case_id in ids:
        expected = json.loads((args.expected / f"{case_id}.json").read_text(encoding="utf-8"))
        folder = args.cases / case_id
        path = folder if folder.is_dir() else args.cases / f"{case_id}.zip"
        try:
            got = run_case(path)
        except Exception as exc:  # noqa: BLE001 - a crash is a miss to report, not the end of the bench
            got = {"documents": {}, "codes": set(), "status": f"crashed: {type(exc).__name__}: {exc}"}
        score_case(score, case_id, expected, got, degraded=set())
        print(f"  {case_id:34} {got['status']}", file=sys.stderr)
    renditions = [] if args.only else rendition_cases(MANIFEST)
    for rid, path, exp in renditions:
        run_rendition(score, rid, path, exp)
    report(score, len(ids), len(renditions))


def rendition_cases(manifest: Path) -> list[tuple[str, Path, dict]]:
    """Renditions with field ground truth, as (id, file, {"fields": {name: {…}}}); none otherwise.

    The manifest is written by samples/renditions.py; entries without `fields` (or `expected`) are
    reading-only renditions for bench/reading.py and are skipped here."""
    if not manifest.is_file():
        return []
    data = json.loads(manifest.read_text(encoding="utf-8"))
    entries = data.get("renditions", data) if isinstance(data, dict) else data
    out = []
    for e in entries if isinstance(entries, list) else []:
        fields = e.get("fields") or (e.get("expected") or {}).get("fields")
        rel = e.get("path") or e.get("file")
        if not (fields and rel and (fields.get("kind") or e.get("kind"))):
            continue
        fields = {"kind": e.get("kind"), **fields} if "kind" not in fields else fields
        out.append((e.get("id") or rel, manifest.parent / rel, {"fields": {Path(rel).name: fields},
                                                                 "degraded": e.get("degraded", True)}))
    return out


def run_rendition(score: Score, rid: str, path: Path, exp: dict) -> None:
    """A rendition is one file: read it as a one-document case and score its fields only."""
    with tempfile.TemporaryDirectory() as tmp:
        case = Path(tmp) / "case"
        case.mkdir()
        (case / path.name).write_bytes(path.read_bytes())
        got = run_case(case)
    degraded = {f"{rid}/{path.name}"} if exp.get("degraded") else set()
    docs = got["documents"]
    for name, want in exp["fields"].items():
        doc = docs.get(name)
        score.kind[1] += 1
        if doc is None:
            continue
        score.kind[0] += doc["kind"] == want["kind"]
        t = tier(rid, name, doc["text_source"], degraded)
        for key, value in want.items():
            if key != "kind":
                score.field(rid, name, want["kind"], t, key, value, doc["fields"].get(key))
