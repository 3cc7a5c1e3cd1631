"""Korean particles chosen by the word before them, as a Korean speaker reads it (casefile/josa.py).

The properties compare the function with the word read aloud: a number as its Sino-Korean reading,
an acronym by the Korean names of its letters, a Hangul word by its last syllable's final consonant.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casefile.josa import Ending, attach, ending, format_map, forms, particle

# The Korean names of the Latin letters, as Korean speakers spell them out (KC 케이씨, LG 엘지).
LETTER_NAMES = {
    "A": "에이", "B": "비", "C": "씨", "D": "디", "E": "이", "F": "에프", "G": "지", "H": "에이치", "I": "아이",
    "J": "제이", "K": "케이", "L": "엘", "M": "엠", "N": "엔", "O": "오", "P": "피", "Q": "큐", "R": "알",
    "S": "에스", "T": "티", "U": "유", "V": "브이", "W": "더블유", "X": "엑스", "Y": "와이", "Z": "제트",
}
DIGITS = "영일이삼사오육칠팔구"
PAIRS = ["이/가", "은/는", "을/를", "과/와", "으로/로", "이며/며", "이라는/라는", "이라고/라고", "이나/나", "이란/란"]

hangul = st.integers(0xAC00, 0xD7A3).map(chr)
hangul_word = st.text(alphabet=hangul, min_size=1, max_size=6)
pairs = st.sampled_from(PAIRS)


def sino_korean(n: int) -> str:
    """How a number is read aloud: 200 이백, 1000 천, 10000 만, 17 십칠 (0 영)."""
    if n == 0:
        return "영"
    out = []
    for unit, name in ((10**12, "조"), (10**8, "억"), (10**4, "만")):
        if n >= unit:
            out.append(sino_korean(n // unit) + name)
            n %= unit
    for unit, name in ((1000, "천"), (100, "백"), (10, "십")):
        if n >= unit:
            d = n // unit
            out.append(("" if d == 1 else DIGITS[d]) + name)
            n %= unit
    if n:
        out.append(DIGITS[n])
    return "".join(out)


def by_hangul(syllable: str, pattern: str) -> str:
    """The particle from the final consonant of a Hangul syllable, the textbook rule."""
    consonant, vowel = forms(pattern)
    final = (ord(syllable) - 0xAC00) % 28
    if final == 0 or (final == 8 and consonant.startswith("으")):
        return vowel
    return consonant


# -- the cases the issue names ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "pattern", "expected"),
    [
        ("HB-H200", "이/가", "이"),  # …이공공: 공
        ("HB-H200", "으로/로", "으로"),
        ("KC", "이/가", "가"),  # 케이씨
        ("A", "이/가", "가"),  # 에이
        ("L", "이/가", "이"),  # 엘
        ("L", "으로/로", "로"),  # ㄹ takes 로
        ("1", "이/가", "이"),  # 일
        ("1", "으로/로", "로"),
        ("3", "이/가", "이"),  # 삼
        ("3", "으로/로", "으로"),
        ("2", "이/가", "가"),  # 이
        ("2", "으로/로", "로"),
        ("모델", "은/는", "은"),
        ("사과", "은/는", "는"),
        ("서울", "으로/로", "로"),
        ("주식회사 한빛무역", "과/와", "과"),
        ("DAON", "이/가", "이"),  # 다온: a word, not letters
        ("HANSOL", "으로/로", "로"),  # 한솔
        ("Wing", "을/를", "을"),  # 윙
        ("Apple", "이/가", "이"),  # 애플
        ("M", "이/가", "이"),  # 엠
        ("S", "이/가", "가"),  # 에스
        ("R", "으로/로", "로"),  # 알
        ("HB-H200", "이라는/라는", "이라는"),
        ("KC", "이며/며", "며"),
    ],
)
def test_examples(word, pattern, expected):
    assert particle(word, pattern) == expected


def test_closing_marks_and_parentheticals_are_looked_through():
    assert attach("'HB-H200'", "이/가") == "'HB-H200'이"
    assert attach("“KC”", "이/가") == "“KC”가"
    assert attach("KC 인증서(붙임 1)", "을/를") == "KC 인증서(붙임 1)를"  # 인증서, not 1
    assert attach("소명 기한(2026. 11. 27.)", "이/가") == "소명 기한(2026. 11. 27.)이"
    assert attach("Shenzhen Hanbit Trading Co., Ltd.", "과/와") == "Shenzhen Hanbit Trading Co., Ltd.와"
    assert attach("(HB)", "이/가") == "(HB)가"


def test_unreadable_endings_give_both_forms():
    assert attach("深圳汉比特", "이/가") == "深圳汉比特이(가)"
    assert attach("", "으로/로") == "(으)로"
    assert particle("★", "이라는/라는") == "(이)라는"
    assert ending("—") is Ending.unknown


def test_a_pattern_must_name_both_forms():
    for bad in ("가", "이/가/은", "이/", "이/x", "에/에서"):
        with pytest.raises(ValueError):
            forms(bad)
    assert forms("가/이") == forms("이/가") == ("이", "가")
    assert forms("로/으로") == ("으로", "로")


def test_format_map_fills_slots_and_then_each_particle_from_the_text_before_it():
    template = "모델명 '{cert_model}'{이/가} '{listing_model}'{과/와} 다릅니다({n:>2}일)."
    assert format_map(template, {"cert_model": "HB-H2", "listing_model": "HB-H200", "n": 3}) == \
        "모델명 'HB-H2'가 'HB-H200'과 다릅니다( 3일)."
    with pytest.raises(KeyError):
        format_map("{missing}{이/가}", {})


# -- properties ------------------------------------------------------------------------------------


@given(prefix=st.text(max_size=8), syllable=hangul, pattern=pairs)
def test_a_hangul_ending_decides_by_its_final_consonant(prefix, syllable, pattern):
    assert particle(prefix + syllable, pattern) == by_hangul(syllable, pattern)


@given(n=st.integers(0, 10**12 - 1), pattern=pairs)
def test_a_number_takes_the_particle_of_its_korean_reading(n, pattern):
    """Below 1조 (10**12, which ends in a vowel; such a round number is no model or product number)."""
    spoken = sino_korean(n)
    assert particle(str(n), pattern) == by_hangul(spoken[-1], pattern)
    assert particle(f"{n:,}", pattern) == by_hangul(spoken[-1], pattern)


@given(digits=st.text(alphabet="0123456789", min_size=1, max_size=6), pattern=pairs)
def test_a_model_number_read_digit_by_digit_ends_alike(digits, pattern):
    """HB-H200 is read 에이치비 에이치 이공공: each digit by its name (0 공), the same ending as
    the number's reading."""
    spoken = "".join("공" if d == "0" else DIGITS[int(d)] for d in digits)
    assert particle(f"HB-H{digits}", pattern) == by_hangul(spoken[-1], pattern)


