from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from casefile.errors import MissingDependencyError
from renderers.fonts import fonts
from renderers.typeset import kdate, keepall, zh_date


def test_keepall_wraps_each_word_and_escapes():
    out = str(keepall("인증번호 <HU071695-21012A> 입니다"))
    assert out == ('<span class="w">인증번호</span> <span class="w">&lt;HU071695-21012A&gt;</span> '
                   '<span class="w">입니다</span>')


def test_keepall_leaves_long_tokens_breakable():
    url = "https://www.coupang.com/vp/products/7234567890?itemId=1"
    assert str(keepall(f"주소 {url}")) == f'<span class="w">주소</span> <span class="long">{url}</span>'


def test_dates():
    assert kdate(dt.date(2026, 11, 28)) == "2026. 11. 28."
    assert kdate(dt.date(2027, 1, 5)) == "2027. 1. 5."  # never zero-padded (DOMAIN.md §6)
    assert zh_date(dt.date(2027, 1, 5)) == "2027年1月5日"
    assert kdate(None) == "" and zh_date(None) == ""


def test_missing_font_names_the_apt_package(tmp_path: Path):
    with pytest.raises(MissingDependencyError, match="apt-get install fonts-nanum fonts-noto-cjk"):
        fonts((tmp_path,))


def test_fonts_are_found():
    found = fonts()
    assert found.gothic.name == "NanumGothic.ttf" and found.noto_cjk.suffix == ".ttc"


def test_a_kongmun_date_is_one_unbreakable_word():
    from renderers.typeset import keepall

    html = str(keepall("인증일 2024. 3. 15. ~ 2027. 3. 14."))
    assert '<span class="w">2024. 3. 15.</span>' in html and '<span class="w">2027. 3. 14.</span>' in html
    assert '<span class="w">인증일</span>' in html
