"""Random whole cases with planted faults (issue 15, part 6): N cases composed from the randomiser
(samples/random/cases.py), zero or one fault planted per case and near misses of other codes beside it."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from .pipeline import AS_OF, run_case
from .random_cases_report import cases_report
from .random_cases_score import CaseScore, renditions_of
from .seeds import seed_from

CASES_N = 32


def random_cases_bench(args) -> None:
    import time

    from samples.random.cases import generate_cases

    seed = seed_from(args.random_cases)
    n = args.n or CASES_N
    repeat = (f"bench/accuracy.py --random-cases {seed} --n {n}"
              + (f" --renditions {' '.join(args.renditions)}" if args.renditions else ""))
    print(f"random cases seed {seed}   (repeat this set: {repeat})", flush=True)
    t0 = time.monotonic()
    score = CaseScore()
    with tempfile.TemporaryDirectory() as tmp:
        out = args.keep or Path(tmp) / "cases"

        def run(truth) -> None:
            try:
                got = run_case(truth.path)
            except Exception as exc:  # noqa: BLE001 - a crash is a result to report
                score.crashes.append(f"{truth.case_id}: {type(exc).__name__}: {exc}")
                got = {"codes": set(), "status": "crashed", "findings": []}
            score.add(truth, got)
            raised = sorted(got["codes"])
            ok = got["status"] == truth.status and set(truth.expected) <= got["codes"] \
                and not set(truth.absent) & got["codes"]
            print(f"  {truth.case_id} {truth.reason:18} planted {truth.fault or '-':28} {'ok  ' if ok else 'MISS'} "
                  f"{got['status']:11} raised {raised}   [{renditions_of(truth)}]", file=sys.stderr, flush=True)

        generate_cases(seed, n, out, args.renditions, AS_OF, progress=run)
    cases_report(score, repeat, n, time.monotonic() - t0, args.examples)
