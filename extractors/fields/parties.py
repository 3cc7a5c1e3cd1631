"""Who an authorization letter is between, and for which brand: names as labelled or as read
from a sentence.

A name is cut to its company-shaped part when it has one (주식회사 한빛 / 한빛(주) / ABC Co., Ltd. /
汉光有限公司); without one, a name taken from a sentence must look like a name, not like grammar.
Running text is read in Korean ("A는 B에게 … 위임합니다", "(이하 '위임인')"), English ("We, ABC Co.,
Ltd., hereby authorize …") and Chinese ("我司……授权……"); the words are data
(rules/authorization_fields.toml).
"""

from __future__ import annotations

import re
from functools import lru_cache

from casefile.text import HANGUL
from extractors.fields.authorization_rules import (
    BILINGUAL_SPLIT,
    HANGUL_OR_HAN,
    alternation,
    letter_words,
    rules,
    terms,
    vocabulary,
)
from extractors.text.textmatch import tidy_value

_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
_CLAUSE_END = re.compile(r"[.。;；:：!?\n]\s|[。；：]")
_CLOSING_LINES = 6  # the signature block at the foot of a letter

# Names: quotes, notes in brackets, bilingual pairs, and the Korean grammar around a name.
_OPEN_Q, _CLOSE_Q = "\"'“‘「『《〈<", "\"'”’」』》〉>"
_QUOTED = rf"[{_OPEN_Q}]\s*(?P<v>[^{_OPEN_Q}{_CLOSE_Q}()（）\n]{{1,40}}?)\s*[{_CLOSE_Q}]"
_PARENS = re.compile(r"\s*[(（](?![주유사재][)）])[^()（）]{0,60}[)）]")  # a note; (주) and (유) stay
_KO_PARTICLE = re.compile(r"(?:은|는|이|가|을|를|의|에게|에서|와|과|로|으로|께서|및)")
_LEADING_PARTICLE = re.compile(r"(?:(?:은|는|이|가|을|를|의|에게|와|과|및)\s+)*")  # "…)는 선전한빛무역"
_KO_TAIL = re.compile(r"(?:은|는|이|가|을|를|의|에게|에서|와|과|로|으로|께서|이며|이고|입니다)$")
_KO_VERB_END = re.compile(r"(?:거나|하고|하며|하여|해서|하는|하지|한|된|할|없이|있는)$")
_OCR_HANGUL_GAP = re.compile(r"(?<=[가-힣]) (?=[가-힣])")
_FORM_FIRST = re.compile(r"(주식회사|유한회사|유한책임회사|합자회사|합명회사)(?=[가-힣])")
_NAME_CHARS = re.compile(r"[^\W_]{2}")
# Chinese grammar words no company name holds: "品牌的正品" is a phrase, not a party.
_ZH_FUNCTION = re.compile(r"[的将把被了]")  # not 在 (在线), not 可 (可口可乐)
_MAX_NAME_WORDS = 6
_MAX_PROSE_NAME_WORDS = 4


# -- names ---------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _company_forms() -> list[re.Pattern[str]]:
    """Company names by legal form, most telling first: 주식회사 한빛 / 한빛(주) / ABC Co., Ltd. / 汉光有限公司."""
    forms = rules()["company"]

    def either(key: str) -> str:
        return "|".join(re.escape(f) for f in sorted(forms[key], key=len, reverse=True))

    word = r"[가-힣A-Za-z0-9&·.\-]+"
    cap = r"(?:[A-Z0-9&][\w&'.\-]*|\([A-Z][\w ]*\)|of|and|&)"
    return [
        re.compile(rf"(?:{either('ko_forms')})[ \t]*(?P<w>{word})(?:[ \t]+(?P<w2>[가-힣]{{2,6}})(?![가-힣])(?![ \t]+[가-힣]))?"),
        re.compile(rf"{word}(?:[ \t]+{word})?[ \t]*(?:{either('ko_forms')})"),
        re.compile(rf"(?:{cap}[ \t]+){{1,8}}(?:{either('en_forms')})(?![A-Za-z])"),
        re.compile(rf"[\u4e00-\u9fffA-Za-z0-9（）()]{{2,30}}?(?:{either('zh_forms')})"),
    ]


def company_names(text: str) -> list[tuple[int, int, str]]:
    """Company-shaped names in the text, in order; where forms overlap the earlier form wins
    ("당사 주식회사 한빛상사" is 주식회사 한빛상사, not 당사 주식회사)."""
    found: list[tuple[int, int, str]] = []
    for pattern in _company_forms():
        for m in pattern.finditer(text):
            word = m.groupdict().get("w")
            if word is not None and _KO_PARTICLE.fullmatch(word):
                continue  # "주식회사는": the form ends a name here, it does not start one
            end = m.end()
            second = m.groupdict().get("w2")
            if second is not None and not _second_word_of_name(second):
                end = m.start("w2")  # "주식회사 한빛 판매권한을": the name is one word
            start = m.start() + len(_LEADING_PARTICLE.match(m.group()).group())
            if not any(s < end and start < e for s, e, _ in found):
                found.append((start, end, text[start:end].rstrip()))
    return sorted(found)


