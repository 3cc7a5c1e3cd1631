"""No reason anywhere: case.toml has no [appeal] and the seller sent only product photos."""

from __future__ import annotations

from pathlib import Path

from .common import brn, toml_text, write_text
from .kinds_marks import product_snapshot

CASE_ID = "unknown-reason-photos"


def build(root: Path) -> dict:
    write_text(root / "case.toml", toml_text({
        "seller": {"name_ko": "주식회사 별빛상사", "business_number": brn("220877021"), "representative": "쉬천"},
        "listing": {"product_id": "7633390871", "product_name": "LED 무드 조명 별빛 프로젝터"},
    }))
    product_snapshot(root / "IMG_4821.jpg", "STAR LIGHT", seed=4821)
    product_snapshot(root / "IMG_4822.jpg", "별빛 프로젝터", seed=4822, size=(1200, 1600))
    return {
        "status": "needs_fixes",
        "reason_code": None,
        "findings": ["unknown_delisting_reason"],
        "absent": ["appeal_deadline_passed", "business_number_invalid", "duplicate_document"],
        "fields": {"IMG_4821.jpg": {"kind": "other"}, "IMG_4822.jpg": {"kind": "other"}},
    }
