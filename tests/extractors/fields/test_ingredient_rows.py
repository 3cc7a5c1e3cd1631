"""An ingredient table read row by row: number, name, amount on one line."""

from __future__ import annotations

from casefile.codes import PageSource
from casefile.pages import Page
from extractors.fields.ingredients import extract_ingredients

ROWS = """전 성 분 표
제품명: AC 클리어 스팟 세럼   작성일: 2026.10.08
No. 성분명 함량(%)
1 정 제 수 79.35
2 부틸렌글라이콜 8.00
3 글리세린 5.00
4 1,2-헥산다이올 1.50
5 병풀추출물 0.5 %
6 잔탄검 1.00"""


def test_row_numbers_and_amounts_are_set_aside_and_the_names_kept_in_order():
    fields = extract_ingredients([Page(number=1, source=PageSource.ocr, text=ROWS)])
    assert fields.ingredients == ["정제수", "부틸렌글라이콜", "글리세린", "1,2-헥산다이올", "병풀추출물", "잔탄검"]
    assert fields.product_name == "AC 클리어 스팟 세럼"
