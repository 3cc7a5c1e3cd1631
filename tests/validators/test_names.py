"""Company and brand names: the same company however written, a different one however close."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from casefile.config import SellerConfig
from validators.names import name_variants, normalise_brand, normalise_company, same_brand, same_company, same_seller

# Cores from syllables and letters that spell no legal form ("주", "co", "ltd" cannot appear).
HANGUL_CORE = st.text(alphabet="한빛무역상사전자코리아글로벌테크", min_size=2, max_size=8)
LATIN_CORE = st.lists(st.text(alphabet="abhmnrstuvwxyz", min_size=3, max_size=8), min_size=1, max_size=3)

KO_FORMS = ["주식회사 {}", "{} 주식회사", "(주){}", "(주) {}", "㈜{}", "{}㈜", "{}(주)", "( 주 ) {}", "유한회사 {}", "{}(유)"]
LATIN_FORMS = ["{} Co., Ltd.", "{} CO.,LTD", "{} Company Limited", "{} Ltd.", "{} Inc.", "{} LLC", "{} Corp.", "{}"]


@given(st.text(max_size=40))
def test_normalisation_is_idempotent(name: str) -> None:
    once = normalise_company(name)
    assert normalise_company(once) == once


@given(HANGUL_CORE, st.sampled_from(KO_FORMS), st.sampled_from(KO_FORMS))
def test_korean_forms_of_one_company_compare_equal(core: str, form_a: str, form_b: str) -> None:
    assert same_company(form_a.format(core), form_b.format(core))


@given(LATIN_CORE, st.sampled_from(LATIN_FORMS), st.sampled_from(LATIN_FORMS), st.booleans())
def test_latin_forms_of_one_company_compare_equal(words: list[str], form_a: str, form_b: str, upper: bool) -> None:
    core = " ".join(words)
    assume(not any(w in {"co", "inc", "ltd", "llc", "corp", "company", "limited"} for w in words))
    other = form_b.format(core).upper() if upper else form_b.format(core)
    assert same_company(form_a.format(core), other)


@given(HANGUL_CORE, st.text(alphabet="상사물산전자산업", min_size=1, max_size=3))
def test_a_longer_name_is_another_company(core: str, suffix: str) -> None:
    assert not same_company(f"주식회사 {core}", f"주식회사 {core}{suffix}")


@pytest.mark.parametrize(("a", "b"), [
    ("㈜한빛", "주식회사 한빛"),
    ("㈱한빛", "한빛 株式会社"),
    ("한 빛 무 역", "(주)한빛무역"),
    ("ＨＡＮＢＩＴ Trading", "Hanbit Trading Co., Ltd."),
    ("深圳市韩比贸易有限公司", "深圳市韩比贸易 有限公司"),
    ("韩比股份有限公司", "韩比公司"),
    # OCR noise in a long name: one wrong jamo (역/억) in 21, one wrong letter (i/l) in 21.
    ("주식회사 한빛글로벌무역", "한빛글로벌무억(주)"),
    ("한빛무역", "한빛무억"),  # one jamo in eleven
    ("Shenzhen Hanbit Trading Co., Ltd.", "SHENZHEN HANBIT TRADLNG CO LTD"),
])
def test_same_company(a: str, b: str) -> None:
    assert same_company(a, b)


@pytest.mark.parametrize(("a", "b"), [
    ("한빛무역", "한빛상사"),
    ("한빛", "한빛전자"),
    ("주식회사 한빛무역", "주식회사 한솔무역"),  # one syllable, but three jamo: another company
    ("한빛", "한빗"),  # one jamo in six: too short a name to call it noise
    ("Hanbit Trading Co., Ltd.", "Hansol Trading Co., Ltd."),
    ("주식회사", "유한회사"),  # nothing but legal forms names no company
    ("", "한빛"),
    (None, "한빛"),
])
def test_different_companies(a: str | None, b: str | None) -> None:
    assert not same_company(a, b)


def test_latin_forms_end_a_name_but_do_not_eat_words() -> None:
    assert normalise_company("Costco") == "costco"
    assert normalise_company("Limited Edition Ltd") == "limitededition"
    assert normalise_company("Shenzhen Hanbit Trading Co., Ltd.") == "shenzhenhanbittrading"


def test_same_seller_across_scripts_only_through_case_toml() -> None:
    both = SellerConfig(name_ko="주식회사 한빛무역", name="Shenzhen Hanbit Trading Co., Ltd.")
    korean_only = SellerConfig(name_ko="주식회사 한빛무역")
    assert same_seller("SHENZHEN HANBIT TRADING CO.,LTD", both)
    assert same_seller("(주)한빛무역", both)
    assert not same_seller("Shenzhen Hanbit Trading Co., Ltd.", korean_only)  # never transliterated
    assert not same_seller("한빛무역", SellerConfig())
    # A bilingual grantee names the company both ways; either way may match.
    assert same_seller("주식회사 한빛무역 (Shenzhen Hanbit Trading Co., Ltd.)", SellerConfig(name="Shenzhen Hanbit Trading"))
    assert name_variants("(주)한빛") == ["(주)한빛"]


@pytest.mark.parametrize(("a", "b", "same"), [
    ("HANBIT™", "ｈａｎｂｉｔ", True),
    ("HAN BIT®", "hanbit", True),
    ("Hanbit(TM)", "HANBIT", True),
    ("HANBIT (한빛)", "한빛", True),
    ("HANBIT / 한빛", "hanbit", True),
    ("HANBIT", "HANBIT2", False),
    ("HANBIT", "HANBLT", False),  # brands are short: no fuzziness
    ("HANBIT", "HANSOL", False),
    ("HANBIT", None, False),
])
def test_same_brand(a: str, b: str | None, same: bool) -> None:
    assert same_brand(a, b) is same


@given(st.text(max_size=30))
def test_brand_normalisation_is_idempotent(brand: str) -> None:
    once = normalise_brand(brand)
    assert normalise_brand(once) == once


# -- properties: OCR spacing, width and case; idempotence on legal-form soup; symmetry ----------

CIRCLED_JU, CIRCLED_STOCK = "\u321c", "\u3231"  # ㈜ (DOMAIN.md §4.3 names it U+3231: that is ㈱)
KO_FORMS_EXACT = ["주식회사 {}", "{} 주식회사", "(주){}", "{}(주)", CIRCLED_JU + "{}", "{}" + CIRCLED_JU,
                  CIRCLED_STOCK + "{}", "（주）{}", "[주]{}", "{}"]


@st.composite
def ocr_spaced(draw, text: str) -> str:
    """White space between any two characters, as Tesseract's Hangul model puts it."""
    gaps = draw(st.lists(st.sampled_from(["", "", " ", "  ", "\t", "\u3000"]), min_size=len(text), max_size=len(text)))
    return "".join(ch + gap for ch, gap in zip(text, gaps))


