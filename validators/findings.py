"""Making findings: the code's severity from the contract, its messages from messages.toml.

Each fact is shown in each language as messages.toml [slots] says (a date as `2026. 11. 20.` in
Korean and `2026年11月20日` in Chinese, a code by its name in that language, a name as given), and
a particle after a slot (`{이/가}`) takes the form the text before it needs (casefile/josa.py).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from casefile.codes import SEVERITY, FindingCode, Severity
from casefile.datetext import kdate, zh_date
from casefile.josa import format_map
from casefile.result import Finding
from validators.rules import RuleError, Wording, load_rules

LANGS = ("ko", "zh")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_ISO_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2}) (.+)$")


def finding(code: FindingCode, documents: list[str] | tuple[str, ...] = (), *, unsure: Iterable[str] = (),
            **facts: object) -> Finding:
    """A finding with its Korean and Chinese messages filled from the facts given.

    `unsure` names the input fields that were not read surely (validators/rules/certainty.toml): the
    finding is then a warning that says so and what to upload, never an error.
    """
    rules = load_rules()
    message = rules.messages[code]
    docs = list(documents)
    slots = shown(rules.wording, {"docs": ", ".join(docs) or "-", **facts})
    try:
        ko, zh = format_map(message.ko, slots["ko"]), format_map(message.zh, slots["zh"])
    except KeyError as exc:
        raise RuleError(f"message for {code} needs the fact {exc}, which the rule did not give") from exc
    severity = SEVERITY[code]
    unsure = list(dict.fromkeys(unsure))
    if unsure and severity is Severity.error:
        certainty = rules.certainty
        ko += " " + certainty.unverified.ko.format(field=", ".join(certainty.name(f, "ko") for f in unsure))
        zh += certainty.unverified.zh.format(field="、".join(certainty.name(f, "zh") for f in unsure))
        severity = Severity.warning
    return Finding(code=code, severity=severity, documents=docs, message_ko=ko, message_zh=zh)


def shown(wording: Wording, facts: dict[str, object]) -> dict[str, dict[str, str]]:
    """{"ko": slots, "zh": slots}: each fact as its slot's kind shows it in that language, with the
    slots a named value brings along (a KC scheme's lookup site)."""
    out: dict[str, dict[str, str]] = {lang: {} for lang in LANGS}
    for name, value in facts.items():
        kind = wording.slots.get(name, "name")
        if kind == "named" and value is not None and (entry := wording.lookup(name, value)) is not None:
            for lang in LANGS:
                out[lang][name] = getattr(entry, lang)
                for extra, said in entry.slots.items():
                    out[lang].setdefault(extra, getattr(said, lang))
            continue
        for lang, text in zip(LANGS, _show(kind, value, wording), strict=True):
            out[lang][name] = text
    return out


def _show(kind: str, value: object, wording: Wording) -> tuple[str, str]:
    """(Korean, Chinese) for one value of a slot of this kind."""
    if value is None:
        return "-", "-"
    if isinstance(value, dt.date):
        return kdate(value), zh_date(value)
    text = str(value)
    if kind == "date":
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            return text, text
        return kdate(day), zh_date(day)
    if kind == "bilingual":
        return _bilingual(text)
    if kind == "holidays":
        return _holidays(text, wording)
    return text, text


def _bilingual(text: str) -> tuple[str, str]:
    """"<who>: 한국어 / 中文" -> ("<who>: 한국어", "<who>: 中文"); any other text as it is."""
    left, sep, right = text.rpartition(" / ")
    if not sep or not _HANGUL.search(left) or _HANGUL.search(right) or not _HAN.search(right):
        return text, text
    who, colon, said = left.partition(": ")
    if colon and _HANGUL.search(said):
        return left, f"{who}：{right}"  # the signer, named in both
    return left, right


def _holidays(text: str, wording: Wording) -> tuple[str, str]:
    """"2026-09-24 추석 전날, 2026-09-25 추석" -> each date in the language's form, each name in
    Chinese by [names.holiday] (longest name first; one the table lacks stays as given)."""
    terms = sorted(wording.holiday_zh, key=len, reverse=True)
    pattern = re.compile("|".join(map(re.escape, terms))) if terms else None
    ko_items, zh_items = [], []
    for item in text.split(", "):
        match = _ISO_DATE.match(item)
        day, name = (dt.date.fromisoformat(match[1]), match[2]) if match else (None, item)
        zh_name = pattern.sub(lambda m: wording.holiday_zh[m.group()], name) if pattern else name
        zh_name = re.sub(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])", "", zh_name).replace("; ", "和")
        name = name.replace("; ", "·")  # two holidays on one day
        ko_items.append(f"{kdate(day)} {name}" if day else name)
        zh_items.append(f"{zh_date(day)} {zh_name}" if day else zh_name)
    return ", ".join(ko_items), "、".join(zh_items)


def dedupe(findings: list[Finding]) -> list[Finding]:
    """One finding per cause: the same code on the same documents with the same message is kept once."""
    seen: set[tuple] = set()
    unique: list[Finding] = []
    for f in findings:
        key = (f.code, tuple(f.documents), f.message_ko)
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique
