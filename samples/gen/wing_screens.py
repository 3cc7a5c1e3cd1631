"""Coupang Wing screenshots (DOMAIN.md §3.1) at the size a seller's screen captures them: a desktop
product list at 1x, a product detail page, and the Wing phone app.

Drawn with Pillow as a browser would paint them: anti-aliased UI text, grey rules, coloured badges.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from .common import FONTS, nfc

NAVY, GREY, LINE, RED = (35, 47, 62), (110, 110, 110), (222, 224, 228), (215, 38, 61)


def _f(px: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(FONTS["noto-bold" if bold else "noto"], px, index=1)


def _chrome(d: ImageDraw.ImageDraw, w: int, vendor: str, title: str) -> None:
    """The Wing frame: a dark top bar with the seller account, the left menu, the page title."""
    d.rectangle((0, 0, w, 48), fill=NAVY)
    d.text((20, 24), "coupang wing", font=_f(20, True), fill="white", anchor="lm")
    d.text((w - 20, 24), nfc(vendor), font=_f(13), fill=(220, 225, 232), anchor="rm")
    d.rectangle((0, 48, 190, 2000), fill=(246, 247, 249))
    for i, item in enumerate(("홈", "상품관리", "  상품 조회/수정", "  상품 등록", "주문/배송", "정산", "고객관리",
                              "판매자정보")):
        d.text((18, 78 + i * 32), item, font=_f(14, item == "  상품 조회/수정"),
               fill=NAVY if item.startswith("  상품 조") else GREY)
    d.text((220, 70), nfc(title), font=_f(22, True), fill=(20, 20, 20))


def wing_list(path: Path, *, vendor: str, rows: list[dict], size: tuple[int, int] = (1366, 768)) -> None:
    """The 상품 조회/수정 table: one row per listing, the sale state as a coloured word."""
    w, h = size
    img = Image.new("RGB", size, "white")
    d = ImageDraw.Draw(img)
    _chrome(d, w, vendor, "상품 조회/수정")
    d.rectangle((220, 112, w - 24, 150), outline=LINE, fill=(250, 250, 251))
    d.text((234, 131), "검색 결과 총 " + str(len(rows)) + "건   |   판매상태: 전체   |   기간: 최근 3개월",
           font=_f(13), fill=GREY, anchor="lm")
    cols = [("등록상품ID", 222), ("상품명", 340), ("판매가", 760), ("재고", 850), ("판매상태", 920), ("사유", 1030)]
    y = 168
    d.rectangle((220, y, w - 24, y + 36), fill=(240, 242, 245))
    for label, x in cols:
        d.text((x + 6, y + 18), label, font=_f(14, True), fill=(50, 50, 50), anchor="lm")
    for row in rows:
        y += 36
        d.line((220, y, w - 24, y), fill=LINE)
        stopped = row["status"] != "판매중"
        for key, x in zip(("product_id", "product_name", "price", "stock", "status", "reason"),
                          (c[1] for c in cols)):
            colour = RED if key == "status" and stopped else (30, 30, 30)
            d.text((x + 6, y + 18), nfc(row.get(key, "")), font=_f(14, key == "status"), fill=colour, anchor="lm")
    d.line((220, y + 36, w - 24, y + 36), fill=LINE)
    _save(img, path)


def wing_detail(path: Path, *, vendor: str, fields: list[tuple[str, str]], banner: str,
                size: tuple[int, int] = (1440, 900)) -> None:
    """One listing's page: a red banner with the stop reason, then label/value pairs in a grid."""
    w, h = size
    img = Image.new("RGB", size, "white")
    d = ImageDraw.Draw(img)
    _chrome(d, w, vendor, "상품 상세정보")
    d.rectangle((220, 112, w - 30, 160), fill=(253, 236, 238), outline=(240, 180, 188))
    d.text((240, 136), "⚠ " + nfc(banner), font=_f(15, True), fill=RED, anchor="lm")
    y = 188
    for label, value in fields:
        d.rectangle((220, y, 420, y + 42), fill=(246, 247, 249))
        d.line((220, y + 42, w - 30, y + 42), fill=LINE)
        d.text((236, y + 21), nfc(label), font=_f(15, True), fill=(60, 60, 60), anchor="lm")
        d.text((440, y + 21), nfc(value), font=_f(15), fill=RED if "중지" in value else (25, 25, 25),
               anchor="lm")
        y += 42
    _save(img, path)


def wing_mobile(path: Path, *, fields: list[tuple[str, str]], notice: list[str],
                size: tuple[int, int] = (720, 1520)) -> None:
    """The Wing phone app at 2x density: status bar, a card per field, the notice text below."""
    w, h = size
    img = Image.new("RGB", size, (244, 245, 247))
    d = ImageDraw.Draw(img)
    d.text((32, 30), "9:41", font=_f(26, True), fill="black", anchor="lm")
    d.text((w - 32, 30), "LTE ▮▮▮ 82%", font=_f(22), fill="black", anchor="rm")
    d.rectangle((0, 60, w, 150), fill="white")
    d.text((w / 2, 105), "상품 상세", font=_f(32, True), fill="black", anchor="mm")
    d.text((36, 105), "〈", font=_f(32), fill="black", anchor="lm")
    y = 180
    d.rounded_rectangle((24, y, w - 24, y + 92 * len(fields) + 24), radius=18, fill="white")
    for label, value in fields:
        d.text((52, y + 46), nfc(label), font=_f(26), fill=GREY, anchor="lm")
        d.text((w - 52, y + 46), nfc(value), font=_f(27, True), fill=RED if "중지" in value else (20, 20, 20),
               anchor="rm")
        y += 92
    y += 60
    d.rounded_rectangle((24, y, w - 24, y + 60 + 44 * len(notice)), radius=18, fill=(255, 246, 246))
    for i, line in enumerate(notice):
        d.text((52, y + 44 + 44 * i), nfc(line), font=_f(24), fill=(90, 30, 30), anchor="lm")
    _save(img, path)


def _save(img: Image.Image, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path, optimize=True)
