"""Each reason's letter: extracted text against a reviewed golden file, plus the checks a golden
cannot make by itself (every exhibit cited, no word broken, no blank slot).

`APPEAL_REGEN_GOLDEN=1` rewrites tests/renderers/golden/*.txt (review the diff before committing);
under CI the flag must be off, so a golden file can never silently follow a regression.
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

import pytest

from casefile.codes import ReasonCode, SignatureKind
from renderers.facts import gather
from renderers.letter import catalog, compose, letter_html
from renderers.package import assemble
from tests.renderers.conftest import broken_lines, html_words, make_chain, outline_pages, page_lines

GOLDEN = Path(__file__).parent / "golden"
REGEN = os.environ.get("APPEAL_REGEN_GOLDEN") == "1"
REASONS = list(ReasonCode)


def check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if REGEN:
        path.write_text(actual, encoding="utf-8")
        return
    assert path.exists(), f"{path} missing: run once with APPEAL_REGEN_GOLDEN=1 and review it"
    expected = path.read_text(encoding="utf-8")
    diff = "\n".join(difflib.unified_diff(expected.splitlines(), actual.splitlines(), "golden", "actual", lineterm=""))
    assert actual == expected, diff


@pytest.fixture(scope="module", params=REASONS, ids=str)
def package(request, tmp_path_factory):
    """One unsigned package per reason (the signature time is the only part allowed to vary)."""
    root = tmp_path_factory.mktemp(str(request.param))
    chain = make_chain(root / "case", request.param)
    data, *_ = assemble(chain)
    pdf = root / "package.pdf"
    pdf.write_bytes(data)
    return chain, pdf, outline_pages(pdf)


@pytest.mark.slow
def test_letter_text_matches_golden(package):
    chain, pdf, pages = package
    text = "\n".join(page_lines(pdf, pages["표지"], pages["붙임 목록"])) + "\n"
    check_golden(f"letter_{chain.reason_code}.txt", text)


@pytest.mark.slow
def test_every_exhibit_is_cited_in_the_body_and_listed_as_attached(package):
    chain, pdf, pages = package
    lines = page_lines(pdf, pages["소명서"], pages["붙임 목록"] - 1)
    text = "\n".join(lines)
    body = text[text.index("제목"):text.index("\n붙임 1. ")]
    for item in chain.items:
        assert re.search(re.escape(item.exhibit.label) + r"(?!\d)", body), item.exhibit.label
    attached = text[text.index("\n붙임 1. "):]
    assert len(re.findall(r"^(?:붙임 )?\d+\. .+ 1부\.", attached, re.M)) == len(chain.items)
    assert re.search(r" 1부\. 끝\.$", attached, re.M), "the 붙임 list must end with 끝."
    assert "주시기 바랍니다." in body + attached and "대표이사 왕웨이" in attached


@pytest.mark.slow
def test_no_korean_line_breaks_inside_a_word(package):
    chain, pdf, pages = package
    facts = gather(chain)
    source = html_words(letter_html(chain, facts, compose(facts), total_pages="?"))
    lines = page_lines(pdf, pages["표지"], pages["붙임 목록"] - 1)
    assert broken_lines(lines, source) == []


def test_every_reason_has_its_own_body_with_korean_and_chinese():
    cat = catalog()
    bodies = {cat["reasons"][str(r)]["body"] for r in REASONS}
    assert len(bodies) == len(REASONS) and bodies <= set(cat["body"])
    sections = [cat["intro"], cat["references"], cat["closing"], *cat["body"].values()]
    for entry in (e for section in sections for e in section):
        assert entry["level"] in (1, 2, 3) and entry["ko"].strip() and entry["zh"].strip(), entry


def test_each_paragraph_has_its_chinese_explanation(tmp_path):
    for reason in REASONS:
        letter = compose(gather(make_chain(tmp_path / str(reason), reason)))
        assert all(p.zh.strip() for p in letter.paragraphs), reason
        assert letter.closing and letter.closing[-1].ko.endswith("주시기 바랍니다.")


def test_missing_facts_leave_their_paragraphs_out(tmp_path):
    """An authorization letter without dates, seal or brand: those lines go, the numbering closes up."""
    chain = make_chain(tmp_path / "case", ReasonCode.ip_infringement)
    auth = chain.items[0].fields
    auth.valid_from = auth.valid_until = auth.brand = None
    auth.signature = SignatureKind.none
    facts = gather(chain)
    facts.notice_reason = None
    letter = compose(facts)
    text = "\n".join(f"{p.marker} {p.ko}" for p in letter.paragraphs)
    for gone in ("위임 기간", "서명·날인", "위임 브랜드", "「", "안내 메일에 적힌 사유"):
        assert gone not in text, gone
    assert "위임인(상표권자): 주식회사 다온리빙" in text and "증빙 자료: 판매권한 위임장(붙임 1)" in text
    assert not re.search(r":\s*$|:\s*\n|\(\)|「」|None", text, re.M)
    markers = [p.marker for p in letter.paragraphs if p.ko.startswith(("위임인", "수임인:", "증빙 자료:"))]
    assert markers == ["가.", "나.", "다.", "4."]  # 위임인, 수임인, 증빙 자료: no gaps; then 위임인 …은 상표권자로서


def test_regen_flag_is_off_in_ci():
    if not os.environ.get("CI"):
        pytest.skip("only meaningful under CI")
    assert not REGEN, "APPEAL_REGEN_GOLDEN=1 must never be set in CI"
