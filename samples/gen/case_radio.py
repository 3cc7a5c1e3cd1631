"""A zipped case: a prose-style 적합성평가 (radio) certificate and an EUC-KR notice; no [appeal] table,
so the reason and notice date must come from the e-mail."""

from __future__ import annotations

from pathlib import Path

from .common import brn, toml_text, write_text
from .eml import write_eml
from .pdf import render_pdf

CASE_ID = "kc-ready-radio-zip"
ZIP_TOP = "소명자료"  # the one folder inside the zip, named as a seller would
CERT = "전파인증.pdf"
NOTICE = "쿠팡 안내메일.eml"
CODE = "R-R-HBT-HB200W"
MODEL = "HB-200W"
PRODUCT_ID = "7455120983"

CSS = """
@page { margin: 30mm 25mm; }
h1 { text-align: center; font-size: 22pt; letter-spacing: 6pt; margin: 0 0 14mm; }
p { text-indent: 1em; text-align: justify; margin: 0 0 5mm; }
p.date { text-indent: 0; text-align: center; margin-top: 18mm; }
p.issuer { text-indent: 0; text-align: center; font-size: 17pt; font-weight: bold; letter-spacing: 2pt; }
"""

CERT_HTML = f"""<h1>적합성평가 확인서</h1>
<p>주식회사 한빛무역(대표자 왕웨이)이 신청한 방송통신기자재 「블루투스 스피커」에 대하여
「전파법」 제58조의2 제3항 및 「방송통신기자재등의 적합성평가에 관한 고시」에 따라 적합등록을 하였음을 확인합니다.</p>
<p>해당 기자재의 모델명은 {MODEL}이며, 제조자는 Shenzhen Hanbit Electric Appliance Co., Ltd., 제조국가는 중국입니다.
파생모델은 없습니다.</p>
<p>부여된 식별부호는 {CODE} 이고, 적합등록일은 2025년 3월 12일입니다.
위 식별부호는 해당 기자재 및 포장에 표시하여야 하며, 기자재의 구조나 성능이 변경된 경우에는 변경신고를 하여야 합니다.</p>
<p class="date">2025년 3월 12일</p>
<p class="issuer">국립전파연구원장</p>"""

NOTICE_BODY = f"""주식회사 한빛무역 담당자님께

쿠팡 마켓플레이스 상품 안전 모니터링 결과, 귀사의 상품이 판매중지 처리되었습니다.

등록상품ID : {PRODUCT_ID}
상품명 : 블루투스 스피커 HB-200W
처리 일자 : 2026년 11월 26일
사유 : KC 인증 정보 미확인 (전파법 적합성평가 대상 상품의 인증번호 미기재)

판매를 재개하시려면 2026년 12월 10일까지 적합성평가 확인서 등 증빙 서류를 첨부하여
본 메일에 회신해 주시기 바랍니다. 기한이 지나면 상품이 삭제될 수 있습니다.

감사합니다.
쿠팡_TNScnt
"""


def build(root: Path) -> dict:
    """`root` is the folder that becomes ZIP_TOP inside the archive."""
    write_text(root / "case.toml", toml_text({
        "seller": {"name_ko": "주식회사 한빛무역", "name": "Shenzhen Hanbit Trading Co., Ltd.",
                   "business_number": brn("214861234"), "representative": "왕웨이"},
        "listing": {"product_id": PRODUCT_ID, "product_name": "블루투스 스피커 HB-200W",
                    "model_name": MODEL, "brand": "HANBIT"},
    }))
    render_pdf(CERT_HTML, root / CERT, font="NanumMyeongjo", css=CSS)
    write_eml(root / NOTICE, to="ops@hanbit-trading.example.com", date="Thu, 26 Nov 2026 16:40:05 +0900",
              subject="[쿠팡] 판매중지 상품 소명 요청 안내", body=NOTICE_BODY, charset="euc-kr",
              encoding="base64", message_id="20261126164005.7455120983@tns.coupang.com")
    return {
        "status": "ready",
        "reason_code": "kc_certification",
        "findings": [],
        "absent": ["certificate_expired", "model_mismatch", "appeal_deadline_passed",
                   "business_number_invalid", "certificate_number_invalid", "missing_required_evidence",
                   "unknown_delisting_reason"],
        "fields": {
            CERT: {"kind": "kc_certificate", "certificate_number": CODE, "scheme": "radio_conformity",
                   "model_name": MODEL, "issue_date": "2025-03-12", "expiry_date": None},
            NOTICE: {"kind": "notice_email", "product_id": PRODUCT_ID, "reason_code": "kc_certification",
                     "notice_date": "2026-11-26", "deadline": "2026-12-10"},
        },
    }
