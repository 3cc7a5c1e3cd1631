"""The authorization letter's words (rules/authorization_fields.toml) and the character classes
its field readers share: labels, prose cues and date cues as loose regular expressions."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from extractors.rulefiles import label_vocabulary, rule_file
from extractors.text.textmatch import LabelVocabulary, loose_pattern, loose_regex

RULES = Path(__file__).parent.parent / "rules" / "authorization_fields.toml"

HANGUL_OR_HAN = re.compile(r"[\uac00-\ud7a3\u4e00-\u9fff]")
BILINGUAL_SPLIT = re.compile(r"\s+/\s+|\s*／\s*")  # "한빛상사 / HANBIT Co., Ltd."


def rules() -> dict:
    return rule_file(RULES.name)


def vocabulary() -> LabelVocabulary:
    return label_vocabulary(RULES.name)


@cache
def terms(section: str, name: str) -> re.Pattern[str]:
    return loose_regex(rules()[section][name])


def alternation(section: str, name: str) -> str:
    return terms(section, name).pattern


@cache
def letter_words() -> re.Pattern[str]:
    """The words that tell a letter (rules/kinds.toml, stems included) and its labels: none of them
    is a brand ("Trademark Authorization", "品牌 授权书")."""
    keywords = [k["term"] for k in rule_file("kinds.toml")["kinds"]["authorization_letter"]["keywords"]]
    labels = [t for field in rules()["labels"].values() for t in field]
    # A stem stands for its whole word here ("authoriz*": "Authorization").
    return re.compile("|".join(f"(?:{loose_pattern(t)}{'[A-Za-z]*' if t.endswith('*') else ''})"
                               for t in keywords + labels), re.IGNORECASE)
