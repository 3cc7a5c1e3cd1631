"""Brand authorization letter fields: grantor, grantee, brand, validity period and signature.

Letters come as forms ("위임인: …", "Licensee | …"), as running text ("당사 OOO(이하 '위임인')는
OOO(이하 '수임인')에게 …", "We, ABC Co., Ltd., hereby authorize XYZ Co., Ltd. to sell …",
"我司……授权……销售……品牌") and as both at once in two languages. A labelled value wins over
one read from a sentence; a name is cut to its company-shaped part when it has one. All words
are data (rules/authorization_fields.toml). The signature comes from the file itself
(`extractors.marks`), not from the text: a printed "(인)" says where to look, not that it is signed.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from functools import lru_cache
from pathlib import Path

from casefile.fields import AuthorizationLetterFields
from casefile.pages import ReadResult
from extractors.dates import FoundDate, find_dates
from extractors.fields.context import FieldContext
from extractors.marks import signature_kind
from extractors.textmatch import LabelHit, LabelVocabulary, join_spaced_syllables, loose_regex, normalize, tidy_value

RULES = Path(__file__).parent.parent / "rules" / "authorization_fields.toml"

_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_HANGUL_OR_HAN = re.compile(r"[\uac00-\ud7a3\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")

# Layout: what may stand before a label at the start of its line ("1. ", "가) ", "• ", "| "), and
# what follows a label that is really one (":", a cell border, after an optional gloss "(Grantor)").
_LIST_MARK = re.compile(r"[\s\-·•*○□■▶|\d.)(（）가나다라마바사아자차카타파하]{0,6}")
_SEPARATED = re.compile(r"[ \t]*(?:[(（][^()（）\n]{0,40}[)）][ \t]*)?[:：|\t]")
# Running text: a line that ends a sentence or a field is not continued by the next one.
_LINE_END = re.compile(r"[.。!?！？:：다]$|[)）]$")
_LABEL_START = re.compile(r"^[^\s:：]{1,24}(?:\s[^\s:：]{1,24}){0,2}\s*[:：|]")
_CLAUSE_END = re.compile(r"[.。;；:：!?\n]\s|[。；：]")
_CLOSING_LINES = 6  # the signature block at the foot of a letter

# Names: quotes, notes in brackets, bilingual pairs, and the Korean grammar around a name.
_OPEN_Q, _CLOSE_Q = "\"'“‘「『《〈<", "\"'”’」』》〉>"
_QUOTED = rf"[{_OPEN_Q}]\s*(?P<v>[^{_OPEN_Q}{_CLOSE_Q}()（）\n]{{1,40}}?)\s*[{_CLOSE_Q}]"
_PARENS = re.compile(r"\s*[(（](?![주유사재][)）])[^()（）]{0,60}[)）]")  # a note; (주) and (유) stay
_BILINGUAL_SPLIT = re.compile(r"\s+/\s+|\s*／\s*")
_KO_PARTICLE = re.compile(r"(?:은|는|이|가|을|를|의|에게|에서|와|과|로|으로|께서|및)")
_LEADING_PARTICLE = re.compile(r"(?:(?:은|는|이|가|을|를|의|에게|와|과|및)\s+)*")  # "…)는 선전한빛무역"
_KO_TAIL = re.compile(r"(?:은|는|이|가|을|를|의|에게|에서|와|과|로|으로|께서|이며|이고|입니다)$")
_KO_VERB_END = re.compile(r"(?:거나|하고|하며|하여|해서|하는|하지|한|된|할|없이|있는)$")
_OCR_HANGUL_GAP = re.compile(r"(?<=[가-힣]) (?=[가-힣])")
_FORM_FIRST = re.compile(r"(주식회사|유한회사|유한책임회사|합자회사|합명회사)(?=[가-힣])")
_NAME_CHARS = re.compile(r"[^\W_]{2}")
_MAX_NAME_WORDS = 6
_MAX_PROSE_NAME_WORDS = 4

_NEAR_VALIDITY = 40  # characters before a period in which a validity word makes it the letter's own


def extract_authorization(read: ReadResult, context: FieldContext) -> AuthorizationLetterFields:
    pages = [p for p in read.pages if p.text.strip()]
    ocr = any(p.source == "ocr" for p in pages)
    text = _colon_after_gloss("\n".join(normalize(p.text) for p in pages))
    flat = _flat(text, ocr)
    hits = [h for h in vocabulary().hits(text) if _usable(h, text)]
    valid_from, valid_until = _validity(hits, flat)
    grantee = _labelled_name(hits, "grantee", ocr) or _prose_party(flat, "grantee")
    return AuthorizationLetterFields(
        grantor=_labelled_name(hits, "grantor", ocr) or _prose_party(flat, "grantor") or _signing_party(flat, grantee),
        grantee=grantee,
        brand=_labelled_brand(hits, ocr) or _prose_brand(flat),
        valid_from=valid_from,
        valid_until=valid_until,
        signature=signature_kind(context.source_path, read.media_type, read),
    )


# -- rules ---------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _rules() -> dict:
    with RULES.open("rb") as fh:
        return tomllib.load(fh)


@lru_cache(maxsize=1)
def vocabulary() -> LabelVocabulary:
    return LabelVocabulary(_rules()["labels"])


@lru_cache(maxsize=None)
def _terms(section: str, name: str) -> re.Pattern[str]:
    return loose_regex(_rules()[section][name])


def _alternation(section: str, name: str) -> str:
    return _terms(section, name).pattern


# -- labelled values -----------------------------------------------------------------------


@lru_cache(maxsize=1)
def _glossed_label() -> re.Pattern[str]:
    labels = loose_regex(t for terms in _rules()["labels"].values() for t in terms).pattern
    return re.compile(rf"^({_LIST_MARK.pattern}(?:{labels})[ \t]*[(（][^()（）\n]{{1,30}}[)）])[ \t]+(?=[^\s:：|])",
                      re.MULTILINE | re.IGNORECASE)


def _colon_after_gloss(text: str) -> str:
    """"위임인 (상표권자) 주식회사 다온리빙" is a label, a gloss and a value with the colon left out:
    put the colon back so the value is read as labelled."""
    return _glossed_label().sub(r"\1: ", text)


def _usable(hit: LabelHit, text: str) -> bool:
    """A label that starts its line (or cell), or one followed by `:` anywhere; a label word
    inside a sentence ("브랜드 제품을 …", "the owner of the trademark") is running text, and so is a
    Latin label with neither colon nor cell border after it ("Term of …")."""
    if not hit.value:
        return False
    line_start = text.rfind("\n", 0, hit.start) + 1
    starts_line = bool(_LIST_MARK.fullmatch(text[line_start:hit.start]))
    if _SEPARATED.match(text, hit.end):
        return True
    return starts_line and (hit.explicit or bool(_HANGUL_OR_HAN.search(hit.label)))


def _ranked(hits: list[LabelHit], field: str, by_label: bool = True) -> list[LabelHit]:
    """Explicit values first; then by label priority, or in document order where the labels are
    synonyms in different languages (a bilingual letter names its parties first as printed first)."""
    rank = {re.sub(r"\s+", "", t).casefold(): i for i, t in enumerate(_rules()["labels"][field])}
    found = [h for h in hits if h.field == field]

    def key(h: LabelHit) -> tuple:
        label_rank = rank.get(re.sub(r"\s+", "", h.label).casefold(), 99) if by_label else 0
        return not h.explicit, label_rank, h.start

    return sorted(found, key=key)


def _labelled_name(hits: list[LabelHit], field: str, ocr: bool) -> str | None:
    for hit in _ranked(hits, field, by_label=False):
        name = party_name(_BILINGUAL_SPLIT.split(hit.value or "")[0], ocr)
        if name:
            return name
    return None


def _labelled_brand(hits: list[LabelHit], ocr: bool) -> str | None:
    for hit in _ranked(hits, "brand"):
        brand = brand_name(hit.value or "", ocr)
        if brand:
            return brand
    return None


# -- names ---------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _company_forms() -> list[re.Pattern[str]]:
    """Company names by legal form, most telling first: 주식회사 한빛 / 한빛(주) / ABC Co., Ltd. / 汉光有限公司."""
    forms = _rules()["company"]

    def either(key: str) -> str:
        return "|".join(re.escape(f) for f in sorted(forms[key], key=len, reverse=True))

    word = r"[가-힣A-Za-z0-9&·.\-]+"
    cap = r"(?:[A-Z0-9&][\w&'.\-]*|\([A-Z][\w ]*\)|of|and|&)"
    return [
        re.compile(rf"(?:{either('ko_forms')})[ \t]*(?P<w>{word})"),
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
            start = m.start() + len(_LEADING_PARTICLE.match(m.group()).group())
            if not any(s < m.end() and start < e for s, e, _ in found):
                found.append((start, m.end(), m.group()[start - m.start():]))
    return sorted(found)


def party_name(value: str, ocr: bool = False, last: bool = False, prose: bool = False) -> str | None:
    """A party as printed, without what follows it on a signature line or defines it.

    "주식회사 한빛상사 대표이사 김철수 (인)" -> "주식회사 한빛상사"; "We, ABC Co., Ltd.," -> "ABC Co., Ltd.".
    """
    value = tidy_value(_cut_at(value, _terms("signature", "value_stops")), ocr) or ""
    value = _strip_self_reference(_PARENS.sub(" ", value))
    if ocr:
        value = _OCR_HANGUL_GAP.sub("", value)  # OCR spaces Hangul at random: "포 레 스 트 키친"
        value = _FORM_FIRST.sub(r"\1 ", value)
    names = company_names(value)
    if names:
        return tidy_value(_strip_self_reference((names[-1] if last else names[0])[2]), ocr)
    if not _NAME_CHARS.search(value):
        return None  # brackets and dashes left of an empty field
    words = value.strip(" ,，.。:：").split()
    if not words or len(words) > (_MAX_PROSE_NAME_WORDS if prose else _MAX_NAME_WORDS):
        return None
    if prose and not _plausible_prose_name(words):
        return None
    return tidy_value(" ".join(words), ocr)


def _plausible_prose_name(words: list[str]) -> bool:
    """A name taken from a sentence without a legal form: no word of it ends in a particle or a
    verb ending ("상품을", "판매하거나"), and it is not a role word ("수임인")."""
    if any(_KO_TAIL.search(w) or _KO_VERB_END.search(w) for w in words):
        return False
    if _terms("prose", "authorize_zh").search("".join(words)):
        return False
    roles = _terms("labels", "grantor").pattern + "|" + _terms("labels", "grantee").pattern
    return not re.fullmatch(roles, " ".join(words), re.IGNORECASE)


def _cut_at(value: str, stops: re.Pattern[str]) -> str:
    stop = stops.search(value)
    return value[:stop.start()] if stop else value


def _strip_self_reference(value: str) -> str:
    """What follows the last "당사" / "We," / "我司": the speaker's name, or nothing."""
    for m in reversed(list(_terms("prose", "self_reference").finditer(value))):
        after = value[m.end():m.end() + 1]
        # Hangul runs on into other words ("당사자"); a Han self-reference may run into the name.
        if _HAN.search(m.group()) or not after or not _HANGUL_OR_HAN.match(after) or not _HANGUL.search(m.group()):
            return value[m.end():].strip(" ,，")
    return value.strip(" ,，")


