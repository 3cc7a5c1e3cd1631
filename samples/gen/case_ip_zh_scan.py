"""IP, ready: a Chinese 授权书 on paper, scanned, under the grantor's red round 公章."""

from __future__ import annotations

from pathlib import Path

from .common import toml_text, write_text
from .kinds_marks import light_scan, round_seal
from .letters_auth import Letter, zh_sheet

CASE_ID = "ip-ready-zh-scan"
SCAN = "授权书扫描件.jpg"
LETTER_DATA = Letter(grantor="杭州兰溪日用品有限公司", grantee="义乌星河电子商务有限公司（Yiwu Xinghe E-commerce Co., Ltd.）",
                     brand="LANXI", period="2026年3月1日至2028年2月29日", signed_on="2026年2月26日",
                     signer="王建国", trademark="第40-2107788号（韩国）", products="全系列收纳用品",
                     address="浙江省杭州市余杭区文一西路998号")


def build(root: Path) -> dict:
    write_text(root / "case.toml", toml_text({
        "seller": {"name_ko": "싱허커머스", "name": "Yiwu Xinghe E-commerce Co., Ltd.",
                   "representative": "천싱허"},
        "listing": {"product_id": "7702245190", "product_name": "LANXI 접이식 수납박스 3개입", "brand": "LANXI"},
        "appeal": {"reason": "ip_infringement", "notice_date": "2026-11-27"},
    }))
    light_scan(zh_sheet(LETTER_DATA, round_seal("杭州兰溪日用品有限公司", seed=31)), root / SCAN, seed=226,
               angle=0.7)
    return {
        "status": "ready",
        "reason_code": "ip_infringement",
        "findings": [],
        "absent": ["authorization_expired", "authorization_not_yet_valid", "signature_missing", "seller_mismatch",
                   "brand_mismatch", "missing_required_evidence", "low_resolution"],
        # grantor/grantee left out: whether a reader keeps the English gloss is a naming choice.
        "fields": {SCAN: {"kind": "authorization_letter", "brand": "LANXI", "valid_from": "2026-03-01",
                          "valid_until": "2028-02-29", "signature": "seal"}},
    }
