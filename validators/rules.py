"""The rule files under `validators/rules/`, loaded and checked once; a broken file fails loudly."""

from __future__ import annotations

import string
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SkipValidation, ValidationError, field_validator

from casefile.certnumbers import CertShape, shapes_for
from casefile.codes import DocumentKind, FindingCode, ReasonCode, Scheme
from casefile.errors import RuleFileError
from casefile.fields import FIELDS_BY_KIND
from casefile.josa import is_particle_field

RULES_DIR = Path(__file__).with_name("rules")


class RuleError(RuleFileError):
    """A rule file is missing, malformed or incomplete: the product must not run on it."""


class _Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Message(_Rule):
    ko: str
    zh: str

    def slots(self) -> set[str]:
        """The facts the message needs (a particle field such as `{이/가}` is not one)."""
        return {name for text in (self.ko, self.zh)
                for _, name, _, _ in string.Formatter().parse(text) if name and not is_particle_field(name)}


#: How a slot's value is shown in each language (messages.toml [slots] says which slot is which).
SlotKind = Literal["name", "text", "number", "date", "named", "derived", "bilingual", "holidays"]


class Said(_Rule):
    """One thing said in each language."""

    ko: str
    zh: str


class Named(Said):
    """A code's name in each language, and the further slots it fills (a scheme's lookup site)."""

    slots: dict[str, Said] = {}


class Wording(_Rule):
    """messages.toml besides the messages: how each slot's value is shown in Korean and Chinese."""

    slots: dict[str, SlotKind]
    names: dict[str, dict[str, Named]]
    holiday_zh: dict[str, str]

    def lookup(self, slot: str, value: object) -> Named | None:
        """The entry of names.<slot> for a code, or for its Korean name."""
        table = self.names.get(slot, {})
        key = str(value)
        return table.get(key) or next((entry for entry in table.values() if entry.ko == key), None)


class SchemeRule(_Rule):
    title_ko: str
    source: str
    #: The number shapes of casefile/rules/kc_numbers.toml that list the scheme (set by `_load`).
    shapes: SkipValidation[tuple[CertShape, ...]] = ()

    @property
    def requires_number(self) -> bool:
        """A scheme no shape lists has no certificate number (공급자적합성확인)."""
        return bool(self.shapes)

    def accepts(self, number: str) -> bool:
        return any(shape.accepts(number) for shape in self.shapes)


class Requirement(_Rule):
    reason: ReasonCode
    any_of: list[DocumentKind] = Field(min_length=1)
    why_ko: str
    why_zh: str
    source: str


class ExplanationRule(_Rule):
    """The seller's own account a reason needs (case.toml [appeal] explanation, and with `exhibits`
    a [exhibits."<path>"] note on every exhibit but the notice e-mail)."""

    reason: ReasonCode
    exhibits: bool = False
    why_ko: str
    why_zh: str
    exhibit_why_ko: str = ""
    exhibit_why_zh: str = ""
    source: str


class Timing(_Rule):
    default_deadline_days: int
    min_days_between_appeals: int
    expiring_soon_days: int
    extra_holidays: list[str]


class Certainty(_Rule):
    sure: float = Field(gt=0, le=1)
    unlocated_ocr: float = Field(ge=0, le=1)
    checked: list[str] = Field(min_length=1)
    unverified: Message
    field_names: dict[str, dict[str, str]]

    @field_validator("checked")
    @classmethod
    def _known_fields(cls, names: list[str]) -> list[str]:
        known = {name for model in FIELDS_BY_KIND.values() for name in model.model_fields}
        if unknown := sorted(set(names) - known):
            raise ValueError(f"not a field of any document kind: {', '.join(unknown)}")
        return names

    def name(self, field: str, lang: str) -> str:
        return self.field_names.get(lang, {}).get(field, field)


class Rules(_Rule):
    messages: dict[FindingCode, Message]
    wording: Wording
    certainty: Certainty
    schemes: dict[Scheme, SchemeRule]
    requirements: list[Requirement]
    explanations: list[ExplanationRule] = []
    timing: Timing


def _read(name: str) -> dict:
    path = RULES_DIR / name
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise RuleError(f"rule file {path} cannot be read: {exc}") from exc


def _load() -> Rules:
    timing = _read("timing.toml")
    messages = _read("messages.toml")
    evidence = _read("evidence.toml")
    try:
        names = messages.pop("names", {})
        wording = Wording(slots=messages.pop("slots", {}), holiday_zh=names.pop("holiday", {}), names=names)
        rules = Rules(
            messages=messages,
            wording=wording,
            certainty=_read("certainty.toml"),
            schemes=_with_shapes(_read("kc_schemes.toml")["schemes"]),
            requirements=evidence["requirement"],
            explanations=evidence.get("explanation", []),
            timing=Timing(
                default_deadline_days=timing["appeal"]["default_deadline_days"],
                min_days_between_appeals=timing["resubmission"]["min_days_between_appeals"],
                expiring_soon_days=timing["certificate"]["expiring_soon_days"],
                extra_holidays=timing["holidays"]["extra"],
            ),
        )
    except (ValidationError, KeyError, TypeError) as exc:
        raise RuleError(f"rule files under {RULES_DIR} are invalid: {exc}") from exc
    missing = set(FindingCode) - set(rules.messages)
    if missing:
        raise RuleError(f"messages.toml has no message for: {', '.join(sorted(missing))}")
    _check_slots(rules)
    missing_schemes = set(Scheme) - set(rules.schemes)
    if missing_schemes:
        raise RuleError(f"kc_schemes.toml has no entry for: {', '.join(sorted(missing_schemes))}")
    return rules


def _check_slots(rules: Rules) -> None:
    """Every slot a message uses says how it is shown in each language; every code a `named` slot
    may be given has its names; every `derived` slot is filled by each entry that could fill it."""
    wording = rules.wording
    used = set().union(*(m.slots() for m in rules.messages.values())) | {"docs"}
    if undeclared := sorted(used - set(wording.slots)):
        raise RuleError(f"messages.toml [slots] does not say how to show: {', '.join(undeclared)}")
    for slot, kind in wording.slots.items():
        if kind == "named" and not wording.names.get(slot):
            raise RuleError(f"messages.toml: slot {slot} is named but has no [names.{slot}] table")
        if kind == "derived" and not any(slot in e.slots for t in wording.names.values() for e in t.values()):
            raise RuleError(f"messages.toml: no [names] entry fills the derived slot {slot}")
    for table, codes in (("scheme", Scheme), ("reason", ReasonCode)):
        if missing := sorted(set(codes) - set(wording.names.get(table, {}))):
            raise RuleError(f"messages.toml [names.{table}] has no names for: {', '.join(missing)}")
        derived = [set(e.slots) for e in wording.names[table].values()]
        if any(d != derived[0] for d in derived):
            raise RuleError(f"messages.toml [names.{table}]: every entry must fill the same slots")


def _with_shapes(schemes: dict[str, dict]) -> dict[str, dict]:
    """Each scheme's rows with the number shapes that list it (casefile.certnumbers)."""
    known = {s.value for s in Scheme}
    return {name: {**row, "shapes": shapes_for(Scheme(name)) if name in known else ()} for name, row in schemes.items()}


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    """All rules, validated; raises `RuleError` at start-up rather than misjudging a case later."""
    return _load()
