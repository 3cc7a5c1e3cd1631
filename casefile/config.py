"""`case.toml`: every key optional; unknown keys and wrong types are reported by their dotted name."""

from __future__ import annotations

import datetime as dt
import tomllib

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


class AppealConfig(_Section):
    reason: ReasonCode | None = None
    notice_date: dt.date | None = None
    previous_appeal_date: dt.date | None = None


class CaseConfig(_Section):
    seller: SellerConfig = Field(default_factory=SellerConfig)
    listing: ListingConfig = Field(default_factory=ListingConfig)
    appeal: AppealConfig = Field(default_factory=AppealConfig)


def parse_case_toml(text: str, source: str = "case.toml") -> CaseConfig:
    """Parse and validate; raise `CaseConfigError` naming the offending key."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CaseConfigError(f"{source}: not valid TOML ({exc})") from exc
    try:
        return CaseConfig.model_validate(raw)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            key = ".".join(str(p) for p in err["loc"])
            if err["type"] == "extra_forbidden":
                problems.append(f"unknown key '{key}'")
            else:
                problems.append(f"key '{key}': {err['msg']} (got {err.get('input')!r})")
        raise CaseConfigError(f"{source}: " + "; ".join(problems)) from exc