def _second_word_of_name(word: str) -> bool:
    """Whether the Hangul word that ends "(주)한빛 …" is more of the name ("(주)다온 코리아", as OCR or
    a typist spaced it), not the sentence going on ("…에게", "판매권한을") nor a title or role. Only
    a last Hangul word is taken: before another one ("한빛 수입 제품을") the sentence goes on."""
    if _KO_TAIL.search(word) or _KO_VERB_END.search(word) or letter_words().fullmatch(word):
        return False
    roles = terms("labels", "grantor").pattern + "|" + terms("labels", "grantee").pattern
    stops = terms("signature", "value_stops")
    return not re.fullmatch(roles, word, re.IGNORECASE) and not stops.fullmatch(word)


def party_name(value: str, ocr: bool = False, last: bool = False, prose: bool = False) -> str | None:
    """A party as printed, without what follows it on a signature line or defines it.

    "주식회사 한빛상사 대표이사 김철수 (인)" -> "주식회사 한빛상사"; "We, ABC Co., Ltd.," -> "ABC Co., Ltd.".
    """
    value = tidy_value(_cut_at(value, terms("signature", "value_stops")), ocr) or ""
    value = _strip_self_reference(_PARENS.sub(" ", value))
    if ocr:
        value = _OCR_HANGUL_GAP.sub("", value)  # OCR spaces Hangul at random: "포 레 스 트 키친"
        value = _FORM_FIRST.sub(r"\1 ", value)
    names = company_names(value)
    if names:
        return tidy_value(_without_title(_strip_self_reference((names[-1] if last else names[0])[2])), ocr)
    if not _NAME_CHARS.search(value):
        return None  # brackets and dashes left of an empty field
    words = value.strip(" ,，.。:：").split()
    if not words or len(words) > (_MAX_PROSE_NAME_WORDS if prose else _MAX_NAME_WORDS):
        return None
    roles = terms("labels", "grantor").pattern + "|" + terms("labels", "grantee").pattern
    if (letter_words().fullmatch("".join(words)) or any(re.fullmatch(roles, w, re.IGNORECASE) for w in words)
            or any(c in w for w in words for c in ":：")):
        # A label, the letter's title ("品牌", "授权书"), a label's line ("致 : Coupang"), or a
        # reference to a party by its role ("상기 수임인", "the said Licensee"): no name.
        return None
    if prose and not _plausible_prose_name(words):
        return None
    return tidy_value(" ".join(words), ocr)


def _without_title(name: str) -> str:
    """A name without the letter's title or a label run into it from the line before
    ("Trademark Authorization Foshan Haoyang … Co., Ltd." where OCR joined the lines)."""
    words = name.split()
    at = 0
    while at < len(words):
        run = next((j for j in range(min(len(words), at + 4), at, -1)
                    if letter_words().fullmatch(" ".join(words[at:j]).strip(",.:："))), None)
        if run is None:
            break
        at = run
    # Two words at least: one alone may be the name's own ("Authorized Trading Co., Ltd.").
    return " ".join(words[at:]) if at >= 2 and len(words) - at >= 2 else name


def _plausible_prose_name(words: list[str]) -> bool:
    """A name taken from a sentence without a legal form: no word of it ends in a particle or a
    verb ending ("상품을", "판매하거나"), and it is not a role word ("수임인")."""
    if any(_KO_TAIL.search(w) or _KO_VERB_END.search(w) for w in words):
        return False
    if terms("prose", "authorize_zh").search("".join(words)) or any(_ZH_FUNCTION.search(w) for w in words):
        return False
    roles = terms("labels", "grantor").pattern + "|" + terms("labels", "grantee").pattern
    return not re.fullmatch(roles, " ".join(words), re.IGNORECASE)


def _cut_at(value: str, stops: re.Pattern[str]) -> str:
    stop = stops.search(value)
    return value[:stop.start()] if stop else value


def _strip_self_reference(value: str) -> str:
    """What follows the last "당사" / "We," / "我司": the speaker's name, or nothing."""
    for m in reversed(list(terms("prose", "self_reference").finditer(value))):
        after = value[m.end():m.end() + 1]
        # Hangul runs on into other words ("당사자"); a Han self-reference may run into the name.
        if _HAN.search(m.group()) or not after or not HANGUL_OR_HAN.match(after) or not HANGUL.search(m.group()):
            return value[m.end():].strip(" ,，")
    return value.strip(" ,，")


