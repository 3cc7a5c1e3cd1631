"""IP: a Korean 위임장 PDF that prints "(인)" where the seal should be, and nothing is stamped on it."""

from __future__ import annotations

from pathlib import Path

from .common import brn, toml_text, write_text
from .letters_auth import Letter, ko_pdf

CASE_ID = "ip-unsealed-letter"
LETTER = "판매위임장_202611.pdf"
LETTER_DATA = Letter(grantor="주식회사 루나펫", grantee="주식회사 해솔무역", brand="LUNAPET",
                     period="2026.07.01 ~ 2027.06.30", signed_on="2026. 6. 24.", signer="오루나",
                     trademark="제40-1955021호", products="반려동물 급식기 및 급수기",
                     address="경기도 성남시 분당구 판교역로 235")


def build(root: Path) -> dict:
    write_text(root / "case.toml", toml_text({
        "seller": {"name_ko": "주식회사 해솔무역", "business_number": brn("129862264"), "representative": "구하이"},
        "listing": {"product_id": "7667012934", "product_name": "LUNAPET 자동 급식기 4L", "brand": "LUNAPET"},
        "appeal": {"reason": "ip_infringement", "notice_date": "2026-11-27"},
    }))
    ko_pdf(LETTER_DATA, root / LETTER, seal=None, font="NanumGothic", title="상표 사용 권한 위임장")
    return {
        "status": "needs_fixes",
        "reason_code": "ip_infringement",
        "findings": ["signature_missing"],
        "absent": ["authorization_expired", "authorization_not_yet_valid", "seller_mismatch", "brand_mismatch",
                   "missing_required_evidence"],
        "fields": {LETTER: {"kind": "authorization_letter", "grantor": "주식회사 루나펫", "grantee": "주식회사 해솔무역",
                            "brand": "LUNAPET", "valid_from": "2026-07-01", "valid_until": "2027-06-30",
                            "signature": "none"}},
    }
