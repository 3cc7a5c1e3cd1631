"""KC: a good certificate, plus a ".pdf" that is really random bytes and a HWP file (unsupported_format)."""

from __future__ import annotations

from pathlib import Path

from .common import brn, toml_text, write_text
from .kinds_certs import bilingual_pdf
from .kinds_marks import hwp_like, junk_bytes

CASE_ID = "kc-unreadable-attachments"
CERT = "certificate.pdf"
JUNK = "사업자등록증.pdf"
HWP = "소명서 초안.hwp"
NUMBER = "YU10455-25033"
MODEL = "AP-10"


def build(root: Path) -> dict:
    write_text(root / "case.toml", toml_text({
        "seller": {"name_ko": "주식회사 맑은숨", "business_number": brn("301862240"), "representative": "탕징"},
        "listing": {"product_id": "7618830027", "product_name": "미니 공기청정기 AP-10", "model_name": MODEL,
                    "brand": "MALGEUN"},
        "appeal": {"reason": "kc_certification", "notice_date": "2026-11-26"},
    }))
    bilingual_pdf(root / CERT, title_ko="안전확인 신고 증명서", title_en="Safety Confirmation Certificate",
                  rows=[("Certificate No.", "신고번호", NUMBER), ("Product", "제품명", "공기청정기"),
                        ("Model", "모델명", MODEL), ("Manufacturer", "제조자", "Suzhou Malgeun Tech Co., Ltd."),
                        ("Date of issue", "신고일", "2025-06-30")], date="2025-06-30", issuer="한국산업기술시험원")
    junk_bytes(root / JUNK, seed=77, size=21_000)
    hwp_like(root / HWP, seed=78)
    return {
        "status": "needs_fixes",
        "reason_code": "kc_certification",
        "findings": ["unsupported_format"],
        "absent": ["missing_required_evidence", "appeal_deadline_passed", "certificate_number_invalid",
                   "business_number_invalid"],
        "fields": {CERT: {"kind": "kc_certificate", "certificate_number": NUMBER, "scheme": "safety_confirmation",
                          "model_name": MODEL, "issue_date": "2025-06-30", "expiry_date": None}},
    }
