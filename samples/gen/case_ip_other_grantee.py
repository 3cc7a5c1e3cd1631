"""IP: a sealed Korean 위임장 (Word) granted to a different company than the seller (seller_mismatch)."""

from __future__ import annotations

from pathlib import Path

from .common import brn, toml_text, write_text
from .letters_auth import Letter, ko_docx
from .seal import draw_seal

CASE_ID = "ip-other-grantee"
LETTER = "브랜드 위임장.docx"
LETTER_DATA = Letter(grantor="주식회사 마루오디오", grantee="주식회사 미래상사", brand="MARU AUDIO",
                     period="2026년 5월 1일 ~ 2027년 4월 30일", signed_on="2026년 4월 27일", signer="정마루",
                     trademark="40-1890234", products="블루투스 스피커")


def build(root: Path) -> dict:
    write_text(root / "case.toml", toml_text({
        "seller": {"name_ko": "주식회사 한결글로벌", "name": "Hangyeol Global Co., Ltd.",
                   "business_number": brn("621813558"), "representative": "양한결"},
        "listing": {"product_id": "7612998743", "product_name": "MARU AUDIO 블루투스 스피커 M5",
                    "brand": "MARU AUDIO"},
        "appeal": {"reason": "ip_infringement", "notice_date": "2026-11-26"},
    }))
    ko_docx(LETTER_DATA, root / LETTER, draw_seal("마루오디오대표이사", seed=71))
    return {
        "status": "needs_fixes",
        "reason_code": "ip_infringement",
        "findings": ["seller_mismatch"],
        "absent": ["authorization_expired", "authorization_not_yet_valid", "signature_missing", "brand_mismatch",
                   "missing_required_evidence"],
        "fields": {LETTER: {"kind": "authorization_letter", "grantor": "주식회사 마루오디오",
                            "grantee": "주식회사 미래상사", "brand": "MARU AUDIO", "valid_from": "2026-05-01",
                            "valid_until": "2027-04-30", "signature": "seal"}},
    }