# -- names in running text -----------------------------------------------------------------


def _prose_party(flat: str, field: str) -> str | None:
    return (_defined_term(flat, field) or _english_grant(flat, field) or _chinese_grant(flat, field)
            or _korean_grant(flat, field))


def _defined_term(flat: str, field: str) -> str | None:
    """The name before "(이하 '위임인')", "(hereinafter "Licensor")", "（以下简称"授权方"）"."""
    terms = _alternation("prose", f"{field}_terms")
    pattern = re.compile(rf"[(（]\s*(?:{_alternation('prose', 'defined_term')})\s*[,:：]?\s*[{_OPEN_Q}]?\s*"
                         rf"(?:{terms})\s*[{_CLOSE_Q}]?\s*[)）]", re.IGNORECASE)
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
    for m in re.finditer(rf"(?:{_alternation('prose', 'authorize_en')})\s+", flat, re.IGNORECASE):
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
    refs = list(_terms("prose", "self_reference").finditer(before))
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
    verb = re.compile(rf"(?<!被)(?:{_alternation('prose', 'authorize_zh')})"
                      r"(?!书|期|范围|方|人|品牌|区域|地区|时间|单位|公司|商|委托|证明)")
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
        if not _terms("prose", "grant_verb_ko").search(sentence):
            continue
        m = re.search(rf"(?P<a>.{{2,120}}?)(?:은|는|이|가)\s+(?P<b>.{{2,120}}?)\s*(?:{_alternation('prose', 'grantee_particle_ko')})",
                      _PARENS.sub("", sentence))
        if m:
            name = party_name(m.group("a") if field == "grantor" else m.group("b"), last=field == "grantor", prose=True)
            if name:
                return name
    return None


