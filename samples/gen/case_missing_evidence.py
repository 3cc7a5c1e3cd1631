"""KC reason, but the seller uploaded only a photo of the product box (missing_required_evidence)."""

from __future__ import annotations

from pathlib import Path

from .common import brn, toml_text, write_text
from .kinds_marks import product_snapshot

CASE_ID = "kc-missing-certificate"
PHOTO = "제품사진.jpg"


def build(root: Path) -> dict:
    write_text(root / "case.toml", toml_text({
        "seller": {"name_ko": "주식회사 소리나라", "business_number": brn("138811426"), "representative": "자오밍"},
        "listing": {"product_id": "7620047713", "product_name": "미니 제습기 DH-05", "model_name": "DH-05",
                    "brand": "SORINARA"},
        "appeal": {"reason": "kc_certification", "notice_date": "2026-11-26"},
    }))
    product_snapshot(root / PHOTO, "DH-05", seed=513)
    return {
        "status": "needs_fixes",
        "reason_code": "kc_certification",
        "findings": ["missing_required_evidence"],
        "absent": ["appeal_deadline_passed", "business_number_invalid", "unknown_delisting_reason"],
        "fields": {PHOTO: {"kind": "other"}},
    }
