"""A 안전인증 certificate scanned at 300 DPI whose printed validity ended in May 2026."""

from __future__ import annotations

from pathlib import Path

from .common import brn, toml_text, write_text
from .raster import Sheet, scan
from .seal import draw_seal

CASE_ID = "kc-expired-charger"
CERT = "scan001.jpg"
NUMBER = "HU071842-23009A"
MODEL = "RD-C65W"


def _certificate() -> Sheet:
    s = Sheet("serif")
    s.box(15, 15, 195, 282, width=6)
    s.box(18, 18, 192, 279, width=2)
    s.text(105, 38, "[전기용품] 안전인증서", pt=24, bold=True, anchor="mm")
    s.text(105, 50, "(전기용품 및 생활용품 안전관리법 제5조)", pt=11, anchor="mm")
    rows = [
        ("인증 번호", NUMBER),
        ("제품명", "USB-C 고속 충전기"),
        ("모델 명", MODEL),
        ("파생모델", "없음"),
        ("정격", "입력 AC 100-240V 50/60Hz, 출력 DC 20V 3.25A"),
        ("제조사", "Dongguan Ruida Electronics Co., Ltd."),
        ("제조국", "중국"),
        ("수입자", "루이다코리아 주식회사"),
        ("인증기관", "한국기계전기전자시험연구원 (KTC)"),
        ("인증일자", "2023. 5. 10."),
        ("유효기간", "2023. 5. 10. ~ 2026. 5. 9."),
    ]
    y = 68
    for label, value in rows:
        s.text(30, y, label, pt=13, bold=True)
        s.text(62, y, ":", pt=13)
        s.text(67, y, value, pt=13)
        y += 13
    s.text(105, y + 14, "위 제품은 「전기용품 및 생활용품 안전관리법」 제5조에 따라", pt=12.5, anchor="mm")
    s.text(105, y + 23, "안전인증을 받았음을 증명합니다.", pt=12.5, anchor="mm")
    s.text(105, 240, "2023. 5. 10.", pt=13, anchor="mm")
    s.text(105, 258, "한국기계전기전자시험연구원장", pt=18, bold=True, anchor="mm")
    s.stamp(draw_seal("한국기계전기전자시험연구원장지인", seed=11), 150, 245, size_mm=26)
    return s


def build(root: Path) -> dict:
    write_text(root / "case.toml", toml_text({
        "seller": {"name_ko": "루이다코리아 주식회사", "business_number": brn("608870357"),
                   "representative": "천밍"},
        "listing": {"product_id": "8123004417", "product_name": "65W USB-C 고속 충전기 PD 3.0",
                    "model_name": MODEL, "brand": "RUIDA"},
        "appeal": {"reason": "kc_certification", "notice_date": "2026-11-25"},
    }))
    scan(_certificate(), root / CERT, seed=2026, angle=0.8)
    return {
        "status": "needs_fixes",
        "reason_code": "kc_certification",
        "findings": ["certificate_expired"],
        "absent": ["model_mismatch", "appeal_deadline_passed", "business_number_invalid", "low_resolution",
                   "certificate_number_invalid", "missing_required_evidence"],
        "fields": {CERT: {"kind": "kc_certificate", "certificate_number": NUMBER,
                          "scheme": "safety_certification", "model_name": MODEL,
                          "issue_date": "2023-05-10", "expiry_date": "2026-05-09"}},
    }
