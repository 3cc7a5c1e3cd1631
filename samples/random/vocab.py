"""The randomiser's own label wording (vocabulary.toml) and how a document draws captions from it.

A document first draws a *caption style* (its language, and whether and how captions are
bilingual); every caption on it then follows that style, as one office's template would.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .values import chance, pick

VOCAB_PATH = Path(__file__).with_name("vocabulary.toml")


@functools.cache
def vocabulary() -> dict:
    return tomllib.loads(VOCAB_PATH.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class CaptionStyle:
    lang: str                 # ko, en, zh: the main language
    bilingual: str = ""       # "", slash, paren, space, stacked, listed (the file's `bi` forms)
    second: str = "en"        # the second language of a bilingual caption

    def describe(self) -> str:
        return self.lang + (f"+{self.second}:{self.bilingual}" if self.bilingual else "")


def caption_style(rng: np.random.Generator, lang: str, p_bilingual: float = 0.35) -> CaptionStyle:
    if lang != "ko" or not chance(rng, p_bilingual):
        return CaptionStyle(lang)
    mode = pick(rng, ["slash", "paren", "space", "stacked", "listed"], p=[0.25, 0.2, 0.15, 0.25, 0.15])
    second = pick(rng, ["en", "zh"], p=[0.8, 0.2])
    return CaptionStyle(lang, mode, second)


def _pool(table: dict, lang: str) -> list[str]:
    return list(table.get(lang) or table.get("ko") or [])


def caption(rng: np.random.Generator, table: dict, style: CaptionStyle) -> tuple[str, str]:
    """(label, sub) for one field under the document's style; `sub` is set only for stacked captions."""
    if style.lang == "en" and table.get("abbr") and chance(rng, 0.15):
        return pick(rng, table["abbr"]), ""
    main = pick(rng, _pool(table, style.lang))
    if not style.bilingual:
        return main, ""
    if style.bilingual == "listed" and table.get("bi"):
        return pick(rng, table["bi"]), ""
    other = pick(rng, _pool(table, style.second))
    if style.bilingual == "slash":
        return f"{main} / {other}", ""
    if style.bilingual == "paren":
        return f"{main}({other})" if chance(rng, 0.5) else f"{main} ({other})", ""
    if style.bilingual == "space":
        return f"{main} {other}", ""
    return main, other  # stacked, or "listed" where the file has no printed pair


def labels(kind: str, name: str) -> dict:
    """The caption table of one field (`labels.<name>`) or of a scheme's number (`number_labels.<name>`)."""
    v = vocabulary()[kind]
    if name in v.get("labels", {}):
        return v["labels"][name]
    return v["number_labels"][name]


def distractor(rng: np.random.Generator, kind: str, name: str, style: CaptionStyle) -> tuple[str, str]:
    table = vocabulary()[kind]["distractors"][name]
    return caption(rng, table, style)


def distractor_names(kind: str) -> list[str]:
    return list(vocabulary()[kind]["distractors"])


def text(kind: str, *path: str) -> list[str] | dict:
    node = vocabulary()[kind]
    for p in path:
        node = node[p]
    return node
