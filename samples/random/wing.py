"""Coupang Wing screens drawn at random with Pillow: the product list (any set and order of columns,
several products, the case's among them, ids that differ in the last digits), the 판매중지 관리
page (every row stopped, each for its own reason), a product's detail card (label-left or
label-above, one or two columns, a banner), and the Wing phone app; light and dark themes, with or
without the browser's frame and the left menu, at 1x or 2x.

Truth: the case's row or card. `product_id` is the 노출상품ID when the screen shows one (it is the
id in the product URL, CONTRACT.md), else the 등록상품ID; the bench passes it as the case's
product id, as case.toml would.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from samples.gen.common import nfc

from . import values as V
from .common import Composed, Rng
from .values import chance, pick
from .vocab import caption, caption_style, labels, text

KIND = "seller_center_screenshot"
NANUM = "/usr/share/fonts/truetype/nanum"
NOTO = "/usr/share/fonts/opentype/noto"
FONTS = {  # regular, bold, ttc index
    "Noto Sans CJK KR": (f"{NOTO}/NotoSansCJK-Regular.ttc", f"{NOTO}/NotoSansCJK-Bold.ttc", 1),
    "NanumGothic": (f"{NANUM}/NanumGothic.ttf", f"{NANUM}/NanumGothicBold.ttf", 0),
    "NanumBarunGothic": (f"{NANUM}/NanumBarunGothic.ttf", f"{NANUM}/NanumBarunGothicBold.ttf", 0),
    "NanumSquare": (f"{NANUM}/NanumSquareR.ttf", f"{NANUM}/NanumSquareB.ttf", 0),
}

REASONS = {
    "kc_certification": ["KC 인증 정보 미확인", "KC 인증번호 불일치", "KC 인증서 유효기간 만료", "전기용품 안전인증 정보 누락",
                         "어린이제품 KC 인증 미표시", "전파법 적합성평가 정보 미기재", "KC 인증정보 확인 불가"],
    "ip_infringement": ["지식재산권 침해 신고 접수", "상표권 침해", "권리자 신고(상표권)", "위조상품 의심 신고", "디자인권 침해 신고"],
    "cosmetics_labeling": ["화장품 전성분 표시 누락", "전성분 정보 불일치", "화장품 표시·광고 기준 위반", "사용금지 원료 함유 의심"],
    "listing_mismatch": ["상품정보 불일치", "상세페이지 정보 불일치", "상품 이미지와 실제 상품 불일치", "모델명 정보 불일치",
                         "옵션 정보 오류"],
}
REASONS_EN = {
    "kc_certification": ["KC certification info missing", "KC certificate number mismatch", "KC certificate expired"],
    "ip_infringement": ["Trademark infringement report", "IP rights holder complaint", "Suspected counterfeit"],
    "cosmetics_labeling": ["Full ingredient list missing", "Cosmetics labelling violation"],
    "listing_mismatch": ["Product information mismatch", "Detail page mismatch"],
}
STATUS = {"ko": {"stop": "판매중지", "reject": "승인반려", "on": "판매중", "out": "품절", "wait": "승인대기", "end": "판매종료"},
          "en": {"stop": "Suspended", "reject": "Rejected", "on": "On sale", "out": "Sold out", "wait": "Pending", "end": "Ended"}}


@dataclass
class Theme:
    name: str
    bg: tuple
    panel: tuple
    card: tuple
    text: tuple
    grey: tuple
    line: tuple
    head: tuple
    top: tuple
    top_fg: tuple
    stop_bg: tuple
    stop_fg: tuple
    ok_bg: tuple
    ok_fg: tuple
    banner_bg: tuple
    banner_fg: tuple


LIGHT = Theme("light", (255, 255, 255), (246, 247, 249), (255, 255, 255), (33, 37, 41), (110, 117, 125), (222, 224, 228),
              (240, 242, 245), (35, 47, 62), (235, 238, 242), (253, 232, 234), (214, 48, 49), (230, 245, 236),
              (24, 128, 56), (253, 236, 238), (200, 35, 50))
LIGHT_WHITE_TOP = Theme("light-white", (250, 251, 252), (255, 255, 255), (255, 255, 255), (20, 24, 28), (120, 124, 130),
                        (228, 230, 234), (247, 248, 250), (255, 255, 255), (30, 30, 30), (255, 240, 240), (220, 40, 40),
                        (235, 246, 255), (20, 100, 200), (255, 244, 229), (190, 90, 0))
DARK = Theme("dark", (24, 26, 31), (32, 35, 41), (38, 41, 48), (225, 228, 232), (150, 156, 166), (62, 66, 74),
             (45, 49, 57), (15, 17, 21), (210, 214, 220), (90, 30, 36), (255, 120, 120), (28, 70, 46), (120, 220, 150),
             (70, 28, 34), (255, 150, 150))


class Screen:
    def __init__(self, size: tuple[int, int], theme: Theme, font: str, scale: float):
        self.scale = scale
        self.w, self.h = round(size[0] * scale), round(size[1] * scale)
        self.img = Image.new("RGB", (self.w, self.h), theme.bg)
        self.d = ImageDraw.Draw(self.img)
        self.t = theme
        self.font_name = font

    def s(self, v: float) -> int:
        return round(v * self.scale)

    @functools.lru_cache(maxsize=64)  # noqa: B019 - a Screen lives for one picture
    def f(self, px: float, bold: bool = False) -> ImageFont.FreeTypeFont:
        reg, bld, idx = FONTS[self.font_name]
        return ImageFont.truetype(bld if bold else reg, self.s(px), index=idx)

    def text(self, x: float, y: float, s: str, px: float, bold: bool = False, fill=None, anchor: str = "lm") -> None:
        self.d.text((self.s(x), self.s(y)), nfc(s), font=self.f(px, bold), fill=fill or self.t.text, anchor=anchor)

    def tw(self, s: str, px: float, bold: bool = False) -> float:
        return self.d.textlength(nfc(s), font=self.f(px, bold)) / self.scale

    def rect(self, box, fill=None, outline=None, radius: float = 0, width: float = 1) -> None:
        b = tuple(self.s(v) for v in box)
        if radius:
            self.d.rounded_rectangle(b, radius=self.s(radius), fill=fill, outline=outline, width=max(1, self.s(width)))
        else:
            self.d.rectangle(b, fill=fill, outline=outline, width=max(1, self.s(width)))

    def line(self, x0, y0, x1, y1, fill=None, width: float = 1) -> None:
        self.d.line((self.s(x0), self.s(y0), self.s(x1), self.s(y1)), fill=fill or self.t.line, width=max(1, self.s(width)))

    def badge(self, x: float, y: float, s: str, px: float, kind: str) -> float:
        """A status word in a coloured pill (left edge at x, centred on y); returns its width."""
        bg, fg = {"stop": (self.t.stop_bg, self.t.stop_fg), "ok": (self.t.ok_bg, self.t.ok_fg)}.get(
            kind, (self.t.panel, self.t.grey))
        w = self.tw(s, px, True) + 14
        self.rect((x, y - px * 0.85, x + w, y + px * 0.85), fill=bg, radius=px * 0.4)
        self.text(x + 7, y, s, px, True, fg)
        return w

    def wrap(self, s: str, px: float, width: float, bold: bool = False) -> list[str]:
        words, lines, cur = s.split(" "), [], ""
        for word in words:
            trial = f"{cur} {word}".strip()
            if self.tw(trial, px, bold) <= width or not cur:
                cur = trial
            else:
                lines.append(cur)
                cur = word
        return lines + ([cur] if cur else [])


# --- data ----------------------------------------------------------------------------------------

def _product_names(rng: Rng, k: int) -> list[str]:
    pool = [p for fam in V.PRODUCTS.values() for p in fam] + V.COSMETICS
    names = V.sample(rng, pool, k)
    out = []
    for n in names:
        extra = pick(rng, ["", "", "", f" {V.model(rng)}", " 화이트", " 1+1", " 대용량", f" {V.brand_name(rng)}"])
        out.append((pick(rng, ["", "", f"{V.brand_name(rng)} "]) + n + extra).strip())
    return out


def _near_id(rng: Rng, base: str) -> str:
    """Another listing's id that shares all but the last few digits with the case's."""
    k = int(rng.integers(2, 4))
    tail = str(int(rng.integers(0, 10 ** k))).zfill(k)
    other = base[:-k] + tail
    return other if other != base else base[:-1] + str((int(base[-1]) + 1) % 10)


def _rows(rng: Rng, lang: str, reason_code: str, k: int, stopped_only: bool) -> tuple[list[dict], int]:
    names = _product_names(rng, k)
    case_exposed = V.exposed_id(rng)
    rows = []
    for i in range(k):
        near = chance(rng, 0.4)
        exposed = _near_id(rng, case_exposed) if near else V.exposed_id(rng)
        rows.append({"exposed": exposed, "registered": V.registered_id(rng), "option": V.option_id(rng), "name": names[i],
                     "state": "stop" if stopped_only else pick(rng, ["on", "on", "on", "out", "stop", "wait", "end"]),
                     "reason_code": pick(rng, list(REASONS))})
    idx = int(rng.integers(0, k))
    case = rows[idx]
    case["exposed"] = case_exposed
    case["state"] = "stop" if stopped_only or chance(rng, 0.9) else "reject"
    case["reason_code"] = reason_code
    reasons = REASONS if lang == "ko" else REASONS_EN
    for r in rows:
        r["status"] = STATUS[lang][r["state"]]
        r["reason"] = pick(rng, reasons[r["reason_code"]]) if r["state"] in ("stop", "reject") else pick(rng, ["-", "", ""])
        r["price"] = V.price(rng)
        r["stock"] = str(int(rng.integers(0, 999)))
        r["approval"] = pick(rng, ["승인완료", "승인완료", "승인반려" if r["state"] == "reject" else "승인완료"]) if lang == "ko" else "Approved"
        d = V.date_between(rng, dt.date(2025, 6, 1), dt.date(2026, 11, 20))
        r["created"] = d.strftime(pick(rng, ["%Y-%m-%d", "%Y.%m.%d", "%Y-%m-%d %H:%M"]))
        r["modified"] = (d + dt.timedelta(days=int(rng.integers(1, 60)))).strftime("%Y-%m-%d")
        r["category"] = pick(rng, ["가전디지털 > 계절가전", "뷰티 > 스킨케어", "완구/취미", "생활용품 > 주방", "가전디지털 > 음향기기"])
        r["brand"] = V.brand_name(rng)
        r["seller_code"] = f"{pick(rng, ['SKU', 'HB', 'KR'])}-{int(rng.integers(1000, 99999))}"
        r["shipping"] = pick(rng, ["무료배송", "3,000원", "조건부 무료"])
        stop = V.date_between(rng, dt.date(2026, 11, 1), dt.date(2026, 11, 26))
        r["stopped_at"] = stop.strftime(pick(rng, ["%Y-%m-%d %H:%M", "%Y.%m.%d"])) if r["state"] in ("stop", "reject") else "-"
        r["due"] = (stop + dt.timedelta(days=7)).strftime("%Y-%m-%d") if r["state"] in ("stop", "reject") else "-"
        r["appeal"] = pick(rng, ["소명하기", "검토중", "소명 가능", "미제출"]) if r["state"] == "stop" else "-"
    return rows, idx


# --- views ---------------------------------------------------------------------------------------

def compose(rng: Rng, rendition: str, given: dict | None = None) -> Composed:
    """`given` (optional, for whole cases: samples/random/cases.py) fixes facts instead of drawing
    them: `product_id` (the case row's 노출상품ID, always shown), `product_name`, `reason_code`,
    `vendor` (the account in the top bar). Without `given` the same generator gives the same screen."""
    given = given or {}
    view = pick(rng, ["list", "stopped", "detail", "mobile"], p=[0.38, 0.2, 0.27, 0.15])
    lang = "ko" if chance(rng, 0.85) else "en"
    cs = caption_style(rng, lang, p_bilingual=0.0)
    theme = pick(rng, [LIGHT, LIGHT_WHITE_TOP, DARK], p=[0.45, 0.25, 0.3])
    font = pick(rng, list(FONTS))
    reason_code = pick(rng, list(REASONS))
    reason_code = given.get("reason_code", reason_code)
    vendor = V.ko_company(rng).ko if chance(rng, 0.6) else V.cn_company(rng).en
    vendor = given.get("vendor", vendor)
    vid = V.vendor_id(rng)
    if view in ("list", "stopped"):
        rows, idx = _rows(rng, lang, reason_code, int(rng.integers(3, 9)), stopped_only=view == "stopped")
    else:
        rows, idx = _rows(rng, lang, reason_code, 1, stopped_only=False)
    case = rows[idx]
    if "product_id" in given:
        case["exposed"] = given["product_id"]
    if "product_name" in given:
        case["name"] = given["product_name"]

    def cap(field: str) -> str:
        return caption(rng, labels(KIND, field), cs)[0]

    # Which ids the screen shows: at least one of 노출상품ID and 등록상품ID.
    ids = V.sample(rng, ["exposed", "registered", "option"], int(rng.integers(1, 4)))
    if "exposed" not in ids and "registered" not in ids:
        ids.append(pick(rng, ["exposed", "registered"]))
    if "product_id" in given and "exposed" not in ids:
        ids.append("exposed")
    id_caps = {"exposed": cap("product_id_exposed"), "registered": cap("product_id_registered"),
               "option": caption(rng, text(KIND, "distractors", "option_id"), cs)[0]}
    show_reason = view == "stopped" or chance(rng, 0.75)
    show_status = view in ("list", "stopped") or chance(rng, 0.92)
    product_id = case["exposed"] if "exposed" in ids else case["registered"]
    truth = {"product_id": product_id, "product_name": case["name"], "status": case["status"] if show_status else None,
             "reason": case["reason"] if show_reason else None}
    size = pick(rng, [(1280, 720), (1366, 768), (1440, 900), (1536, 864), (1920, 1080), (1600, 900)])
    scale = 2.0 if size[0] <= 1440 and chance(rng, 0.15) else 1.0
    chrome = chance(rng, 0.6)
    sidebar = chance(rng, 0.5)
    px = float(rng.integers(12, 16))

    def draw() -> Image.Image:
        r = np.random.default_rng(rng_seed)
        if view == "mobile":
            return _mobile(r, rows[idx], ids, id_caps, cap, truth, theme, font, lang)
        scr = Screen(size, theme, font, scale)
        y = _frame(scr, r, chrome, sidebar, vendor, vid, view, lang, case)
        x0 = 230 if sidebar else 24
        if view == "detail":
            _detail(scr, r, x0, y, case, ids, id_caps, cap, show_status, show_reason, px, lang)
        else:
            _table(scr, r, x0, y, rows, ids, id_caps, cap, show_reason, view, px, lang)
        return scr.img

    rng_seed = int(rng.integers(0, 2**31))
    if view == "mobile":
        desc = f"wing mobile theme={theme.name} lang={lang} font={font} ids={'+'.join(ids)}"
    else:
        desc = (f"wing {view} theme={theme.name} lang={lang} font={font} {px:.0f}px size={size[0]}x{size[1]}@{scale:g}x "
                f"ids={'+'.join(ids)} rows={len(rows)}{' chrome' if chrome else ''}{' sidebar' if sidebar else ''}")
    return Composed(KIND, truth, desc, screen=draw, context={"product_id": product_id},
                    names=["wing", "쿠팡윙 캡처", "판매중지 화면"])


def _frame(scr: Screen, rng, chrome: bool, sidebar: bool, vendor: str, vid: str, view: str, lang: str, case: dict) -> float:
    """Browser frame, Wing's top bar with the account, the left menu and the page title; returns the y below."""
    t, w = scr.t, scr.w / scr.scale
    y = 0.0
    if chrome:
        scr.rect((0, 0, w, 36), fill=(222, 225, 230) if t.name != "dark" else (40, 42, 48))
        titles = text(KIND, "titles")
        scr.rect((8, 6, 290, 36), fill=t.bg)
        scr.text(22, 21, pick(rng, titles["list"]) + " - 쿠팡 윙", 12, fill=t.grey)
        scr.rect((0, 36, w, 76), fill=t.bg)
        scr.rect((80, 43, w - 140, 69), fill=t.panel, radius=13)
        path = {"list": "vendor-inventory/list?searchKeywordType=ALL", "stopped": "vendor-inventory/suspended",
                "detail": f"vendor-inventory/modify?vendorInventoryId={case['registered']}"}[view]
        scr.text(100, 56, f"wing.coupang.com/{path}", 12.5, fill=t.grey)
        y = 76
    scr.rect((0, y, w, y + 52), fill=t.top)
    scr.text(20, y + 26, "coupang wing", 19, True, fill=(255, 255, 255) if t.top != (255, 255, 255) else (20, 20, 20))
    menu_x = 200
    for item in V.sample(rng, text(KIND, "titles")["menu"], 5):
        scr.text(menu_x, y + 26, item, 13.5, fill=t.top_fg)
        menu_x += scr.tw(item, 13.5) + 26
    scr.text(w - 20, y + 26, f"{vendor} ({vid})" if chance(rng, 0.7) else vendor, 13, fill=t.top_fg, anchor="rm")
    y += 52
    if sidebar:
        scr.rect((0, y, 206, scr.h / scr.scale), fill=t.panel)
        for i, item in enumerate(["상품관리", "  상품 조회/수정", "  판매중지 관리", "  상품 등록", "주문/배송", "정산", "고객관리",
                                  "판매자정보"]):
            scr.text(18, y + 26 + i * 32, item, 13.5, bold=item.strip() in ("상품 조회/수정", "판매중지 관리") and
                     (item.strip() == "판매중지 관리") == (view == "stopped"), fill=t.grey)
    x0 = 230 if sidebar else 24
    key = {"list": "list", "stopped": "stopped", "detail": "detail"}[view]
    scr.text(x0, y + 34, pick(rng, text(KIND, "titles")[key]), 21, True)
    return y + 62


def _columns(rng, ids, id_caps, cap, show_reason, view, lang) -> list[tuple[str, str]]:
    cols = [(k, id_caps[k]) for k in ids]
    cols.append(("name", cap("product_name")))
    cols.append(("status", cap("status")))
    if show_reason:
        cols.append(("reason", cap("reason")))
    extra = {"list": ["price", "stock", "approval", "created", "modified", "category", "brand", "seller_code", "shipping"],
             "stopped": ["stopped_at", "due", "appeal", "category", "price"]}[view]
    for k in V.sample(rng, extra, int(rng.integers(1, 5))):
        name = {"seller_code": "seller_code", "stopped_at": "stopped_at"}.get(k, k)
        table = text(KIND, "distractors", name)
        cols.append((k, pick(rng, table.get(lang) or table["ko"])))
    order = list(rng.permutation(len(cols)))
    cols = [cols[i] for i in order]
    if chance(rng, 0.55):
        cols.sort(key=lambda c: c[0] not in ("exposed", "registered", "option"))
    return cols


def _table(scr: Screen, rng, x0: float, y: float, rows, ids, id_caps, cap, show_reason, view, px, lang) -> None:
    t = scr.t
    w = scr.w / scr.scale
    right = w - 24
    if view == "stopped" or chance(rng, 0.6):
        note = ("판매중지된 상품은 처리기한 내에 소명자료를 제출해 주세요. 기한이 지나면 상품이 삭제될 수 있습니다."
                if view == "stopped" else f"검색 결과 총 {len(rows)}건   |   판매상태: 전체   |   기간: 최근 3개월")
        scr.rect((x0, y, right, y + 38), fill=t.panel, outline=t.line)
        scr.text(x0 + 14, y + 19, note if lang == "ko" else f"{len(rows)} results", 13, fill=t.grey)
        y += 52
    if view == "list" and chance(rng, 0.5):  # the filter bar: captions with empty boxes, no values
        xs = x0
        for label in V.sample(rng, ["검색어", "판매상태", "등록상품ID", "상품명", "카테고리", "기간"], 3):
            scr.text(xs, y + 16, label, 13, fill=t.grey)
            bx = xs + scr.tw(label, 13) + 10
            scr.rect((bx, y + 3, bx + 150, y + 29), fill=t.card, outline=t.line, radius=4)
            xs = bx + 175
        scr.rect((xs, y + 3, xs + 70, y + 29), fill=(52, 108, 230), radius=4)
        scr.text(xs + 35, y + 16, "검색", 13, True, fill=(255, 255, 255), anchor="mm")
        y += 46
    cols = _columns(rng, ids, id_caps, cap, show_reason, view, lang)
    check = chance(rng, 0.5)
    pad = 12
    cols, widths, px = _fit(scr, rows, cols, px, right - x0 - (34 if check else 0), pad)
    name_i = [k for k, _ in cols].index("name")
    row_h = float(rng.integers(int(px * 2.6), int(px * 4)))
    thumbs = chance(rng, 0.4)
    head_h = px * 2.8
    scr.rect((x0, y, right, y + head_h), fill=t.head)
    x = x0 + (34 if check else 0)
    if check:
        scr.rect((x0 + 10, y + head_h / 2 - 7, x0 + 24, y + head_h / 2 + 7), outline=t.grey)
    for (_key, head), cw in zip(cols, widths):
        scr.text(x + pad, y + head_h / 2, head, px, True, fill=t.grey if t.name == "dark" else (50, 50, 50))
        x += cw
    y += head_h
    for r in rows:
        name_w = widths[name_i] - 2 * pad - (row_h * 0.7 + 8 if thumbs else 0)
        name_lines = scr.wrap(r["name"], px, name_w)
        h = max(row_h, len(name_lines) * px * 1.45 + 12)
        scr.line(x0, y, right, y)
        if check:
            scr.rect((x0 + 10, y + h / 2 - 7, x0 + 24, y + h / 2 + 7), outline=t.grey)
        x = x0 + (34 if check else 0)
        for (key, _), cw in zip(cols, widths):
            cy = y + h / 2
            if key == "status":
                scr.badge(x + pad, cy, r["status"], px - 1, "stop" if r["state"] in ("stop", "reject") else
                          ("ok" if r["state"] == "on" else "grey"))
            elif key == "name":
                tx = x + pad
                if thumbs:
                    s = row_h * 0.7
                    scr.rect((tx, cy - s / 2, tx + s, cy + s / 2), fill=t.panel, outline=t.line)
                    tx += s + 8
                top = cy - (len(name_lines) - 1) * px * 0.725
                for j, ln in enumerate(name_lines):
                    scr.text(tx, top + j * px * 1.45, ln, px, fill=(52, 108, 230) if t.name != "dark" else (140, 180, 255))
            elif key == "appeal" and r[key] in ("소명하기",):
                bw = scr.tw(r[key], px - 1) + 16
                scr.rect((x + pad, cy - px, x + pad + bw, cy + px), outline=(52, 108, 230), radius=4)
                scr.text(x + pad + 8, cy, r[key], px - 1, fill=(52, 108, 230))
            else:
                colour = t.stop_fg if key == "reason" and r["state"] in ("stop", "reject") else t.text
                scr.text(x + pad, cy, r.get(key, ""), px, fill=colour)
            x += cw
        y += h
    scr.line(x0, y, right, y)
    scr.text(x0, y + 30, f"총 {len(rows)}개" if lang == "ko" else f"{len(rows)} items", 13, fill=t.grey)
    scr.text(right, y + 30, "< 1 >", 13, fill=t.grey, anchor="rm")


def _fit(scr: Screen, rows: list[dict], cols: list[tuple[str, str]], px: float, avail: float,
         pad: float) -> tuple[list[tuple[str, str]], list[float], float]:
    """Column widths from their contents; too wide, a decoy column goes or the text gets smaller.
    What is left over goes to the product name; names that still do not fit wrap in their cell."""
    while True:
        widths = []
        for key, head in cols:
            cells = [r.get(key, "") for r in rows]
            widths.append(max([scr.tw(head, px, True)] + [scr.tw(c, px, key == "status") + (16 if key == "status" else 0)
                                                          for c in cells]) + 2 * pad)
        if sum(widths) <= avail or px <= 11:
            break
        droppable = [i for i, (k, _) in enumerate(cols) if k not in ("exposed", "registered", "name", "status", "reason")]
        if droppable:
            cols.pop(droppable[-1])
        else:
            px -= 1
    name_i = [k for k, _ in cols].index("name")
    extra = avail - sum(widths)
    widths[name_i] = max(widths[name_i] + extra, 120) if extra < 0 else widths[name_i] + extra
    return cols, widths, px


def _detail(scr: Screen, rng, x0: float, y: float, case, ids, id_caps, cap, show_status, show_reason, px, lang) -> None:
    t = scr.t
    right = scr.w / scr.scale - 30
    banner = chance(rng, 0.6) and case["state"] in ("stop", "reject")
    if banner:
        msg = ("판매가 중지된 상품입니다." if lang == "ko" else "This product has been suspended.")
        if show_reason and chance(rng, 0.5):
            msg += f"  {cap('reason')}: {case['reason']}"
        scr.rect((x0, y, right, y + 46), fill=t.banner_bg, outline=t.stop_fg)
        scr.text(x0 + 18, y + 23, "⚠ " + msg, px + 1, True, fill=t.banner_fg)
        y += 64
    pairs = [(id_caps[k], case[k], k) for k in ids]
    pairs.append((cap("product_name"), case["name"], "name"))
    if show_status:
        pairs.append((cap("status"), case["status"], "status"))
    if show_reason:
        pairs.append((cap("reason"), case["reason"], "reason"))
    for k in V.sample(rng, ["brand", "category", "price", "created", "modified", "model", "maker", "shipping"],
                      int(rng.integers(2, 6))):
        if k == "model":
            pairs.append((pick(rng, ["모델명", "Model", "모델"]), V.model(rng), k))
        elif k == "maker":
            pairs.append((pick(rng, ["제조사", "제조자", "Manufacturer"]), V.cn_company(rng).en, k))
        else:
            table = text(KIND, "distractors", k)
            pairs.append((pick(rng, table.get(lang) or table["ko"]), case[k], k))
    order = list(rng.permutation(len(pairs)))
    pairs = [pairs[i] for i in order]
    per_row = pick(rng, [1, 1, 2, 3])
    stacked = chance(rng, 0.4)
    label_w = float(rng.integers(130, 190))
    widest = max(scr.tw(v, px) for _, v, _ in pairs) + 40 + (0 if stacked else label_w + 16)
    while per_row > 1 and (right - x0) / per_row < widest:  # a value never runs into the next column
        per_row -= 1
    col_w = (right - x0) / per_row
    row_h = px * (4.2 if stacked else 3.0)
    for i, (label, value, key) in enumerate(pairs):
        r, c = divmod(i, per_row)
        x, yy = x0 + c * col_w, y + r * row_h
        if stacked:
            scr.rect((x + 4, yy + 4, x + col_w - 8, yy + row_h - 4), fill=t.card, outline=t.line, radius=6)
            scr.text(x + 18, yy + row_h * 0.33, label, px - 1, fill=t.grey)
            vy = yy + row_h * 0.68
            vx = x + 18
        else:
            scr.rect((x, yy, x + label_w, yy + row_h), fill=t.panel)
            scr.line(x, yy + row_h, x + col_w, yy + row_h)
            scr.text(x + 14, yy + row_h / 2, label, px, True, fill=t.grey)
            vy, vx = yy + row_h / 2, x + label_w + 16
        if key == "status":
            scr.badge(vx, vy, value, px, "stop" if case["state"] in ("stop", "reject") else "ok")
        else:
            colour = t.stop_fg if key == "reason" else t.text
            scr.text(vx, vy, value, px, fill=colour)


def _mobile(rng, case, ids, id_caps, cap, truth, theme: Theme, font: str, lang: str) -> Image.Image:
    scale = pick(rng, [1.0, 1.5])
    scr = Screen((720, 1480), theme, font, scale)
    t = scr.t
    scr.rect((0, 0, 720, 1480), fill=t.panel)
    scr.text(32, 28, f"{int(rng.integers(9, 23))}:{int(rng.integers(10, 59))}", 24, True)
    scr.text(688, 28, "LTE ▮▮▮ " + f"{int(rng.integers(15, 99))}%", 20, anchor="rm")
    scr.rect((0, 56, 720, 140), fill=t.card)
    scr.text(360, 98, pick(rng, text(KIND, "titles")["mobile"]), 30, True, anchor="mm")
    scr.text(30, 98, "〈", 30, anchor="lm")
    y = 166.0
    name_lines = scr.wrap(case["name"], 30, 520, True)
    card_h = 60 + 40 * len(name_lines)
    scr.rect((24, y, 696, y + card_h), fill=t.card, radius=18)
    scr.rect((44, y + 20, 124, y + 100), fill=t.panel)
    for j, ln in enumerate(name_lines):
        scr.text(146, y + 40 + j * 40, ln, 30, True)
    y += card_h + 24
    pairs = [(id_caps[k], case[k], k) for k in ids]
    if truth["status"]:
        pairs.append((cap("status"), case["status"], "status"))
    if truth["reason"]:
        pairs.append((cap("reason"), case["reason"], "reason"))
    pairs.append((pick(rng, ["판매가", "Price"]), case["price"], "price"))
    pairs.append((pick(rng, ["등록일", "Created"]), case["created"], "created"))
    order = list(rng.permutation(len(pairs)))
    pairs = [pairs[i] for i in order]
    scr.rect((24, y, 696, y + 84 * len(pairs) + 20), fill=t.card, radius=18)
    for label, value, key in pairs:
        scr.text(50, y + 52, label, 25, fill=t.grey)
        colour = t.stop_fg if key in ("status", "reason") and case["state"] in ("stop", "reject") else t.text
        lines = scr.wrap(value, 26, 380, True)
        for j, ln in enumerate(lines):
            scr.text(670, y + 52 + j * 32, ln, 26, True, fill=colour, anchor="rm")
        y += 84 + 32 * (len(lines) - 1)
    y += 50
    notice = ["판매중지 상품은 소명자료를 제출해 주세요.", "처리 결과는 알림으로 안내됩니다."] if lang == "ko" else [
        "Please submit documents for suspended items."]
    scr.rect((24, y, 696, y + 50 + 44 * len(notice)), fill=t.banner_bg, radius=18)
    for i, ln in enumerate(notice):
        scr.text(50, y + 44 + 44 * i, ln, 23, fill=t.banner_fg)
    return scr.img
