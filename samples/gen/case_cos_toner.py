"""Cosmetics, ready: the back-label artwork PDF with a 전성분 full of commas and parentheticals."""

from __future__ import annotations

from pathlib import Path

from .common import brn, toml_text, write_text
from .labels_cosmetics import label_pdf

CASE_ID = "cos-ready-toner"
LABEL = "라벨 시안 v3.pdf"
PRINTED = ["정제수", "부틸렌글라이콜", "글리세린", "병풀추출물(10,000ppm)", "나이아신아마이드", "1,2-헥산다이올",
           "카프릴릭/카프릭트라이글리세라이드", "판테놀", "알란토인", "카보머", "트로메타민", "잔탄검",
           "다이소듐이디티에이", "향료(리모넨)"]
# What a reader must return: the names without their parentheticals, label order kept.
STANDARD = ["정제수", "부틸렌글라이콜", "글리세린", "병풀추출물", "나이아신아마이드", "1,2-헥산다이올",
            "카프릴릭/카프릭트라이글리세라이드", "판테놀", "알란토인", "카보머", "트로메타민", "잔탄검",
            "다이소듐이디티에이", "향료"]


def build(root: Path) -> dict:
    write_text(root / "case.toml", toml_text({
        "seller": {"name_ko": "주식회사 그린데이코스", "name": "Guangzhou Greenday Cosmetics Co., Ltd.",
                   "business_number": brn("220813390"), "representative": "린샤오"},
        "listing": {"product_id": "7810045521", "product_name": "시카 카밍 토너 200ml 진정 수분",
                    "brand": "GREENDAY"},
        "appeal": {"reason": "cosmetics_labeling", "notice_date": "2026-11-25"},
    }))
    label_pdf(root / LABEL, brand="GREENDAY", name="시카 카밍 토너", volume="200 mL", ingredients=PRINTED,
              maker="Guangzhou Greenday Cosmetics Co., Ltd. (중국)", seller="주식회사 그린데이코스")
    return {
        "status": "ready",
        "reason_code": "cosmetics_labeling",
        "findings": [],
        "absent": ["prohibited_ingredient", "restricted_ingredient", "missing_required_evidence",
                   "unreadable_document", "appeal_deadline_passed", "business_number_invalid"],
        "fields": {LABEL: {"kind": "ingredient_list", "product_name": "시카 카밍 토너", "ingredients": STANDARD}},
    }
