"""Cosmetics ingredient checks: MFDS 별표1 prohibited and 별표2 restricted ingredients.

The rows are data (rules/mfds_ingredients.toml), validated on first use; a broken file raises
`RuleError` rather than letting a banned ingredient through. A name matches a rule only when it
IS that name or one of its aliases after normalisation (case, white space, dashes and the
systematic re-spellings 메틸/메칠 …): a longer compound that merely contains a banned name is
another substance.
"""

from __future__ import annotations

import datetime as dt
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

Spellings = tuple[tuple[str, str], ...]


class Source(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str = Field(min_length=1)
    where: str = Field(min_length=1)


class IngredientRule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1)
    listed: str | None = None  # the 별표 row as printed, when it differs from `name`
    inci: str | None = None
    aliases: list[str] = Field(default_factory=list)
    cas: list[str] = Field(default_factory=list)
    annex: str | None = None
    group: str | None = None
    limit: str | None = None
    condition: str | None = None
    warn: bool = True  # restricted only: report it, or keep it for the record
    why: str | None = None
    source: str = Field(min_length=1)  # a key of [sources]
    amended: dt.date  # date in force of the amendment the entry comes from

    def keys(self, spellings: Spellings) -> set[str]:
        names = [self.name, self.inci or "", *self.aliases]
        return {ingredient_key(n, spellings) for n in names if n.strip()}


class IngredientRules(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    spellings: Spellings = ()
    sources: dict[str, Source] = Field(min_length=1)
    prohibited: list[IngredientRule] = Field(min_length=1)
    restricted: list[IngredientRule] = Field(min_length=1)
    unconfirmed: list[IngredientRule] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> IngredientRules:
        for rule in self.prohibited:
            if not rule.warn:
                raise ValueError(f"prohibited '{rule.name}' cannot be silenced with warn = false")
        for rule in self.restricted:
            if not rule.limit:
                raise ValueError(f"restricted '{rule.name}' has no limit")
            if not rule.warn and not rule.why:
                raise ValueError(f"restricted '{rule.name}' is not reported but does not say why")
        for rule in self.unconfirmed:
            if not rule.why:
                raise ValueError(f"unconfirmed '{rule.name}' does not say why")
        # One substance, one entry: a name (or alias) under two entries would make the finding
        # depend on file order, so the file is refused instead.
        seen: dict[str, str] = {}
        for rule in [*self.prohibited, *self.restricted, *self.unconfirmed]:
            if rule.source not in self.sources:
                raise ValueError(f"'{rule.name}' cites '{rule.source}', which is not under [sources]")
            for key in rule.keys(self.spellings):
                if seen.setdefault(key, rule.name) != rule.name:
                    raise ValueError(f"'{key}' is listed under both '{seen[key]}' and '{rule.name}'")
        return self

    def index(self, table: str) -> dict[str, IngredientRule]:
        return {key: rule for rule in getattr(self, table) for key in rule.keys(self.spellings)}


def ingredient_key(name: str, spellings: Spellings | None = None) -> str:
    """Compatibility forms folded, dashes unified, no white space or dots, case-free, and each
    systematic re-spelling of the 성분사전 (메틸 -> 메칠 …) folded to one form, so the old and the
    new spelling of one name compare equal and nothing else does."""
    folded = fold_dashes(unicodedata.normalize("NFKC", name))
    key = re.sub(r"[\s.]+", "", folded).casefold()
    for variant, canonical in load_ingredient_rules().spellings if spellings is None else spellings:
        key = key.replace(variant, canonical)
    return key


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
            if rule is not None and rule.warn and rule.name not in reported:
                reported.add(rule.name)
                out.append(finding(code, [doc.path], ingredient=name))
    return out
