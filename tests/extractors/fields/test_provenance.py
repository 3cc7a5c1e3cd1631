"""Where each field was read, and the confidence floor: an unsure OCR'd field is null."""

from __future__ import annotations

import datetime as dt

import pytest

from casefile.codes import PageSource
from casefile.fields import AuthorizationLetterFields, IngredientListFields, KcCertificateFields
from casefile.pages import Page, Table, Word
from extractors.fields.provenance import FIELD_FLOOR, locate, trace


def _page(words: list[tuple[str, float | None]], source: PageSource = PageSource.ocr, number: int = 1) -> Page:
    """Words laid out on one line, 100 px apart, each with its confidence."""
    laid = [Word(text=t, left=100 * i, top=50, width=80, height=20, confidence=c) for i, (t, c) in enumerate(words)]
    return Page(number=number, source=source, text=" ".join(t for t, _ in words), words=laid)


def test_a_field_says_its_page_box_source_and_confidence():
    pages = [_page([("안전인증서", 0.95)]),
             _page([("인증번호", 0.93), ("HU071695-", 0.91), ("21012A", 0.88), ("모델명", 0.9), ("HB-H200", 0.96)],
                   number=2)]
    fields = KcCertificateFields(certificate_number="HU071695-21012A", model_name="HB-H200")
    where = locate(fields, pages)
    number = where["certificate_number"]
    assert (number.page, number.source, number.confidence) == (2, PageSource.ocr, 0.88)
    assert number.box == (100, 50, 180, 20)  # both words it was read from
    assert number.text == "HU071695- 21012A"
    assert where["model_name"].box == (400, 50, 80, 20)


def test_text_that_was_not_ocrd_is_sure():
    page = Page(number=1, source=PageSource.pdf_text, text="제조업자 Foshan Shunde\nBolang Electric Co., Ltd.",
                tables=[Table(rows=[["제조업자", "Foshan Shunde\nBolang Electric\nCo., Ltd."]])])
    where = locate(KcCertificateFields(manufacturer="Foshan Shunde Bolang Electric Co., Ltd."), [page])
    assert where["manufacturer"].confidence == 1.0 and where["manufacturer"].source is PageSource.pdf_text


@pytest.mark.parametrize("printed", ["2026년 3월 1일", "2026. 3. 1.", "2026-03-01", "March 1, 2026", "2026年3月1日"])
def test_a_date_is_found_in_whatever_form_it_was_printed(printed):
    page = Page(number=1, source=PageSource.docx, text=f"위임 기간: {printed} 부터")
    where = locate(AuthorizationLetterFields(valid_from=dt.date(2026, 3, 1)), [page])
    assert where["valid_from"].page == 1 and printed.replace(" ", "") in where["valid_from"].text.replace(" ", "")


def test_a_normalised_issuer_is_found_under_the_name_the_page_prints():
    from extractors.text.issuers import normalise_issuer

    canonical = normalise_issuer("한국기계전기전자시험연구원")
    page = Page(number=1, source=PageSource.plain, text="인증기관 한국기계전기전자시험연구원장")
    assert canonical and "issuer" in locate(KcCertificateFields(issuer=canonical), [page])


def test_an_unsure_ocr_field_is_null_and_the_trace_says_why():
    low = FIELD_FLOOR - 0.2
    page = _page([("인증번호", 0.93), ("HU07I695-21012A", low), ("모델명", 0.9), ("HB-H200", 0.96)])
    fields, where = trace(KcCertificateFields(certificate_number="HU07I695-21012A", model_name="HB-H200"), [page])
    assert fields.certificate_number is None and fields.model_name == "HB-H200"
    assert where.doubtful == ["certificate_number"]
    assert where.sources["certificate_number"].confidence == pytest.approx(low)


def test_a_sure_field_and_an_ingredient_list_are_kept():
    page = _page([("전성분:", 0.9), ("정제수,", 0.95), ("글리세린,", FIELD_FLOOR - 0.1), ("잔탄검", 0.9)])
    names = ["정제수", "글리세린", "잔탄검"]
    fields, where = trace(IngredientListFields(ingredients=names), [page])
    assert fields.ingredients == names and where.doubtful == []  # one unsure name never drops the list
    assert where.sources["ingredients"].confidence == pytest.approx((0.95 + FIELD_FLOOR - 0.1 + 0.9) / 3)


def test_a_value_the_page_does_not_hold_has_no_source():
    page = _page([("위임장", 0.9)])
    assert locate(AuthorizationLetterFields(brand="HANBIT"), [page]) == {}
