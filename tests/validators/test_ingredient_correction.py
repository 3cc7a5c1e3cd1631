"""The extractor's OCR correction and the MFDS lists together: a lawful ingredient, printed right or
misread by one letter, is never "corrected" into a banned or restricted substance (a false blocking
error for an innocent seller is the worst outcome), and every banned name printed on a label still
reaches the validator as that banned name. Real rule files, real dictionary, no mocks."""

from __future__ import annotations

import tomllib
from functools import lru_cache

import pytest

from extractors.text.ingredient_names import RULES, dictionary, standard_name, strip_notes
from validators.ingredients import IngredientRule, ingredient_key, load_ingredient_rules

# Names printed on real labels beyond the extractor's vocabulary (Korean 성분사전 forms and INCI):
# moisturisers, emollients, surfactants, actives, extracts, colourants, fragrance allergens.
TYPICAL_LABEL_NAMES = [
    "정제수", "글리세린", "부틸렌글라이콜", "프로필렌글라이콜", "다이프로필렌글라이콜", "펜틸렌글라이콜",
    "헥실렌글라이콜", "카프릴릴글라이콜", "에틸헥실글리세린", "1,2-헥산다이올", "프로판다이올", "메틸프로판다이올",
    "나이아신아마이드", "아데노신", "판테놀", "알란토인", "베타인", "트레할로스", "소듐하이알루로네이트",
    "하이알루로닉애씨드", "세라마이드엔피", "콜레스테롤", "스쿠알란", "호호바씨오일", "시어버터", "마카다미아씨오일",
    "올리브열매오일", "해바라기씨오일", "카프릴릭/카프릭트라이글리세라이드", "세테아릴알코올", "세틸알코올",
    "스테아릴알코올", "베헤닐알코올", "글리세릴스테아레이트", "피이지-100스테아레이트", "폴리소르베이트20",
    "폴리소르베이트60", "폴리소르베이트80", "소르비탄올리에이트", "세테아레스-20", "다이메티콘", "사이클로헥사실록세인",
    "다이메티콘크로스폴리머", "카보머", "잔탄검", "하이드록시에틸셀룰로오스", "트로메타민", "트라이에탄올아민",
    "아미노메틸프로판올", "시트릭애씨드", "소듐시트레이트", "다이소듐이디티에이", "토코페릴아세테이트",
    "아스코빅애씨드", "아스코빌글루코사이드", "레티놀", "레티닐팔미테이트", "알부틴", "알파-비사보롤", "글루타치온",
    "락틱애씨드", "글라이콜릭애씨드", "만델릭애씨드", "글루코노락톤", "카페인", "마데카소사이드", "아시아티코사이드",
    "병풀추출물", "녹차추출물", "알로에베라잎추출물", "감초뿌리추출물", "티트리잎오일", "라벤더오일", "로즈마리잎추출물",
    "캐모마일꽃추출물", "프로폴리스추출물", "달팽이점액여과물", "갈락토미세스발효여과물", "비피다발효용해물", "향료",
    "리모넨", "리날룰", "시트로넬올", "제라니올", "벤질알코올", "쿠마린", "유제놀", "이소유제놀", "시트랄", "파네솔",
    "하이드록시시트로넬알", "벤질벤조에이트", "벤질살리실레이트", "벤질신나메이트", "신남알", "헥실신남알", "아밀신남알",
    "참나무이끼추출물", "나무이끼추출물", "소듐벤조에이트", "포타슘소르베이트", "클로페네신", "페녹시에탄올",
    "티타늄디옥사이드", "징크옥사이드", "마이카", "탤크", "실리카", "적색산화철", "황색산화철", "흑색산화철",
    "울트라마린", "카민", "적색40호", "황색4호", "청색1호", "에틸헥실메톡시신나메이트", "옥토크릴렌", "호모살레이트",
    "폴리글리세릴-10라우레이트", "소듐라우레스설페이트", "소듐라우릴설페이트", "코카미도프로필베타인",
    "소듐코코일글리시네이트", "포타슘코코일글리시네이트", "데실글루코사이드", "라우릴글루코사이드", "소듐클로라이드",
    "마그네슘설페이트", "하이드롤라이즈드콜라겐", "팔미토일펜타펩타이드-4", "아세틸헥사펩타이드-8",
    "구리트라이펩타이드-1", "페닐트라이메티콘", "트라이에틸헥사노인", "아이소노닐아이소노나노에이트",
    "아이소프로필미리스테이트", "에틸헥실팔미테이트", "미네랄오일", "페트롤라툼", "파라핀", "비즈왁스", "칸델릴라왁스",
    "라놀린", "하이드로제네이티드폴리아이소부텐", "나일론-12", "보론나이트라이드", "마그네슘스테아레이트",
    "징크스테아레이트", "칼슘카보네이트", "카올린", "벤토나이트", "에탄올", "변성알코올", "아크릴레이츠코폴리머",
    "Water", "Glycerin", "Butylene Glycol", "Niacinamide", "Panthenol", "Allantoin", "Tocopherol",
    "Tocopheryl Acetate", "Phenoxyethanol", "Ethylhexylglycerin", "Methylpropanediol", "Pentylene Glycol",
    "Propylene Glycol", "Hexylene Glycol", "Caprylyl Glycol", "Sodium Hyaluronate", "Centella Asiatica Extract",
    "Xanthan Gum", "Carbomer", "Tromethamine", "Citric Acid", "Disodium EDTA", "Dimethicone", "Squalane",
    "Cetearyl Alcohol", "Glyceryl Stearate", "Titanium Dioxide", "Zinc Oxide", "Mica", "Talc", "Limonene",
    "Linalool", "Citronellol", "Geraniol", "Fragrance", "Parfum", "Evernia Prunastri (Oakmoss) Extract",
]

