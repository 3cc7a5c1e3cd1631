"""Write the sample cases and their expected outcomes.

    python -m samples.generate [--out samples/cases] [--expected samples/expected]

Everything is seeded and dated, so a rerun rewrites the same files (byte for byte with the
pinned libraries). "Today" for every expected outcome is --as-of 2026-11-28.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from pathlib import Path

from .gen import case_charger, case_deadline, case_humidifier, case_lamp, case_radio, case_toy
from .gen.common import zip_folder

AS_OF = "2026-11-28"
HERE = Path(__file__).resolve().parent
CASES = [case_humidifier, case_charger, case_lamp, case_radio, case_deadline, case_toy]


def generate(out: Path, expected_dir: Path) -> list[str]:
    out.mkdir(parents=True, exist_ok=True)
    expected_dir.mkdir(parents=True, exist_ok=True)
    ids = []
    for case in CASES:
        folder, archive = out / case.CASE_ID, out / f"{case.CASE_ID}.zip"
        # Clear both shapes, so a case that moved between folder and zip leaves nothing stale.
        shutil.rmtree(folder, ignore_errors=True)
        archive.unlink(missing_ok=True)
        top = getattr(case, "ZIP_TOP", None)
        if top is None:
            expected = case.build(folder)
        else:
            with tempfile.TemporaryDirectory() as tmp:
                expected = case.build(Path(tmp) / top)
                zip_folder(Path(tmp) / top, archive, top)
        record = {"case_id": case.CASE_ID, "as_of": AS_OF, **expected}
        text = json.dumps(record, ensure_ascii=False, indent=2) + "\n"
        (expected_dir / f"{case.CASE_ID}.json").write_text(text, encoding="utf-8")
        ids.append(case.CASE_ID)
    return ids


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE / "cases")
    parser.add_argument("--expected", type=Path, help="default: <out>/../expected")
    args = parser.parse_args(argv)
    expected = args.expected or args.out.parent / "expected"
    for case_id in generate(args.out, expected):
        print(case_id)


if __name__ == "__main__":
    main()
