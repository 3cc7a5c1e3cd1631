"""Prohibited and restricted ingredients: each fires on its name and aliases, and stays quiet on
near misses (a longer compound containing a banned name, an UNCONFIRMED entry)."""

from __future__ import annotations

import pytest

from casefile.codes import FindingCode, Severity
from casefile.fields import IngredientListFields
from casefile.result import DocumentResult
from extractors.fields.ingredients import dictionary
from tests.validators.conftest import facts_for
from validators import RuleError, check_case
from validators import ingredients as rules_module
from validators.ingredients import (
    check_prohibited_ingredients,
    check_restricted_ingredients,
    ingredient_key,
    load_ingredient_rules,
)

BASE = ["정제수", "글리세린", "부틸렌글라이콜", "나이아신아마이드", "향료"]


def label(*names: str, path: str = "label.jpg") -> DocumentResult:
    return DocumentResult(path=path, sha256="c" * 64, kind="ingredient_list", pages=1, text_source="ocr",
                          ocr_confidence=0.9, fields=IngredientListFields(ingredients=[*BASE, *names]))


def prohibited(*names: str) -> list:
    return check_prohibited_ingredients(facts_for([label(*names)]))


def restricted(*names: str) -> list:
    return check_restricted_ingredients(facts_for([label(*names)]))


# -- the rule file -------------------------------------------------------------------------------


def test_rule_file_loads_and_cites_domain():
    rules = load_ingredient_rules()
    assert rules.prohibited and rules.restricted
    assert all("DOMAIN.md" in r.source for r in [*rules.prohibited, *rules.restricted, *rules.unconfirmed])
    assert all(r.limit for r in rules.restricted)


def test_unconfirmed_entries_are_not_hard_prohibitions():
    rules = load_ingredient_rules()
    banned = {k for r in rules.prohibited for k in r.keys()} | {k for r in rules.restricted for k in r.keys()}
    for name in ("수은", "납", "Mercury", "Lead"):
        assert ingredient_key(name) not in banned
    assert {"수은", "납"} <= {r.name for r in rules.unconfirmed}
    assert prohibited("수은", "납") == [] and restricted("수은", "납") == []


def test_a_broken_rule_file_raises_rule_error(tmp_path, monkeypatch):
    broken = tmp_path / "mfds_ingredients.toml"
    broken.write_text('[[prohibited]]\nname = "하이드로퀴논"\n', encoding="utf-8")  # no source
    monkeypatch.setattr(rules_module, "RULES_FILE", broken)
    rules_module.load_ingredient_rules.cache_clear()
    try:
        with pytest.raises(RuleError):
            rules_module.load_ingredient_rules()
    finally:
        rules_module.load_ingredient_rules.cache_clear()


def test_a_name_listed_twice_is_rejected(tmp_path, monkeypatch):
    twice = tmp_path / "mfds_ingredients.toml"
    twice.write_text('''
[[prohibited]]
name = "하이드로퀴논"
source = "DOMAIN.md §2.2"
[[restricted]]
name = "히드로퀴논"
aliases = ["하이드로 퀴논"]
limit = "1 %"
source = "DOMAIN.md §2.3"
''', encoding="utf-8")
    monkeypatch.setattr(rules_module, "RULES_FILE", twice)
    rules_module.load_ingredient_rules.cache_clear()
    try:
        with pytest.raises(RuleError, match="both"):
            rules_module.load_ingredient_rules()
    finally:
        rules_module.load_ingredient_rules.cache_clear()


def test_every_rule_name_is_in_the_extractor_dictionary_and_maps_back():
    """A misread banned name is corrected only if the extractor knows it; its standard name must
    then still hit the same rule."""
    rules = load_ingredient_rules()
    for table in ("prohibited", "restricted"):
        index = rules.index(table)
        for rule in getattr(rules, table):
            for name in [rule.name, *rule.aliases]:
                standard = dictionary().exact(name)
                if name == rule.name or standard is not None:
                    assert standard is not None, name
                    assert index[ingredient_key(standard)] is rule, (name, standard)


# -- prohibited -----------------------------------------------------------------------------------


def test_prohibited_fires_as_an_error_naming_the_ingredient():
    found = prohibited("하이드로퀴논")
    assert [f.code for f in found] == [FindingCode.prohibited_ingredient]
    assert found[0].severity is Severity.error
    assert "하이드로퀴논" in found[0].message_ko and "하이드로퀴논" in found[0].message_zh
    assert found[0].documents == ["label.jpg"]


@pytest.mark.parametrize("alias", ["히드로퀴논", "Hydroquinone", "HYDROQUINONE", "하이드로 퀴논", "페닐살리실레이트"])
def test_prohibited_fires_on_aliases_spacing_and_case(alias):
    assert [f.code for f in prohibited(alias)] == [FindingCode.prohibited_ingredient]


@pytest.mark.parametrize("near", ["하이드로퀴논다이메틸에터", "메틸하이드로퀴논", "석면유사광물", "페트롤라툼", "알부틴"])
def test_prohibited_near_misses_stay_quiet(near):
    """Containing a banned name is not being it; petrolatum is not crude 석유."""
    assert prohibited(near) == []


def test_one_finding_per_listed_ingredient_and_document():
    found = prohibited("하이드로퀴논", "히드로퀴논", "석면")
    assert len(found) == 2
    assert "하이드로퀴논" in found[0].message_ko and "석면" in found[1].message_ko


# -- restricted -----------------------------------------------------------------------------------


def test_restricted_fires_as_a_warning():
    found = restricted("살리실릭애씨드")
    assert [f.code for f in found] == [FindingCode.restricted_ingredient]
    assert found[0].severity is Severity.warning


@pytest.mark.parametrize("alias", ["메틸아이소치아졸리논", "메칠이소치아졸리논", "Methylisothiazolinone",
                                   "폴리아미노프로필바이구아나이드", "o-페닐페놀", "메칠파라벤", "사프롤"])
def test_restricted_fires_on_aliases_and_excepted_bans(alias):
    assert [f.code for f in restricted(alias)] == [FindingCode.restricted_ingredient]
    assert prohibited(alias) == []


@pytest.mark.parametrize("near", ["살리실릭애씨드메틸에스터", "벤질살리실레이트", "에틸헥실살리실레이트", "페녹시아이소프로판올"])
def test_restricted_near_misses_stay_quiet(near):
    assert restricted(near) == []


def test_a_clean_label_has_no_ingredient_finding():
    facts = facts_for([label()], appeal={"reason": "cosmetics_labeling", "notice_date": "2026-11-24"})
    assert not {FindingCode.prohibited_ingredient, FindingCode.restricted_ingredient} & {
        f.code for f in check_ingredients(facts)}
    assert FindingCode.prohibited_ingredient not in {f.code for f in check_case(facts)}


def check_ingredients(facts):
    return [*check_prohibited_ingredients(facts), *check_restricted_ingredients(facts)]
