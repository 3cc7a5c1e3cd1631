"""Prohibited and restricted ingredients on a label: each fires on its name, old spelling, INCI name
and aliases, and stays quiet on near misses (a longer compound containing a banned name, a
concentration-only 별표2 entry, an UNCONFIRMED entry)."""

from __future__ import annotations

import pytest

from casefile.codes import FindingCode, Severity
from casefile.fields import IngredientListFields
from casefile.result import DocumentResult
from tests.validators.conftest import facts_for
from validators import check_case
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


def codes(found: list) -> list[FindingCode]:
    return [f.code for f in found]


# -- prohibited -----------------------------------------------------------------------------------


def test_prohibited_fires_as_an_error_naming_the_ingredient():
    found = prohibited("하이드로퀴논")
    assert codes(found) == [FindingCode.prohibited_ingredient]
    assert found[0].severity is Severity.error
    assert "하이드로퀴논" in found[0].message_ko and "하이드로퀴논" in found[0].message_zh
    assert found[0].documents == ["label.jpg"]


@pytest.mark.parametrize("name", [
    # the 2019 additions (제2019-27호, in force 2019-10-02) an outside evaluation found on real labels
    "메칠렌글라이콜", "메틸렌글라이콜", "메틸렌글리콜", "Methylene Glycol", "METHYLENE GLYCOL",
    "클로로아트라놀", "Chloroatranol", "아트라놀", "Atranol", "니트로메탄", "Nitromethane",
    "HICC", "하이드록시아이소헥실 3-사이클로헥센카보스알데히드", "하이드록시이소헥실 3-사이클로헥센 카복스알데히드",
    "하이드록시아이소헥실3-사이클로헥센카복스알데하이드", "Hydroxyisohexyl 3-Cyclohexene Carboxaldehyde",
    # older entries, spellings and spacing
    "히드로퀴논", "Hydroquinone", "HYDROQUINONE", "하이드로 퀴논", "페닐살리실레이트",
    "수은", "납", "포름알데하이드", "디옥산", "천수국꽃 추출물", "Minoxidil", "미녹시딜", "트레티노인",
    "2-아미노-4-니트로페놀", "디메틸설폭사이드", "비스페놀A", "벤젠", "붕산",
])
def test_prohibited_fires_on_names_old_spellings_inci_and_spacing(name):
    assert codes(prohibited(name)) == [FindingCode.prohibited_ingredient]
    assert restricted(name) == []


@pytest.mark.parametrize("near", [
    "하이드로퀴논다이메틸에터", "메틸하이드로퀴논", "석면유사광물", "페트롤라툼", "알부틴",
    # longer names that contain a banned one are other substances
    "클로로아트라놀유사체", "아트라놀메틸에터", "메틸아트라놀", "니트로메탄올", "폴리메틸렌글라이콜",
    "참나무이끼추출물", "나무이끼추출물", "에틸렌글라이콜", "부틸렌글라이콜", "펜틸렌글라이콜",
    # lawful ingredients whose class is banned only above a property a label cannot show
    "리모넨", "탤크", "카본블랙",
])
def test_prohibited_near_misses_stay_quiet(near):
    """Containing a banned name is not being it; petrolatum is not crude 석유; oakmoss extract is
    not atranol."""
    assert prohibited(near) == []


def test_one_finding_per_listed_ingredient_and_document():
    found = prohibited("하이드로퀴논", "히드로퀴논", "석면", "메칠렌글라이콜", "메틸렌글라이콜")
    assert len(found) == 3
    assert "하이드로퀴논" in found[0].message_ko and "석면" in found[1].message_ko
    assert "메칠렌글라이콜" in found[2].message_ko


def test_a_banned_ingredient_in_a_case_blocks_the_appeal():
    facts = facts_for([label("클로로아트라놀")], appeal={"reason": "cosmetics_labeling", "notice_date": "2026-11-24"})
    found = [f for f in check_case(facts) if f.code is FindingCode.prohibited_ingredient]
    assert [f.severity for f in found] == [Severity.error]


# -- restricted -----------------------------------------------------------------------------------


def test_restricted_fires_as_a_warning():
    found = restricted("살리실릭애씨드")
    assert codes(found) == [FindingCode.restricted_ingredient]
    assert found[0].severity is Severity.warning


@pytest.mark.parametrize("name", [
    # 별표2 rows that limit which products may contain the ingredient
    "메틸아이소치아졸리논", "메칠이소치아졸리논", "Methylisothiazolinone", "폴리아미노프로필바이구아나이드",
    "징크피리치온", "클림바졸", "p-페닐렌디아민", "황산 톨루엔-2,5-디아민", "페녹시아이소프로판올",
    "벤잘코늄클로라이드", "트라이클로산", "치오글라이콜릭애씨드",
    # 별표1 bans with an exception a label cannot show
    "사프롤", "메탄올", "디에칠렌글라이콜",
    # 「화장품의 색소 종류 및 기준」: not in children's products
    "적색2호", "Amaranth",
])
def test_restricted_fires_on_aliases_and_excepted_bans(name):
    assert codes(restricted(name)) == [FindingCode.restricted_ingredient]
    assert prohibited(name) == []


@pytest.mark.parametrize("quiet", [
    # 별표2 concentration limits only: listed for completeness, never reported
    "페녹시에탄올", "메틸파라벤", "메칠파라벤", "o-페닐페놀", "소듐벤조에이트", "포타슘소르베이트", "토코페롤",
    "티타늄디옥사이드", "징크옥사이드", "우레아", "에칠헥실메톡시신나메이트", "소듐하이드록사이드",
    # near misses and unrelated names
    "살리실릭애씨드메틸에스터", "벤질살리실레이트", "페녹시아이소프로판올에스터", "시트릭애씨드",
])
def test_restricted_concentration_limits_and_near_misses_stay_quiet(quiet):
    assert restricted(quiet) == [] and prohibited(quiet) == []


def test_unconfirmed_entries_are_never_checked():
    rules = load_ingredient_rules()
    assert rules.unconfirmed
    for rule in rules.unconfirmed:
        assert prohibited(rule.name) == [] and restricted(rule.name) == []


def test_a_clean_label_has_no_ingredient_finding():
    facts = facts_for([label()], appeal={"reason": "cosmetics_labeling", "notice_date": "2026-11-24"})
    assert not {FindingCode.prohibited_ingredient, FindingCode.restricted_ingredient} & {
        f.code for f in check_ingredients(facts)}
    assert FindingCode.prohibited_ingredient not in {f.code for f in check_case(facts)}


def test_the_key_folds_old_spellings_and_nothing_more():
    assert ingredient_key("메틸렌글라이콜") == ingredient_key("메칠렌 글리콜") == ingredient_key("메칠렌글라이콜")
    assert ingredient_key("ο-페닐렌디아민") == ingredient_key("o-페닐렌디아민")  # Greek omicron in the 고시
    assert ingredient_key("아트라놀") != ingredient_key("클로로아트라놀")
    assert ingredient_key("부틸렌글라이콜") != ingredient_key("메틸렌글라이콜")


def check_ingredients(facts):
    return [*check_prohibited_ingredients(facts), *check_restricted_ingredients(facts)]
