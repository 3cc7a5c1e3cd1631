"""KC, ready: a scanned 안전확인 certificate plus a Wing product-detail screenshot as extra evidence."""

from __future__ import annotations

from pathlib import Path

from .common import brn, toml_text, write_text
from .kinds_certs import paper_cert
from .kinds_marks import light_scan
from .wing_screens import wing_detail

CASE_ID = "kc-wing-detail-heater"
SCAN = "안전확인증명서 스캔.jpg"
SHOT = "wing_capture.png"
PRODUCT_ID = "7790032115"
NUMBER = "YU11873-25012"
MODEL = "HT-M300"


def build(root: Path) -> dict:
    write_text(root / "case.toml", toml_text({
        "seller": {"name_ko": "주식회사 따뜻한집", "business_number": brn("109812385"), "representative": "허난"},
        "listing": {"product_id": PRODUCT_ID, "product_name": "미니 온풍기 HT-M300 저소음", "model_name": MODEL,
                    "brand": "WARMHOUSE"},
        "appeal": {"reason": "kc_certification", "notice_date": "2026-11-25"},
    }))
    sheet = paper_cert(title="안전확인 신고증명서", rows=[
        ("신고번호", NUMBER), ("제품명", "전기온풍기"), ("모델명", MODEL), ("정격", "AC 220V 60Hz 1000W"),
        ("제조업자", "Cixi Nuanfeng Electric Co., Ltd."), ("제조국", "중국"), ("수입업자", "주식회사 따뜻한집"),
        ("신고일", "2025년 4월 2일")], date="2025년 4월 2일", issuer="한국산업기술시험원장",
        seal_text="산업기술시험원장인", font="gothic")
    light_scan(sheet, root / SCAN, seed=402, angle=0.4)
    wing_detail(root / SHOT, vendor="주식회사 따뜻한집", banner="판매중지: KC 인증 정보 미확인 — 인증 정보를 수정 후 소명해 주세요.",
                fields=[("등록상품ID", PRODUCT_ID), ("노출상품명", "미니 온풍기 HT-M300 저소음"),
                        ("판매상태", "판매중지"), ("중지사유", "KC 인증 정보 미확인"),
                        ("인증정보", f"안전확인 {NUMBER}"), ("브랜드", "WARMHOUSE"), ("모델명", MODEL)])
    return {
        "status": "ready",
        "reason_code": "kc_certification",
        "findings": [],
        "absent": ["certificate_expired", "certificate_number_invalid", "model_mismatch", "missing_required_evidence",
                   "appeal_deadline_passed", "business_number_invalid"],
        "fields": {
            SCAN: {"kind": "kc_certificate", "certificate_number": NUMBER, "scheme": "safety_confirmation",
                   "model_name": MODEL, "issue_date": "2025-04-02", "expiry_date": None},
            SHOT: {"kind": "seller_center_screenshot", "product_id": PRODUCT_ID, "status": "판매중지",
                   "reason": "KC 인증 정보 미확인"},
        },
    }
