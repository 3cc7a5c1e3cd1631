"""Field and finding accuracy of the pipeline over every case in samples/expected (and the rendition
manifest, when it carries field ground truth). Prints figures beside their targets; asserts nothing.

Runs the plain stage functions (flows/stages.py) without Prefect, as bench/pipeline_speed.py does.
Usage: .venv/bin/python bench/accuracy.py [--cases DIR] [--expected DIR] [--only CASE_ID ...]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import tempfile
import unicodedata
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from casefile.loading import load_case  # noqa: E402
from flows import stages  # noqa: E402
from validators import status_of  # noqa: E402

AS_OF = dt.date(2026, 11, 28)
MANIFEST = REPO / "samples" / "renditions" / "manifest.json"
# Targets from the brief; text sources map onto the tiers they are measured against.
KIND_TARGET, FINDING_TARGET = 0.99, 0.97
FIELD_TARGETS = {"pdf_text": 0.99, "docx": 0.99, "email": 0.99, "plain": 0.99,
                 "ocr:clean": 0.95, "ocr:degraded": 0.90, "mixed": 0.95}


def fold(value):
    """Contract form for comparison: NFC, runs of white space folded, dates as ISO strings."""
    if isinstance(value, str):
        return re.sub(r"\s+", " ", unicodedata.normalize("NFC", value)).strip()
    if isinstance(value, (dt.date,)):
        return value.isoformat()
    if hasattr(value, "value"):  # enums
        return value.value
    return value


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
            "reason_code": fold(facts.reason_code)}


def tier(case_id: str, path: str, text_source: str | None, degraded: set[str]) -> str:
    """OCR is split into clean scans and degraded scans / phone photos, which have different targets."""
    if text_source != "ocr":
        return text_source or "none"
    return "ocr:degraded" if f"{case_id}/{path}" in degraded or _looks_photographed(path) else "ocr:clean"


def _looks_photographed(path: str) -> bool:
    # The samples name phone and messenger pictures as phones do; scans are named by scanners.
    return bool(re.search(r"(IMG_|KakaoTalk_|微信图片|Screenshot_|스크린샷)", path))


class Score:
    def __init__(self) -> None:
        self.kind = [0, 0]
        self.fields = defaultdict(lambda: [0.0, 0])      # (kind, field) → (credit, count)
        self.by_source = defaultdict(lambda: [0.0, 0])   # tier → (credit, count)
        self.find_tp = self.find_fn = self.find_fp = self.find_tn = 0
        self.status = [0, 0]
        self.misses: list[tuple[str, ...]] = []

    def field(self, case_id: str, path: str, kind: str, tier_name: str, name: str, want, got) -> None:
        credit = list_credit(want, got) if isinstance(want, list) else float(fold(want) == got)
        for bucket in (self.fields[(kind, name)], self.by_source[tier_name]):
            bucket[0] += credit
            bucket[1] += 1
        if credit < 1:
            self.misses.append((case_id, path, name, _short(want), _short(got)))


def list_credit(want: list, got) -> float:
    """Ingredient lists score as the F1 of precision and recall of the names (order aside)."""
    got = got if isinstance(got, list) else []
    want_set, got_set = {fold(x) for x in want}, {fold(x) for x in got}
    if not want_set and not got_set:
        return 1.0
    hit = len(want_set & got_set)
    p = hit / len(got_set) if got_set else 0.0
    r = hit / len(want_set) if want_set else 0.0
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def _short(v) -> str:
    s = json.dumps(v, ensure_ascii=False)
    return s if len(s) <= 70 else s[:67] + "…"


def score_case(score: Score, case_id: str, expected: dict, got: dict, degraded: set[str]) -> None:
    docs = got["documents"]
    for path, want in expected.get("fields", {}).items():
        doc = docs.get(path)
        score.kind[1] += 1
        if doc is None:
            score.misses.append((case_id, path, "(document)", "present", "not read"))
            for name, value in want.items():
                if name != "kind":
                    score.field(case_id, path, want["kind"], "none", name, value, None)
            continue
        score.kind[0] += doc["kind"] == want["kind"]
        if doc["kind"] != want["kind"]:
            score.misses.append((case_id, path, "kind", want["kind"], doc["kind"]))
        t = tier(case_id, path, doc["text_source"], degraded)
        for name, value in want.items():
            if name != "kind":
                score.field(case_id, path, want["kind"], t, name, value, doc["fields"].get(name))
    codes = got["codes"]
    for code in expected.get("findings", []):
        if code in codes:
            score.find_tp += 1
        else:
            score.find_fn += 1
            score.misses.append((case_id, "", "finding", code, "missing"))
    for code in expected.get("absent", []):
        if code in codes:
            score.find_fp += 1
            score.misses.append((case_id, "", "false alarm", "absent", code))
        else:
            score.find_tn += 1
    score.status[1] += 1
    score.status[0] += got["status"] == expected["status"]
    if got["status"] != expected["status"]:
        score.misses.append((case_id, "", "status", expected["status"], f"{got['status']} {sorted(codes)}"))


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


def pct(a: float, n: int) -> str:
    return f"{100 * a / n:6.1f}% ({a:g}/{n})" if n else "     – (0)"


def report(score: Score, n_cases: int, n_renditions: int) -> None:
    print(f"\ncases: {n_cases}   renditions with field truth: {n_renditions}   as_of {AS_OF}\n")
    print(f"kind accuracy            {pct(*score.kind):24} target ≥ {KIND_TARGET:.0%}")
    print(f"status accuracy          {pct(*score.status):24}")
    tp, fn, fp = score.find_tp, score.find_fn, score.find_fp
    print(f"finding recall           {pct(tp, tp + fn):24} target ≥ {FINDING_TARGET:.0%}")
    print(f"finding precision        {pct(tp, tp + fp):24} target ≥ {FINDING_TARGET:.0%}"
          "   (false positives: `absent` codes raised)")
    print("\nfield accuracy by text source:")
    for name, (a, n) in sorted(score.by_source.items()):
        target = FIELD_TARGETS.get(name)
        print(f"  {name:22} {pct(a, n):24} " + (f"target ≥ {target:.0%}" if target else ""))
    print("\nfield accuracy by kind and field (ingredients: F1 of the name lists):")
    for (kind, name), (a, n) in sorted(score.fields.items()):
        print(f"  {kind:26} {name:20} {pct(a, n)}")
    print(f"\nmisses ({len(score.misses)}):")
    for case_id, path, what, want, got in score.misses:
        print(f"  {case_id} | {path or '-'} | {what} | expected {want} | got {got}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, default=REPO / "samples" / "cases")
    parser.add_argument("--expected", type=Path, default=REPO / "samples" / "expected")
    parser.add_argument("--only", nargs="*", help="case ids to run")
    args = parser.parse_args()
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


if __name__ == "__main__":
    main()
