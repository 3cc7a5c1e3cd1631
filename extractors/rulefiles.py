"""The extractors' rule files (extractors/rules/*.toml), each read once."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from extractors.text.textmatch import LabelVocabulary

RULES_DIR = Path(__file__).with_name("rules")


@cache
def rule_file(name: str) -> dict:
    with (RULES_DIR / name).open("rb") as fh:
        return tomllib.load(fh)


@cache
def label_vocabulary(name: str) -> LabelVocabulary:
    """The `[labels]` table of a rule file as a vocabulary."""
    return LabelVocabulary(rule_file(name)["labels"])
