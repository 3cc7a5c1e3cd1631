"""What the seller must have done before submitting: the review sheet's checklist (issue 17, item 3).

A letter paragraph that states a change the seller has made (the KC number entered in Wing, the
full ingredient list shown on the detail page, the listing's name corrected) names its `actions`
(renderers/templates/letter_paragraphs.toml); the letter records them as `Claim`s, in the order it
prints them. Each action's row in review_actions_zh.toml ([checklist.<action>]) says in Chinese
where to change what, to which value, and which exhibit would prove it was done: an exhibit of a
`proof` kind that shows every `shows` value (in its fields or its text, spaces as read by OCR
ignored) and no longer shows a `replaces` value (the listing before the correction).

A change without such an exhibit is not a finding (CONTRACT.md's codes stay as they are): the
status stays what the checks decided, and the sheet says the letter assumes the change was made.
"""

from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from typing import Any

from casefile.codes import DocumentKind
from casefile.errors import RuleFileError
from casefile.evidence import EvidenceItem
from renderers.letter import Claim, Letter, catalog
from renderers.typeset import TEMPLATES, text_env

ACTIONS_FILE = TEMPLATES / "review_actions_zh.toml"
#: What an exhibit can say about a change: it shows it (`shown`, the only state that is evidence),
#: does not show it (`missing`), still shows the value before it (`stale`), no exhibit of the kind
#: that could show it was given (`absent`), or no document could show it (`unverifiable`).
STATES = ("shown", "missing", "stale", "absent", "unverifiable")
_ENTRY_KEYS = {"when", "where", "what", "before", "after", "proof", "shows", "replaces", "seen"}


@dataclass(frozen=True)
class CheckItem:
    """One line of the checklist: where to change what (Chinese), to which value (as printed)."""

    action: str
    where: str
    what: str
    before: str | None
    after: str | None
    state: str
    note: str  # the Chinese sentence on the evidence

    @property
    def evidenced(self) -> bool:
        return self.state == "shown"


@functools.cache
def checklist_catalog() -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    """([checklist] rows by action, [checklist_evidence] sentences by state), checked on loading:
    every action a letter paragraph names has its row, every row is named, every state its sentence."""
    data = tomllib.loads(ACTIONS_FILE.read_text(encoding="utf-8"))
    rows, sentences = data["checklist"], data["checklist_evidence"]
    cat = catalog()
    named = {a for section in (cat["intro"], cat["references"], cat["closing"], *cat["body"].values())
             for entry in section for a in entry.get("actions", [])}
    problems = [f"letter paragraph names unknown action {a!r}" for a in sorted(named - rows.keys())]
    problems += [f"[checklist.{a}] is named by no letter paragraph" for a in sorted(rows.keys() - named)]
    problems += [f"[checklist_evidence] lacks {s!r}" for s in STATES if s not in sentences]
    for action, row in rows.items():
        problems += [f"[checklist.{action}] unknown key {k!r}" for k in sorted(row.keys() - _ENTRY_KEYS)]
        problems += [f"[checklist.{action}] needs {k!r}" for k in ("where", "what") if k not in row]
        problems += [f"[checklist.{action}] proof {k!r} is no document kind" for k in row.get("proof", [])
                     if k not in DocumentKind.__members__]
        if bool(row.get("proof")) != bool(row.get("shows")):
            problems.append(f"[checklist.{action}] `proof` and `shows` go together")
    if problems:
        raise RuleFileError(f"{ACTIONS_FILE.name}: " + "; ".join(problems))
    return rows, sentences


def _values(expressions: list[str], scope: dict[str, Any]) -> list[str | list[str]]:
    env = text_env()
    out = []
    for expr in expressions:
        value = env.compile_expression(expr)(**scope)
        if isinstance(value, (list, tuple)):
            value = [str(v) for v in value if v]
        elif value:
            value = str(value)
        if value:
            out.append(value)
    return out


