"""KC, ready: the same certificate uploaded twice under two names (duplicate_document, info only)."""

from __future__ import annotations

import shutil
from pathlib import Path

from .common import brn, toml_text, write_text
from .kinds_certs import grid_pdf

CASE_ID = "kc-duplicate-upload-fan"
FIRST = "인증서_최종.pdf"
SECOND = "첨부/KC 인증서 사본.pdf"
NUMBER = "CB063R10931-5007"
MODEL = "KF-200"


def build(root: Path) -> dict:
    write_text(root / "case.toml", toml_text({
        "seller": {"name_ko": "(주)키즈팬", "business_number": brn("206865503"), "representative": "루하오"},
        "listing": {"product_id": "7654402218", "product_name": "어린이 안전 선풍기 KF-200", "model_name": MODEL,
                    "brand": "KIDSFAN"},
        "appeal": {"reason": "kc_certification", "notice_date": "2026-11-27"},
    }))
    grid_pdf(root / FIRST, title="[어린이제품] 안전확인 신고 증명서", subtitle="어린이제품 안전 특별법 제22조",
             rows=[("인증번호", NUMBER), ("신고일자", "2025. 9. 3."), ("제품명", "어린이용 선풍기"),
                   ("모델명", MODEL), ("사용연령", "만 3세 이상"), ("제조국", "중국"),
                   ("제조업자", "Ningbo Kidsfan Appliance Co., Ltd."), ("인증기관", "한국기계전기전자시험연구원")],
             date="2025. 9. 3.", issuer="한국기계전기전자시험연구원장", font="NanumGothic")
    (root / SECOND).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(root / FIRST, root / SECOND)
    cert = {"kind": "kc_certificate", "certificate_number": NUMBER, "scheme": "safety_confirmation",
            "model_name": MODEL, "issue_date": "2025-09-03", "expiry_date": None}
    return {
        "status": "ready",
        "reason_code": "kc_certification",
        "findings": ["duplicate_document"],
        "absent": ["certificate_number_invalid", "certificate_expired", "model_mismatch", "missing_required_evidence",
                   "appeal_deadline_passed", "business_number_invalid"],
        "fields": {FIRST: cert, SECOND: dict(cert)},
    }
