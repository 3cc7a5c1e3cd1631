"""KC certificates in layouts drawn at random: every scheme (안전인증, 안전확인, 공급자적합성확인,
전파법 적합성평가), the bodies that issue them, Korean / English / Chinese / bilingual captions,
any pair layout of blocks.py or numbered lines or running prose, and the fields that look like ours
but are not (신청인, 수입자, 파생모델, 시험일자, 성적서 번호 …)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from . import values as V
from .blocks import Doc, Pair, Pairs, Para, Signature, Spacer, Style, Table, Title
from .common import Composed, Rng, page_style, square_seal
from .values import chance, pick
from .vocab import CaptionStyle, caption, caption_style, distractor, labels, text

KIND = "kc_certificate"

ISSUERS = {
    "KTL": ("한국산업기술시험원", "Korea Testing Laboratory", "韩国产业技术试验院"),
    "KTC": ("한국기계전기전자시험연구원", "Korea Testing Certification", "韩国机械电气电子试验研究院"),
    "KTR": ("한국화학융합시험연구원", "Korea Testing & Research Institute", "韩国化学融合试验研究院"),
    "KCL": ("한국건설생활환경시험연구원", "Korea Conformity Laboratories", "韩国建设生活环境试验研究院"),
    "FITI": ("FITI시험연구원", "FITI Testing & Research Institute", "FITI试验研究院"),
    "KATRI": ("KATRI시험연구원", "Korea Apparel Testing & Research Institute", "KATRI试验研究院"),
}
RRA = ("RRA", ("국립전파연구원", "National Radio Research Agency", "国立电波研究院"))

# (scheme, product family, weight); a children's 안전인증 has its own captions and titles.
VARIANTS = [("safety_certification", "electric", 0.2), ("safety_certification", "children", 0.07),
            ("safety_confirmation", "electric", 0.25), ("safety_confirmation", "children", 0.12),
            ("safety_confirmation", "household", 0.06), ("supplier_conformity", "electric", 0.12),
            ("radio_conformity", "radio", 0.18)]

CATEGORIES = {"electric": ["전기용 가습기류", "전열기구", "전기스탠드", "기타 전기기기", "전동기기류", "직류전원장치"],
              "children": ["완구", "유아용 섬유제품", "아동용 이단침대", "어린이용 킥보드", "유아용 의자"],
              "household": ["생활용품", "주방용품", "욕실용품"], "radio": ["방송통신기자재", "무선기기", "정보기기"]}
STANDARDS = ["KC 60335-1, KC 60335-2-98", "KC 60335-1:2020", "KC 61558-1, KC 61558-2-16", "KS C IEC 61000-3-2",
             "KN 32, KN 35", "어린이제품 공통안전기준", "완구 안전기준 (부속서 1)", "KC 60950-1", "KC 62368-1"]
RATINGS = ["AC 220V 60Hz 1200W", "DC 5V 2A 10W", "AC 100-240V 50/60Hz, DC 20V 3.25A", "AC 220V 60Hz 45W", "DC 3.7V 2000mAh",
           "입력: AC 220V 60Hz / 출력: DC 12V 1A"]
COUNTRIES = {"ko": ["중국", "중국 (China)", "중화인민공화국"], "en": ["China", "P.R. China", "CHINA"], "zh": ["中国", "中华人民共和国"]}


#: Words a caption, title or sentence must not carry for a product family (a kettle's certificate
#: does not say 어린이제품 or 생활용품).
FOREIGN = {"electric": ("어린이", "생활용품", "Children", "儿童"), "household": ("어린이", "전기용품", "Children", "儿童"),
           "children": ("전기용품", "생활용품"), "radio": ("어린이", "생활용품", "전기용품", "Children", "儿童")}


def fits(family: str, items: list[str]) -> list[str]:
    kept = [x for x in items if not any(w in x for w in FOREIGN[family])]
    return kept or items


def _key(scheme: str, family: str) -> str:
    return "children_certification" if (scheme, family) == ("safety_certification", "children") else scheme


@dataclass
class Cert:
    """One certificate's facts, and how this one prints them."""

    scheme: str
    family: str
    key: str              # the caption / title set: the scheme, or children's 안전인증
    lang: str
    cs: CaptionStyle
    dstyle: str
    style: Style
    abbr: str
    names: tuple[str, str, str]
    issue: dt.date
    number: str | None
    printed_number: str | None
    maker: V.Company
    maker_name: str
    applicant: V.Company
    product: str
    model: str
    expiry: dt.date | None
    show: dict = field(default_factory=dict)   # which fields are printed, and where

    def d(self, rng: Rng, x: dt.date) -> str:
        """A date in the certificate's style (now and then another, as offices mix them)."""
        return V.fmt_date(x, self.dstyle if chance(rng, 0.9) else V.date_style(rng, self.lang))


