"""사업자등록번호 check digit (DOMAIN.md §4.1), as properties: every number made by the rule
validates in every way it is written; any one wrong digit, a missing or extra digit, fails."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from casefile.codes import FindingCode
from tests.validators.conftest import facts_for
from validators.identity import business_number_valid, check_business_number


def check_digit(first_nine: str) -> int:
    """DOMAIN.md §4.1, written out again from the text (not from validators/identity.py):
    S = Σ d_i·w_i with w = 1,3,7,1,3,7,1,3,5, plus floor(d9 × 5 / 10); check = (10 − S mod 10) mod 10."""
    weights = [1, 3, 7, 1, 3, 7, 1, 3, 5]
    digits = [int(c) for c in first_nine]
    total = sum(d * w for d, w in zip(digits, weights)) + digits[8] * 5 // 10
    return (10 - total % 10) % 10


def test_the_oracle_agrees_with_the_worked_example_and_the_published_samples() -> None:
    # DOMAIN.md §4.1: 124-81-00998 worked through to 8; samples from realrains/kbrn.
    for number in ["124-81-00998", "220-81-62517", "120-81-47521", "723-87-00195", "208-82-03460"]:
        digits = number.replace("-", "")
        assert check_digit(digits[:9]) == int(digits[9]), number


NINE = st.text(alphabet="0123456789", min_size=9, max_size=9)
VALID = NINE.map(lambda nine: nine + str(check_digit(nine)))
WRITTEN = [
    lambda n: f"{n[:3]}-{n[3:5]}-{n[5:]}",
    lambda n: n,
    lambda n: f"{n[:3]} {n[3:5]} {n[5:]}",
    lambda n: f"{n[:3]}－{n[3:5]}－{n[5:]}",  # full-width hyphen
    lambda n: f"사업자등록번호: {n[:3]}-{n[3:5]}-{n[5:]}",
]


@settings(max_examples=200)
@given(number=VALID, write=st.sampled_from(WRITTEN))
def test_a_number_made_by_the_rule_validates_however_written(number: str, write) -> None:
    assert business_number_valid(write(number))


@settings(max_examples=300)
@given(number=VALID, position=st.integers(0, 9), shift=st.integers(1, 9))
def test_any_single_wrong_digit_fails(number: str, position: int, shift: int) -> None:
    wrong = str((int(number[position]) + shift) % 10)
    changed = number[:position] + wrong + number[position + 1:]
    assert not business_number_valid(changed), f"{number} -> {changed}"
    assert not business_number_valid(f"{changed[:3]}-{changed[3:5]}-{changed[5:]}")


@settings(max_examples=150)
@given(number=VALID, position=st.integers(0, 9), extra=st.sampled_from("0123456789"))
def test_a_missing_or_extra_digit_fails(number: str, position: int, extra: str) -> None:
    assert not business_number_valid(number[:position] + number[position + 1:])
    assert not business_number_valid(number[:position] + extra + number[position:])


@settings(max_examples=300)
@given(st.one_of(st.text(max_size=30), st.text(alphabet="0123456789- ", max_size=16)))
def test_never_raises_and_agrees_with_the_rule_on_any_text(text: str) -> None:
    valid = business_number_valid(text)
    assert isinstance(valid, bool)
    ascii_digits = [c for c in text if c in "0123456789"]
    if valid and len(ascii_digits) == sum(c.isdigit() for c in text):
        digits = "".join(ascii_digits)
        assert len(digits) == 10 and check_digit(digits[:9]) == int(digits[9])


@settings(max_examples=60, deadline=None)
@given(number=VALID, position=st.integers(0, 9), shift=st.integers(1, 9))
def test_the_case_check_reports_exactly_the_invalid_numbers(number: str, position: int, shift: int) -> None:
    written = f"{number[:3]}-{number[3:5]}-{number[5:]}"
    assert check_business_number(facts_for([], seller={"business_number": written})) == []
    index = position + (position >= 3) + (position >= 5)  # skip the hyphens
    changed = written[:index] + str((int(written[index]) + shift) % 10) + written[index + 1:]
    [found] = check_business_number(facts_for([], seller={"business_number": changed}))
    assert found.code is FindingCode.business_number_invalid and found.documents == ["case.toml"]
    assert changed in found.message_ko


def test_no_number_no_finding() -> None:
    assert check_business_number(facts_for([], seller={})) == []
