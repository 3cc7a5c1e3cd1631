"""Brand authorization letters in Korean, English and Chinese wordings: a form with the parties in
any pair layout, a prose letter that names them only in running text, or a letter on the
grantor's letterhead; a square 직인, a round 公章, a pen signature, or nothing over the signature
line; look-alike parties and dates around (addresses, 사업자등록번호, 상표등록번호, the letter's own date)."""

from __future__ import annotations

import datetime as dt

from . import values as V
from .blocks import Doc, Letterhead, Pair, Pairs, Para, Signature, Spacer, Title
from .common import Composed, Rng, cn_round_seal, page_style, signature_mark, square_seal
from .values import chance, pick
from .vocab import caption, caption_style, distractor, labels, text

KIND = "authorization_letter"
OPEN_END = {"ko": "별도 해지 통보 시까지", "en": "until revoked in writing", "zh": "书面撤销之日止"}
CLAUSES = {
    "ko": ["수임인은 위임 브랜드 제품을 쿠팡(Coupang)에서 판매할 수 있습니다.",
           "수임인은 위임 범위를 벗어나 상표를 사용할 수 없으며, 제3자에게 재위임할 수 없습니다.",
           "위임인은 위 기간 동안 수임인의 판매 활동과 관련된 지식재산권 문제에 대하여 책임을 집니다.",
           "본 위임장은 쿠팡 마켓플레이스 판매 목적에 한하여 사용됩니다.",
           "위임기간 중 계약이 해지되는 경우 위임인은 즉시 쿠팡에 통지합니다."],
    "en": ["The Grantee may list and sell genuine products bearing the brand on Coupang.",
           "This authorization is non-exclusive and non-transferable.",
           "The Grantee shall not sub-license the trademark to any third party.",
           "This letter is issued for the purpose of Coupang marketplace registration only."],
    "zh": ["被授权方可在Coupang平台销售授权品牌的正品。", "本授权为非独家授权，不得转授权给第三方。",
           "被授权方应遵守韩国相关法律法规。", "本授权书仅用于Coupang平台销售。"],
}