# Misreads OCR makes on one letter: a similar vowel (ㅏ/ㅓ, ㅐ/ㅔ, ㅗ/ㅜ, ㅡ/ㅣ), an aspirated for a
# plain consonant (ㄷ/ㅌ, ㅂ/ㅍ, ㄱ/ㅋ, ㅈ/ㅊ, ㅊ/ㅌ), or a look-alike Latin letter.
_VOWELS = {0: 4, 4: 0, 1: 5, 5: 1, 8: 13, 13: 8, 18: 20, 20: 18}
_INITIALS = {3: 16, 16: 3, 7: 17, 17: 7, 0: 15, 15: 0, 12: 14, 14: 16}
_LATIN = {"l": "i", "i": "l", "e": "c", "c": "e", "n": "m", "m": "n", "o": "a", "a": "o"}


def misreads(name: str) -> set[str]:
    out = set()
    for i, ch in enumerate(name):
        code = ord(ch) - 0xAC00
        if 0 <= code < 11172:
            initial, vowel, final = code // 588, (code % 588) // 28, code % 28
            for ini, vow in ((initial, _VOWELS.get(vowel)), (_INITIALS.get(initial), vowel)):
                if ini is not None and vow is not None:
                    out.add(name[:i] + chr(0xAC00 + ini * 588 + vow * 28 + final) + name[i + 1:])
        elif ch.lower() in _LATIN:
            out.add(name[:i] + _LATIN[ch.lower()] + name[i + 1:])
    return out - {name}


@lru_cache(maxsize=1)
def all_rules() -> dict[str, IngredientRule]:
    rules = load_ingredient_rules()
    return {**rules.index("restricted"), **rules.index("prohibited")}


def reported(rule: IngredientRule) -> bool:
    return rule in load_ingredient_rules().prohibited or rule.warn


def rule_of(name: str | None) -> IngredientRule | None:
    return all_rules().get(ingredient_key(name)) if name else None


def vocabulary() -> list[tuple[str, str]]:
    """(printed form, its standard name) for every lawful-vocabulary row of the extractor."""
    data = tomllib.loads((RULES / "ingredients.toml").read_text(encoding="utf-8"))
    return [(printed, row["ko"]) for group in data["group"] if not group["name"].startswith("mfds_")
            for row in group["entries"]
            for printed in [row["ko"], row.get("inci", ""), *row.get("aliases", [])] if printed]