def compose(rng: Rng, rendition: str, given: dict | None = None) -> Composed:
    """`given` (optional, for whole cases: samples/random/cases.py) fixes facts instead of drawing
    them: `scheme`, `product`, `model`, `expiry` (a date, or None for none printed), `number` (the
    number as printed, any shape). Everything is still drawn first, so without `given` the same
    generator gives the same certificate."""
    c = _facts(rng)
    if given:
        _apply(rng, c, given)
    pairs, issuer_printed = _field_pairs(rng, c)
    derived = V.derived_models(rng, c.model, int(rng.integers(1, 4)))
    pairs += _lookalikes(rng, c, derived)
    pairs = [pairs[i] for i in rng.permutation(len(pairs))]
    if chance(rng, 0.5):
        pairs.sort(key=lambda p: p.field != "certificate_number")  # the number first, as most bodies print it
    blocks, layout, sealed, header, footer = _page(rng, c, pairs, derived)
    show = c.show
    truth = {"certificate_number": c.number.upper() if c.number else None, "scheme": c.scheme,
             "product_name": c.product if show["product_name"] else None,
             "model_name": c.model if show["model_name"] or show["prose"] else None,
             "manufacturer": c.maker_name if show["manufacturer"] else None,
             "issuer": c.abbr if (show["issuer_field"] or show["issuer_sign"]) else None,
             "issue_date": c.issue.isoformat(), "expiry_date": c.expiry.isoformat() if c.expiry else None}
    ko, en, zh = c.names
    accept = {"issuer": sorted({c.abbr, ko, en, zh, issuer_printed, f"{ko} ({c.abbr})", f"{ko}({c.abbr})", ko + "장",
                                f"{en} ({c.abbr})"})}
    unscored = {"issuer"} if c.scheme == "supplier_conformity" else set()
    desc = (f"kc {c.key} {layout} caption={c.cs.describe()} date={c.dstyle} font={c.style.font_docx} {c.style.pt}pt"
            + (" number-top" if show["number_top"] else "") + (" seal" if sealed else ""))
    hints = [f"KC인증서_{c.model}", "인증서", f"{c.product} 인증서", "KC", "안전확인증명서", "certificate", "证书"]
    return Composed(KIND, truth, desc, doc=Doc(blocks, c.style, header=header, footer=footer),
                    unscored=unscored, accept=accept, names=hints)


