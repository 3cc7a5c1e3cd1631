"""A language lint over the letter's paragraphs and the review sheet (issue 17, items 2, 4 and 5).

Every reason's letter (renderers/templates/letter_paragraphs.toml) and the review sheet
(review_zh.html.j2) are rendered by the real `compose()` / `review_html()` from evidence chains
whose names end in a consonant, a vowel, a Latin letter and a digit; then:
- no slot is left raw (`{`, `}`),
- the Chinese column and the sheet's Chinese hold no Hangul but names (of the seller, products,
  files, exhibits and what the documents say) and what is marked `lang="ko"`,
- the source templates never write a particle fixed after a slot (the `josa` filter names both),
- the Chinese uses one term per concept (停售, 标注, “…”).
"""

from __future__ import annotations

import html.parser
import re
import tomllib

import pytest

from casefile.codes import ReasonCode, Status
from casefile.evidence import EvidenceChain
from casefile.josa import attach
from renderers.checklist import ACTIONS_FILE
from renderers.facts import gather
from renderers.letter import CATALOG, compose
from renderers.review import review_html
from renderers.typeset import TEMPLATES, text_env
from tests.renderers.conftest import make_chain

HANGUL = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]")
#: A particle written fixed after a Jinja slot or block (`}}이`, `}}」을`, `%}를`): the form would
#: depend on the value. After `)` it is not: it goes with the word before `(`.
FIXED_PARTICLE = re.compile(r"[}%]\}['’\"”」』]?(?:은|는|이|가|을|를|과|와|으로|로|이며|며|이라는|라는|이나|나|란)")
ENDINGS = {"consonant": "주식회사 한빛무역", "vowel": "다온리빙 시카 토너", "latin": "HANBIT KC", "digit": "HB-H200"}
RENAMED = ("product_name", "model_name", "brand", "grantor", "grantee", "manufacturer", "issuer")


@pytest.fixture(scope="module", params=list(ReasonCode), ids=str)
def base_chain(request, tmp_path_factory) -> EvidenceChain:
    return make_chain(tmp_path_factory.mktemp(str(request.param)) / "case", request.param)


def renamed(chain: EvidenceChain, name: str) -> EvidenceChain:
    """The same case with the seller, product, model, brand and every name the documents state
    changed to `name`."""
    def fields(f):
        return f.model_copy(update={k: name for k in RENAMED if getattr(f, k, None)})

    config = chain.config.model_copy(update={
        "seller": chain.config.seller.model_copy(update={"name_ko": name}),
        "listing": chain.config.listing.model_copy(update={k: name for k in ("product_name", "model_name", "brand")}),
    })
    return EvidenceChain(**{
        **dict(chain), "config": config, "facts": None,
        "documents": [d.model_copy(update={"fields": fields(d.fields)}) for d in chain.documents],
        "items": [i.model_copy(update={"fields": fields(i.fields)}) for i in chain.items],
    })


def names_of(chain: EvidenceChain) -> list[str]:
    """Every name the sheet may quote as it is: what the case and its documents state, the files,
    the exhibits' labels (붙임 n, the stamp on each exhibit) and notes."""
    facts = gather(chain)
    out = [str(v) for v in vars(facts).values() if isinstance(v, str)]
    for part in (facts.kc, facts.auth, facts.ingredients, facts.shot):
        if part is not None:
            out += [str(v) for v in part.model_dump().values() if isinstance(v, str)]
            out += [str(v) for v in getattr(part, "ingredients", None) or []]
    for x in facts.exhibits:
        out += [x.label, x.document, x.note or "", x.detail or "", x.seller_note or ""]
    out += [d.path for d in chain.documents] + [p for f in chain.findings for p in f.documents]
    return sorted({n for n in out if n}, key=len, reverse=True)


def without(text: str, names: list[str]) -> str:
    for name in names:
        text = text.replace(name, "")
    return text


class _ChineseText(html.parser.HTMLParser):
    """The text of a page outside any element marked lang="ko"."""

    VOID = {"br", "meta", "link", "img", "hr", "input", "col"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[bool] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(dict(attrs).get("lang") == "ko" or (bool(self.stack) and self.stack[-1]))

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]):
            self.parts.append(data)


def chinese_text(page: str) -> str:
    parser = _ChineseText()
    parser.feed(page)
    return " ".join(parser.parts)


@pytest.mark.parametrize("ending", list(ENDINGS))
def test_every_paragraph_renders_cleanly_for_every_kind_of_ending(base_chain, ending):
    chain = renamed(base_chain, ENDINGS[ending])
    letter = compose(gather(chain))
    names = names_of(chain)
    texts = [(letter.title_ko, letter.title_zh)] + [(p.ko, p.zh) for p in letter.paragraphs]
    for ko, zh in texts:
        assert not re.search(r"[{}]", ko + zh), (ko, zh)
        assert not HANGUL.search(without(zh, names)), f"Korean in the Chinese column: {zh}"
    assert ENDINGS[ending] in "\n".join(ko for ko, _ in texts)


@pytest.mark.parametrize("ending", list(ENDINGS))
@pytest.mark.parametrize("status", [Status.ready, Status.needs_fixes])
def test_the_review_sheet_is_chinese_but_for_names(base_chain, ending, status):
    chain = renamed(base_chain, ENDINGS[ending])
    page = review_html(chain, status)
    text = chinese_text(page)
    assert "{" not in text and "}" not in text
    assert not HANGUL.search(without(text, names_of(chain))), without(text, names_of(chain))


def _sources() -> dict[str, str]:
    """Each template text a slot may stand in: the catalog's entries, the review sheet's checklist
    rows and every page template."""
    catalog = tomllib.loads(CATALOG.read_text(encoding="utf-8"))
    out: dict[str, str] = {}

    def walk(node, where):
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{where}[{i}]")
        elif isinstance(node, str):
            out[where] = node

    walk(catalog, "letter_paragraphs")
    actions = tomllib.loads(ACTIONS_FILE.read_text(encoding="utf-8"))  # the seller's checklist (issue 17, item 3)
    walk({k: actions[k] for k in ("checklist", "checklist_evidence")}, "review_actions_zh")
    for path in sorted(TEMPLATES.glob("*.j2")):
        out[path.name] = path.read_text(encoding="utf-8")
    return out


def test_no_template_writes_a_particle_fixed_after_a_slot():
    fixed = {where: FIXED_PARTICLE.findall(text) for where, text in _sources().items() if FIXED_PARTICLE.search(text)}
    assert fixed == {}


def test_the_josa_filter_is_there_for_templates():
    env = text_env()
    rendered = env.from_string("{{ a | josa('이/가') }} {{ b | josa('으로/로') }} {{ c | josa('을/를') }}")
    assert rendered.render(a="HB-H200", b="L", c="KC") == f"{attach('HB-H200', '이/가')} L로 KC를"


@pytest.mark.parametrize(("avoid", "why"), [
    ("下架", "판매중지 is 停售 throughout"),
    ("标示", "a Korean-ism: 标注"),
    ("「", "Chinese quotes are “…”"),
    ("」", "Chinese quotes are “…”"),
])
def test_one_chinese_term_per_concept_in_the_chinese_column_and_sheet(avoid, why):
    sources = _sources()
    chinese = {w: t for w, t in sources.items() if w.endswith("zh") or "_zh" in w or w == "review_zh.html.j2"}
    assert chinese and {w: t for w, t in chinese.items() if avoid in t} == {}, why
