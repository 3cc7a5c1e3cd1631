"""IP: an English letter (PDF, company seal) whose term starts in 2027 (authorization_not_yet_valid),
with a screenshot of the Wing phone app showing the stopped listing."""

from __future__ import annotations

from pathlib import Path

from .common import brn, toml_text, write_text
from .kinds_marks import round_seal
from .letters_auth import Letter, en_pdf
from .wing_screens import wing_mobile

CASE_ID = "ip-future-letter"
LETTER = "Authorization Letter.pdf"
SHOT = "Screenshot_20261127-091544.png"
PRODUCT_ID = "7733018822"
LETTER_DATA = Letter(grantor="Shenzhen Langyue Technology Co., Ltd.", grantee="Hanseo Global Co., Ltd.",
                     brand="LANGYUE", period="from 1 January 2027 to 31 December 2028",
                     signed_on="18 November 2026", signer="Chen Hao", trademark="40-2156630",
                     products="wireless earphones and charging cases",
                     address="Block B, Huaqiang North Road 1002, Futian District, Shenzhen, China")


def build(root: Path) -> dict:
    write_text(root / "case.toml", toml_text({
        "seller": {"name_ko": "주식회사 한서글로벌", "name": "Hanseo Global Co., Ltd.",
                   "business_number": brn("504811975"), "representative": "천하오"},
        "listing": {"product_id": PRODUCT_ID, "product_name": "LANGYUE 무선 이어폰 LY-Pro", "brand": "LANGYUE"},
        "appeal": {"reason": "ip_infringement", "notice_date": "2026-11-26"},
    }))
    en_pdf(LETTER_DATA, root / LETTER, round_seal("深圳市朗悦科技有限公司", seed=61))
    wing_mobile(root / SHOT, fields=[("등록상품ID", PRODUCT_ID), ("상품명", "LANGYUE 무선 이어폰 LY-Pro"),
                                     ("판매상태", "판매중지"), ("중지사유", "지식재산권 침해 신고")],
                notice=["권리자의 신고가 접수되어 판매가 중지되었습니다.", "소명자료를 제출해 주세요."])
    return {
        "status": "needs_fixes",
        "reason_code": "ip_infringement",
        "findings": ["authorization_not_yet_valid"],
        "absent": ["authorization_expired", "signature_missing", "seller_mismatch", "brand_mismatch",
                   "missing_required_evidence", "business_number_invalid"],
        "fields": {
            LETTER: {"kind": "authorization_letter", "grantor": "Shenzhen Langyue Technology Co., Ltd.",
                     "grantee": "Hanseo Global Co., Ltd.", "brand": "LANGYUE", "valid_from": "2027-01-01",
                     "valid_until": "2028-12-31", "signature": "seal"},
            SHOT: {"kind": "seller_center_screenshot", "product_id": PRODUCT_ID, "status": "판매중지"},
        },
    }