def _facts(rng: Rng) -> Cert:
    scheme, family, _ = V.pick(rng, VARIANTS, p=[w for *_, w in VARIANTS])
    lang = pick(rng, ["ko", "en", "zh"], p=[0.77, 0.15, 0.08])
    cs, dstyle, style = caption_style(rng, lang), V.date_style(rng, lang), page_style(rng, lang)
    abbr, names = RRA if scheme == "radio_conformity" else V.pick(rng, list(ISSUERS.items()))
    issue = V.date_between(rng, dt.date(2021, 1, 4), dt.date(2026, 11, 20))
    number = None if scheme == "supplier_conformity" else V.kc_number(rng, scheme, family, issue.year)
    printed = number
    if number and scheme == "radio_conformity" and chance(rng, 0.15):
        head, _, tail = number.rpartition("-")
        printed = f"{head}-{tail.lower()}"  # a lower-case product code; the contract wants it upper-cased
    trade = {"electric": "electric", "children": "toy", "household": "general", "radio": "radio"}[family]
    maker = V.cn_company(rng, trade) if chance(rng, 0.85) else V.ko_company(rng)
    maker_name = maker.form(lang) if lang != "ko" else (maker.en if chance(rng, 0.6) else maker.ko)
    applicant = V.ko_company(rng)
    product = V.product(rng, family, "en" if lang == "en" and chance(rng, 0.7) else "ko")
    model = V.model(rng)
    expiry = None
    if scheme == "safety_certification" and chance(rng, 0.4):
        expiry = V.add_years(issue, pick(rng, [3, 5])) - dt.timedelta(days=1)
    c = Cert(scheme, family, _key(scheme, family), lang, cs, dstyle, style, abbr, names, issue, number, printed,
             maker, maker_name, applicant, product, model, expiry)
    issuer_field = chance(rng, 0.5)
    date_field = chance(rng, 0.7)
    c.show = {"product_name": chance(rng, 0.92), "model_name": chance(rng, 0.97), "manufacturer": chance(rng, 0.88),
              "number_top": number is not None and chance(rng, 0.22),   # "제 YU…호" above the title, no caption
              "prose": scheme in ("radio_conformity", "supplier_conformity") and chance(rng, 0.35),
              "issuer_field": issuer_field,
              "issuer_sign": scheme != "supplier_conformity" and (chance(rng, 0.85) or not issuer_field),
              "date_field": date_field, "date_bottom": chance(rng, 0.7) or not date_field,
              "layout": pick(rng, ["inline", "table", "table4", "grid", "columns"], p=[0.25, 0.3, 0.15, 0.18, 0.12])}
    return c


def _apply(rng: Rng, c: Cert, given: dict) -> None:
    """Overrides for a case's certificate (see `compose`), kept consistent with the rest of the facts."""
    scheme = given.get("scheme", c.scheme)
    if scheme != c.scheme:
        c.scheme = scheme
        if scheme == "radio_conformity":
            c.family = "radio"
        elif c.family == "radio" or scheme == "supplier_conformity":
            c.family = "electric"
        c.key = _key(scheme, c.family)
        if scheme == "radio_conformity":
            c.abbr, c.names = RRA
        elif c.abbr == "RRA":
            c.abbr, c.names = V.pick(rng, list(ISSUERS.items()))
        c.number = None if scheme == "supplier_conformity" else V.kc_number(rng, scheme, c.family, c.issue.year)
        c.printed_number = c.number
        c.show["prose"] = c.show["prose"] and scheme in ("radio_conformity", "supplier_conformity")
        c.show["issuer_sign"] = scheme != "supplier_conformity"
        c.show["number_top"] = c.show["number_top"] and c.number is not None
    if "product" in given:
        c.product = given["product"]
    if "model" in given:
        c.model = given["model"]
        c.show["model_name"] = True
    if "expiry" in given:
        c.expiry = given["expiry"]
        if c.expiry is not None:
            issue = V.add_years(c.expiry + dt.timedelta(days=1), -pick(rng, [3, 5]))
            c.issue = min(issue, c.expiry - dt.timedelta(days=30))
    if "number" in given:
        c.number = c.printed_number = given["number"]
        c.show["number_top"] = c.show["number_top"] and c.number is not None


