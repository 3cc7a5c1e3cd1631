"""KC: a valid certificate, but the seller already appealed on 2026-11-25 (resubmission_too_soon)."""

from __future__ import annotations

from pathlib import Path

from .common import brn, toml_text, write_text
from .kinds_certs import grid_pdf

CASE_ID = "kc-resubmit-kettle"
CERT = "KC_电热水壶.pdf"
NUMBER = "HU072210-24018"
MODEL = "KT-1700"


def build(root: Path) -> dict:
    write_text(root / "case.toml", toml_text({
        "seller": {"name_ko": "주식회사 물결홈", "business_number": brn("201817740"), "representative": "량보"},
        "listing": {"product_id": "7680045512", "product_name": "무선 전기포트 1.7L KT-1700", "model_name": MODEL,
                    "brand": "MULGYEOL"},
        "appeal": {"reason": "kc_certification", "notice_date": "2026-11-23", "previous_appeal_date": "2026-11-25"},
    }))
    grid_pdf(root / CERT, title="안 전 인 증 서", subtitle="「전기용품 및 생활용품 안전관리법」 제5조제1항",
             rows=[("인증번호", NUMBER), ("인증일자", "2024/06/11"), ("제품명", "전기주전자"), ("모델명", MODEL),
                   ("정격", "AC 220V 1850W"), ("제조국", "중국"),
                   ("제조업자", "Foshan Shunde Bolang Electric Co., Ltd."), ("인증기관", "한국화학융합시험연구원")],
             date="2024년 06월 11일", issuer="한국화학융합시험연구원장")
    return {
        "status": "needs_fixes",
        "reason_code": "kc_certification",
        "findings": ["resubmission_too_soon"],
        "absent": ["certificate_expired", "certificate_number_invalid", "model_mismatch", "appeal_deadline_passed",
                   "missing_required_evidence", "business_number_invalid"],
        "fields": {CERT: {"kind": "kc_certificate", "certificate_number": NUMBER, "scheme": "safety_certification",
                          "model_name": MODEL, "manufacturer": "Foshan Shunde Bolang Electric Co., Ltd.",
                          "issue_date": "2024-06-11", "expiry_date": None}},
    }
