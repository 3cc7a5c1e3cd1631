"""Write the degraded renditions, their ground truth and manifest.json for bench/reading.py.

    python -m samples.renditions [--out samples/renditions] [--only FILE ...]

Seeded, so a rerun makes the same files; edit the generator (samples/gen/rendition*.py), never the
files. See bench/README.md.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from .gen.renditions import build

HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE / "renditions")
    parser.add_argument("--only", nargs="+", metavar="FILE", help="just these renditions (manifest lists only them)")
    args = parser.parse_args(argv)
    manifest = build(args.out, set(args.only) if args.only else None)
    total = 0
    for entry in manifest["renditions"]:
        total += entry["bytes"]
        print(f"{entry['file']:38} {entry['kind']:16} {entry['pages']} p  {entry['bytes'] / 1e3:8.0f} kB")
    print(f"{'total':38} {'':16}      {total / 1e6:8.2f} MB")


if __name__ == "__main__":
    main()
