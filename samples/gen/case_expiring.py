"""KC, ready with a warning: a 안전인증서 valid until 2026-12-15, 17 days after as_of."""

from __future__ import annotations

from pathlib import Path

from .common import brn, toml_text, write_text
from .kinds_certs import bilingual_pdf

CASE_ID = "kc-expiring-soon-iron"
CERT = "KC Certificate (steam iron).pdf"
NUMBER = "HU081533-21047"
MODEL = "SI-2200"


def build(root: Path) -> dict:
    write_text(root / "case.toml", toml_text({
        "seller": {"name_ko": "스팀앤코 유한회사", "business_number": brn("107872219"), "representative": "마리"},
        "listing": {"product_id": "7611873320", "product_name": "스팀 다리미 SI-2200", "model_name": MODEL,
                    "brand": "STEAMCO"},
        "appeal": {"reason": "kc_certification", "notice_date": "2026-11-24"},
    }))
    bilingual_pdf(root / CERT, title_ko="안전인증서", title_en="Safety Certificate (KC)",
                  rows=[("Certificate No.", "인증번호", NUMBER), ("Product", "제품명", "전기다리미"),
                        ("Model", "모델명", MODEL), ("Rating", "정격", "AC 220V 60Hz 2200W"),
                        ("Manufacturer", "제조자", "Suzhou Steamco Appliances Co., Ltd."),
                        ("Date of certification", "인증일", "16 Dec 2021"),
                        ("Valid until", "유효기간", "15 Dec 2026"),
                        ("Certification body", "인증기관", "한국기계전기전자시험연구원 (KTC)")],
                  date="2021-12-16", issuer="한국기계전기전자시험연구원장")
    return {
        "status": "ready",
        "reason_code": "kc_certification",
        "findings": ["certificate_expiring_soon"],
        "absent": ["certificate_expired", "certificate_number_invalid", "model_mismatch", "missing_required_evidence",
                   "appeal_deadline_passed", "business_number_invalid"],
        "fields": {CERT: {"kind": "kc_certificate", "certificate_number": NUMBER, "scheme": "safety_certification",
                          "model_name": MODEL, "manufacturer": "Suzhou Steamco Appliances Co., Ltd.",
                          "issue_date": "2021-12-16", "expiry_date": "2026-12-15"}},
    }
