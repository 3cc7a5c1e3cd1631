"""`case.toml`: every key optional; unknown keys and wrong types are reported by their dotted name
and line, and only they are left out (`read_case_toml`)."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
import unicodedata
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from casefile.codes import ReasonCode
from casefile.errors import CaseConfigError
from casefile.fields import CleanStr


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class SellerConfig(_Section):
    name_ko: CleanStr = Field(None, description="Legal name as shown to Coupang")
    name: CleanStr = Field(None, description="Name in another script (English, Chinese)")
    business_number: CleanStr = Field(None, description="사업자등록번호, ###-##-#####")
    vendor_id: CleanStr = None
    representative: CleanStr = Field(None, description="Who signs")
    email: CleanStr = None
    seal_image: CleanStr = Field(None, description="Path inside the case of the seal image")


class ListingConfig(_Section):
    product_id: CleanStr = None
    url: CleanStr = None
    product_name: CleanStr = None
    model_name: CleanStr = None
    brand: CleanStr = None
    previous_product_name: CleanStr = Field(None, description="The product name the listing showed before the "
                                                              "seller corrected it (listing_mismatch letters)")
    previous_model_name: CleanStr = Field(None, description="The model name the listing showed before the seller "
                                                            "corrected it (listing_mismatch letters)")


class AppealConfig(_Section):
    reason: ReasonCode | None = None
    notice_date: dt.date | None = None
    previous_appeal_date: dt.date | None = None
    explanation: CleanStr = Field(None, description="The seller's own account, in Korean, of the delisting's cause "
                                                    "and the action taken; the letter quotes it (an `other` appeal "
                                                    "needs it)")


class ExhibitConfig(_Section):
    note: CleanStr = Field(None, description="What the document shows, in Korean, in the seller's words")


class CaseConfig(_Section):
    seller: SellerConfig = Field(default_factory=SellerConfig)
    listing: ListingConfig = Field(default_factory=ListingConfig)
    appeal: AppealConfig = Field(default_factory=AppealConfig)
    #: `[exhibits."docs/photo.jpg"] note = "..."`: keyed by the document's path in the case (CONTRACT.md).
    exhibits: dict[str, ExhibitConfig] = Field(default_factory=dict)

    def note_for(self, path: str) -> str | None:
        """The seller's note on the document at `path` (paths compared in NFC with `/` separators)."""
        wanted = _path_key(path)
        return next((e.note for p, e in self.exhibits.items() if _path_key(p) == wanted and e.note), None)


def _path_key(path: str) -> str:
    key = unicodedata.normalize("NFC", path.replace("\\", "/")).strip()
    return key.removeprefix("./")


@dataclass(frozen=True)
class ConfigProblem:
    """One fault of case.toml: what is wrong, at which key and line; the rest of the file still counts."""

    detail: str
    key: str | None = None
    line: int | None = None


def read_case_toml(text: str) -> tuple[CaseConfig, list[ConfigProblem]]:
    """What can be used of case.toml, and each fault in it (a bad part costs that part).

    A file that is not TOML gives an empty config and one problem naming the line; a section or
    key that is unknown or of the wrong type is left out with a problem naming it (and its line,
    where it can be found); every other key is kept.
    """
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None) or _line_of_error(str(exc))
        where = f"line {line}: " if line else ""
        return CaseConfig(), [ConfigProblem(f"not valid TOML, so none of it was used ({where}{_reason(exc)})",
                                            line=line)]
    lines = key_lines(text)
    problems: list[ConfigProblem] = []
    kept: dict[str, dict] = {}
    for section, value in raw.items():
        model = _SECTIONS.get(section)
        if section == "exhibits" and isinstance(value, dict):
            kept[section] = _valid_exhibits(value, lines, problems)
        elif model is None:
            problems.append(_problem(f"unknown key '{section}', ignored", section, lines))
        elif not isinstance(value, dict):
            problems.append(_problem(f"key '{section}' must be a table ([{section}]), ignored", section, lines))
        else:
            kept[section] = _valid_keys(section, model, value, lines, problems)
    return CaseConfig.model_validate(kept), problems


def _valid_keys(section: str, model: type[BaseModel], values: dict, lines: dict[str, int],
                problems: list[ConfigProblem]) -> dict:
    kept = {}
    for key, value in values.items():
        dotted = f"{section}.{key}"
        if key not in model.model_fields:
            problems.append(_problem(f"unknown key '{dotted}', ignored", dotted, lines))
            continue
        try:
            model.model_validate({key: value})
        except ValidationError as exc:
            message = exc.errors()[0]["msg"]
            problems.append(_problem(f"key '{dotted}': {message} (got {value!r}), ignored", dotted, lines))
            continue
        kept[key] = value
    return kept


def _valid_exhibits(values: dict, lines: dict[str, int], problems: list[ConfigProblem]) -> dict:
    """`[exhibits."<path>"]` tables: each one's keys checked like a section's."""
    kept = {}
    for path, table in values.items():
        dotted = f"exhibits.{path}"
        if not isinstance(table, dict):
            problems.append(_problem(f"key '{dotted}' must be a table ([exhibits.\"{path}\"]), ignored", dotted, lines))
            continue
        kept[path] = _valid_keys(dotted, ExhibitConfig, table, lines, problems)
    return kept


def _problem(detail: str, key: str, lines: dict[str, int]) -> ConfigProblem:
    line = lines.get(key)
    return ConfigProblem(f"line {line}: {detail}" if line else detail, key=key, line=line)


_TABLE = re.compile(r"^\s*\[\s*([A-Za-z0-9_.\-]+)\s*\]")
_KEY = re.compile(r"^\s*([A-Za-z0-9_.\-]+)\s*=")


def key_lines(text: str) -> dict[str, int]:
    """Where each dotted key (and each table) starts, 1-based: `[seller]` then `seal_image = ...`
    is `seller.seal_image`. Best effort, for the messages only."""
    found: dict[str, int] = {}
    table = ""
    for number, line in enumerate(text.splitlines(), start=1):
        if header := _TABLE.match(line):
            table = header.group(1)
            found.setdefault(table, number)
        elif key := _KEY.match(line):
            dotted = f"{table}.{key.group(1)}" if table else key.group(1)
            found.setdefault(dotted, number)
            found.setdefault(dotted.split(".", 1)[0], number)
    return found


def _line_of_error(message: str) -> int | None:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None


def _reason(exc: tomllib.TOMLDecodeError) -> str:
    """tomllib's message without its "(at line 3, column 5)": the line is said once, first."""
    return re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(exc))


_SECTIONS: dict[str, type[BaseModel]] = {"seller": SellerConfig, "listing": ListingConfig, "appeal": AppealConfig}


def parse_case_toml(text: str, source: str = "case.toml") -> CaseConfig:
    """Parse and validate strictly; raise `CaseConfigError` naming every fault (`read_case_toml`
    is the lenient reading a case gets)."""
    config, problems = read_case_toml(text)
    if problems:
        raise CaseConfigError(f"{source}: " + "; ".join(p.detail for p in problems))
    return config
