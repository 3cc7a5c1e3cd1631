"""IP: a Chinese 品牌授权书 (PDF, round 公章) for MOONBAY while the listing sells STARBAY (brand_mismatch)."""

from __future__ import annotations

from pathlib import Path

from .common import toml_text, write_text
from .kinds_marks import round_seal
from .letters_auth import Letter, zh_pdf

CASE_ID = "ip-brand-differs"
LETTER = "品牌授权书.pdf"
LETTER_DATA = Letter(grantor="宁波月湾家居有限公司", grantee="温州海蓝贸易有限公司", brand="MOONBAY",
                     period="2026年1月15日至2027年1月14日", signed_on="2026年1月10日", signer="周敏",
                     trademark="第40-2088341号", products="全系列抱枕及靠垫")


def build(root: Path) -> dict:
    write_text(root / "case.toml", toml_text({
        "seller": {"name_ko": "하이란무역", "name": "温州海蓝贸易有限公司", "representative": "린하이란"},
        "listing": {"product_id": "7745561209", "product_name": "STARBAY 메모리폼 쿠션 45x45", "brand": "STARBAY"},
        "appeal": {"reason": "ip_infringement", "notice_date": "2026-11-27"},
    }))
    zh_pdf(LETTER_DATA, root / LETTER, round_seal("宁波月湾家居有限公司", seed=81))
    return {
        "status": "needs_fixes",
        "reason_code": "ip_infringement",
        "findings": ["brand_mismatch"],
        "absent": ["authorization_expired", "authorization_not_yet_valid", "signature_missing", "seller_mismatch",
                   "missing_required_evidence"],
        "fields": {LETTER: {"kind": "authorization_letter", "grantor": "宁波月湾家居有限公司",
                            "grantee": "温州海蓝贸易有限公司", "brand": "MOONBAY", "valid_from": "2026-01-15",
                            "valid_until": "2027-01-14", "signature": "seal"}},
    }
