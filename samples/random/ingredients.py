"""Cosmetics 전성분 in layouts drawn at random: a label's artwork with the list run in among other
text (one column, beside other text, or flowing across two columns), a 전성분표 table ruled or
not, an INCI specification sheet whose Korean column is the truth, and numbered lists.

Truth: the Korean standard names in label order, without parentheticals (CONTRACT.md)."""

from __future__ import annotations

from . import values as V
from .blocks import Columns, Doc, Pair, Pairs, Para, Spacer, Table, Title
from .common import Composed, Rng, page_style
from .values import chance, pick
from .vocab import caption, caption_style, distractor, labels, text

KIND = "ingredient_list"
VOLUMES = ["150 mL", "50 mL", "30 ml", "200ml", "100 g", "80 mL", "1.7 fl.oz. / 50 mL", "15 g"]


def compose(rng: Rng, rendition: str, given: dict | None = None) -> Composed:
    """`given` (optional, for whole cases: samples/random/cases.py) fixes facts instead of drawing
    them: `ingredients` ((Korean, INCI) pairs in label order), `product`. Everything is still drawn
    first, so without `given` the same generator gives the same list."""
    given = given or {}
    layout = pick(rng, ["label", "label_columns", "label_across", "table", "inci", "list"],
                  p=[0.25, 0.15, 0.12, 0.22, 0.13, 0.13])
    lang = "ko" if chance(rng, 0.85) else "en"
    cs = caption_style(rng, lang, p_bilingual=0.3)
    small = layout.startswith("label")
    style = page_style(rng, lang, small=small)
    items = V.ingredient_list(rng)
    items = given.get("ingredients", items)
    names = [k for k, _ in items]
    decorated = set(V.sample(rng, range(1, len(names)), int(rng.integers(0, 4)))) if chance(rng, 0.45) else set()
    printed = [V.with_parenthetical(rng, n) if i in decorated else n for i, n in enumerate(names)]
    product = pick(rng, V.COSMETICS)
    product = given.get("product", product)
    brand = V.brand_name(rng)
    maker = V.ko_company(rng) if chance(rng, 0.6) else V.cn_company(rng, "cosmetics")
    seller = V.ko_company(rng)

    name_mode = pick(rng, ["labelled", "headline", "absent"], p=[0.75, 0.2, 0.05])
    unscored: set[str] = set()
    blocks: list = []
    if small:
        blocks.append(Para(brand, align="center", pt=style.pt * 2, bold=True))
    if name_mode != "absent" and (small or name_mode == "headline"):
        blocks.append(Para(product, align="center", pt=style.pt * 1.4))
    if name_mode == "headline":
        unscored.add("product_name")   # printed, but nothing says it is the product's name
    if not small:
        titles = text(KIND, "titles")
        blocks.insert(0, Title(pick(rng, titles[lang]), align=pick(rng, ["center", "left"]), pt=float(rng.integers(15, 21))))

    def cap(field: str) -> tuple[str, str]:
        return caption(rng, labels(KIND, field), cs)

    others = []
    for name in V.sample(rng, ["volume", "maker", "seller", "lot", "expiry", "usage", "caution", "country", "price",
                               "function"], int(rng.integers(2, 7))):
        label, sub = distractor(rng, KIND, name, cs)
        others.append(Pair(label, _other_value(rng, name, maker, seller), sub, f"look-alike:{name}"))
    name_pair = None
    if name_mode == "labelled":
        label, sub = cap("product_name")
        name_pair = Pair(label, product, sub, "product_name")
    sep_list = pick(rng, [", ", ",", ", ", " · ", "、"] if lang == "ko" else [", ", ","], p=None)
    ing_label, ing_sub = cap("ingredients")
    sep = pick(rng, [": ", " : ", "：", " ", ":\n"])

    heading = f"{ing_label} {ing_sub}".strip()
    if small:
        volume = [] if any(p.field == "look-alike:volume" for p in others) else [Pair(pick(rng, ["용량", "내용량", "Net Wt."]), pick(rng, VOLUMES))]
        fields = ([name_pair] if name_pair else []) + volume + others
        fields = [fields[i] for i in rng.permutation(len(fields))]
        blocks += _label_blocks(rng, layout, fields, heading, sep, sep_list, printed)
    else:
        head = ([name_pair] if name_pair else []) + others[:int(rng.integers(0, 3))]
        if head:
            blocks.append(Pairs(head, pick(rng, ["inline", "table", "table4"]), sep=pick(rng, [": ", " : ", "："]),
                                ruled=chance(rng, 0.6), shade=chance(rng, 0.5)))
        blocks += _sheet_blocks(rng, layout, items, printed, heading, style.pt)
        for s in V.sample(rng, text(KIND, "boilerplate", "caution"), int(rng.integers(0, 3))):
            blocks.append(Para(s, pt=style.pt * 0.9))
        if chance(rng, 0.5):
            blocks.append(Para(f"{maker.ko if lang == 'ko' else maker.en}", align="right"))

    truth = {"product_name": product if name_mode == "labelled" else None, "ingredients": names}
    desc = (f"ingredients {layout} caption={cs.describe()} sep={sep_list!r} parentheticals={len(decorated)} "
            f"name={name_mode} font={style.font_docx} {style.pt}pt")
    hints = ["전성분", f"{product} 라벨", "전성분표", "label", "成分表"]
    return Composed(KIND, truth, desc, doc=Doc(blocks, style), unscored=unscored, names=hints)