def _field_pairs(rng: Rng, c: Cert) -> tuple[list[Pair], str]:
    """The contract's fields as captioned pairs (those this certificate prints as pairs)."""
    pairs: list[Pair] = []
    show, prose = c.show, c.show["prose"]

    def add(field: str, table: dict, value: str) -> None:
        label, sub = caption(rng, table, c.cs)
        pairs.append(Pair(label, value, sub, field))

    if c.number and not show["number_top"] and not prose:
        shown = f"제 {c.printed_number} 호" if c.lang == "ko" and chance(rng, 0.12) else c.printed_number
        add("certificate_number", {k: fits(c.family, v) for k, v in labels(KIND, c.key).items()}, shown)
    if chance(rng, 0.3):
        add("scheme", labels(KIND, "scheme"), pick(rng, fits(c.family, text(KIND, "scheme_names", c.key))))
    if show["product_name"]:
        add("product_name", labels(KIND, "product_name"), c.product)
    if show["model_name"] and not prose:
        add("model_name", labels(KIND, "model_name"), c.model)
    if show["manufacturer"]:
        add("manufacturer", labels(KIND, "manufacturer"), c.maker_name)
    ko, en, zh = c.names
    issuer_printed = {"ko": pick(rng, [ko, f"{ko} ({c.abbr})", f"{ko}({c.abbr})", c.abbr]),
                      "en": pick(rng, [en, f"{en} ({c.abbr})", c.abbr]),
                      "zh": pick(rng, [zh, f"{zh}（{c.abbr}）", c.abbr])}[c.lang]
    if show["issuer_field"]:
        add("issuer", labels(KIND, "issuer"), issuer_printed)
    date_key = {"safety_confirmation": "issue_date_confirmation", "supplier_conformity": "issue_date_confirmation",
                "radio_conformity": "issue_date_radio"}.get(c.scheme, "issue_date")
    if show["date_field"] and not prose:
        add("issue_date", labels(KIND, date_key), c.d(rng, c.issue))
    if c.expiry:
        if chance(rng, 0.5):
            add("expiry_date", labels(KIND, "expiry_date"), c.d(rng, c.expiry))
        else:
            add("expiry_date", labels(KIND, "validity"), V.fmt_range(c.issue, c.expiry, c.dstyle, c.lang, rng))
    return pairs, issuer_printed


def _lookalikes(rng: Rng, c: Cert, derived: list[str]) -> list[Pair]:
    """Fields that look like ours and are not: another company, other dates, other numbers."""
    pool = ["applicant", "importer", "country", "address", "brn", "test_date", "receipt_date", "report_no",
            "standard", "category", "brand", "representative", "remarks", "factory"]
    pool += {"electric": ["rating", "derived"], "children": ["age", "derived"], "household": ["derived"],
             "radio": ["rating", "derived"]}[c.family]
    out = []
    for name in V.sample(rng, pool, int(rng.integers(2, 8))):
        value = _distractor_value(rng, name, c.lang, c.applicant, c.maker, c.issue, derived, c.family, c.abbr,
                                  lambda x: c.d(rng, x))
        label, sub = distractor(rng, KIND, name, c.cs)
        out.append(Pair(label, value, sub, f"look-alike:{name}"))
    return out


