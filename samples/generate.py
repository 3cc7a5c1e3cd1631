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

from .gen import (
    case_bad_number,
    case_charger,
    case_cos_inci,
    case_cos_serum,
    case_cos_toner,
    case_cos_whitening,
    case_deadline,
    case_duplicate,
    case_encrypted,
    case_expiring,
    case_holiday,
    case_humidifier,
    case_ip_abbrev,
    case_ip_brand,
    case_ip_en_docx,
    case_ip_expired,
    case_ip_future,
    case_ip_ko_seal,
    case_ip_no_seal,
    case_ip_other_grantee,
    case_ip_zh_scan,
    case_kc_wing,
    case_lamp,
    case_listing_wing,
    case_low_res,
    case_missing_evidence,
    case_radio,
    case_resubmit,
    case_toy,
    case_unknown_reason,
    case_unsupported,
)
from .gen.common import zip_folder

AS_OF = "2026-11-28"
HERE = Path(__file__).resolve().parent
CASES = [case_humidifier, case_charger, case_lamp, case_radio, case_deadline, case_toy,
         # cosmetics, IP letters, Wing screenshots, then the timing and file-level cases
         case_cos_toner, case_cos_whitening, case_cos_serum, case_cos_inci,
         case_ip_ko_seal, case_ip_en_docx, case_ip_zh_scan, case_ip_expired, case_ip_future, case_ip_no_seal,
         case_ip_other_grantee, case_ip_brand, case_ip_abbrev,
         case_listing_wing, case_kc_wing,
         case_resubmit, case_holiday, case_unknown_reason, case_missing_evidence, case_duplicate, case_expiring,
         case_bad_number, case_encrypted, case_low_res, case_unsupported]


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
