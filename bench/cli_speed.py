"""Where the seconds of one `appeal process` go, as an operator meets them (issue 16, item 4).

Each figure is a fresh process, the way a shell or a supervisor starts one:
  imports      python importing the flow (Prefect, the extractors, the renderers)
  api start    the same, plus starting Prefect's ephemeral API server
  cold case    `appeal process CASE` with an empty read cache
  cached case  the same case again, every document in the read cache
The difference between a case and "api start" is the flow itself: standalone, every run pays the
imports and the API start. Then the same through `appeal warm` (flows/warm.py), which pays them
once: `appeal process` hands its case over and waits.
  warm cold / warm cached   the case, end to end, as the operator's shell times it
  warm 5 docs               a cold five-document case (two sample cases' files together)
  overhead                  end to end minus the flow's own seconds (the warm process's log)
Goals (issue 16, item 4): a cached case under 3 s; a cold five-document case adds at most 2 s to
the time its stages take.

Usage: .venv/bin/python bench/cli_speed.py [--case samples/cases/kc-ready-humidifier] [--repeat 2]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
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
        warm, overhead = _warm_figures(args, Path(tmp), env)
        figures.update(warm)
    print(f"appeal process {args.case.name}: seconds, median of {args.repeat} fresh processes")
    for name, seconds in figures.items():
        print(f"  {name:<16} {statistics.median(seconds):6.2f}   ({', '.join(f'{s:.2f}' for s in seconds)})")
    flow = statistics.median(cached) - statistics.median(figures["api start"])
    print(f"  {'flow, cached':<16} {flow:6.2f}   (standalone cached case minus api start)")
    for name, seconds in overhead.items():
        print(f"  {name:<16} {statistics.median(seconds):6.2f}   (end to end minus the flow's own seconds)")
    cached_best = min(statistics.median(cached), statistics.median(figures["warm cached"]))
    print(f"  goal: cached case under 3 s -> {'met' if cached_best < 3 else 'NOT met'} "
          f"(standalone {statistics.median(cached):.2f}, warm {statistics.median(figures['warm cached']):.2f})")
    five = statistics.median(overhead["overhead 5 docs"])
    print(f"  goal: a cold 5-document case adds <= 2 s to its stages -> {'met' if five <= 2 else 'NOT met'} "
          f"(warm {five:.2f})")


def _warm_figures(args: argparse.Namespace, tmp: Path, env: dict[str, str]) -> tuple[dict, dict]:
    """Cold, cached and five-document cases handed to `appeal warm`, each with a fresh read cache."""
    five = tmp / "five-docs"
    for source in (args.case, REPO / "samples" / "cases" / "kc-wing-detail-heater"):
        shutil.copytree(source, five, dirs_exist_ok=True, ignore=shutil.ignore_patterns("case.toml"))
    shutil.copy2(args.case / "case.toml", five / "case.toml")
    figures: dict[str, list[float]] = {"warm cold": [], "warm cached": [], "warm 5 docs": []}
    overhead: dict[str, list[float]] = {"overhead cached": [], "overhead 5 docs": []}
    for n in range(args.repeat):
        home = tmp / f"warm{n}"
        warm_env = {**env, "APPEAL_HOME": str(home)}
        log = tmp / f"warm{n}.log"
        with open(log, "w") as sink:
            server = subprocess.Popen([str(APPEAL), "warm"], env=warm_env, cwd=REPO,
                                      stdout=subprocess.DEVNULL, stderr=sink)
            try:
                _wait_for(home / "run" / "warm.sock", server)
                for name, case in (("warm cold", args.case), ("warm cached", args.case), ("warm 5 docs", five)):
                    command = [str(APPEAL), "process", str(case), "--out", str(tmp / f"w{n}-{name}"), "--as-of", AS_OF]
                    figures[name].append(_timed(command, warm_env))
            finally:
                server.send_signal(signal.SIGTERM)
                server.wait(timeout=60)
        flows = [float(s) for s in re.findall(r"in ([0-9.]+) s$", log.read_text(), flags=re.M)]
        if len(flows) != 3:
            raise SystemExit(f"the warm process did not serve the three cases:\n{log.read_text()[-2000:]}")
        overhead["overhead cached"].append(figures["warm cached"][-1] - flows[1])
        overhead["overhead 5 docs"].append(figures["warm 5 docs"][-1] - flows[2])
    return figures, overhead


def _wait_for(sock: Path, server: subprocess.Popen, limit: float = 120.0) -> None:
    deadline = time.monotonic() + limit
    while not sock.exists():
        if server.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"appeal warm did not start serving at {sock}")
        time.sleep(0.1)


def _timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=REPO, capture_output=True, text=True, timeout=600)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return elapsed


if __name__ == "__main__":
    main()