def corrected_into_another_substance(printed: str, origin: str | None) -> str | None:
    """The rule `printed` lands on after correction, when the name was not that substance already."""
    rule = rule_of(standard_name(printed))
    if rule is None:
        return None
    keys = rule.keys(load_ingredient_rules().spellings)
    if ingredient_key(printed) in keys or (origin is not None and ingredient_key(origin) in keys):
        return None
    return rule.name


def test_no_lawful_name_or_misread_of_one_becomes_a_banned_or_restricted_substance():
    pairs = vocabulary() + [(n, dictionary().exact(n)) for n in TYPICAL_LABEL_NAMES]
    bad = []
    for printed, origin in pairs:
        for candidate in {printed, *misreads(printed)}:
            hit = corrected_into_another_substance(candidate, origin)
            if hit is not None:
                bad.append((printed, candidate, standard_name(candidate), hit))
    assert bad == []


def test_the_misread_generator_makes_real_near_misses():
    assert "나이아신아마이므" not in misreads("나이아신아마이드")  # not a jamo the table swaps
    assert "부틸렌글라이꼴" not in misreads("부틸렌글라이콜")
    assert "부틸렌글러이콜" in misreads("부틸렌글라이콜")
    assert "Glycerln" in misreads("Glycerin")
    assert standard_name("부틸렌글러이콜") == "부틸렌글라이콜"  # the correction itself still works


@pytest.mark.parametrize("near", [
    # lawful names one letter from a banned one; with banned names in the fuzzy pool, "Ethylene
    # Glycol" became 메틸렌글라이콜 and "니트로메탄올" became 니트로메탄
    "Ethylene Glycol", "에틸렌글라이콜", "니트로메탄올", "트로메타민", "징크옥사이드", "하이드로퀴놀",
    # misreads of banned names: kept as read
    "메틸렌글라이꼴", "메틸렌글러이콜", "Methylene Glycal", "클로로아트라눌", "아트라늘", "Atranal", "하이드로퀴는",
])
def test_near_misses_of_banned_names_are_never_made_banned(near):
    """No name is corrected INTO a banned one: a misread banned name stays as read (a missed
    warning is recoverable; a false blocking error is not)."""
    rule = rule_of(standard_name(near))
    assert rule is None or not reported(rule) or ingredient_key(near) in rule.keys(load_ingredient_rules().spellings)


def test_every_reported_name_reaches_the_validator_unchanged():
    """Each name, INCI name and alias of a prohibited entry or a reported restricted entry, as a
    label prints it, comes out of the extractor as a name of the same entry. Skipped: forms with a
    trailing parenthetical (the extractor reads it as a note: 향료(리모넨)) and "a:b" forms it reads
    as a "label: value" line, unless its dictionary knows them."""
    rules = load_ingredient_rules()
    missed, checked = [], 0
    for rule in [*rules.prohibited, *(r for r in rules.restricted if r.warn)]:
        for printed in [rule.name, rule.inci or "", *rule.aliases]:
            if not printed or strip_notes(printed) != printed:
                continue
            if ":" in printed and dictionary().exact(printed) is None:
                continue
            checked += 1
            if rule_of(standard_name(printed)) is not rule:
                missed.append((printed, standard_name(printed)))
    assert missed == []
    assert checked > 1500


def test_every_name_the_validator_reports_is_exact_only_in_the_extractor():
    """The structural guarantee behind the tests above: a dictionary row the validator would report
    (prohibited, or restricted with `warn = true`) is marked `fuzzy = false`, so no near miss is
    ever corrected into it."""
    data = tomllib.loads((RULES / "ingredients.toml").read_text(encoding="utf-8"))
    fuzzy_but_reported = [row["ko"] for group in data["group"] for row in group["entries"]
                          if row.get("fuzzy", group.get("fuzzy", True))
                          and (rule := rule_of(row["ko"])) is not None and reported(rule)]
    assert fuzzy_but_reported == []
