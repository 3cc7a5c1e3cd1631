"""Seconds per case and per stage, pages per second and peak memory over the bundled samples.

Runs the plain stage functions (flows/stages.py) without Prefect so the figures are the engines'.
Usage: .venv/bin/python bench/pipeline_speed.py [--repeat N] [--cases DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from casefile.loading import load_case  # noqa: E402
from flows import stages  # noqa: E402
from flows.signer import choose_signer  # noqa: E402
from renderers import build_package, build_review_sheet  # noqa: E402
from validators import status_of  # noqa: E402

AS_OF = dt.date(2026, 11, 28)


def run_case(path: Path, out: Path) -> tuple[dict[str, float], int]:
    timings: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as work:
        t = time.perf_counter()
        case = load_case(path, Path(work))
        timings["intake"] = time.perf_counter() - t
        t = time.perf_counter()
        sources, reads = stages.read_all(stages.inventory(case), Path(work))
        timings["read"] = time.perf_counter() - t
        t = time.perf_counter()
        understood = [stages.understand(s, reads[s.path], case.config.listing.product_id) for s in sources]
        docs = [u.document for u in understood]
        facts, findings = stages.judge(case, docs, reads, AS_OF, {u.document.path: u.trace for u in understood})
        timings["understand+judge"] = time.perf_counter() - t
        t = time.perf_counter()
        chain = stages.evidence_chain(case, facts, findings, docs, reads, {s.path: s for s in sources})
        status = status_of(findings)
        if status.value == "ready":
            build_package(chain, out, choose_signer().for_package)
        build_review_sheet(chain, status, out)
        timings["render"] = time.perf_counter() - t
    return timings, sum(len(r.pages) for r in reads.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--cases", type=Path, default=REPO / "samples" / "cases")
    args = parser.parse_args()
    total_pages, total_s = 0, 0.0
    print(f"{'case':32} {'pages':>5} {'intake':>7} {'read':>7} {'judge':>7} {'render':>7} {'total':>7}")
    for path in sorted(args.cases.iterdir()):
        for _ in range(args.repeat):
            with tempfile.TemporaryDirectory() as out:
                timings, pages = run_case(path, Path(out))
            total = sum(timings.values())
            total_pages, total_s = total_pages + pages, total_s + total
            print(f"{path.name[:32]:32} {pages:5d} {timings['intake']:7.2f} {timings['read']:7.2f} "
                  f"{timings['understand+judge']:7.2f} {timings['render']:7.2f} {total:7.2f}")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\n{total_pages} pages in {total_s:.1f} s: {total_pages / total_s:.2f} pages/s; peak RSS {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
