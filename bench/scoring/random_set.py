"""The random set (issue 14, part 6): a fresh set from the layout randomiser (samples/random), N
documents per kind in layouts and renditions nobody tuned for, each read as a one-document case."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from .fields import judge_field
from .pipeline import run_document
from .random_set_report import random_report
from .random_set_score import RandomScore
from .seeds import seed_from

RANDOM_N = 6


def random_bench(args) -> None:
    import time

    from samples.random import generate

    seed = seed_from(args.random)
    repeat = (f"bench/accuracy.py --random {seed} --n {args.n}" + (f" --kinds {' '.join(args.kinds)}" if args.kinds else "")
              + (f" --renditions {' '.join(args.renditions)}" if args.renditions else ""))
    print(f"random seed {seed}   (repeat this set: {repeat})", flush=True)
    t0 = time.monotonic()
    score = RandomScore()
    with tempfile.TemporaryDirectory() as tmp:
        out = args.keep or Path(tmp) / "random"
        samples = generate(seed, args.n, out, args.kinds, args.renditions)
        print(f"generated {len(samples)} documents in {time.monotonic() - t0:.0f} s; reading them …", file=sys.stderr,
              flush=True)
        for s in samples:
            rel = s.path.relative_to(out).as_posix()
            try:
                got = run_document(s.path, s.context.get("product_id"))
            except Exception as exc:  # noqa: BLE001 - a crash is a result to report
                got = None
                score.crashes.append(f"{rel}: {type(exc).__name__}: {exc}")
            score.add(s, rel, got)
            ok = sum(judge_field(w, (got or {}).get("fields", {}).get(k), s.accept.get(k))[0] == "right"
                     for k, w in s.truth.items() if k not in s.unscored)
            scored = sum(1 for k in s.truth if k not in s.unscored)
            print(f"  {rel:52} [{s.rendition:13}] kind {'ok ' if got and got['kind'] == s.kind else 'MISS'} "
                  f"fields {ok}/{scored}", file=sys.stderr, flush=True)
    random_report(score, repeat, args.n, len(samples), time.monotonic() - t0, args.examples)
