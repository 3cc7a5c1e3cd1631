"""Cases per minute through the drop folder, cold and warm read cache, thread vs Dask task runner,
and the time from a drop to a finished result under `appeal serve`.

Cases are copies of the committed samples (samples/cases) under varied names, made in a temp dir.
Each batch is one `appeal ingest` run (a subprocess, as an operator would run it) against one
Prefect server: $PREFECT_API_URL, or a local one started here. "store" time is from the first
`ingested` to the last `processed` line of the batch; "wall" adds process start-up and settling.

Usage: .venv/bin/python bench/throughput.py [--cases 20] [--all-samples] [--runners threads,dask]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import nullcontext
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from flows.serve import local_server  # noqa: E402  (no Prefect import)

APPEAL = Path(sys.executable).with_name("appeal")
SAMPLES = REPO / "samples" / "cases"
TEXT_ONLY = ["kc-model-mismatch-lamp", "kc-bad-brn-toy", "kc-ready-humidifier", "kc-ready-radio-zip.zip"]


def make_cases(into: Path, n: int, samples: list[str], tag: str) -> list[str]:
    into.mkdir(parents=True, exist_ok=True)
    names = []
    for i in range(n):
        sample = SAMPLES / samples[i % len(samples)]
        name = f"{tag}-{i:02d}-{sample.name.removesuffix('.zip')}"
        staging = into / f".{name}"
        if sample.is_dir():
            shutil.copytree(sample, staging)
            os.rename(staging, into / name)
        else:
            shutil.copyfile(sample, staging)
            os.rename(staging, into / f"{name}.zip")
        names.append(name)
    return names


def events(home: Path, case_id: str) -> list[dict]:
    path = home / "cases" / case_id / "history.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def batch(env: dict[str, str], home: Path, names: list[str]) -> tuple[float, float]:
    start = time.perf_counter()
    subprocess.run([str(APPEAL), "ingest", "--settle", "1", "--as-of", "2026-11-28"], env=env, check=True,
                   capture_output=True, cwd=REPO)
    wall = time.perf_counter() - start
    stamps = [(e["event"], dt.datetime.fromisoformat(e["at"])) for c in names for e in events(home, c)]
    first = min(t for ev, t in stamps if ev == "ingested")
    last = max(t for ev, t in stamps if ev == "processed")
    assert sum(ev == "processed" for ev, _ in stamps) == len(names), "not every case was processed"
    return wall, (last - first).total_seconds()


def drop_latency(env: dict[str, str], home: Path, samples: list[str], repeat: int) -> list[float]:
    serve = subprocess.Popen([str(APPEAL), "serve", "--debounce", "1"], env={**env, "APPEAL_DROPBOX_SETTLE_SECONDS": "1"},
                             cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        time.sleep(15)  # the deployments register; the first drop would otherwise wait for them
        latencies = []
        for i in range(repeat):
            [name] = make_cases(home / "dropbox", 1, samples, f"latency{i}")
            start = time.perf_counter()
            while not (home / "cases" / name / "out" / "result.json").exists():
                time.sleep(0.2)
            latencies.append(time.perf_counter() - start)
        return latencies
    finally:
        serve.terminate()
        serve.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=20)
    parser.add_argument("--all-samples", action="store_true", help="include the OCR samples (scans, photos)")
    parser.add_argument("--runners", default="threads,dask")
    parser.add_argument("--latency-repeat", type=int, default=3)
    args = parser.parse_args()
    samples = sorted(p.name for p in SAMPLES.iterdir()) if args.all_samples else TEXT_ONLY
    work = Path(tempfile.mkdtemp(prefix="bench-throughput-"))
    external = os.environ.get("PREFECT_API_URL")
    base = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "APPEAL_"))}
    print(f"{args.cases} cases from {', '.join(samples)}; {os.cpu_count()} cores; work dir {work}")
    with nullcontext(external) if external else local_server(work / "server") as api:
        base.update(PREFECT_API_URL=api, PREFECT_LOGGING_LEVEL="WARNING")
        print(f"{'runner':8} {'cache':5} {'wall s':>7} {'store s':>8} {'cases/min (store)':>18}")
        for runner in args.runners.split(","):
            home = work / runner
            env = {**base, "APPEAL_HOME": str(home), "APPEAL_TASK_RUNNER": runner}
            for cache in ("cold", "warm"):  # warm: same contents under new names, read cache filled
                names = make_cases(home / "dropbox", args.cases, samples, f"{runner}-{cache}")
                wall, store = batch(env, home, names)
                print(f"{runner:8} {cache:5} {wall:7.1f} {store:8.1f} {60 * len(names) / store:18.1f}", flush=True)
        home = work / "latency"
        latencies = drop_latency({**base, "APPEAL_HOME": str(home)}, home, samples[:1], args.latency_repeat)
        print(f"drop -> result.json under `appeal serve` ({samples[0]}): "
              + ", ".join(f"{s:.1f} s" for s in latencies))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
