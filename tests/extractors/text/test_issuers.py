"""Issuing bodies normalised to one canonical name, whatever form the document prints."""

from __future__ import annotations

import pytest

from extractors.text.issuers import find_issuer, issuers, normalise_issuer

KTC = "한국기계전기전자시험연구원(KTC)"
KTL = "한국산업기술시험원(KTL)"


@pytest.mark.parametrize(
    ("printed", "canonical"),
    [
        ("한국기계전기전자시험연구원", KTC),
        ("한국기계전기전자시험연구원장", KTC),
        ("한국기계전기전자시험연구원 원장", KTC),
        ("한국기계전기전자시험연구원(KTC)", KTC),
        ("한국기계전기전자시험연구원 (KTC)", KTC),
        ("KTC", KTC),
        ("[전기용품]안전인증_국가인증 - 한국기계전기전자시험연구원", KTC),
        ("한국산업기술시험원", KTL),
        ("한국산업기술시험원장", KTL),
        ("KTL", KTL),
        ("Korea Testing Laboratory", KTL),
        ("국립전파연구원장", "국립전파연구원(RRA)"),
        ("과학기술정보통신부 국립전파연구원", "국립전파연구원(RRA)"),
        ("RRA", "국립전파연구원(RRA)"),
        ("KTR", "KTR"),
        ("한국화학융합시험연구원", "KTR"),
        ("KCL", "KCL"),
        ("FITI시험연구원", "FITI"),
        ("KATRI", "KATRI"),
    ],
)
def test_printed_forms_normalise_to_one_name(printed: str, canonical: str) -> None:
    assert normalise_issuer(printed) == canonical


@pytest.mark.parametrize(
    ("ocr", "canonical"),
    [
        ("한 국 산 업 기 술 시 험 원", KTL),
        ("한국산업기슬시험원", KTL),  # one misread syllable
        ("한국기계전기전자시헙연구원장", KTC),
        ("한 국 기 계 전 기 전 자 시 험 연구원장", KTC),
    ],
)
def test_ocr_noise_is_tolerated(ocr: str, canonical: str) -> None:
    assert normalise_issuer(ocr) == canonical


@pytest.mark.parametrize("other", ["삼성전자", "KTCX", "시험원", "한국", "", "Shenzhen Testing Co., Ltd."])
def test_unknown_names_are_not_forced_onto_a_body(other: str) -> None:
    assert normalise_issuer(other) is None


def test_ktl_and_ktc_names_never_fuzz_into_each_other() -> None:
    assert normalise_issuer("한국산업기술시험원") != normalise_issuer("한국기계전기전자시험연구원")


def test_find_issuer_takes_the_body_signing_at_the_bottom() -> None:
    page = "Korea Testing Laboratory\n인증번호 : YU10128-23004\n2023년 5월 2일\n한국산업기술시험원장 (직인)"
    assert find_issuer(page) == KTL
    assert find_issuer("제품명: 가습기\n모델명: A-1") is None


def test_every_body_has_a_canonical_name_and_a_way_to_match() -> None:
    for issuer in issuers():
        assert issuer.canonical and (issuer.abbreviations or len(issuer.names) > 1)
        assert normalise_issuer(issuer.canonical) == issuer.canonical
