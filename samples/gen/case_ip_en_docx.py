"""IP, ready: an English authorization letter in Word, signed by hand (a scanned signature pasted in)."""

from __future__ import annotations

from pathlib import Path

from .common import toml_text, write_text
from .kinds_marks import pen_signature
from .letters_auth import Letter, en_docx

CASE_ID = "ip-ready-en-docx"
LETTER = "LOA_Coupang_signed.docx"
GRANTEE = "Shenzhen Meiyu Trading Co., Ltd."
LETTER_DATA = Letter(grantor="Ningbo Aurora Home Products Co., Ltd.", grantee=GRANTEE, brand="AURORAHOME",
                     period="from March 1, 2026 to February 28, 2027", signed_on="February 20, 2026",
                     signer="Zhang Lei", trademark="40-2034517", products="aroma diffusers and humidifiers",
                     address="No. 88 Yinxian Avenue, Yinzhou District, Ningbo, Zhejiang, China")


def build(root: Path) -> dict:
    write_text(root / "case.toml", toml_text({
        "seller": {"name_ko": "메이위트레이딩", "name": GRANTEE, "vendor_id": "A00871234",
                   "representative": "류메이", "email": "meiyu.kr@example.cn"},
        "listing": {"product_id": "7591230087", "product_name": "AURORAHOME 아로마 디퓨저 무드등 300ml",
                    "brand": "AURORAHOME"},
        "appeal": {"reason": "ip_infringement", "notice_date": "2026-11-24"},
    }))
    en_docx(LETTER_DATA, root / LETTER, pen_signature(seed=41))
    return {
        "status": "ready",
        "reason_code": "ip_infringement",
        "findings": [],
        "absent": ["authorization_expired", "authorization_not_yet_valid", "signature_missing", "seller_mismatch",
                   "brand_mismatch", "missing_required_evidence", "business_number_invalid"],
        "fields": {LETTER: {"kind": "authorization_letter", "grantor": "Ningbo Aurora Home Products Co., Ltd.",
                            "grantee": GRANTEE, "brand": "AURORAHOME", "valid_from": "2026-03-01",
                            "valid_until": "2027-02-28", "signature": "handwritten"}},
    }
