"""Cosmetics, ready: the maker's English INCI specification sheet (DOCX) with a Korean-name column."""

from __future__ import annotations

from pathlib import Path

from .common import brn, toml_text, write_text
from .labels_cosmetics import inci_docx

CASE_ID = "cos-inci-sheet"
SHEET = "Spec_Sheet_BC-50.docx"
ROWS = [("Water", "정제수", "7732-18-5", "71.20"), ("Glycerin", "글리세린", "56-81-5", "8.00"),
        ("Propanediol", "프로판다이올", "504-63-2", "5.00"), ("Squalane", "스쿠알란", "111-01-3", "4.00"),
        ("Caprylic/Capric Triglyceride", "카프릴릭/카프릭트라이글리세라이드", "65381-09-1", "3.50"),
        ("Cetearyl Alcohol", "세테아릴알코올", "67762-27-0", "2.50"),
        ("Glyceryl Stearate", "글리세릴스테아레이트", "123-94-4", "2.00"), ("Panthenol", "판테놀", "81-13-0", "1.00"),
        ("1,2-Hexanediol", "1,2-헥산다이올", "6920-22-5", "0.80"),
        ("Ethylhexylglycerin", "에틸헥실글리세린", "70445-33-9", "0.50"),
        ("Xanthan Gum", "잔탄검", "11138-66-2", "0.30"), ("Ceramide NP", "세라마이드엔피", "100403-19-8", "0.20"),
        ("Tocopherol", "토코페롤", "59-02-9", "0.20"),
        ("Sodium Hyaluronate", "소듐하이알루로네이트", "9067-32-7", "0.10"),
        ("Fragrance (Limonene)", "향료(리모넨)", "—", "0.70")]
STANDARD = [ko.split("(")[0] for _, ko, _, _ in ROWS]


def build(root: Path) -> dict:
    write_text(root / "case.toml", toml_text({
        "seller": {"name_ko": "주식회사 베리코스", "name": "Hangzhou Verry Cosmetics Co., Ltd.",
                   "business_number": brn("211880457"), "representative": "쉬징"},
        "listing": {"product_id": "7823114560", "product_name": "세라마이드 배리어 크림 50ml", "brand": "VERRY"},
        "appeal": {"reason": "cosmetics_labeling", "notice_date": "2026-11-24"},
    }))
    inci_docx(root / SHEET, product="Ceramide Barrier Cream 50mL", code="BC-50-R2", rows=ROWS,
              supplier="Hangzhou Verry Cosmetics Co., Ltd.", date="2026-09-15")
    return {
        "status": "ready",
        "reason_code": "cosmetics_labeling",
        "findings": [],
        "absent": ["prohibited_ingredient", "restricted_ingredient", "missing_required_evidence",
                   "unreadable_document", "appeal_deadline_passed"],
        "fields": {SHEET: {"kind": "ingredient_list", "ingredients": STANDARD}},
    }
