"""Listing mismatch, ready: a 1x Wing list screenshot with several products, the case's one stopped."""

from __future__ import annotations

from pathlib import Path

from .common import brn, toml_text, write_text
from .wing_screens import wing_list

CASE_ID = "listing-wing-list"
SHOT = "스크린샷 2026-11-27 오후 3.42.17.png"
PRODUCT_ID = "7612345098"
ROWS = [
    {"product_id": "7612345011", "product_name": "무선 미니 선풍기 FN-2 핑크", "price": "19,900", "stock": "132",
     "status": "판매중"},
    {"product_id": PRODUCT_ID, "product_name": "무선 미니 선풍기 FN-3 화이트", "price": "24,900", "stock": "87",
     "status": "판매중지", "reason": "상품정보 불일치"},
    {"product_id": "7612345120", "product_name": "탁상용 서큘레이터 CR-8", "price": "39,000", "stock": "45",
     "status": "판매중"},
    {"product_id": "7598800231", "product_name": "USB 손난로 보조배터리 5000mAh", "price": "15,800", "stock": "0",
     "status": "품절"},
    {"product_id": "7598800377", "product_name": "넥밴드 선풍기 NB-1", "price": "29,900", "stock": "61",
     "status": "판매중"},
]


def build(root: Path) -> dict:
    write_text(root / "case.toml", toml_text({
        "seller": {"name_ko": "주식회사 바람상회", "business_number": brn("113862907"), "vendor_id": "A00654321",
                   "representative": "차오펑"},
        "listing": {"product_id": PRODUCT_ID, "product_name": "무선 미니 선풍기 FN-3 화이트", "model_name": "FN-3",
                    "brand": "BARAM"},
        "appeal": {"reason": "listing_mismatch", "notice_date": "2026-11-26"},
    }))
    wing_list(root / SHOT, vendor="주식회사 바람상회 (A00654321)", rows=ROWS)
    return {
        "status": "ready",
        "reason_code": "listing_mismatch",
        "findings": [],
        "absent": ["missing_required_evidence", "unknown_delisting_reason", "appeal_deadline_passed",
                   "business_number_invalid"],
        "fields": {SHOT: {"kind": "seller_center_screenshot", "product_id": PRODUCT_ID,
                          "product_name": "무선 미니 선풍기 FN-3 화이트", "status": "판매중지",
                          "reason": "상품정보 불일치"}},
    }
