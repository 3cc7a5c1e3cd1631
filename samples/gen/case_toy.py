"""A children's-product 안전확인 certificate that is fine, in a case whose 사업자등록번호 has a typo."""

from __future__ import annotations

from html import escape
from pathlib import Path

from .common import brn, toml_text, write_text
from .pdf import render_pdf

CASE_ID = "kc-bad-brn-toy"
CERT = "어린이제품 안전확인 증명서(최종).pdf"
NUMBER = "CB063R11207-4003"
MODEL = "WT-BLOCK60"

CSS = """
@page { margin: 18mm 22mm; }
.head { border-bottom: 2pt solid #1d3f73; padding-bottom: 3mm; margin-bottom: 8mm; }
.head h1 { font-size: 18pt; margin: 0; color: #1d3f73; }
.head div { font-size: 9pt; color: #555; }
p.row { margin: 0 0 3.2mm; }
p.row b { display: inline-block; width: 34mm; }
p.note { margin-top: 10mm; font-size: 9.5pt; color: #333; }
p.sign { margin-top: 16mm; text-align: right; font-size: 13pt; }
"""

ROWS = [
    ("KC 인증번호", NUMBER),
    ("제품명", "원목 블록 60피스 세트"),
    ("모델명(품번)", MODEL),
    ("사용연령", "36개월 이상"),
    ("제조업자", "Yiwu Woodtime Toys Co., Ltd."),
    ("제조국", "중국"),
    ("수입업자", "우드타임코리아"),
    ("인증기관", "한국기계전기전자시험연구원(KTC)"),
    ("인증일", "2024.08.21"),
]


def _html() -> str:
    rows = "".join(f'<p class="row"><b>{escape(k)}</b>: {escape(v)}</p>' for k, v in ROWS)
    return f"""<div class="head"><h1>[어린이제품] 안전확인 신고 증명서</h1>
<div>어린이제품 안전 특별법 제22조 · 완구</div></div>{rows}
<p class="note">본 증명서는 신고 당시의 제품에 한하여 유효하며, 제품의 구조·재질 등을 변경한 경우 변경신고를 하여야 합니다.</p>
<p class="sign">2024.08.21<br><b>한국기계전기전자시험연구원장</b></p>"""


def build(root: Path) -> dict:
    write_text(root / "case.toml", toml_text({
        "seller": {"name_ko": "우드타임코리아", "name": "Yiwu Woodtime Toys Co., Ltd.",
                   "business_number": brn("135020864", valid=False), "representative": "정하오"},
        "listing": {"product_id": "7319984406", "product_name": "원목 블록 60피스 세트 유아 장난감",
                    "model_name": MODEL, "brand": "WOODTIME"},
        "appeal": {"reason": "kc_certification", "notice_date": "2026-11-27"},
    }))
    render_pdf(_html(), root / CERT, font="Noto Sans CJK KR", css=CSS)
    return {
        "status": "needs_fixes",
        "reason_code": "kc_certification",
        "findings": ["business_number_invalid"],
        "absent": ["certificate_expired", "model_mismatch", "appeal_deadline_passed",
                   "certificate_number_invalid", "missing_required_evidence"],
        "fields": {CERT: {"kind": "kc_certificate", "certificate_number": NUMBER,
                          "scheme": "safety_confirmation", "product_name": "원목 블록 60피스 세트",
                          "model_name": MODEL, "manufacturer": "Yiwu Woodtime Toys Co., Ltd.",
                          "issue_date": "2024-08-21", "expiry_date": None}},
    }
