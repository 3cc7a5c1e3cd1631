"""The rule files load, cite their sources and cover every code; messages fill without gaps."""

from __future__ import annotations

import string
import tomllib

import pytest

from casefile.codes import FindingCode, Scheme
from validators.rules import RULES_DIR, load_rules

# Every fact a rule passes for its message (see validators/*.py); a slot outside this set is a typo.
KNOWN_SLOTS = {"docs", "detail", "number", "scheme", "expiry", "days", "valid_until", "valid_from", "ingredient",
               "business_number", "cert_model", "listing_model", "grantee", "seller", "brand", "listing_brand",
               "reason", "needed", "deadline", "as_of", "previous", "next_date", "holidays",
               "site"}  # site: the lookup site a KC scheme's names bring (messages.toml [names.scheme])


def test_every_finding_code_has_korean_and_chinese_messages():
    rules = load_rules()
    assert set(rules.messages) == set(FindingCode)
    for code, message in rules.messages.items():
        assert message.slots() <= KNOWN_SLOTS, code
        assert any("\uac00" <= ch <= "\ud7a3" for ch in message.ko), code
        assert any("\u4e00" <= ch <= "\u9fff" for ch in message.zh), code


@pytest.mark.parametrize("name", ["kc_schemes.toml", "evidence.toml", "timing.toml"])
def test_rule_files_cite_their_source(name):
    text = (RULES_DIR / name).read_text(encoding="utf-8")
    data = tomllib.loads(text)
    assert "source" in text and "DOMAIN.md" in text or "CONTRACT.md" in text
    assert data


@pytest.mark.parametrize(
    ("scheme", "number", "ok"),
    [
        (Scheme.safety_certification, "HU071695-21012A", True),
        (Scheme.safety_confirmation, "YU10128-23004", True),
        (Scheme.safety_confirmation, "CB063R10486-2002", True),
        (Scheme.radio_conformity, "R-R-HBT-HB200W", True),
        (Scheme.radio_conformity, "MSIP-CRM-PEB-WQ3", True),
        (Scheme.radio_conformity, "R-CRM-ABC-XYZ_12-3", True),
        (Scheme.safety_certification, "HU071695", False),
        (Scheme.safety_certification, "R-R-HBT-HB200W", False),
        (Scheme.radio_conformity, "HU071695-21012A", False),
        (Scheme.safety_confirmation, "YU1O128-23004", False),
    ],
)
def test_number_shapes(scheme, number, ok):
    assert load_rules().schemes[scheme].accepts(number) is ok


def test_message_slots_are_the_facts_not_the_particles():
    message = load_rules().messages[FindingCode.model_mismatch]
    assert {n for _, n, _, _ in string.Formatter().parse(message.ko) if n} >= {"이/가", "과/와"}
    assert message.slots() == {"docs", "cert_model", "listing_model"}
