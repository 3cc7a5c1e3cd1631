"""The 발신 block (company, representative, seal, signature box) never stands alone on a page: the
request, the 붙임 list and the sender move to the next page together (package.css `.finale`).

The letter is lengthened with more of its own body lines until, with the wrapper switched off,
the 발신 block is the first thing pushed over a page break; the same letter with the real
stylesheet must then keep the request and the 붙임 list on the sender's page. pdfplumber reads
each page as a reviewer would see it.
"""

from __future__ import annotations

import dataclasses
import io
import itertools
import re

import pdfplumber
import pytest

from renderers.facts import gather
from renderers.letter import Letter, compose, letter_html
from renderers.typeset import render_document, render_pdf
from tests.renderers.conftest import FOOTER, make_chain

pytestmark = pytest.mark.slow

#: A user stylesheet loses to the author's unless !important: this restores the old behaviour.
WRAPPER_OFF = ".finale { break-inside: auto !important; } .closing { break-before: auto !important; }"
SENDER = "대표이사 왕웨이"
REQUEST = "주시기 바랍니다."


def lengthened(letter: Letter, extra: int) -> Letter:
    """The letter with `extra` more body lines, taken in turn from its own 가. 나. items."""
    items = [p for p in letter.body if p.level == 2]
    body = letter.body + list(itertools.islice(itertools.cycle(items), extra))
    return dataclasses.replace(letter, paragraphs=body + letter.closing, closing_start=len(body))


def signature_page(html: str, css: str = "") -> int:
    document = render_document(html, extra_css=css)
    return next(i for i, page in enumerate(document.pages) if "signature-box" in page.anchors)


def page_texts(html: str, css: str = "") -> list[list[str]]:
    with pdfplumber.open(io.BytesIO(render_pdf(html, extra_css=css))) as pdf:
        return [[line for line in (page.extract_text(x_tolerance=1.5) or "").splitlines()
                 if not FOOTER.match(line.strip())] for page in pdf.pages]


def sender_page(pages: list[list[str]]) -> tuple[int, list[str]]:
    """The sender's page and what else is on it (the sender and date lines removed)."""
    index = next(i for i, lines in enumerate(pages) if any(SENDER in line for line in lines))
    date = re.compile(r"^\d{4}\. \d{1,2}\. \d{1,2}\.$")
    return index, [line for line in pages[index] if SENDER not in line and not date.match(line.strip())]


@pytest.fixture(scope="module")
def near_break(tmp_path_factory):
    """The shortest lengthening at which, without the wrapper, the 발신 block leaves its page."""
    chain = make_chain(tmp_path_factory.mktemp("layout") / "case")
    facts = gather(chain)
    letter = compose(facts)

    def html(extra: int) -> str:
        return letter_html(chain, facts, lengthened(letter, extra), total_pages=9)

    start = signature_page(html(0), WRAPPER_OFF)
    low, high = 0, 64
    assert signature_page(html(high), WRAPPER_OFF) > start, "64 more lines should fill a page"
    while high - low > 1:  # more lines never move the signature back: bisect on its page
        mid = (low + high) // 2
        low, high = (low, mid) if signature_page(html(mid), WRAPPER_OFF) > start else (mid, high)
    return html(high)


def test_without_the_wrapper_the_sender_would_stand_alone(near_break):
    """Guard: the lengthened letter really is the case the wrapper exists for."""
    index, others = sender_page(page_texts(near_break, WRAPPER_OFF))
    assert index > 0 and others == []


def test_the_sender_stays_with_the_request_and_the_attachments(near_break):
    pages = page_texts(near_break)
    index, others = sender_page(pages)
    text = "\n".join(others)
    assert REQUEST in text and re.search(r"1부\. 끝\.$", text, re.M), others
    assert re.match(r"\d+\. (?:이 건의 담당자는|이에 판매중지 사유가)", others[0]), "the page starts with the closing"
    assert pages[index - 1] and REQUEST not in "\n".join(pages[index - 1])  # the body fills the page before


def test_a_closing_taller_than_a_page_still_breaks_and_keeps_the_sender_with_the_end(tmp_path):
    """Sixty exhibits: the 붙임 list alone is longer than a page; it breaks, and 끝. stays with the sender."""
    chain = make_chain(tmp_path / "case")
    facts = gather(chain)
    screen = facts.exhibits[1]
    facts.exhibits += [dataclasses.replace(screen, number=n, label=f"붙임 {n}") for n in range(4, 61)]
    pages = page_texts(letter_html(chain, facts, compose(facts), total_pages=9))
    index, others = sender_page(pages)
    assert any(line.endswith("1부. 끝.") for line in others), others
    attached = [line for lines in pages for line in lines if re.match(r"^(?:붙임 )?\d+\. .+ 1부\.", line)]
    assert len(attached) == 60
