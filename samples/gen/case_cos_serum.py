"""Cosmetics with a restricted ingredient (살리실릭애씨드, DOMAIN.md §2.3): a warning, the case stays ready.
The evidence is a scanned 전성분표 table from the maker, with contents per row."""

from __future__ import annotations

from pathlib import Path

from .common import brn, toml_text, write_text
from .kinds_marks import light_scan
from .labels_cosmetics import table_sheet

CASE_ID = "cos-restricted-serum"
SCAN = "전성분표.jpg"
ROWS = [("정제수", "79.35"), ("부틸렌글라이콜", "8.00"), ("글리세린", "5.00"), ("나이아신아마이드", "2.00"),
        ("1,2-헥산다이올", "1.50"), ("판테놀", "1.00"), ("살리실릭애씨드", "0.50"), ("병풀추출물", "0.50"),
        ("티트리잎오일", "0.30"), ("알란토인", "0.20"), ("카보머", "0.30"), ("트로메타민", "0.30"),
        ("다이소듐이디티에이", "0.05"), ("잔탄검", "1.00")]


def build(root: Path) -> dict:
    write_text(root / "case.toml", toml_text({
        "seller": {"name_ko": "주식회사 클리어랩", "business_number": brn("314871206"), "representative": "쑨리"},
        "listing": {"product_id": "7699001873", "product_name": "AC 클리어 스팟 세럼 30ml", "brand": "CLEARLAB"},
        "appeal": {"reason": "cosmetics_labeling", "notice_date": "2026-11-26"},
    }))
    sheet = table_sheet(title="전 성 분 표", product="AC 클리어 스팟 세럼", ingredients=ROWS,
                        company="Shanghai Clearlab Biotech Co., Ltd.", date="2026.10.08")
    light_scan(sheet, root / SCAN, seed=1008, angle=-0.6)
    return {
        "status": "ready",
        "reason_code": "cosmetics_labeling",
        "findings": ["restricted_ingredient"],
        "absent": ["prohibited_ingredient", "missing_required_evidence", "unreadable_document",
                   "low_resolution", "appeal_deadline_passed"],
        "fields": {SCAN: {"kind": "ingredient_list", "product_name": "AC 클리어 스팟 세럼",
                          "ingredients": [name for name, _ in ROWS]}},
    }
