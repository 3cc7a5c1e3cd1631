"""The extractors' rule files (extractors/rules/*.toml), each read once."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

from extractors.textmatch import LabelVocabulary

RULES_DIR = Path(__file__).with_name("rules")


@lru_cache(maxsize=None)
def rule_file(name: str) -> dict:
    with (RULES_DIR / name).open("rb") as fh:
        return tomllib.load(fh)


@lru_cache(maxsize=None)
def label_vocabulary(name: str) -> LabelVocabulary:
    """The `[labels]` table of a rule file as a vocabulary."""
    return LabelVocabulary(rule_file(name)["labels"])
