"""IP, ready: the 위임장 names the grantee "㈜한빛무역" while case.toml says "주식회사 한빛무역" — the same
company (DOMAIN.md §4.3), so no seller_mismatch. The notice is an HTML e-mail."""

from __future__ import annotations

from pathlib import Path

from .common import brn, toml_text, write_text
from .kinds_mail import write_html_eml
from .letters_auth import Letter, ko_pdf
from .seal import draw_seal

CASE_ID = "ip-abbreviated-grantee"
LETTER = "권한위임장(한빛).pdf"
NOTICE = "쿠팡 지재권 안내.eml"
PRODUCT_ID = "7456610032"
LETTER_DATA = Letter(grantor="㈜세라홈", grantee="㈜한빛무역", brand="CERAHOME",
                     period="2026-04-01 ~ 2028-03-31", signed_on="2026-03-25", signer="최세라",
                     trademark="40-1977310", products="세라믹 식기류", address="경기도 이천시 신둔면 도자기로 77")


def build(root: Path) -> dict:
    write_text(root / "case.toml", toml_text({
        "seller": {"name_ko": "주식회사 한빛무역", "name": "Shenzhen Hanbit Trading Co., Ltd.",
                   "business_number": brn("214861234"), "representative": "왕웨이"},
        "listing": {"product_id": PRODUCT_ID, "product_name": "CERAHOME 세라믹 접시 4P 세트", "brand": "CERAHOME"},
        "appeal": {"reason": "ip_infringement"},
    }))
    ko_pdf(LETTER_DATA, root / LETTER, draw_seal("세라홈대표이사지인", seed=91), font="Noto Serif CJK KR")
    write_html_eml(root / NOTICE, to="ops@hanbit-trading.example.com", date="Thu, 26 Nov 2026 11:20:44 +0900",
                   subject="[쿠팡] 지식재산권 침해 신고에 따른 판매중지 안내",
                   intro="귀사의 상품에 대하여 권리자의 지식재산권 침해 신고가 접수되어 판매중지 되었음을 안내드립니다.",
                   rows=[("등록상품ID", PRODUCT_ID), ("상품명", "CERAHOME 세라믹 접시 4P 세트"),
                         ("판매중지일", "2026-11-26"), ("사유", "지식재산권(상표권) 침해 신고"),
                         ("소명 기한", "2026-12-09")],
                   outro="소명 기한까지 권리자의 판매권한 위임장 등 정당한 권리를 증명하는 자료를 회신해 주시기 바랍니다.",
                   message_id="20261126112044.7456610032@tns.coupang.com")
    return {
        "status": "ready",
        "reason_code": "ip_infringement",
        "findings": [],
        "absent": ["seller_mismatch", "brand_mismatch", "authorization_expired", "authorization_not_yet_valid",
                   "signature_missing", "missing_required_evidence", "unknown_delisting_reason",
                   "appeal_deadline_passed"],
        "fields": {
            LETTER: {"kind": "authorization_letter", "grantee": "㈜한빛무역", "brand": "CERAHOME",
                     "valid_from": "2026-04-01", "valid_until": "2028-03-31", "signature": "seal"},
            NOTICE: {"kind": "notice_email", "product_id": PRODUCT_ID, "reason_code": "ip_infringement",
                     "notice_date": "2026-11-26", "deadline": "2026-12-09"},
        },
    }
