"""KC: the certificate arrived as a messenger-shrunk 600x850 photo, ~72 DPI for A4 (low_resolution,
a warning). The type is large enough to read, so the case is otherwise fine."""

from __future__ import annotations

from pathlib import Path

from .common import brn, toml_text, write_text
from .kinds_certs import paper_cert
from .kinds_marks import tiny_photo

CASE_ID = "kc-low-res-photo-mixer"
PHOTO = "微信图片_20261127101530.jpg"
NUMBER = "YU09842-24007"
MODEL = "HM-350"


def build(root: Path) -> dict:
    write_text(root / "case.toml", toml_text({
        "seller": {"name_ko": "주식회사 반죽공방", "business_number": brn("214873350"), "representative": "펑위"},
        "listing": {"product_id": "7629941180", "product_name": "핸드믹서 HM-350 5단", "model_name": MODEL,
                    "brand": "BANJUK"},
        "appeal": {"reason": "kc_certification", "notice_date": "2026-11-27"},
    }))
    sheet = paper_cert(title="안전확인 신고증명서", rows=[("신고번호", NUMBER), ("모델명", MODEL),
                                                    ("제품명", "핸드믹서"), ("신고일", "2024. 4. 9.")],
                       date="2024. 4. 9.", issuer="한국산업기술시험원장", seal_text="산업기술시험원장인",
                       font="gothic", pt=24)
    tiny_photo(sheet, root / PHOTO)
    return {
        "status": "ready",
        "reason_code": "kc_certification",
        "findings": ["low_resolution"],
        "absent": ["missing_required_evidence", "appeal_deadline_passed", "business_number_invalid"],
        "fields": {PHOTO: {"kind": "kc_certificate", "certificate_number": NUMBER, "model_name": MODEL}},
    }
