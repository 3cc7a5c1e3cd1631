"""The MFDS rule file (rules/mfds_ingredients.toml): complete, every entry cited and dated, and a
broken or inconsistent file refused at load rather than misjudging a label later."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from validators import RuleError
from validators import ingredients as rules_module
from validators.ingredients import ingredient_key, load_ingredient_rules

RULES_TEXT = rules_module.RULES_FILE.read_text(encoding="utf-8")


def test_the_rule_file_loads_and_holds_both_annexes_whole():
    """별표1 of 제2026-19호 has some 950 rows, 별표2 some 240; a file with a few dozen is a sample."""
    rules = load_ingredient_rules()
    from_annex1 = [r for r in [*rules.prohibited, *rules.restricted] if (r.annex or "").startswith("별표1")]
    from_annex2 = [r for r in rules.restricted if "별표2" in (r.annex or "")]
    assert len(rules.prohibited) >= 900 and len(from_annex1) >= 950
    assert len(from_annex2) >= 200
    assert {r.group for r in from_annex2} >= {"보존제 성분", "자외선 차단성분", "염모제 성분", "기타"}


def test_every_entry_is_cited_and_dated():
    rules = load_ingredient_rules()
    assert all(s.title and s.where for s in rules.sources.values())
    for rule in [*rules.prohibited, *rules.restricted, *rules.unconfirmed]:
        assert rule.source in rules.sources, rule.name
        assert isinstance(rule.amended, dt.date) and rule.amended >= dt.date(2013, 1, 16), rule.name
        assert rule.cas == [] or all(re.fullmatch(r"\d{2,7}-\d{2}-\d", c) for c in rule.cas), rule.name
    assert all(r.limit for r in rules.restricted)
    assert all(r.why for r in rules.restricted if not r.warn)
    assert all(r.why for r in rules.unconfirmed)


@pytest.mark.parametrize(("name", "cas"), [
    ("메칠렌글라이콜", "463-57-0"), ("클로로아트라놀", "57074-21-2"), ("아트라놀", "526-37-4"),
    ("니트로메탄", "75-52-5"), ("하이드록시아이소헥실 3-사이클로헥센카보스알데히드", "31906-04-4"),
])
def test_the_2019_additions_cite_their_amendment(name, cas):
    """제2019-27호 (고시 2019-04-01): 별표1 changes in force six months later, 2019-10-02."""
    rules = load_ingredient_rules()
    rule = rules.index("prohibited")[ingredient_key(name)]
    assert rule.cas == [cas]
    assert rule.source == "mfds-2019-27" and rule.amended == dt.date(2019, 10, 2)
    assert "2019-10-02" in rules.sources[rule.source].title
    assert ingredient_key(name) not in rules.index("restricted")  # 니트로메탄 left 별표2 then


def test_restricted_entries_keep_the_limits_and_product_types_of_annex2():
    index = load_ingredient_rules().index("restricted")
    mit = index[ingredient_key("메칠이소치아졸리논")]
    assert "0.0015%" in mit.limit and "사용금지" in (mit.condition or "") and mit.warn
    assert "1.0%" in index[ingredient_key("페녹시에탄올")].limit
    assert "0.4%" in index[ingredient_key("메틸파라벤")].limit
    assert "두발용" in index[ingredient_key("클림바졸")].limit


def write(tmp_path, monkeypatch, text: str):
    path = tmp_path / "mfds_ingredients.toml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setattr(rules_module, "RULES_FILE", path)
    rules_module.load_ingredient_rules.cache_clear()


@pytest.fixture
def rule_file(tmp_path, monkeypatch):
    yield lambda text: write(tmp_path, monkeypatch, text)
    monkeypatch.undo()
    rules_module.load_ingredient_rules.cache_clear()


SOURCES = '''
spellings = [["메틸", "메칠"]]
[sources.s]
title = "a 고시"
where = "a copy"
'''


@pytest.mark.parametrize(("body", "error"), [
    ('[[prohibited]]\nname = "하이드로퀴논"\n', "source"),  # not cited
    ('[[prohibited]]\nname = "하이드로퀴논"\nsource = "s"\n', "amended"),  # not dated
    ('[[prohibited]]\nname = "하이드로퀴논"\nsource = "nowhere"\namended = "2026-03-18"\n', "nowhere"),
    ('[[prohibited]]\nname = "하이드로퀴논"\nsource = "s"\namended = "18.3.2026"\n', "amended"),
    ('[[prohibited]]\nname = "하이드로퀴논"\nwarn = false\nsource = "s"\namended = "2026-03-18"\n', "silenced"),
])
def test_an_uncited_or_undated_entry_is_refused(rule_file, body, error):
    rule_file(SOURCES + body + '[[restricted]]\nname = "x"\nlimit = "1 %"\nsource = "s"\namended = "2026-03-18"\n')
    with pytest.raises(RuleError, match=error):
        rules_module.load_ingredient_rules()


def test_the_same_substance_twice_is_refused(rule_file):
    """Listed twice, under old and new spelling: the finding would depend on file order."""
    rule_file(SOURCES + '''
[[prohibited]]
name = "메칠렌글라이콜"
source = "s"
amended = "2019-10-02"
[[restricted]]
name = "메틸렌글라이콜"
limit = "1 %"
source = "s"
amended = "2026-03-18"
''')
    with pytest.raises(RuleError, match="both"):
        rules_module.load_ingredient_rules()


def test_a_quiet_restricted_entry_must_say_why(rule_file):
    rule_file(SOURCES + '''
[[prohibited]]
name = "석면"
source = "s"
amended = "2026-03-18"
[[restricted]]
name = "토코페롤"
limit = "20%"
warn = false
source = "s"
amended = "2026-03-18"
''')
    with pytest.raises(RuleError, match="why"):
        rules_module.load_ingredient_rules()
