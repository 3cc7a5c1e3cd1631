"""Korean particles (조사) chosen by the word before them, as a Korean speaker reads that word.

A particle whose form depends on the last sound of the word before it (은/는, 이/가, 을/를, 과/와,
으로/로, 이며/며, 이라는/라는 …) cannot be written after a slot: `'{model}'이` is wrong for
`HB-H2`, `'{model}'가` for `HB-H200`. Templates name the pair instead and the word picks:

- str.format templates (validators/rules/messages.toml): `'{cert_model}'{이/가}` through
  `format_map` below, which fills the slots and then each particle field from the text before it;
- Jinja templates (renderers/templates): `{{ f.model_name | josa("이/가") }}`.

How the last sound is read (`ending`):
- Hangul: its final consonant (받침); ㄹ counts apart, since it takes 로 like a vowel (서울로).
- Digits as Korean numbers, which end alike whether read by place or digit by digit:
  1 일, 7 칠, 8 팔 end in ㄹ; 0 (영/공/십/백/천/만), 3 삼, 6 육 in another consonant;
  2 이, 4 사, 5 오, 9 구 in a vowel. `HB-H200` ends in 공: 이, 으로.
- Latin letters: an upper-case run of at most three letters, or one without a vowel letter, is
  spelt out by the letters' Korean names (KC 케이씨 → 가, LG 엘지 → 가, HB-H200L 엘 → 이, 로;
  M 엠, N 엔 → 이; R 알 → 로); any other word is read as an English loanword by its last letters
  (Wing 윙, Apple 애플, iPhone 아이폰, HANBIT 한빗 → consonant; care 케어, test 테스트 → vowel).
- What closes the word is looked through: quotes and brackets (`'HB-H200'` is read as HB-H200),
  a parenthetical (`인증서(붙임 1)` as 인증서, the Korean rule for a particle after brackets), and a
  final full stop (`Co., Ltd.` as Ltd).
- Anything else (Chinese characters, symbols, an empty word) gives both forms, `이(가)`, `(으)로`,
  the usual written fallback, rather than a guess.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from enum import Enum


class Ending(Enum):
    vowel = "vowel"
    consonant = "consonant"  # a final consonant other than ㄹ
    rieul = "rieul"  # final ㄹ: 이/은/을/과 like a consonant, but 로 like a vowel
    unknown = "unknown"


#: Pairs whose forms are not "이/으 + the vowel form": (after a consonant, after a vowel).
_PAIRS: dict[frozenset[str], tuple[str, str]] = {
    frozenset(p): p for p in (("은", "는"), ("이", "가"), ("을", "를"), ("과", "와"), ("아", "야"))
}

_DIGIT = {"0": Ending.consonant, "1": Ending.rieul, "2": Ending.vowel, "3": Ending.consonant, "4": Ending.vowel,
          "5": Ending.vowel, "6": Ending.consonant, "7": Ending.rieul, "8": Ending.rieul, "9": Ending.vowel}
#: The Korean names of the Latin letters end: M 엠, N 엔 in a consonant; L 엘, R 알 in ㄹ; the rest
#: (A 에이, B 비, C 씨 … F 에프, H 에이치, S 에스, X 엑스, Z 제트) in a vowel.
_LETTER = {**{c: Ending.vowel for c in string.ascii_uppercase}, "M": Ending.consonant, "N": Ending.consonant,
           "L": Ending.rieul, "R": Ending.rieul}
#: Hangul compatibility jamo as spelt: a consonant's name (기역 … 히읗) ends in a consonant, ㄹ 리을 in ㄹ.
_JAMO_CONSONANTS = "ㄱㄲㄳㄴㄵㄶㄷㄸㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅃㅄㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_CLOSERS = "'\"’”」』》〉】〕]}>"
_PAIRED = {")": "(", "）": "（"}
_VOWEL_LETTERS = set("aeiou")


def _hangul(ch: str) -> Ending:
    final = (ord(ch) - 0xAC00) % 28
    return Ending.vowel if final == 0 else Ending.rieul if final == 8 else Ending.consonant


def _strip_closing(word: str) -> str:
    """The word a particle attaches to: closing quotes, brackets, parentheticals and a full stop
    looked through."""
    while True:
        word = word.rstrip()
        if not word:
            return word
        last = word[-1]
        if last in _PAIRED:
            opening = word.rfind(_PAIRED[last])
            if opening < 0:
                word = word[:-1]  # an unpaired bracket
            elif not word[:opening].strip():
                word = word[opening + 1:-1]  # all of it in brackets: read inside
            else:
                word = word[:opening]
        elif last in _CLOSERS or last in ".,":
            word = word[:-1]
        else:
            return word


def _english(word: str) -> Ending:
    """A Latin word read as a loanword, by its last letters (lower case)."""
    w = word.lower()
    if w.endswith("l") or w.endswith("le"):
        return Ending.rieul  # 메일, 애플, 테이블
    if w.endswith(("m", "n", "ng", "me", "ne", "ck")):
        return Ending.consonant  # 폼, 라인, 윙, 게임, 폰, 블랙
    if w[-1] in "kptbgc" and len(w) > 1 and w[-2] in _VOWEL_LETTERS:
        return Ending.consonant  # 북, 탑, 캣, 웹, 백, 맥
    return Ending.vowel  # 케어, 테스트, 데스크, 패드, 박스, 시티


def ending(word: object) -> Ending:
    """How the word ends when read aloud in Korean (see the module's notes)."""
    text = _strip_closing(str(word if word is not None else ""))
    if not text:
        return Ending.unknown
    last = text[-1]
    if "가" <= last <= "힣":
        return _hangul(last)
    if last in _DIGIT:
        return _DIGIT[last]
    if "ㄱ" <= last <= "ㅣ":
        return (Ending.rieul if last == "ㄹ" else Ending.consonant) if last in _JAMO_CONSONANTS else Ending.vowel
    if last.isascii() and last.isalpha():
        run = re.search(r"[A-Za-z]+$", text).group()
        if run.isupper() and (len(run) <= 3 or not _VOWEL_LETTERS & set(run.lower())):
            return _LETTER[last]
        return _english(run)
    return Ending.unknown


def forms(pattern: str) -> tuple[str, str]:
    """(after a consonant, after a vowel) for a pattern naming both forms in either order:
    `이/가`, `가/이`, `으로/로`, `이라는/라는`, `이며/며`."""
    parts = pattern.split("/")
    if len(parts) != 2 or not all(parts) or not all("가" <= ch <= "힣" for ch in "".join(parts)):
        raise ValueError(f"not a particle pair: {pattern!r} (write both forms, like 이/가 or 으로/로)")
    a, b = parts
    if frozenset(parts) in _PAIRS:
        return _PAIRS[frozenset(parts)]
    for long, short in ((a, b), (b, a)):
        if long[0] in "이으" and long[1:] == short:
            return long, short
    raise ValueError(f"not a particle pair: {pattern!r} (write both forms, like 이/가 or 으로/로)")


def particle(word: object, pattern: str) -> str:
    """The form of the particle `pattern` (e.g. `이/가`) that follows `word`."""
    after_consonant, after_vowel = forms(pattern)
    end = ending(word)
    if end is Ending.unknown:
        if after_consonant.endswith(after_vowel):  # (으)로, (이)라는
            return f"({after_consonant[: -len(after_vowel)]}){after_vowel}"
        return f"{after_consonant}({after_vowel})"
    if end is Ending.vowel:
        return after_vowel
    if end is Ending.rieul and after_consonant.startswith("으"):
        return after_vowel  # 서울로, L로, 1로
    return after_consonant


def attach(word: object, pattern: str) -> str:
    """`word` followed by the right form of the particle: attach("HB-H200", "이/가") == "HB-H200이"."""
    text = str(word if word is not None else "")
    return text + particle(text, pattern)


_FIELD_PARTICLE = re.compile(r"^[가-힣]+/[가-힣]+$")


def is_particle_field(name: str | None) -> bool:
    return bool(name) and bool(_FIELD_PARTICLE.match(name))


def format_map(template: str, slots: Mapping[str, object]) -> str:
    """`str.format_map` where a field naming a particle pair (`{이/가}`) is the right form for the
    text just before it: `format_map("'{m}'{이/가}", {"m": "KC"}) == "'KC'가"`.

    Slots are shown with `str()`; format specs and conversions apply as in `str.format`. A
    missing slot raises KeyError, as `str.format_map` does.
    """
    out: list[str] = []
    formatter = string.Formatter()
    for literal, name, spec, conversion in formatter.parse(template):
        out.append(literal)
        if name is None:
            continue
        if is_particle_field(name):
            out.append(particle("".join(out), name))
            continue
        value, _ = formatter.get_field(name, (), slots)
        out.append(formatter.format_field(formatter.convert_field(value, conversion), spec or ""))
    return "".join(out)
