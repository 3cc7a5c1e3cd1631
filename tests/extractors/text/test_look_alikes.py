"""One OCR look-alike table (extractors/rules/look_alikes.toml), read by both of its users: the Coupang id
reader of Wing screenshots and the KC certificate-number repair."""

from __future__ import annotations

import pytest

from extractors import rulefiles
from extractors.fields.screenshot import read_ids
from extractors.text import nlp
from extractors.text.nlp import repair_certificate_number


def test_every_look_alike_is_undone_by_both_readers() -> None:
    table = rulefiles.look_alikes()
    assert table["O"] == table["o"] == "0" and table["G"] == "6" and table["g"] == "9"
    for char, digit in table.items():
        assert read_ids(f"1234{char}67890") == [f"1234{digit}67890"], char
        # The certificate-number repair sees upper case only; an upper-case entry wins ("g" reads as G: 6).
        upper = char.upper()
        expected = table[upper] if upper in table else digit
        assert repair_certificate_number(f"HU0716{upper}5-21012A") == f"HU0716{expected}5-21012A", char


def test_a_digit_in_a_letter_group_reads_as_its_first_upper_case_look_alike() -> None:
    assert repair_certificate_number("H0071695-21012A") == "HO071695-21012A"
    assert repair_certificate_number("HU071695-2101215") is None  # "5" after five digits: no optional letter


@pytest.fixture
def made_up_table(monkeypatch):
    """A table with one look-alike no real one has ("X" read for 7), served to whoever reads it."""
    real = rulefiles.rule_file

    def rule_file(name: str) -> dict:
        return {"digits": {"7": ["X"]}} if name == "look_alikes.toml" else real(name)

    def clear() -> None:
        rulefiles.look_alikes.cache_clear()
        nlp._upper_look_alikes.cache_clear()

    monkeypatch.setattr(rulefiles, "rule_file", rule_file)
    clear()
    yield
    monkeypatch.undo()
    clear()


def test_both_readers_read_the_one_table(made_up_table) -> None:
    assert read_ids("12345X7890") == ["1234577890"]
    assert read_ids("12345O7890") == []  # O is no look-alike in this table
    assert repair_certificate_number("HU0716X5-21012A") == "HU071675-21012A"
    assert repair_certificate_number("HUO71695-21012A") is None