def _pattern(value: str) -> re.Pattern[str]:
    """`value` as read anywhere in a text: case and the spaces OCR puts in or leaves out ignored; a
    Latin letter or digit at either end must not run on into another (HT-M300 is not in HT-M3000)."""
    chars = [c for c in unicodedata.normalize("NFKC", value) if not c.isspace()]
    body = r"\s*".join(re.escape(c) for c in chars)
    head = r"(?<![0-9A-Za-z])" if chars[0].isascii() and chars[0].isalnum() else ""
    tail = r"(?![0-9A-Za-z])" if chars[-1].isascii() and chars[-1].isalnum() else ""
    return re.compile(head + body + tail, re.IGNORECASE)


def _shows(text: str, value: str | list[str]) -> bool:
    """A value is in the text; a list's elements all are, in that order."""
    if isinstance(value, str):
        return _pattern(value).search(text) is not None
    at = 0
    for part in value:
        hit = _pattern(part).search(text, at)
        if hit is None:
            return False
        at = hit.end()
    return True


def _squeezed(value: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", value)).casefold()


def _stale(text: str, old: str, new: list[str | list[str]]) -> bool:
    """The text still shows `old`, not only as part of a new value that contains it."""
    for value in new:
        if isinstance(value, str) and _squeezed(old) in _squeezed(value):
            text = _pattern(value).sub(" ", text)
    return _shows(text, old)


def exhibit_text(item: EvidenceItem) -> str:
    """What an exhibit shows: its fields' values and the text read from its pages."""
    fields = [str(v) for v in item.fields.model_dump().values() if isinstance(v, str)]
    return "\n".join([*fields, *(p.text for p in item.pages)])


def _judge(text: str, shows: list[str | list[str]], olds: list[str]) -> tuple[str, str]:
    """(state, the old value still shown) of one exhibit's text."""
    old = next((o for o in olds if _stale(text, o, shows)), "")
    if old:
        return "stale", old
    return ("shown" if all(_shows(text, v) for v in shows) else "missing"), ""


def _state(row: dict[str, Any], scope: dict[str, Any], items: list[EvidenceItem]) -> tuple[str, list[str], str]:
    """(state, labels of the exhibits that state rests on, the old value they still show) for one
    claim: `shown` when any exhibit of a proof kind shows the change, else `stale` when one shows
    the value before it, else `missing`."""
    shows = _values(row.get("shows", []), scope)
    if not row.get("proof") or not shows:
        return "unverifiable", [], ""
    candidates = [i for i in items if str(i.kind) in row["proof"]]
    if not candidates:
        return "absent", [], ""
    olds = [v for v in _values(row.get("replaces", []), scope) if isinstance(v, str)]
    judged = [(i.exhibit.label, *_judge(exhibit_text(i), shows, olds)) for i in candidates]
    state = next(s for s in ("shown", "stale", "missing") if any(j[1] == s for j in judged))
    hits = [(label, old) for label, s, old in judged if s == state]
    return state, [label for label, _ in hits], hits[0][1]


def _item(claim: Claim, row: dict[str, Any], items: list[EvidenceItem], sentences: dict[str, str]) -> CheckItem:
    env, scope = text_env(), claim.scope
    state, labels, old = _state(row, scope, items)
    kinds = row.get("proof", [])
    note_scope = {**scope, "labels": "、".join(labels), "old": old,
                  "kind": scope["t"]["kind_zh"][kinds[0]] if kinds else "",
                  "seen": env.from_string(row.get("seen", "")).render(scope).strip()}

    def value(key: str) -> str | None:
        if key not in row:
            return None
        found = env.compile_expression(row[key])(**scope)
        return str(found) if found else None

    return CheckItem(
        action=claim.action, where=env.from_string(row["where"]).render(scope).strip(),
        what=env.from_string(row["what"]).render(scope).strip(), before=value("before"), after=value("after"),
        state=state, note=env.from_string(sentences[state]).render(note_scope).strip(),
    )


def checklist(letter: Letter, items: list[EvidenceItem]) -> list[CheckItem]:
    """The changes this letter says were made, in letter order, each once, with its evidence."""
    rows, sentences = checklist_catalog()
    env = text_env()
    out: list[CheckItem] = []
    for claim in letter.claims:
        row = rows[claim.action]
        if "when" in row and not env.compile_expression(row["when"])(**claim.scope):
            continue
        item = _item(claim, row, items, sentences)
        if all((item.action, item.what, item.after) != (o.action, o.what, o.after) for o in out):
            out.append(item)
    return out