def compose(rng: Rng, rendition: str, given: dict | None = None) -> Composed:
    """`given` (optional, for whole cases: samples/random/cases.py) fixes facts instead of drawing
    them: `seller` (a values.Company, named in the letter's language), `grantee` (a name as printed),
    `brand`, `valid_from`, `valid_until` (None: open-ended), `signature` (seal, handwritten, none).
    Everything is still drawn first, so without `given` the same generator gives the same letter."""
    given = given or {}
    lang = pick(rng, ["ko", "en", "zh"], p=[0.55, 0.3, 0.15])
    family = pick(rng, ["form", "prose", "letter"], p=[0.45, 0.3, 0.25])
    cs = caption_style(rng, lang, p_bilingual=0.25)
    dstyle = V.date_style(rng, lang)
    style = page_style(rng, lang)

    cn_owner = chance(rng, 0.6)
    owner = V.cn_company(rng, pick(rng, ["electric", "toy", "cosmetics", "general"])) if cn_owner else V.ko_company(rng)
    seller = V.ko_company(rng) if chance(rng, 0.6) else V.cn_company(rng, "general")
    seller = given.get("seller", seller)
    grantor = owner.form(lang) if cn_owner else (owner.ko if lang == "ko" else owner.en)
    if seller.ko == seller.zh:  # a Korean firm: its Korean name, or its English one in an English letter
        grantee = seller.en if lang == "en" else seller.ko
    else:                       # a Chinese seller: named in the letter's language, or in English
        grantee = seller.en if lang == "ko" and chance(rng, 0.5) else seller.form(lang)
    brand = V.brand_name(rng)
    start = V.date_between(rng, dt.date(2025, 1, 1), dt.date(2027, 6, 30))
    if chance(rng, 0.5):
        start = start.replace(day=1)
    end = None if chance(rng, 0.1) else V.add_years(start, int(rng.integers(1, 4))) - dt.timedelta(days=1)
    signed = start - dt.timedelta(days=int(rng.integers(0, 40)))
    rep = V.ko_person(rng) if not cn_owner else V.cn_person(rng)[{"ko": 1, "en": 0, "zh": 2}[lang]]
    grantee, brand = given.get("grantee", grantee), given.get("brand", brand)
    if "valid_from" in given:
        signed = given["valid_from"] - (start - signed)
        start = given["valid_from"]
    end = given.get("valid_until", end)

    def d(x: dt.date) -> str:
        return V.fmt_date(x, dstyle)

    period_text = V.fmt_range(start, end, dstyle, lang, rng, OPEN_END[lang])
    split_period = family == "form" and chance(rng, 0.4)

    blocks: list = []
    if family == "letter":
        addr = V.cn_address(rng, lang) if cn_owner else V.ko_address(rng)
        blocks.append(Letterhead(grantor, [addr, f"Tel. {V.phone(rng)}"]))
    title = pick(rng, text(KIND, "titles")[lang])
    blocks.append(Title(title, align=pick(rng, ["center", "center", "left"]), pt=float(rng.integers(16, 24)),
                        spaced=lang == "ko" and chance(rng, 0.4)))
    if chance(rng, 0.6):
        blocks.append(Para({"ko": pick(rng, ["수신: 쿠팡 주식회사", "수신 : 쿠팡(주) 판매자 지원팀", "쿠팡 주식회사 귀중"]),
                            "en": pick(rng, ["To: Coupang Corp.", "To whom it may concern", "Attn: Coupang Seller Support"]),
                            "zh": pick(rng, ["致：Coupang", "致：韩国Coupang平台"])}[lang]))

    prose = _prose(rng, lang, grantor, grantee, brand, period_text, family)
    layout = family
    if family == "form":
        values = {"grantor": grantor, "grantee": grantee, "brand": brand, "period": period_text,
                  "valid_from": d(start), "valid_until": d(end) if end else OPEN_END[lang]}
        pairs = _form_pairs(rng, cs, lang, values, split_period, owner, seller, signed, rep, d)
        fam = pick(rng, ["inline", "table", "table4", "grid"], p=[0.3, 0.4, 0.15, 0.15])
        layout += "+" + fam
        blocks.append(Pairs(pairs, fam, sep=pick(rng, [": ", " : ", "："] if lang != "en" else [": ", " - "]),
                            ruled=chance(rng, 0.6), shade=chance(rng, 0.5), per_row=int(rng.integers(2, 4)),
                            label_width=float(rng.integers(22, 36)), aligned=chance(rng, 0.4)))
        blocks.append(Para(prose[1] if chance(rng, 0.5) else prose[2], align="justify"))
    else:
        blocks.append(Para(prose[0], align="justify"))
        blocks.append(Para(prose[3], align="justify"))
    for i, c in enumerate(V.sample(rng, CLAUSES[lang], int(rng.integers(1, 4)))):
        blocks.append(Para(f"{i + 1}. {c}" if chance(rng, 0.6) else c))
    blocks.append(Spacer(float(rng.integers(4, 14))))
    signature = pick(rng, ["seal", "handwritten", "none"], p=[0.5, 0.25, 0.25])
    signature = given.get("signature", signature)
    blocks.append(_signature(rng, signature, lang, owner, cn_owner, grantor, rep, d(signed)))

    truth = {"grantor": grantor, "grantee": grantee, "brand": brand, "valid_from": start.isoformat(),
             "valid_until": end.isoformat() if end else None, "signature": signature}
    desc = (f"letter {lang} {layout}{' split-period' if split_period else ''} caption={cs.describe()} date={dstyle} "
            f"signature={signature} font={style.font_docx} {style.pt}pt")
    hints = ["위임장", "Authorization Letter", "授权书", f"{brand} 위임장", "LOA"]
    footer = pick(rng, ["", "", "1/1", f"{grantor} | {V.phone(rng)}"])
    return Composed(KIND, truth, desc, doc=Doc(blocks, style, footer=footer), names=hints)


def _form_pairs(rng: Rng, cs, lang: str, values: dict, split_period: bool, owner, seller, signed: dt.date, rep: str,
                d) -> list[Pair]:
    """The form's captioned parties, brand and period (one range, or from and until apart), with
    look-alikes, in any order (often grantor and grantee first)."""
    fields = ["grantor", "grantee", "brand"] + (["valid_from", "valid_until"] if split_period else ["period"])
    pairs = []
    for name in fields:
        label, sub = caption(rng, labels(KIND, name), cs)
        pairs.append(Pair(label, values[name], sub, name))
    for name in V.sample(rng, ["address", "brn", "representative", "trademark_no", "territory", "platform",
                               "products", "letter_date", "contact"], int(rng.integers(2, 6))):
        label, sub = distractor(rng, KIND, name, cs)
        pairs.append(Pair(label, _distractor_value(rng, name, lang, owner, seller, signed, rep, d), sub,
                          f"look-alike:{name}"))
    pairs = [pairs[i] for i in rng.permutation(len(pairs))]
    if chance(rng, 0.5):
        pairs.sort(key=lambda p: {"grantor": 0, "grantee": 1}.get(p.field, 2))
    return pairs


