"""The extractors' rule files (extractors/rules/*.toml), each read once."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from casefile.errors import RuleFileError
from extractors.text.textmatch import LabelVocabulary

RULES_DIR = Path(__file__).with_name("rules")


@cache
def rule_file(name: str) -> dict:
    with (RULES_DIR / name).open("rb") as fh:
        return tomllib.load(fh)


@cache
def look_alikes() -> dict[str, str]:
    """OCR look-alikes (rules/look_alikes.toml): each character as printed -> the digit it is read for."""
    table: dict[str, str] = {}
    for digit, chars in rule_file("look_alikes.toml")["digits"].items():
        for char in chars:
            if not (digit.isdigit() and len(digit) == 1 and len(char) == 1 and table.setdefault(char, digit) == digit):
                raise RuleFileError(f"look_alikes.toml: {char!r} for {digit!r} is not one character read for one digit")
    return table


@cache
def label_vocabulary(name: str) -> LabelVocabulary:
    """The `[labels]` table of a rule file as a vocabulary."""
    return LabelVocabulary(rule_file(name)["labels"])
