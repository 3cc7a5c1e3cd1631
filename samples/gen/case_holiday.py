"""KC, ready: the notice gives until 2026-12-28, so 기독탄신일 (12-25) falls before the deadline
(holiday_slowdown, info only)."""

from __future__ import annotations

from pathlib import Path

from .common import brn, toml_text, write_text
from .eml import write_eml
from .kinds_certs import bilingual_pdf

CASE_ID = "kc-holiday-window-blender"
CERT = "Certificate_BL-600.pdf"
NOTICE = "RE_ 판매중지 안내 (7701238840).eml"
PRODUCT_ID = "7701238840"
NUMBER = "YU10977-25021"
MODEL = "BL-600"

NOTICE_BODY = f"""안녕하세요, 쿠팡 마켓플레이스입니다.

귀사의 아래 상품이 2026년 11월 27일 자로 판매중지 되었습니다.

  등록상품ID  {PRODUCT_ID}
  상품명      휴대용 블렌더 BL-600
  사유        KC 인증 정보 미확인

연말 처리 물량을 고려하여 소명 기한은 2026년 12월 28일(월)까지입니다.
KC 인증서 사본을 첨부하여 본 메일에 회신해 주시기 바랍니다.

「마켓플레이스 서비스의 이용 및 판매에 대한 약관」 제14조 제1항

쿠팡_TNScnt
"""


def build(root: Path) -> dict:
    write_text(root / "case.toml", toml_text({
        "seller": {"name_ko": "주식회사 초록믹서", "name": "Zhongshan Green Mixer Co., Ltd.",
                   "business_number": brn("312861178"), "representative": "우팡"},
        "listing": {"product_id": PRODUCT_ID, "product_name": "휴대용 블렌더 BL-600", "model_name": MODEL,
                    "brand": "GREENMIX"},
    }))
    bilingual_pdf(root / CERT, title_ko="안전확인 신고 증명서", title_en="Certificate of Safety Confirmation",
                  rows=[("Certificate No.", "신고번호", NUMBER), ("Product", "제품명", "휴대용 블렌더"),
                        ("Model", "모델명", MODEL), ("Rating", "정격", "DC 7.4V 40W (충전식)"),
                        ("Manufacturer", "제조자", "Zhongshan Green Mixer Co., Ltd."),
                        ("Country of origin", "제조국", "China (중국)"),
                        ("Date of issue", "신고일", "Jul. 8, 2025")],
                  date="2025-07-08", issuer="한국산업기술시험원")
    write_eml(root / NOTICE, to="green.mixer@example.cn", date="Fri, 27 Nov 2026 17:05:12 +0900",
              subject=f"RE: [쿠팡] 판매중지 안내 ({PRODUCT_ID})", body=NOTICE_BODY,
              message_id="20261127170512.7701238840@tns.coupang.com")
    return {
        "status": "ready",
        "reason_code": "kc_certification",
        "findings": ["holiday_slowdown"],
        "absent": ["appeal_deadline_passed", "unknown_delisting_reason", "certificate_number_invalid",
                   "certificate_expired", "model_mismatch", "missing_required_evidence"],
        "fields": {
            CERT: {"kind": "kc_certificate", "certificate_number": NUMBER, "scheme": "safety_confirmation",
                   "model_name": MODEL, "issue_date": "2025-07-08", "expiry_date": None},
            NOTICE: {"kind": "notice_email", "product_id": PRODUCT_ID, "reason_code": "kc_certification",
                     "notice_date": "2026-11-27", "deadline": "2026-12-28"},
        },
    }
