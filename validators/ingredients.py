"""Cosmetics ingredient checks: MFDS 별표1 prohibited and 별표2 restricted ingredients.

The rows are data (rules/mfds_ingredients.toml), validated on first use; a broken file raises
`RuleError` rather than letting a banned ingredient through. A name matches a rule only when it
IS that name or one of its aliases (after folding case, white space and dashes): a longer
compound that merely contains a banned name is another substance.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from casefile.codes import DocumentKind, FindingCode
from casefile.fields import IngredientListFields
from casefile.result import Finding
from casefile.text import fold_dashes
from validators.facts import CaseFacts
from validators.findings import finding
from validators.rules import RULES_DIR, RuleError

RULES_FILE = RULES_DIR / "mfds_ingredients.toml"


class IngredientRule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1)
    inci: str | None = None
    aliases: list[str] = Field(default_factory=list)
    limit: str | None = None
    condition: str | None = None
    why: str | None = None
    source: str = Field(min_length=1)

    def keys(self) -> set[str]:
        return {ingredient_key(n) for n in [self.name, self.inci or "", *self.aliases] if n.strip()}


class IngredientRules(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    prohibited: list[IngredientRule] = Field(min_length=1)
    restricted: list[IngredientRule] = Field(min_length=1)
    unconfirmed: list[IngredientRule] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> IngredientRules:
        for rule in self.restricted:
            if not rule.limit:
                raise ValueError(f"restricted '{rule.name}' has no limit")
        for rule in self.unconfirmed:
            if not rule.why:
                raise ValueError(f"unconfirmed '{rule.name}' does not say why")
        seen: dict[str, str] = {}
        for rule in [*self.prohibited, *self.restricted, *self.unconfirmed]:
            if "DOMAIN.md" not in rule.source:
                raise ValueError(f"'{rule.name}' does not cite DOMAIN.md")
            for key in rule.keys():
                if seen.setdefault(key, rule.name) != rule.name:
                    raise ValueError(f"'{key}' is listed under both '{seen[key]}' and '{rule.name}'")
        return self

    def index(self, table: str) -> dict[str, IngredientRule]:
        return {key: rule for rule in getattr(self, table) for key in rule.keys()}


def ingredient_key(name: str) -> str:
    """Compatibility forms folded, dashes unified, no white space or dots, case-free."""
    folded = fold_dashes(unicodedata.normalize("NFKC", name))
    return re.sub(r"[\s.]+", "", folded).casefold()


@lru_cache(maxsize=1)
def load_ingredient_rules() -> IngredientRules:
    """The rules, validated; raises `RuleError` on a missing, malformed or inconsistent file."""
    try:
        data = tomllib.loads(RULES_FILE.read_text(encoding="utf-8"))
        return IngredientRules.model_validate(data)
    except (OSError, tomllib.TOMLDecodeError, ValidationError) as exc:
        raise RuleError(f"rule file {RULES_FILE} is invalid: {exc}") from exc


@lru_cache(maxsize=2)
def _index(table: str) -> dict[str, IngredientRule]:
    return load_ingredient_rules().index(table)


def check_prohibited_ingredients(facts: CaseFacts) -> list[Finding]:
    return _check(facts, "prohibited", FindingCode.prohibited_ingredient)


def check_restricted_ingredients(facts: CaseFacts) -> list[Finding]:
    return _check(facts, "restricted", FindingCode.restricted_ingredient)


def _check(facts: CaseFacts, table: str, code: FindingCode) -> list[Finding]:
    """One finding per document and listed ingredient, naming it as the label printed it."""
    index = _index(table)
    out: list[Finding] = []
    for doc in facts.of_kind(DocumentKind.ingredient_list):
        fields = doc.fields
        if not isinstance(fields, IngredientListFields):
            continue
        reported: set[str] = set()
        for name in fields.ingredients:
            rule = index.get(ingredient_key(name))
            if rule is not None and rule.name not in reported:
                reported.add(rule.name)
                out.append(finding(code, [doc.path], ingredient=name))
    return out