# -- names in running text -----------------------------------------------------------------


def defined_party(flat: str, field: str) -> str | None:
    """The party a letter defines by its role: the name before "(이하 '위임인')"."""
    return _defined_term(flat, field)


def granting_party(flat: str, field: str) -> str | None:
    """The party a granting sentence names ("ABC hereby authorizes XYZ", "…에게 … 위임합니다")."""
    return _english_grant(flat, field) or _chinese_grant(flat, field) or _korean_grant(flat, field)


def _defined_term(flat: str, field: str) -> str | None:
    """The name before "(이하 '위임인')", "(hereinafter "Licensor")", "（以下简称"授权方"）"."""
    role_terms = alternation("prose", f"{field}_terms")
    pattern = re.compile(rf"[(（]\s*(?:{alternation('prose', 'defined_term')})\s*[,:：]?\s*[{_OPEN_Q}]?\s*"
                         rf"(?:{role_terms})\s*[{_CLOSE_Q}]?\s*[)）]", re.IGNORECASE)
    for m in pattern.finditer(flat):
        before = _clause_tail(flat[max(0, m.start() - 120):m.start()])
        name = party_name(before, last=True, prose=True)
        if name:
            return name
    return None


def _clause_tail(text: str) -> str:
    """The end of a clause: after its last sentence mark, and at most a name's worth of words."""
    ends = list(_CLAUSE_END.finditer(text))
    tail = text[ends[-1].end():] if ends else text
    if company_names(tail):
        return tail
    words = tail.split()[-_MAX_NAME_WORDS:]
    kept: list[str] = []
    for word in reversed(words):  # stop at the word that ends the previous phrase ("…를", "…은")
        if kept and _KO_TAIL.search(word):
            break
        kept.insert(0, word)
    return " ".join(kept)


def _english_grant(flat: str, field: str) -> str | None:
    """ "[We,] ABC Co., Ltd.[,] hereby authorize(s) XYZ Co., Ltd. to sell …"."""
    for m in re.finditer(rf"(?:{alternation('prose', 'authorize_en')})\s+", flat, re.IGNORECASE):
        if field == "grantor":
            name = _speaker(flat[max(0, m.start() - 250):m.start()])
        else:
            name = _leading_name(flat[m.end():m.end() + 150], r",|\s(?:to|as|for|with|in)\s|\s?\(|\.\s")
        if name:
            return name
    return None


def _speaker(before: str) -> str | None:
    """Who speaks before the verb: the company right after "We," (however long the apposition that
    follows: "We, ABC Co., Ltd., the registered owner of …, hereby"), else the last one named."""
    refs = list(terms("prose", "self_reference").finditer(before))
    names = company_names(before)
    if refs:
        after_ref = [n for n in names if n[0] >= refs[-1].end()]
        if after_ref:
            return party_name(after_ref[0][2])
    if names:
        return party_name(names[-1][2])
    return party_name(_clause_tail(before), last=True, prose=True)


def _chinese_grant(flat: str, field: str) -> str | None:
    """ "我司A（…）特授权B在韩国…销售…"; 被授权 and 授权书/授权期限 are not the verb."""
    verb = re.compile(rf"(?<!被)(?:{alternation('prose', 'authorize_zh')})"
                      r"(?!\s*(?:书|期|范围|方|人|品牌|区域|地区|时间|单位|公司|商|委托|证明))")  # OCR spaces Han
    for m in verb.finditer(flat):
        if field == "grantor":
            before = re.split(r"[。；;\n]", flat[max(0, m.start() - 120):m.start()])[-1]
            name = party_name(before, prose=True)
        else:
            name = _leading_name(flat[m.end():m.end() + 80], r"[，,。；;（(]|在|为|作为|于|销售|经营|代理|独家|全权")
        if name:
            return name
    return None


def _korean_grant(flat: str, field: str) -> str | None:
    """ "A는 B에게 … 위임합니다": the grant sentence, grantor before 은/는, grantee before 에게."""
    for sentence in re.split(r"(?<=[.。])\s+|\n", flat):
        if not terms("prose", "grant_verb_ko").search(sentence):
            continue
        m = re.search(rf"(?P<a>.{{2,120}}?)(?:은|는|이|가)\s+(?P<b>.{{2,120}}?)\s*(?:{alternation('prose', 'grantee_particle_ko')})",
                      _PARENS.sub("", sentence))
        if m:
            name = party_name(m.group("a") if field == "grantor" else m.group("b"), last=field == "grantor", prose=True)
            if name:
                return name
    return None


