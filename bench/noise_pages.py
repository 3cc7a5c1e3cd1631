"""Seconds per one-document case for pages with and without text (issue 16): noise, blank pages,
textures, photos, a photo of a monitor, and text pages for comparison.

Each image of tests/extractors/page_zoo.py is made into a one-document case and taken through the
stages the flow runs (flows/stages.py: intake, the bounded reader child, understand, judge),
without Prefect, so the figures are the product's own; `--cli` runs `appeal process` end to end
instead (Prefect's ephemeral API start included). Prints per case: seconds, the page's strategy
(what the text test decided), the document's kind and the findings; then the text test's own
measures for every image (`textness.assess`, no OCR but the probe).

Usage: .venv/bin/python bench/noise_pages.py [--only NAME ...] [--cli] [--no-features]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests" / "extractors"))  # the page makers, shared with the tests

AS_OF = dt.date(2026, 11, 28)
#: The monitor photo with small text and strong moiré: read, but poorly (see the reply on issue 16).
HARD = {"monitor-photo-small-text"}


def makers() -> dict:
    import page_zoo

    found = {**page_zoo.NO_TEXT, **page_zoo.TEXT}
    found["monitor-photo-small-text"] = lambda: page_zoo.monitor_photo(seed=2, font_px=22)
    wing = REPO / "samples" / "cases" / "kc-wing-detail-heater" / "wing_capture.png"
    if wing.exists():
        from PIL import Image

        found["wing-screenshot"] = lambda: Image.open(wing).copy()
    return found


def run_stages(case: Path) -> dict:
    import extractors.readers.read  # noqa: F401 - the readers load before the clock runs
    from casefile.loading import load_case
    from flows import stages

    with tempfile.TemporaryDirectory() as work:
        started = time.perf_counter()
        loaded = load_case(case, Path(work))
        sources, reads = stages.read_all(stages.inventory(loaded), Path(work))
        understood = [stages.understand(s, reads[s.path], None) for s in sources]
        docs = [u.document for u in understood]
        _, findings = stages.judge(loaded, docs, reads, AS_OF, {u.document.path: u.trace for u in understood})
        seconds = time.perf_counter() - started
    [read] = reads.values()
    return {"seconds": seconds, "strategy": read.pages[0].strategy if read.pages else "-",
            "kind": docs[0].kind.value, "findings": [f.code.value for f in findings]}


def run_cli(case: Path) -> dict:
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        subprocess.run([str(REPO / ".venv" / "bin" / "appeal"), "process", str(case), "--out", out,
                        "--as-of", AS_OF.isoformat()], check=True, capture_output=True)
        seconds = time.perf_counter() - started
        result = json.loads((Path(out) / "result.json").read_text(encoding="utf-8"))
    doc = result["documents"][0] if result["documents"] else {}
    return {"seconds": seconds, "strategy": "-", "kind": doc.get("kind", "-"),
            "findings": [f["code"] for f in result["findings"]]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", nargs="*", help="names of the pages to run (default: all)")
    parser.add_argument("--cli", action="store_true", help="run `appeal process` end to end")
    parser.add_argument("--no-features", action="store_true", help="skip the table of the text test's measures")
    args = parser.parse_args()
    os.environ.setdefault("APPEAL_CACHE", "off")
    os.environ.setdefault("APPEAL_HOME", tempfile.mkdtemp(prefix="appeal-bench-"))
    chosen = {k: v for k, v in makers().items() if not args.only or k in args.only}
    with tempfile.TemporaryDirectory() as root:
        images = {}
        for name, make in chosen.items():
            case = Path(root, name)
            case.mkdir()
            image = make()
            image.save(case / "page.png")
            images[name] = image
        print(f"{'page':26} {'s/case':>7}  {'kind':10} {'findings':34} strategy")
        for name in chosen:
            found = (run_cli if args.cli else run_stages)(Path(root, name))
            mark = " (hard)" if name in HARD else ""
            print(f"{name + mark:26} {found['seconds']:7.1f}  {found['kind']:10} {','.join(found['findings']) or '-':34} "
                  f"{found['strategy'][:110]}", flush=True)
        if not args.no_features:
            print_features(images)


def print_features(images: dict) -> None:
    import numpy as np

    from extractors.preprocess import textness

    print(f"\n{'page':26} {'verdict':8} {'cands':>6} {'lines':>5} {'in lines':>8} {'share':>5} {'ink':>6} "
          f"{'paper':>5} {'smooth':>6} {'probe':>5} {'ms':>6}")
    for name, image in images.items():
        gray = np.asarray(image.convert("L"))
        started = time.perf_counter()
        found = textness.assess(gray)
        ms = (time.perf_counter() - started) * 1000
        probe = "-" if found.probe_words is None else str(found.probe_words)
        print(f"{name:26} {found.kind:8} {found.candidates:6d} {found.lines:5d} {found.members:8d} {found.share:5.2f} "
              f"{found.ink:6.3f} {found.paper:5.2f} {found.smooth:6.2f} {probe:>5} {ms:6.0f}", flush=True)


if __name__ == "__main__":
    main()