def _signing_party(flat: str, grantee: str | None) -> str | None:
    """The company signing at the foot of the letter, when no sentence names the grantor.

    The grantor issues the letter, so the last company named in its closing lines is the
    grantor unless it is the grantee.
    """
    closing = "\n".join([line for line in flat.splitlines() if line.strip()][-_CLOSING_LINES:])
    for _, _, name in reversed(company_names(closing)):
        party = party_name(name)
        if party and party != grantee:
            return party
    return None


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
    value = _cut_at(_PARENS.sub(" ", value), _terms("labels", "ignored")).rstrip(" ,;(（[")
    parts = [p for p in _BILINGUAL_SPLIT.split(value) if p.strip(" ,;")]
    if not parts:
        return None
    chosen = next((p for p in parts if _LATIN.search(p)), parts[0])
    chosen = re.sub(rf"^[{_OPEN_Q}>»›＞·\-]+\s*|\s*[{_CLOSE_Q}]$", "", chosen.strip(" ,;"))
    return tidy_value(chosen, ocr) if len(chosen.split()) <= _MAX_NAME_WORDS else None


@lru_cache(maxsize=1)
def _brand_patterns() -> list[re.Pattern[str]]:
    words = _alternation("prose", "brand_words")
    latin = r"(?P<v>[A-Z0-9][A-Za-z0-9&'.\-]*(?:\s+[A-Z0-9][A-Za-z0-9&'.\-]*){0,2})"
    caps = r"(?P<v>[A-Z0-9][A-Z0-9&'.\-]+)"
    return [
        re.compile(rf"(?:{words})\s*(?:name\s*)?[:：]?\s*{_QUOTED}", re.IGNORECASE),  # brand "HANBIT", 品牌“汉光”
        re.compile(rf"{_QUOTED}\s*(?:{words})", re.IGNORECASE),  # 「HANBIT」 브랜드, “HANBIT”品牌
        re.compile(rf"(?i:under|of|for)\s+(?i:the)\s+(?i:{words})(?:\s+(?i:name))?\s+{latin}"),
        re.compile(rf"(?i:{words})\s*(?:명|名称)?\s*{latin}(?=\s|[,.。，]|$)"),  # 브랜드 HANBIT, 品牌HANBIT
        re.compile(rf"{caps}\s*(?i:{words})"),  # HANBIT brand, HANBIT 브랜드, HANBIT品牌
    ]