def signing_party(flat: str, grantee: str | None) -> str | None:
    """The company signing at the foot of the letter, when no sentence names the grantor.

    Only in a letter written in the first person ("We hereby authorise …", "당사는 …", "我司 …"): its
    speaker signs it, and the speaker grants. Otherwise whoever signs may be the grantee, an agent or
    a notary (the rule was right for 1 grantor in 7 on the random bench without this condition).
    The last company named in the closing lines is the grantor unless it is the grantee.
    """
    if not terms("prose", "self_reference").search(flat):
        return None
    closing = "\n".join([line for line in flat.splitlines() if line.strip()][-_CLOSING_LINES:])
    for _, _, name in reversed(company_names(closing)):
        party = party_name(name)
        if party and party != grantee:
            return party
    return None


def _in_longer_label(flat: str, at: int) -> bool:
    """Whether a label of a party starts at `at` ("Brand Owner", "商标持有人")."""
    return any(h.start == 0 and h.field in ("grantor", "grantee") for h in vocabulary().hits(flat[at:at + 40]))


def _leading_name(after: str, end: str) -> str | None:
    """The name a grant verb is followed by: company-shaped from the start, else up to `end`."""
    after = after.lstrip()
    names = company_names(after)
    if names and names[0][0] == 0:
        return party_name(names[0][2])
    stop = re.search(end, after)
    return party_name(after[:stop.start()] if stop else after, prose=True)


# -- brand ---------------------------------------------------------------------------------


def brand_name(value: str, ocr: bool = False) -> str | None:
    """A brand as labelled: without a registration number note, the Latin form of a bilingual pair."""
    value = _cut_at(_PARENS.sub(" ", value), terms("labels", "ignored")).rstrip(" ,;(（[")
    parts = [p for p in BILINGUAL_SPLIT.split(value) if p.strip(" ,;")]
    if not parts:
        return None
    chosen = next((p for p in parts if _LATIN.search(p)), parts[0])
    chosen = re.sub(rf"^[{_OPEN_Q}>»›＞·\-]+\s*|\s*[{_CLOSE_Q}]$", "", chosen.strip(" ,;"))
    if len(chosen.split()) > _MAX_NAME_WORDS or not re.search(r"[^\W\d_]", chosen):
        return None  # a phone number or a year before "商标" / "Trademark" is no brand
    if letter_words().fullmatch(chosen.strip()) or any(letter_words().fullmatch(w) for w in chosen.split()):
        return None  # the letter's own title or a label beside the word "brand"
    if any(HANGUL.search(m.group()) for m in letter_words().finditer(chosen)):
        return None  # "판매위임장": a Korean word of the letter inside (the title "브랜드 판매위임장")
    return tidy_value(chosen, ocr)


@lru_cache(maxsize=1)
def _brand_patterns() -> list[re.Pattern[str]]:
    words = alternation("prose", "brand_words")
    native = "|".join(re.escape(w) for w in rules()["prose"]["brand_words"] if HANGUL_OR_HAN.search(w))
    latin = r"(?P<v>[A-Z0-9][A-Za-z0-9&'.\-]*(?:\s+[A-Z0-9][A-Za-z0-9&'.\-]*){0,2})"
    caps = r"(?P<v>[A-Z0-9][A-Z0-9&'.\-]+)"
    return [
        re.compile(rf"(?:{words})\s*(?:name\s*)?[:：]?\s*{_QUOTED}", re.IGNORECASE),  # brand "HANBIT", 品牌“汉光”
        re.compile(rf"{_QUOTED}\s*(?:{words})", re.IGNORECASE),  # 「HANBIT」 브랜드, “HANBIT”品牌
        re.compile(rf"(?i:under|of|for)\s+(?i:the)\s+(?i:{words})(?:\s+(?i:name))?\s+{latin}"),
        re.compile(rf"(?i:{words})\s*(?:명|名称)?\s*{latin}(?=\s|[,.。，]|$)"),  # 브랜드 HANBIT, 品牌HANBIT
        re.compile(rf"{caps}\s*(?i:{words})"),  # HANBIT brand, HANBIT 브랜드, HANBIT品牌
        # "보유한 Kira audio 상표가": Latin words of any case right before a Korean or Chinese brand word.
        re.compile(rf"(?<![A-Za-z0-9])(?P<v>[A-Z][A-Za-z0-9&'.\-]*(?:\s+[A-Za-z0-9&'.\-]+){{0,2}})\s*(?:{native})"),
    ]


def prose_brand(flat: str) -> str | None:
    for pattern in _brand_patterns():
        for m in pattern.finditer(flat):
            if _in_longer_label(flat, m.start()):
                continue  # "Brand Owner Jinhua …" names the owner, not a brand
            brand = brand_name(m.group("v"))
            if brand and not terms("prose", "self_reference").fullmatch(brand):
                return brand
    return None
