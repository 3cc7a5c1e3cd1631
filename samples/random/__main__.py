"""python -m samples.random --seed S --n N --out DIR [--kinds …] [--renditions …]"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from .generate import KINDS, RENDITIONS, generate


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write n randomly laid-out documents per kind, with ground truth.")
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--n", type=int, default=10, help="documents per kind (default 10)")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--kinds", nargs="+", choices=list(KINDS))
    parser.add_argument("--renditions", nargs="+", choices=RENDITIONS)
    args = parser.parse_args(argv)
    t0 = time.monotonic()

    def show(s) -> None:
        print(f"{s.path.relative_to(args.out)}  [{s.rendition}]  {s.layout}", flush=True)

    samples = generate(args.seed, args.n, args.out, args.kinds, args.renditions, progress=show)
    print(f"{len(samples)} documents in {time.monotonic() - t0:.0f} s; truth in {args.out / 'manifest.json'}")


if __name__ == "__main__":
    main()
