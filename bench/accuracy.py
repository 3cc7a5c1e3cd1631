"""Field and finding accuracy of the pipeline over every case in samples/expected (and the rendition
manifest, when it carries field ground truth). Prints figures beside their targets; asserts nothing.

Runs the plain stage functions (flows/stages.py) without Prefect, as bench/pipeline_speed.py does.
Usage: .venv/bin/python bench/accuracy.py [--cases DIR] [--expected DIR] [--only CASE_ID ...]

With `--random [SEED] --n N` it scores a fresh set from the layout randomiser (samples/random) instead:
N documents per kind in layouts and renditions nobody tuned for, per kind x rendition tier (issue 14).
Without a SEED the seed is new on every run; it is printed first, so a run can be repeated.
    .venv/bin/python bench/accuracy.py --random --n 6 [--kinds K ...] [--renditions R ...] [--keep DIR]

With `--random-cases [SEED] --n N` it scores N whole cases composed from the randomiser
(samples/random/cases.py) with zero or one fault planted per case and near misses of other codes
beside it (issue 15, part 6): per code planted, found, missed, false alarms, precision and recall;
status accuracy; and blocking (error) findings on cases planted with no fault, with examples.
    .venv/bin/python bench/accuracy.py --random-cases 1 --n 40 [--renditions pdf docx email] [--keep DIR]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.scoring.random_cases import CASES_N, random_cases_bench  # noqa: E402
from bench.scoring.random_set import RANDOM_N, random_bench  # noqa: E402
from bench.scoring.sample_cases import sample_cases_bench  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, default=REPO / "samples" / "cases")
    parser.add_argument("--expected", type=Path, default=REPO / "samples" / "expected")
    parser.add_argument("--only", nargs="*", help="case ids to run")
    parser.add_argument("--random", nargs="?", const="fresh", metavar="SEED",
                        help="score a random set from samples/random instead (no SEED: a new seed each run)")
    parser.add_argument("--random-cases", nargs="?", const="fresh", metavar="SEED",
                        help="score whole random cases with planted faults (samples/random/cases.py)")
    parser.add_argument("--n", type=int, default=None,
                        help=f"--random: documents per kind (default {RANDOM_N}); --random-cases: cases "
                             f"(default {CASES_N})")
    parser.add_argument("--kinds", nargs="+", metavar="KIND", help="--random: only these kinds")
    parser.add_argument("--renditions", nargs="+", metavar="R", help="--random, --random-cases: only these renditions")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="--random, --random-cases: write the set here and keep it")
    parser.add_argument("--examples", type=int, default=3, help="--random: examples per weak field (default 3)")
    args = parser.parse_args()
    if args.random_cases is not None:
        random_cases_bench(args)
        return
    if args.random is not None:
        args.n = args.n or RANDOM_N
        random_bench(args)
        return
    sample_cases_bench(args)


if __name__ == "__main__":
    main()
