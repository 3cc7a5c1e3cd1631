"""A DOCX 안전확인 certificate for LD-300 while the listing sells LD-350S: a model mismatch."""

from __future__ import annotations

from pathlib import Path

from .common import brn, toml_text, write_text
from .docx_doc import write_docx

CASE_ID = "kc-model-mismatch-lamp"
CERT = "인증서.docx"
NUMBER = "YU10342-25006"
CERT_MODEL = "LD-300"
LISTING_MODEL = "LD-350S"


def build(root: Path) -> dict:
    write_text(root / "case.toml", toml_text({
        "seller": {"name_ko": "(주)광명조명", "name": "Zhongshan Guangming Lighting Co., Ltd.",
                   "business_number": brn("107813579"), "representative": "리밍"},
        "listing": {"product_id": "7901122334", "product_name": "LED 데스크 스탠드 무선충전 겸용",
                    "model_name": LISTING_MODEL, "brand": "GUANGMING"},
        "appeal": {"reason": "kc_certification", "notice_date": "2026-11-26"},
    }))
    write_docx(root / CERT, title="안전확인 신고 확인서", subtitle="(전기용품 및 생활용품 안전관리법 제15조)", rows=[
        ("신고번호", NUMBER),
        ("품목명", "LED 스탠드"),
        ("Model No.", CERT_MODEL),
        ("제조업자", "Zhongshan Guangming Lighting Co., Ltd. (중국)"),
        ("수입업자", "(주)광명조명"),
        ("정격", "DC 12V 1.5A (어댑터 별도)"),
        ("발급기관", "한국산업기술시험원"),
        ("발급일", "2025-03-12"),
        ("비고", "파생모델 없음"),
    ], closing=["위와 같이 안전확인 신고되었음을 확인합니다.", "2025-03-12", "한국산업기술시험원장 (직인생략)"])
    return {
        "status": "needs_fixes",
        "reason_code": "kc_certification",
        "findings": ["model_mismatch"],
        "absent": ["certificate_expired", "appeal_deadline_passed", "business_number_invalid",
                   "certificate_number_invalid", "missing_required_evidence"],
        "fields": {CERT: {"kind": "kc_certificate", "certificate_number": NUMBER,
                          "scheme": "safety_confirmation", "model_name": CERT_MODEL,
                          "issue_date": "2025-03-12", "expiry_date": None}},
    }
