"""The Korean letter: numbered paragraphs from the reviewed catalog, filled with the case's facts."""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casefile.evidence import EvidenceChain
from renderers.facts import ExhibitView, Facts, law_ko, law_zh, lookup_site, lookup_site_zh
from renderers.typeset import TEMPLATES, render_html, text_env

CATALOG = TEMPLATES / "letter_paragraphs.toml"

#: 공문 item markers by level (DOMAIN.md §6): 1. → 가. → 1)
_HANGUL_MARKS = "가나다라마바사아자차카타파하"


@dataclass(frozen=True)
class Paragraph:
    level: int
    marker: str
    ko: str
    zh: str


@dataclass(frozen=True)
class Claim:
    """A change the letter says the seller has made (an entry's `actions`), with the slots the
    paragraph was rendered with, for the review sheet's checklist (renderers/checklist.py)."""

    action: str
    scope: dict[str, Any] = field(repr=False, compare=False)


@dataclass
class Letter:
    title_ko: str
    title_zh: str
    reference: str
    cause_ko: str
    cause_zh: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    closing_start: int = 0  # paragraphs[closing_start:] are the request, kept with the 붙임 and 발신 block
    claims: list[Claim] = field(default_factory=list)  # in letter order, one per printed entry and action

    @property
    def body(self) -> list[Paragraph]:
        return self.paragraphs[: self.closing_start]

    @property
    def closing(self) -> list[Paragraph]:
        return self.paragraphs[self.closing_start :]

    @property
    def source_text(self) -> str:
        """Every Korean word the letter body is made of (markers included), for line-break checks."""
        return "\n".join(f"{p.marker} {p.ko}" for p in self.paragraphs)


@functools.cache
def catalog() -> dict[str, Any]:
    return tomllib.loads(CATALOG.read_text(encoding="utf-8"))


def marker(level: int, n: int) -> str:
    if level == 1:
        return f"{n}."
    if level == 2:
        return f"{_HANGUL_MARKS[(n - 1) % len(_HANGUL_MARKS)]}."
    return f"{n})"


def _resolve(path: str, scope: dict[str, Any]) -> Any:
    head, *rest = path.split(".")
    value = scope.get(head)
    for name in rest:
        value = getattr(value, name, None) if not isinstance(value, dict) else value.get(name)
    return value


def cite(exhibits: list[ExhibitView]) -> str:
    """`쿠팡 Wing 화면(붙임 2), KC 인증서(붙임 1)`: each exhibit by its title and label."""
    return ", ".join(f"{x.title}({x.label})" for x in exhibits)


def _scope(facts: Facts, reason: dict[str, Any]) -> dict[str, Any]:
    terms = catalog().get("terms", {})
    scheme = facts.kc.scheme if facts.kc is not None and facts.kc.scheme is not None else None
    return {
        "f": facts, "r": reason, "t": terms, "cite": cite,
        # `k`: how this case's KC scheme is spoken of ([terms.kc]; `unknown` when none was read).
        "k": terms["kc"][str(scheme) if scheme is not None else "unknown"],
        "law_ko": law_ko, "law_zh": law_zh, "lookup": lookup_site, "lookup_zh": lookup_site_zh,
    }


def _cited(label: str, rows: list[tuple[int, str, str]]) -> bool:
    mention = re.compile(re.escape(label) + r"(?!\d)")  # 붙임 1 is not cited by 붙임 12
    return any(mention.search(ko) for _, ko, _ in rows)


def _expand(entries: list[dict[str, Any]], scope: dict[str, Any], out: list[tuple[int, str, str]],
            claims: list[Claim]) -> None:
    """Append the rendered paragraphs to `out`: an entry is left out when a `requires` path is
    empty or its `when` expression is false; `each` repeats it; `uncited()` is every exhibit the
    letter has not named by its label so far. A printed entry's `actions` go to `claims`."""
    env = text_env()
    scope = {**scope, "exhibits": scope["f"].exhibits,
             "uncited": lambda: [x for x in scope["f"].exhibits if not _cited(x.label, out)]}
    for entry in entries:
        if any(not _resolve(req, scope) for req in entry.get("requires", [])):
            continue
        if "when" in entry and not env.compile_expression(entry["when"])(**scope):
            continue
        repeats = env.compile_expression(entry["each"])(**scope) if "each" in entry else [None]
        for x in repeats:
            ctx = {**scope, "x": x}
            ko = env.from_string(entry["ko"]).render(ctx).strip()
            zh = env.from_string(entry["zh"]).render(ctx).strip()
            if ko:
                out.append((int(entry["level"]), ko, zh))
                claims.extend(Claim(action, ctx) for action in entry.get("actions", []))


def _number(rows: list[tuple[int, str, str]]) -> list[Paragraph]:
    counters = [0, 0, 0, 0]
    paragraphs = []
    for level, ko, zh in rows:
        counters[level] += 1
        for deeper in range(level + 1, len(counters)):
            counters[deeper] = 0
        paragraphs.append(Paragraph(level, marker(level, counters[level]), ko, zh))
    return paragraphs


def compose(facts: Facts) -> Letter:
    cat = catalog()
    reason = cat["reasons"].get(facts.reason, cat["reasons"]["other"])
    scope = _scope(facts, reason)
    rows: list[tuple[int, str, str]] = []
    claims: list[Claim] = []
    for section in (cat["intro"], cat["body"][reason["body"]], cat["references"]):
        _expand(section, scope, rows, claims)
    closing_start = len(rows)
    _expand(cat["closing"], scope, rows, claims)
    env = text_env()
    return Letter(
        title_ko=env.from_string(cat["title"]["ko"]).render(scope),
        title_zh=env.from_string(cat["title"]["zh"]).render(scope),
        reference=reason["reference"],
        cause_ko=reason["cause_ko"],
        cause_zh=reason["cause_zh"],
        paragraphs=_number(rows),
        closing_start=closing_start,
        claims=claims,
    )


def attachment_lines(exhibits: list[ExhibitView]) -> list[str]:
    """`KC 인증서(HU071695-21012A) 1부.` — one line per exhibit, in exhibit order."""
    return [f"{x.title}({x.note}) 1부." if x.note else f"{x.title} 1부." for x in exhibits]


def letter_html(chain: EvidenceChain, facts: Facts, letter: Letter, total_pages: int | str) -> str:
    """Cover, letter and exhibit index as one HTML document (the package's first pages)."""
    seal_uri = Path(facts.seal_image).as_uri() if facts.seal_image else None
    return render_html(
        "letter.html.j2", chain=chain, f=facts, letter=letter, seal_uri=seal_uri,
        attachments=attachment_lines(facts.exhibits), total_pages=total_pages,
    )
