"""Cosmetics with a prohibited ingredient: a phone photo of the carton lists 하이드로퀴논 (DOMAIN.md §2.2)."""

from __future__ import annotations

from pathlib import Path

from .common import brn, toml_text, write_text
from .eml import write_eml
from .labels_cosmetics import box_sheet
from .raster import photo

CASE_ID = "cos-prohibited-cream"
PHOTO = "KakaoTalk_20261126_153012.jpg"
NOTICE = "Fwd 쿠팡 안내.eml"
INGREDIENTS = ["정제수", "글리세린", "부틸렌글라이콜", "하이드로퀴논", "나이아신아마이드", "세테아릴알코올",
               "글리세릴스테아레이트", "다이메티콘", "잔탄검", "향료"]
PRODUCT_ID = "7755320148"

NOTICE_BODY = f"""안녕하세요. 쿠팡 마켓플레이스 상품 안전팀입니다.

아래 상품은 화장품 전성분 표시 확인이 필요하여 2026-11-25 자로 판매중지 되었습니다.

등록상품ID: {PRODUCT_ID}
상품명: 브라이트닝 크림 50g 미백 기미
사유: 화장품 전성분 표시 정보 미확인 (화장품법 제10조)

2026-12-09까지 제품 용기 또는 포장의 전성분 표시 사진을 본 메일에 회신하여 제출해 주십시오.

쿠팡_TNScnt
"""


def build(root: Path) -> dict:
    write_text(root / "case.toml", toml_text({
        "seller": {"name_ko": "유한회사 미소뷰티", "name": "Yiwu Misoo Beauty Co., Ltd.",
                   "business_number": brn("105862047"), "representative": "천위"},
        "listing": {"product_id": PRODUCT_ID, "product_name": "브라이트닝 크림 50g 미백 기미",
                    "brand": "MISOO"},
        "appeal": {"reason": "cosmetics_labeling", "notice_date": "2026-11-25"},
    }))
    sheet = box_sheet(brand="MISOO", name="브라이트닝 크림", volume="50 g", ingredients=INGREDIENTS,
                      maker="Yiwu Misoo Beauty Co., Ltd.")
    photo(sheet, root / PHOTO, seed=1126)
    write_eml(root / NOTICE, to="misoo.beauty@example.cn", date="Wed, 25 Nov 2026 14:03:10 +0900",
              subject=f"[쿠팡] 판매중지 안내 - {PRODUCT_ID}", body=NOTICE_BODY,
              message_id="20261125140310.7755320148@tns.coupang.com")
    return {
        "status": "needs_fixes",
        "reason_code": "cosmetics_labeling",
        "findings": ["prohibited_ingredient"],
        "absent": ["missing_required_evidence", "appeal_deadline_passed", "business_number_invalid",
                   "low_resolution"],
        "fields": {
            PHOTO: {"kind": "ingredient_list", "product_name": "브라이트닝 크림", "ingredients": INGREDIENTS},
            NOTICE: {"kind": "notice_email", "product_id": PRODUCT_ID, "reason_code": "cosmetics_labeling",
                     "notice_date": "2026-11-25", "deadline": "2026-12-09"},
        },
    }
