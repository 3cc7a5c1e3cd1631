"""KC: a 안전확인 certificate whose printed number does not fit the scheme (an extra hyphen, a digit short)."""

from __future__ import annotations

from html import escape
from pathlib import Path

from .common import brn, toml_text, write_text
from .pdf import render_pdf

CASE_ID = "kc-malformed-number-lamp"
CERT = "안전확인 신고증명서.pdf"
NUMBER = "YU-10128-2304"
MODEL = "DL-77"
CSS = """
h1 { font-size: 18pt; margin: 0 0 10mm; border-left: 4mm solid #c33; padding-left: 4mm; }
p { margin: 0 0 3.5mm; }
p.end { margin-top: 18mm; text-align: right; }
"""


def build(root: Path) -> dict:
    write_text(root / "case.toml", toml_text({
        "seller": {"name_ko": "주식회사 달빛조명", "business_number": brn("128813390"), "representative": "궈밍"},
        "listing": {"product_id": "7666120054", "product_name": "LED 무드등 DL-77", "model_name": MODEL,
                    "brand": "DALBIT"},
        "appeal": {"reason": "kc_certification", "notice_date": "2026-11-25"},
    }))
    rows = [("신고번호", NUMBER), ("품목", "LED 조명기구"), ("모델명", MODEL),
            ("제조업자", "Zhongshan Dalbit Lighting Co., Ltd."), ("수입업자", "주식회사 달빛조명"),
            ("신고일자", "2025.02.14"), ("시험기관", "한국산업기술시험원")]
    body = "".join(f"<p>{escape(k)} : {escape(v)}</p>" for k, v in rows)
    render_pdf(f"<h1>전기용품 안전확인 신고증명서</h1>{body}<p class='end'>2025.02.14<br>한국산업기술시험원장</p>",
               root / CERT, font="NanumGothic", css=CSS)
    return {
        "status": "needs_fixes",
        "reason_code": "kc_certification",
        "findings": ["certificate_number_invalid"],
        "absent": ["certificate_expired", "model_mismatch", "missing_required_evidence", "appeal_deadline_passed",
                   "business_number_invalid"],
        "fields": {CERT: {"kind": "kc_certificate", "certificate_number": NUMBER, "scheme": "safety_confirmation",
                          "model_name": MODEL, "issue_date": "2025-02-14", "expiry_date": None}},
    }
