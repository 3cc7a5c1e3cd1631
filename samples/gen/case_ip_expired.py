"""IP: a scanned Korean 위임장 whose period ended in June 2026 (authorization_expired)."""

from __future__ import annotations

from pathlib import Path

from .common import brn, toml_text, write_text
from .kinds_marks import light_scan
from .letters_auth import Letter, ko_sheet
from .seal import draw_seal

CASE_ID = "ip-expired-letter"
SCAN = "scan_0412.jpg"
LETTER_DATA = Letter(grantor="주식회사 포레스트키친", grantee="주식회사 온누리커머스", brand="FOREST KITCHEN",
                     period="2025. 1. 1. ~ 2026. 6. 30.", signed_on="2024. 12. 20.", signer="한지수",
                     trademark="40-1698812", products="도마, 주방 수납용품")


def build(root: Path) -> dict:
    write_text(root / "case.toml", toml_text({
        "seller": {"name_ko": "주식회사 온누리커머스", "business_number": brn("606870311"),
                   "representative": "리웨이"},
        "listing": {"product_id": "7588120456", "product_name": "FOREST KITCHEN 원목 도마 대형",
                    "brand": "FOREST KITCHEN"},
        "appeal": {"reason": "ip_infringement", "notice_date": "2026-11-25"},
    }))
    seal = draw_seal("포레스트키친대표인", seed=51)
    light_scan(ko_sheet(LETTER_DATA, seal), root / SCAN, seed=412, angle=-0.9)
    return {
        "status": "needs_fixes",
        "reason_code": "ip_infringement",
        "findings": ["authorization_expired"],
        "absent": ["authorization_not_yet_valid", "signature_missing", "seller_mismatch", "brand_mismatch",
                   "missing_required_evidence", "low_resolution"],
        "fields": {SCAN: {"kind": "authorization_letter", "grantor": "주식회사 포레스트키친",
                          "grantee": "주식회사 온누리커머스", "brand": "FOREST KITCHEN",
                          "valid_from": "2025-01-01", "valid_until": "2026-06-30", "signature": "seal"}},
    }