def _prose_brand(flat: str) -> str | None:
    for pattern in _brand_patterns():
        for m in pattern.finditer(flat):
            brand = brand_name(m.group("v"))
            if brand and not _terms("prose", "self_reference").fullmatch(brand):
                return brand
    return None


# -- validity ------------------------------------------------------------------------------


def _validity(hits: list[LabelHit], flat: str) -> tuple[dt.date | None, dt.date | None]:
    """Labelled period first, then labelled start and end, then a period stated in a sentence."""
    for hit in _ranked(hits, "validity"):
        start, end = period(hit.value or "", bare_is_end=True)
        if start or end:
            return start, end
    start = next((d for h in _ranked(hits, "valid_from") if (d := _first_date(h.value))), None)
    end = next((d for h in _ranked(hits, "valid_until") if (d := _first_date(h.value))), None)
    if start or end:
        return start, end
    return _prose_period(flat)


def _first_date(value: str | None) -> dt.date | None:
    found = find_dates(value or "")
    return found[0].date if found else None


@lru_cache(maxsize=1)
def _joiner() -> re.Pattern[str]:
    joiners = _alternation("dates", "range_joiners")
    opens = _alternation("dates", "from_cues")
    return re.compile(rf"^[\s,]*(?:{opens})?\s*(?:{joiners})\s*(?:{opens})?[\s,]*$", re.IGNORECASE)