def _page(rng: Rng, c: Cert, pairs: list[Pair], derived: list[str]) -> tuple[list, str, bool, str, str]:
    """Blocks top to bottom: number or document number, title, prose, the pairs (maybe in two
    sections), a derived-model table, boilerplate, the date, the issuer's line and seal."""
    show, ko, en, zh = c.show, *c.names
    blocks: list = []
    if show["number_top"]:
        blocks.append(Para(pick(rng, [f"제 {c.printed_number} 호", f"No. {c.printed_number}", f"제{c.printed_number}호"]),
                           align=pick(rng, ["left", "right"])))
    elif chance(rng, 0.3):
        doc_no = f"{c.abbr}-{c.issue.year}-{int(rng.integers(1000, 99999)):05d}"
        blocks.append(Para(f"{pick(rng, ['문서번호', 'Doc. No.', '발급번호'])}: {doc_no}", align="right",
                           pt=c.style.pt * 0.85, grey=True))
    blocks.append(_title(rng, c))
    layout = show["layout"]
    if show["prose"]:
        layout = "prose+" + layout
        sentence = _prose(rng, c.scheme, c.lang, c.printed_number, c.product, c.model, c.d(rng, c.issue))
        blocks.append(Para(sentence, align="justify"))
        show["product_name"] = show["product_name"] or c.product in sentence  # printed, if only in the sentence
    if chance(rng, 0.25) and len(pairs) > 5:
        layout += "+sections"
        cut = int(rng.integers(2, len(pairs) - 2))
        heads = pick(rng, [("1. 제품 정보", "2. 업체 정보"), ("■ 인증 내용", "■ 신청인"), ("Product", "Company"),
                           ("가. 인증 대상", "나. 인증 받은 자")])
        for head, part in ((heads[0], pairs[:cut]), (heads[1], pairs[cut:])):
            blocks.append(Para(head, bold=True))
            blocks.append(_pairs_block(rng, part, show["layout"], c.lang))
    else:
        blocks.append(_pairs_block(rng, pairs, show["layout"], c.lang))
    if all(p.field != "look-alike:derived" for p in pairs) and chance(rng, 0.3):
        layout += "+derived-table"
        head = [pick(rng, ["모델명", "파생모델명", "Model", "모델", "型号"]), pick(rng, ["색상", "비고", "Colour", "차이점"])]
        blocks.append(Table(head, [[m, pick(rng, ["화이트", "블랙", "색상만 다름", "용량만 다름"])] for m in derived],
                            ruled=chance(rng, 0.7),
                            caption=pick(rng, ["파생모델 목록", "[파생모델]", "Derived models", "시리즈 모델"])))
    bp = text(KIND, "boilerplate")
    sentences = bp.get(c.lang) if c.lang in ("en", "zh") else fits(c.family, bp[c.key])
    blocks.append(Spacer(float(rng.integers(2, 10))))
    for s in V.sample(rng, sentences, int(rng.integers(1, 3))):
        blocks.append(Para(s, align=pick(rng, ["center", "left", "justify"])))
    if show["date_bottom"]:
        blocks.append(Spacer(float(rng.integers(3, 12))))
        blocks.append(Para(c.d(rng, c.issue), align=pick(rng, ["center", "right"]), pt=c.style.pt + 1))
    seal = None
    if show["issuer_sign"]:
        head = {"ko": ko + pick(rng, ["장", "장", ""]), "en": f"President, {en}", "zh": zh}[c.lang]
        if chance(rng, 0.65):
            seal = square_seal(rng, ko + "장")
        blocks.append(Signature([head], seal, mark_mm=float(rng.integers(18, 28)), align=pick(rng, ["center", "right"])))
    elif c.scheme == "supplier_conformity":
        seal = square_seal(rng, c.applicant.ko) if chance(rng, 0.5) else None
        blocks.append(Signature([c.applicant.ko, f"대표이사 {V.ko_person(rng)} (인)"], seal))
    footer = ""
    if chance(rng, 0.5):
        printed_at = f"출력일시: 2026-11-{int(rng.integers(1, 27)):02d} {int(rng.integers(9, 18))}:{int(rng.integers(0, 59)):02d}"
        footer = pick(rng, text(KIND, "boilerplate", "notes") + [f"{ko} · {en}", "1 / 1", printed_at])
    header = pick(rng, ["", "", f"{c.abbr}  {en}", "제품안전정보센터 safetykorea.kr", ko])
    return blocks, layout, seal is not None, header, footer


def _title(rng: Rng, c: Cert) -> Title:
    titles = text(KIND, "titles", c.key)
    title = pick(rng, fits(c.family, titles[c.lang] if c.lang in titles else titles["ko"]))
    subs = []
    if c.lang == "ko" and chance(rng, 0.5):
        subs.append(pick(rng, fits(c.family, titles["en"])))
    if chance(rng, 0.4):
        law = {"children": ["「어린이제품 안전 특별법」"], "radio": ["「전파법」 제58조의2", "방송통신기자재등의 적합성평가에 관한 고시"]}
        subs.append(pick(rng, law.get(c.family, ["「전기용품 및 생활용품 안전관리법」", "(전기용품 및 생활용품 안전관리법 시행규칙 별지 서식)"])))
    return Title(title, subs, align=pick(rng, ["center", "center", "left"]), pt=float(rng.integers(16, 25)),
                 spaced=chance(rng, 0.3))


