"""KC: the only certificate is a PDF that opens only with a password (encrypted_pdf)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from .common import brn, toml_text, write_text
from .kinds_certs import grid_pdf
from .kinds_marks import encrypt_pdf

CASE_ID = "kc-locked-pdf-speaker"
CERT = "KC证书.pdf"


def build(root: Path) -> dict:
    write_text(root / "case.toml", toml_text({
        "seller": {"name_ko": "주식회사 울림사운드", "business_number": brn("119871064"), "representative": "샤오린"},
        "listing": {"product_id": "7672230019", "product_name": "미니 블루투스 스피커 WS-1", "model_name": "WS-1",
                    "brand": "ULLIM"},
        "appeal": {"reason": "kc_certification", "notice_date": "2026-11-26"},
    }))
    with tempfile.TemporaryDirectory() as tmp:
        plain = Path(tmp) / "plain.pdf"
        grid_pdf(plain, title="적합성평가 확인서", subtitle="전파법 제58조의2",
                 rows=[("식별부호", "R-R-ULM-WS1"), ("등록일자", "2025-05-20"), ("기자재명칭", "블루투스 스피커"),
                       ("모델명", "WS-1")], date="2025-05-20", issuer="국립전파연구원장")
        encrypt_pdf(plain, root / CERT, password="8888")
    return {
        "status": "needs_fixes",
        "reason_code": "kc_certification",
        "findings": ["encrypted_pdf"],
        "absent": ["appeal_deadline_passed", "business_number_invalid", "unknown_delisting_reason"],
        "fields": {},
    }
