"""IP, ready: a Korean 판매권한 위임장 PDF from the brand owner, its red 직인 over the (인)."""

from __future__ import annotations

from pathlib import Path

from .common import brn, toml_text, write_text
from .letters_auth import Letter, ko_pdf
from .seal import draw_seal

CASE_ID = "ip-ready-ko-letter"
LETTER = "위임장.pdf"
LETTER_DATA = Letter(grantor="주식회사 다온리빙", grantee="주식회사 새봄유통", brand="DAON",
                     period="2026년 1월 1일부터 2027년 12월 31일까지", signed_on="2025년 12월 22일",
                     signer="김다온", trademark="제40-1823456호", products="DAON 주방용품 전 품목",
                     address="서울특별시 마포구 월드컵북로 12길 34")


def build(root: Path) -> dict:
    write_text(root / "case.toml", toml_text({
        "seller": {"name_ko": "주식회사 새봄유통", "name": "Saebom Distribution Co., Ltd.",
                   "business_number": brn("119863021"), "representative": "박새봄"},
        "listing": {"product_id": "7640012391", "product_name": "DAON 스텐 밀폐용기 5종 세트", "brand": "DAON"},
        "appeal": {"reason": "ip_infringement", "notice_date": "2026-11-26"},
    }))
    ko_pdf(LETTER_DATA, root / LETTER, draw_seal("주식회사다온리빙인", seed=21))
    return {
        "status": "ready",
        "reason_code": "ip_infringement",
        "findings": [],
        "absent": ["authorization_expired", "authorization_not_yet_valid", "signature_missing", "seller_mismatch",
                   "brand_mismatch", "missing_required_evidence", "appeal_deadline_passed"],
        "fields": {LETTER: {"kind": "authorization_letter", "grantor": "주식회사 다온리빙",
                            "grantee": "주식회사 새봄유통", "brand": "DAON", "valid_from": "2026-01-01",
                            "valid_until": "2027-12-31", "signature": "seal"}},
    }