@given(letters=st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=3),
       prefix=st.sampled_from(["", "HB-", "모델 ", "A1-", "R-R-HBT-"]), pattern=pairs)
def test_an_acronym_takes_the_particle_of_its_letters_korean_names(letters, prefix, pattern):
    spoken = "".join(LETTER_NAMES[c] for c in letters)
    assert particle(prefix + letters, pattern) == by_hangul(spoken[-1], pattern)


@given(word=st.one_of(hangul_word, st.from_regex(r"[A-Z]{1,3}-?[A-Z]?[0-9]{0,4}[A-Z]?", fullmatch=True)),
       quote=st.sampled_from(["'{}'", "“{}”", "「{}」", "{} (붙임 3)", "{}(HB-H200)", "'{}'."]), pattern=pairs)
def test_quotes_and_a_parenthetical_do_not_change_the_particle(word, quote, pattern):
    assert particle(quote.format(word), pattern) == particle(word, pattern)


@given(word=st.text(max_size=12), pattern=pairs)
def test_the_particle_is_one_of_the_pair_and_does_not_depend_on_the_order_written(word, pattern):
    consonant, vowel = forms(pattern)
    chosen = particle(word, pattern)
    assert chosen in (consonant, vowel) or ("(" in chosen and chosen.replace("(", "").replace(")", "") in
                                            (consonant + vowel, consonant))
    assert particle(word, "/".join(reversed(pattern.split("/")))) == chosen
    assert attach(word, pattern) == word + chosen