def _signature(rng: Rng, signature: str, lang: str, owner, cn_owner: bool, grantor: str, rep: str,
               date_line: str) -> Signature:
    """The signature block: a seal (round 公章 for a Chinese owner, else a square 직인), a pen
    signature, or nothing over the printed signature line."""
    mark = None
    if signature == "seal":
        round_ = cn_owner and (lang != "ko" or chance(rng, 0.5))
        mark = cn_round_seal(rng, owner.zh) if round_ else square_seal(rng, owner.ko)
    elif signature == "handwritten":
        mark = signature_mark(rng)
    lines = {"ko": [date_line, f"위임인: {grantor}" if chance(rng, 0.5) else grantor,
                    f"대표이사 {rep} {pick(rng, ['(인)', '(서명)', '(직인)'])}"],
             "en": [f"Date: {date_line}", "For and on behalf of", grantor, f"Name: {rep}",
                    pick(rng, ["Authorized Signature: ____________", "Signature: ____________", "By: ____________"])],
             "zh": [f"日期：{date_line}", f"授权方（盖章）：{grantor}", f"法定代表人：{rep}"]}[lang]
    return Signature(lines, mark, mark_mm=float(rng.integers(22, 34)) if signature == "seal" else 42,
                     align=pick(rng, ["right", "right", "left", "center"]))


def _prose(rng: Rng, lang: str, grantor: str, grantee: str, brand: str, period: str, family: str) -> list[str]:
    """[body naming every party, short body for under a form, other short body, period sentence]."""
    if lang == "ko":
        body = pick(rng, [
            f"{grantor}(이하 \"위임인\")는 {grantee}(이하 \"수임인\")에게 위임인이 보유한 {brand} 상표가 부착된 제품을 "
            f"쿠팡(Coupang)에서 판매할 수 있는 권한을 아래와 같이 위임합니다.",
            f"당사 {grantor}는 {brand} 브랜드의 상표권자로서, {grantee}가 쿠팡에서 당사 제품을 판매하는 것을 허락합니다.",
        ])
        period_s = pick(rng, [f"위임기간: {period}", f"본 위임의 유효기간은 {period}로 합니다.", f"위임 기간은 {period}입니다."])
        return [body, "위 위임인은 상기 수임인에게 아래 브랜드 제품의 판매 권한을 위임합니다.",
                "상기와 같이 판매 권한을 위임함을 확인합니다.", period_s]
    if lang == "en":
        body = pick(rng, [
            f"We, {grantor}, the owner of the trademark {brand}, hereby authorize {grantee} to sell products bearing "
            f"the {brand} trademark on Coupang in the Republic of Korea.",
            f"{grantor} (the \"Licensor\") hereby grants {grantee} (the \"Licensee\") the right to distribute {brand} "
            f"branded products through the Coupang marketplace.",
        ])
        period_s = pick(rng, [f"This authorization is valid {period}.", f"Term of authorization: {period}.",
                              f"The authorization shall remain in force {period}."])
        return [body, "The Grantor hereby authorizes the Grantee as set out above.",
                "We confirm the authorization described in this letter.", period_s]
    body = pick(rng, [f"兹授权{grantee}在韩国Coupang平台销售我公司（{grantor}）{brand}品牌的产品。",
                      f"{grantor}作为{brand}商标的持有人，特此授权{grantee}在Coupang平台销售{brand}品牌商品。"])
    period_s = pick(rng, [f"授权期限：{period}。", f"本授权有效期{period}。"])
    return [body, "授权方特此授权被授权方在上述范围内销售授权品牌产品。", "特此授权。", period_s]


def _distractor_value(rng, name, lang, owner, seller, signed, rep, d) -> str:
    if name == "address":
        return V.ko_address(rng) if chance(rng, 0.5) else V.cn_address(rng, lang)
    if name == "brn":
        return V.business_number(rng) if lang != "zh" else f"91440300MA5{int(rng.integers(10**6, 10**7 - 1))}X"
    if name == "representative":
        return rep
    if name == "trademark_no":
        return pick(rng, [f"40-{int(rng.integers(1000000, 2199999))}", f"第{int(rng.integers(10**7, 6 * 10**7))}号",
                          f"40-{int(rng.integers(1000000, 2199999))}-0000"])
    if name == "territory":
        return {"ko": "대한민국", "en": "Republic of Korea", "zh": "韩国"}[lang]
    if name == "platform":
        return pick(rng, ["쿠팡(Coupang)", "Coupang (www.coupang.com)", "쿠팡 마켓플레이스", "Coupang"])
    if name == "products":
        return pick(rng, ["전 제품", "LED 조명 전 품목", "All products", "全部产品", "소형 가전 전 품목"])
    if name == "letter_date":
        return d(signed)
    if name == "contact":
        return V.phone(rng)
    raise ValueError(name)
