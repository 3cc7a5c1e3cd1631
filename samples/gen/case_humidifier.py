"""The happy path: a born-digital 안전확인 certificate, the Coupang notice, a full case.toml and a seal."""

from __future__ import annotations

from html import escape
from pathlib import Path

from .common import brn, toml_text, write_text
from .eml import write_eml
from .pdf import render_pdf
from .seal import draw_seal

CASE_ID = "kc-ready-humidifier"
CERT = "KC인증서.pdf"
NOTICE = "[쿠팡] 판매중지 안내.eml"
NUMBER = "YU07421-24031"
MODEL = "HB-H200"
PRODUCT_ID = "7234567890"

CSS = """
h1 { text-align: center; font-size: 20pt; letter-spacing: 2pt; margin: 8mm 0 2mm; }
p.law { text-align: center; font-size: 9.5pt; margin: 0 0 9mm; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 0.8pt solid #333; padding: 2.4mm 3mm; text-align: left; vertical-align: top; }
th { width: 30%; background: #eef1f5; font-weight: bold; }
p.cert { margin: 10mm 0 6mm; text-align: center; }
p.date { text-align: center; margin: 12mm 0 4mm; }
p.issuer { text-align: center; font-size: 16pt; font-weight: bold; }
"""

ROWS = [
    ("신고번호", NUMBER),
    ("제품명", "미니 가습기 H2"),
    ("모델명", MODEL),
    ("정격", "DC 5V, 2W"),
    ("제조자", "Shenzhen Hanbit Electric Appliance Co., Ltd."),
    ("제조국", "중국"),
    ("수입자", "주식회사 한빛무역"),
    ("적용 안전기준", "KC 60335-2-98"),
    ("시험기관", "한국산업기술시험원 (KTL)"),
    ("신고일자", "2024. 3. 15."),
]


def _certificate_html() -> str:
    rows = "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in ROWS)
    return f"""<h1>[전기용품] 안전확인 신고 증명서</h1>
<p class="law">「전기용품 및 생활용품 안전관리법」 제15조제1항 및 같은 법 시행규칙 제13조</p>
<table>{rows}</table>
<p class="cert">위 제품은 「전기용품 및 생활용품 안전관리법」 제15조에 따라<br>안전확인 신고가 되었음을 증명합니다.</p>
<p class="date">2024. 3. 15.</p>
<p class="issuer">한국산업기술시험원장</p>"""


NOTICE_BODY = f"""안녕하세요, 쿠팡 마켓플레이스입니다.

귀사에서 판매 중인 아래 상품이 KC 인증 정보 미확인으로 2026-11-24 자로 판매중지 되었음을 안내 드립니다.

- 등록상품ID: {PRODUCT_ID}
- 상품명: 미니 가습기 H2
- 판매중지 사유: KC 인증 정보 미확인 (전기용품 및 생활용품 안전관리법 안전확인 대상)

「마켓플레이스 서비스의 이용 및 판매에 대한 약관」 제14조 제1항에 따른 조치입니다.
판매 재개를 원하시면 2026-12-08까지 유효한 KC 인증서 사본과 소명 내용을 본 메일에 회신하여 주시기 바랍니다.
기한 내 소명이 없을 경우 해당 상품은 삭제될 수 있습니다.

<쿠팡은 귀사의 판매 재개를 적극적으로 지원합니다.>

쿠팡_TNScnt
"""


def build(root: Path) -> dict:
    draw_seal("한빛무역주식회사인", root / "seal.png")
    write_text(root / "case.toml", toml_text({
        "seller": {"name_ko": "주식회사 한빛무역", "name": "Shenzhen Hanbit Trading Co., Ltd.",
                   "business_number": brn("214861234"), "vendor_id": "A00123456",
                   "representative": "왕웨이", "email": "ops@hanbit-trading.example.com",
                   "seal_image": "seal.png"},
        "listing": {"product_id": PRODUCT_ID, "url": f"https://www.coupang.com/vp/products/{PRODUCT_ID}",
                    "product_name": "미니 가습기 H2", "model_name": MODEL, "brand": "HANBIT"},
        "appeal": {"reason": "kc_certification", "notice_date": "2026-11-24"},
    }))
    render_pdf(_certificate_html(), root / CERT, font="NanumGothic", css=CSS)
    write_eml(root / NOTICE, to="ops@hanbit-trading.example.com", date="Tue, 24 Nov 2026 10:12:31 +0900",
              subject=f"[쿠팡] 상품 판매중지 안내 (등록상품ID {PRODUCT_ID})", body=NOTICE_BODY,
              message_id="20261124101231.7234567890@tns.coupang.com")
    return {
        "status": "ready",
        "reason_code": "kc_certification",
        "findings": [],
        "absent": ["certificate_expired", "certificate_expiring_soon", "model_mismatch",
                   "appeal_deadline_passed", "business_number_invalid", "certificate_number_invalid",
                   "missing_required_evidence", "unreadable_document"],
        "fields": {
            CERT: {"kind": "kc_certificate", "certificate_number": NUMBER, "scheme": "safety_confirmation",
                   "product_name": "미니 가습기 H2", "model_name": MODEL,
                   "manufacturer": "Shenzhen Hanbit Electric Appliance Co., Ltd.",
                   "issue_date": "2024-03-15", "expiry_date": None},
            NOTICE: {"kind": "notice_email", "product_id": PRODUCT_ID, "reason_code": "kc_certification",
                     "notice_date": "2026-11-24", "deadline": "2026-12-08"},
        },
    }
