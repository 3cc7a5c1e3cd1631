"""Where the seconds of one `appeal process` go, as an operator meets them (issue 16, item 4).

Each figure is a fresh process, the way a shell or a supervisor starts one:
  imports      python importing the flow (Prefect, the extractors, the renderers)
  api start    the same, plus starting Prefect's ephemeral API server
  cold case    `appeal process CASE` with an empty read cache
  cached case  the same case again, every document in the read cache
The difference between a case and "api start" is the flow itself. Goal: the cached case under
3 s; today it pays the imports and the API start every time.

Usage: .venv/bin/python bench/cli_speed.py [--case samples/cases/kc-ready-humidifier] [--repeat 2]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PYTHON = Path(sys.executable)
APPEAL = PYTHON.with_name("appeal")
AS_OF = "2026-11-28"

IMPORTS = "import flows.process_case"
API_START = "import flows.process_case\nfrom flows.lifetime import start_ephemeral_api\nstart_ephemeral_api()"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", type=Path, default=REPO / "samples" / "cases" / "kc-ready-humidifier")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "APPEAL_HOME": str(Path(tmp) / "home")}
        figures = {
            "imports": [_timed([str(PYTHON), "-c", IMPORTS], env) for _ in range(args.repeat)],
            "api start": [_timed([str(PYTHON), "-c", API_START], env) for _ in range(args.repeat)],
        }
        cold, cached = [], []
        for n in range(args.repeat):
            case_env = {**env, "APPEAL_HOME": str(Path(tmp) / f"home{n}")}  # an empty read cache each time
            command = [str(APPEAL), "process", str(args.case), "--out", str(Path(tmp) / f"out{n}"), "--as-of", AS_OF]
            cold.append(_timed(command, case_env))
            cached.append(_timed(command, case_env))
        figures["cold case"], figures["cached case"] = cold, cached
    print(f"appeal process {args.case.name}: seconds, median of {args.repeat} fresh processes")
    for name, seconds in figures.items():
        print(f"  {name:<12} {statistics.median(seconds):6.2f}   ({', '.join(f'{s:.2f}' for s in seconds)})")
    flow = statistics.median(cached) - statistics.median(figures["api start"])
    print(f"  {'flow, cached':<12} {flow:6.2f}   (cached case minus api start)")
    print(f"  goal: cached case under 3 s -> {'met' if statistics.median(cached) < 3 else 'NOT met'}")


def _timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=REPO, capture_output=True, text=True, timeout=600)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return elapsed


if __name__ == "__main__":
    main()