def period(value: str, bare_is_end: bool = False) -> tuple[dt.date | None, dt.date | None]:
    """Start and end of a period as printed; "…까지", "until …", "至…止" alone give only the end."""
    dates = find_dates(value)
    for first, second in zip(dates, dates[1:]):
        if _joiner().match(value[first.end:second.start]) and second.date > first.date:
            return first.date, second.date
    for found in dates:
        role = _role(value, found)
        if role == "end":
            return None, found.date
        if role == "start":
            return found.date, None
    if bare_is_end and len(dates) == 1:
        return None, dates[0].date  # "유효기간: 2027. 12. 31.": a validity with one date is its end
    return None, None


def _role(text: str, found: FoundDate) -> str | None:
    """Whether the words right around a lone date make it a period's start or end."""
    after = text[found.end:found.end + 12]
    before = text[max(0, found.start - 20):found.start]
    if re.match(rf"\s*(?:{_alternation('dates', 'until_cues')})", after):
        return "end"
    if re.search(rf"(?:{_alternation('dates', 'until_before')})\s*[:：]?\s*$", before, re.IGNORECASE):
        return "end"
    if re.match(rf"\s*(?:{_alternation('dates', 'from_cues')})", after, re.IGNORECASE):
        return "start"
    if re.search(rf"(?:{_alternation('dates', 'from_cues')})\s*$", before, re.IGNORECASE):
        return "start"
    return None


def _prose_period(flat: str) -> tuple[dt.date | None, dt.date | None]:
    """A period in a sentence; one next to a validity word ("기간", "valid", "期限") first.

    A lone date counts only with a start or end cue beside it: the letter's own date line is not
    its validity.
    """
    validity = _terms("labels", "validity")
    dates = find_dates(flat)
    pairs = [(a, b) for a, b in zip(dates, dates[1:])
             if _joiner().match(flat[a.end:b.start]) and b.date > a.date]
    pairs.sort(key=lambda p: not validity.search(flat[max(0, p[0].start - _NEAR_VALIDITY):p[0].start]))
    if pairs:
        return pairs[0][0].date, pairs[0][1].date
    start = end = None
    for found in dates:
        role = _role(flat, found)
        if role == "end" and end is None:
            end = found.date
        elif role == "start" and start is None:
            start = found.date
    return start, end


# -- text ----------------------------------------------------------------------------------


def _flat(text: str, ocr: bool) -> str:
    """Running text: a wrapped sentence joined into one line, OCR's syllable spacing undone.

    A line stays apart when the one before ends a sentence or a field, or when it starts a label.
    """
    out: list[str] = []
    for raw in text.splitlines():
        line = re.sub(r"[ \t]+", " ", join_spaced_syllables(raw) if ocr else raw).strip()
        if out and out[-1] and line and not _LINE_END.search(out[-1]) and not _LABEL_START.match(line):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return "\n".join(out)