def _pairs_block(rng: Rng, pairs: list[Pair], family: str, lang: str) -> Pairs:
    sep = pick(rng, [": ", " : ", "：", "  ", ":", " - "], p=[0.35, 0.2, 0.15 if lang != "en" else 0.0, 0.1, 0.1,
                                                                0.1 if lang != "en" else 0.25])
    per_row = int(rng.integers(2, 4))
    block = Pairs(pairs, family, sep=sep, ruled=chance(rng, 0.6), shade=chance(rng, 0.5), per_row=per_row,
                  label_width=float(rng.integers(22, 38)) if family != "inline" else float(rng.integers(28, 48)),
                  aligned=chance(rng, 0.4), label_bold=chance(rng, 0.7))
    if family == "inline" and chance(rng, 0.3):  # numbered lines, as 적합성평가 확인서 and 공문 number them
        marks = pick(rng, [lambda i: f"{i}. ", lambda i: "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"[i - 1] + " ",
                           lambda i: "가나다라마바사아자차카타파하거너더러머버서"[i - 1] + ". ", lambda i: "■ ", lambda i: "- "])
        block.pairs = [Pair(marks(i + 1) + p.label, p.value, p.sub, p.field) for i, p in enumerate(pairs)]
    return block


def _distractor_value(rng, name, lang, applicant, maker, issue, derived, family, abbr, d) -> str:
    if name == "applicant":
        return applicant.form(lang) if lang != "ko" else applicant.ko
    if name == "importer":
        return V.ko_company(rng).ko
    if name == "country":
        return pick(rng, COUNTRIES[lang])
    if name == "address":
        return V.ko_address(rng) if chance(rng, 0.5) else V.cn_address(rng, lang)
    if name == "factory":
        return V.cn_address(rng, lang)
    if name == "brn":
        return V.business_number(rng) if lang != "zh" else f"91440300MA5{int(rng.integers(10**6, 10**7 - 1))}X"
    if name == "test_date":
        a = issue - dt.timedelta(days=int(rng.integers(10, 60)))
        return d(a) if chance(rng, 0.6) else f"{d(a - dt.timedelta(days=int(rng.integers(5, 20))))} ~ {d(a)}"
    if name == "receipt_date":
        return d(issue - dt.timedelta(days=int(rng.integers(20, 90))))
    if name == "report_no":
        return V.report_number(rng, abbr, issue.year)
    if name == "standard":
        return pick(rng, STANDARDS)
    if name == "category":
        return pick(rng, CATEGORIES[family])
    if name == "brand":
        return V.brand_name(rng)
    if name == "representative":
        return V.ko_person(rng) if lang == "ko" else V.cn_person(rng)[0 if lang == "en" else 2]
    if name == "remarks":
        return pick(rng, ["해당 없음", "-", "파생모델 포함", "색상만 다름", "정기검사 대상", "N/A"])
    if name == "rating":
        return pick(rng, RATINGS)
    if name == "derived":
        return ", ".join(derived)
    if name == "age":
        return pick(rng, ["3세 이상", "만 14세 미만", "36개월 이상", "8세 이상"])
    raise ValueError(name)


def _prose(rng: Rng, scheme: str, lang: str, number: str | None, product: str, model: str, date: str) -> str:
    """Running sentences that carry the number, model and date, as some 확인서 print them."""
    if scheme == "radio_conformity":
        if lang == "en":
            return (f"The equipment {product}, model {model}, has been registered under Article 58-2 of the Radio Waves Act "
                    f"on {date} with the identification code {number}.")
        return pick(rng, [
            f"위 기자재({product}, 모델명 {model})는 「전파법」 제58조의2에 따라 {date}에 적합등록되었으며, 식별부호는 {number}입니다.",
            f"{product} {model} 기자재는 {date} 적합성평가를 받았음을 확인합니다. (식별부호: {number})",
        ])
    if lang == "en":
        return f"We declare that the product {product} (model {model}) conforms to the applicable safety standards as of {date}."
    return pick(rng, [
        f"당사는 아래 제품 {product}(모델명 {model})이 관련 안전기준에 적합함을 {date}에 확인하였습니다.",
        f"{date} 현재 모델 {model}은(는) 「전기용품 및 생활용품 안전관리법」 제23조에 따른 공급자적합성확인 대상으로서 안전기준에 적합합니다.",
    ])