def _label_blocks(rng: Rng, layout: str, fields: list[Pair], heading: str, sep: str, sep_list: str,
                  printed: list[str]) -> list:
    """Label artwork: the 전성분 run in among the other items, beside them in a second column, or
    flowing from one column into the next."""
    joined = sep_list.join(printed)
    blocks: list = []
    if layout == "label":
        at = int(rng.integers(0, len(fields) + 1))
        lines = [Pairs(fields[:at], "inline", sep=pick(rng, [": ", " : "]))] if at else []
        lines.append(Para(f"{heading}{sep}{joined}", align="justify"))
        if fields[at:]:
            lines.append(Pairs(fields[at:], "inline", sep=pick(rng, [": ", " : "])))
        blocks.append(_boxed(rng, lines))
    elif layout == "label_columns":
        left = [Pairs(fields, "inline", sep=": ")] + [Para(s) for s in V.sample(rng, text(KIND, "boilerplate", "caution"), 2)]
        right = [Para(heading, bold=True), Para(joined, align="justify")]
        blocks.append(Columns([left, right] if chance(rng, 0.5) else [right, left], ruled=chance(rng, 0.5)))
    else:  # label_across: the list flows from the first column into the second
        cut = max(1, len(printed) // 2 + int(rng.integers(-2, 3)))
        first = Para(f"{heading}{sep}{sep_list.join(printed[:cut])}{sep_list.strip() or ','}", align="justify")
        second = Para(sep_list.join(printed[cut:]), align="justify")
        blocks.append(Pairs(fields, pick(rng, ["inline", "columns"]), sep=": ", per_row=2))
        blocks.append(Columns([[first], [second]], ruled=False))
    if chance(rng, 0.6):
        blocks.append(Para(pick(rng, text(KIND, "boilerplate", "marketing")), align="center", grey=True))
    return blocks


def _sheet_blocks(rng: Rng, layout: str, items: list[tuple[str, str]], printed: list[str], heading: str,
                  pt: float) -> list:
    """A maker's sheet: a 전성분표 table, an INCI specification table, or a numbered list."""
    blocks: list = []
    if layout == "table":
        col = pick(rng, labels(KIND, "ingredient_column")["ko"])
        extra = V.sample(rng, ["percent", "purpose"], int(rng.integers(0, 3)))
        header = [pick(rng, ["No.", "번호", "순번"]), col] + [pick(rng, text(KIND, "distractors", e)["ko"]) for e in extra]
        rows = []
        for i, name in enumerate(printed):
            row = [str(i + 1), name]
            for e in extra:
                row.append(f"{rng.uniform(0.01, 70 if i == 0 else 8):.2f}" if e == "percent" else
                           pick(rng, ["용제", "보습제", "피부컨디셔닝제", "점도조절제", "보존제", "향료", "완충제"]))
            rows.append(row)
        blocks.append(Table(header, rows, ruled=chance(rng, 0.7), shade=chance(rng, 0.5),
                            caption=heading if chance(rng, 0.6) else ""))
    elif layout == "inci":
        kcol = pick(rng, labels(KIND, "ingredient_column")["ko"] + labels(KIND, "ingredient_column")["en"])
        header = [pick(rng, ["No.", "#"]), pick(rng, text(KIND, "distractors", "inci")["en"]), kcol,
                  pick(rng, text(KIND, "distractors", "cas")["en"]), pick(rng, ["% w/w", "함량(%)", "Conc. (%)"])]
        korean_first = chance(rng, 0.5)
        if korean_first:
            header[1], header[2] = header[2], header[1]
        rows = []
        for i, ((_, inci), name) in enumerate(zip(items, printed)):
            cas = f"{int(rng.integers(50, 99999))}-{int(rng.integers(10, 99))}-{int(rng.integers(0, 9))}"
            rows.append([str(i + 1), *([name, inci] if korean_first else [inci, name]), cas, f"{rng.uniform(0.01, 8):.2f}"])
        blocks.append(Table(header, rows, ruled=chance(rng, 0.8), shade=chance(rng, 0.5), pt=pt * 0.9))
    else:  # numbered list, one name per line, in one or two columns
        blocks.append(Para(heading, bold=True))
        lines = [Para(f"{i + 1}. {p}" if chance(rng, 0.9) else p) for i, p in enumerate(printed)]
        if chance(rng, 0.5) and len(lines) > 8:
            half = -(-len(lines) // 2)
            blocks.append(Columns([lines[:half], lines[half:]]))
        else:
            blocks.extend(lines)
    blocks.append(Spacer(4))
    return blocks


def _boxed(rng: Rng, blocks: list) -> object:
    from .blocks import Box

    return Box(blocks, border=float(rng.uniform(0.4, 1.2))) if chance(rng, 0.6) else Columns([blocks])


def _other_value(rng: Rng, name: str, maker, seller) -> str:
    return {
        "volume": lambda: pick(rng, VOLUMES),
        "maker": lambda: maker.ko if chance(rng, 0.7) else maker.en,
        "seller": lambda: seller.ko,
        "lot": lambda: f"{pick(rng, ['L', 'B', ''])}{int(rng.integers(20240101, 20261231))}{pick(rng, ['A', '01', ''])}",
        "expiry": lambda: pick(rng, ["제조일로부터 30개월 (개봉 후 12개월)", "별도 표기일까지", "2028. 05. 31.", "개봉 후 6개월"]),
        "usage": lambda: pick(rng, text(KIND, "boilerplate", "usage")),
        "caution": lambda: pick(rng, text(KIND, "boilerplate", "caution")),
        "country": lambda: pick(rng, ["대한민국", "중국", "Made in Korea", "중국 (OEM)"]),
        "price": lambda: V.price(rng),
        "function": lambda: pick(rng, ["미백, 주름 개선 기능성 화장품", "자외선 차단", "해당 없음"]),
    }[name]()
