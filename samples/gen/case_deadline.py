"""A phone photo of a 공급자적합성확인서 (no certificate number) in a case notified 18 days ago."""

from __future__ import annotations

from pathlib import Path

from .common import brn, toml_text, write_text
from .raster import Sheet, photo
from .seal import draw_seal

CASE_ID = "kc-deadline-passed"
CERT = "IMG_20261121_0932.jpg"
MODEL = "MW-USB10"


def _declaration() -> Sheet:
    """Two columns of label/value pairs, the layout of a maker's own declaration form."""
    s = Sheet("noto")
    s.text(105, 30, "공급자적합성확인서", pt=24, bold=True, anchor="mm")
    s.text(105, 42, "Supplier's Declaration of Conformity", pt=12, anchor="mm")
    s.rule(20, 50, 190, 50, width=5)
    left = [("제품명", "USB 무드등"), ("모델명", MODEL), ("정격", "DC 5V 0.5A")]
    right = [("제조사", "Ningbo Mingwei Lighting"), ("제조국", "중국"), ("확인일자", "20250312")]
    for col_x, pairs in ((22, left), (108, right)):
        for i, (label, value) in enumerate(pairs):
            y = 62 + i * 14
            s.text(col_x, y, label, pt=12, bold=True)
            s.text(col_x + 24, y, value, pt=12)
    s.rule(20, 106, 190, 106, width=3)
    body = [
        "당사는 위 제품이 「전기용품 및 생활용품 안전관리법」 제23조에 따른",
        "공급자적합성확인 대상 전기용품으로서, 해당 안전기준(KC 60598-1)에",
        "적합함을 시험을 통하여 확인하였음을 선언합니다.",
        "시험 기관: 선전 화쓰 검측 유한공사 (사설 시험소)",
        "시험성적서 번호: HS-2503-0417",
    ]
    for i, line in enumerate(body):
        s.text(22, 118 + i * 11, line, pt=12)
    s.text(105, 200, "20250312", pt=13, anchor="mm")
    s.text(105, 216, "Ningbo Mingwei Lighting Co., Ltd.", pt=14, bold=True, anchor="mm")
    s.text(105, 226, "대표  저우민", pt=13, anchor="mm")
    s.stamp(draw_seal("밍웨이조명공사지인", seed=5), 152, 208, size_mm=22)
    return s


def build(root: Path) -> dict:
    write_text(root / "case.toml", toml_text({
        "seller": {"name_ko": "밍웨이 주식회사", "name": "Ningbo Mingwei Lighting Co., Ltd.",
                   "business_number": brn("110861357"), "representative": "저우민"},
        "listing": {"product_id": "7688001245", "product_name": "USB 무드등 침실 수유등",
                    "model_name": MODEL, "brand": "MINGWEI"},
        "appeal": {"reason": "kc_certification", "notice_date": "2026-11-10"},
    }))
    photo(_declaration(), root / CERT, seed=1121)
    return {
        "status": "needs_fixes",
        "reason_code": "kc_certification",
        "findings": ["appeal_deadline_passed"],
        "absent": ["certificate_number_invalid", "certificate_expired", "model_mismatch", "low_resolution",
                   "business_number_invalid", "missing_required_evidence"],
        "fields": {CERT: {"kind": "kc_certificate", "certificate_number": None,
                          "scheme": "supplier_conformity", "model_name": MODEL,
                          "issue_date": "2025-03-12", "expiry_date": None}},
    }