@settings(max_examples=200)
@given(core=HANGUL_CORE, form=st.sampled_from(KO_FORMS_EXACT), data=st.data())
def test_any_ocr_spacing_of_a_korean_name_is_the_same_company(core: str, form: str, data) -> None:
    spaced = data.draw(ocr_spaced(form.format(core)))
    assert normalise_company(spaced) == normalise_company(core) == core
    assert same_company(spaced, f"주식회사 {core}")


_FULL_WIDTH = {c: chr(ord(c) + 0xFEE0) for c in map(chr, range(0x21, 0x7F))} | {" ": "\u3000"}


@st.composite
def reprinted(draw, text: str) -> str:
    """Each character in any case, half or full width (Chinese and Korean input methods)."""
    out = []
    for ch in text:
        ch = draw(st.sampled_from([ch.lower(), ch.upper()]))
        out.append(_FULL_WIDTH.get(ch, ch) if draw(st.booleans()) else ch)
    return "".join(out)


@settings(max_examples=200)
@given(words=LATIN_CORE, form=st.sampled_from(LATIN_FORMS), data=st.data())
def test_case_and_width_do_not_make_another_latin_company(words: list[str], form: str, data) -> None:
    assume(not any(w in {"co", "inc", "ltd", "llc", "corp", "company", "limited"} for w in words))
    name = form.format(" ".join(words))
    variant = data.draw(reprinted(name))
    assert normalise_company(variant) == normalise_company(name) == "".join(words)
    assert same_company(variant, name)


@settings(max_examples=150)
@given(core=HANGUL_CORE, form=st.sampled_from(KO_FORMS_EXACT), data=st.data())
def test_full_width_brackets_and_circled_forms_of_a_korean_name_are_the_same_company(core, form, data) -> None:
    variant = data.draw(reprinted(form.format(core)))
    assert normalise_company(variant) == core


# Names assembled from legal-form pieces and brackets: where a fixed-point loop could fail to settle.
FORM_SOUP = st.lists(st.sampled_from(["주식회사", "(주)", "(", ")", "주", "㈜", "㈱", "株式会社", "유한회사", "(유)",
                                      " ", "한빛", "Co.", ",", "Ltd", "Limited", "Inc", "有限公司", "公司", "co",
                                      "[", "]", "（", "）", "™", "-", "."]), max_size=14).map("".join)


@settings(max_examples=300)
@given(st.one_of(FORM_SOUP, st.text(max_size=40)))
def test_normalisation_of_legal_form_soup_is_idempotent(name: str) -> None:
    once = normalise_company(name)
    assert normalise_company(once) == once
    for variant in name_variants(name):
        assert normalise_company(normalise_company(variant)) == normalise_company(variant)


@settings(max_examples=200)
@given(st.one_of(FORM_SOUP, HANGUL_CORE, st.text(max_size=20)), st.one_of(FORM_SOUP, HANGUL_CORE, st.text(max_size=20)))
def test_same_company_is_symmetric_and_never_raises(a: str, b: str) -> None:
    assert same_company(a, b) == same_company(b, a)
    assert same_company(a, a) == bool(normalise_company(a))
