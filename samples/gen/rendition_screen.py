"""A 1x browser screenshot of Coupang Wing's product list (상품 조회/수정), the way sellers send them.

Drawn at screen resolution (1440x900, about 96 DPI, 13 px text), no sidebar, so the reading
order is simply line by line. Each drawn line is recorded as ground truth, cells left to right.
"""

from __future__ import annotations

from PIL import Image, ImageDraw, ImageFont

from .common import FONTS, nfc

SIZE = (1440, 900)
INK, GREY, RED = (33, 37, 41), (110, 117, 125), (214, 48, 49)

ROWS = [
    ("7455120983", "블루투스 스피커 HB-200W", "HB-200W", "39,900원", "120", "판매중지", "KC 인증 정보 미확인"),
    ("7455120991", "USB 탁상용 선풍기 FN-M12", "FN-M12", "15,900원", "340", "판매중", "-"),
    ("7455121004", "전기 온수매트 싱글", "HM-W300", "89,000원", "42", "판매중", "-"),
    ("7455121017", "유아용 목재 블록 48pcs", "WB-48", "24,500원", "0", "품절", "-"),
    ("7455121025", "미니 가습기 H2", "HB-H200", "19,800원", "210", "판매중지", "KC 인증번호 불일치"),
    ("7455121033", "65W USB-C 고속 충전기", "RD-C65W", "32,000원", "95", "승인반려", "인증서 유효기간 만료"),
    ("7455121046", "LED 무드등 침실 수유등", "MW-USB10", "12,900원", "500", "판매중", "-"),
    ("7455121058", "차량용 무선 충전 거치대", "CW-15Q", "27,900원", "77", "판매중", "-"),
]
COLS = (40, 170, 470, 620, 740, 820, 930)
HEAD = ("등록상품ID", "등록상품명", "모델명", "판매가", "재고", "판매상태", "사유")


class Screen:
    def __init__(self):
        self.img = Image.new("RGB", SIZE, (245, 246, 248))
        self.draw = ImageDraw.Draw(self.img)
        self.lines: list[str] = []

    def line(self, y: int, cells: list[tuple[int, str]], px: int = 13, bold: bool = False,
             fill: tuple[int, int, int] = INK) -> None:
        font = ImageFont.truetype(FONTS["gothic-bold" if bold else "gothic"], px)
        for x, text in cells:
            color = RED if text in ("판매중지", "승인반려") else fill
            self.draw.text((x, y), nfc(text), font=font, fill=color, anchor="lm")
        self.lines.append(" ".join(text for _, text in cells))

    def rect(self, box: tuple[int, int, int, int], fill, outline=None) -> None:
        self.draw.rectangle(box, fill=fill, outline=outline)


def wing_screenshot() -> tuple[Image.Image, str]:
    """The picture and its ground truth."""
    s = Screen()
    w, _ = SIZE
    # Browser chrome: one tab, then the address bar.
    s.rect((0, 0, w, 38), (222, 225, 230))
    s.rect((8, 6, 300, 38), (255, 255, 255))
    s.line(22, [(24, "상품 조회/수정 - 쿠팡 윙")], px=12)
    s.rect((0, 38, w, 78), (255, 255, 255))
    s.draw.rounded_rectangle((80, 45, w - 120, 71), radius=13, fill=(241, 243, 244))
    s.line(58, [(100, "wing.coupang.com/vendor-inventory/list?status=SUSPENDED")], px=13, fill=GREY)
    # Wing's own header: logo, menu, the signed-in account.
    s.rect((0, 79, w, 130), (255, 255, 255))
    s.draw.line((0, 130, w, 130), fill=(225, 228, 232))
    menu = [(40, "coupang wing"), (230, "상품관리"), (320, "주문/배송"), (420, "정산"), (490, "고객관리"),
            (590, "광고관리"), (1180, "주식회사 한빛무역 (A00123456)")]
    s.line(104, menu, px=14, bold=True)
    s.line(172, [(40, "상품 조회/수정")], px=20, bold=True)
    s.line(214, [(40, "판매상태"), (120, "전체 8"), (200, "판매중 4"), (290, "판매중지 2"),
                 (390, "승인반려 1"), (490, "품절 1")], px=13)
    top, h = 246, 44
    s.rect((30, top, w - 30, top + h * (len(ROWS) + 1)), (255, 255, 255), outline=(220, 223, 228))
    s.rect((31, top + 1, w - 31, top + h), (248, 249, 250))
    s.line(top + h // 2, list(zip(COLS, HEAD)), px=13, bold=True)
    for i, row in enumerate(ROWS, start=1):
        y = top + i * h
        s.draw.line((30, y, w - 30, y), fill=(233, 236, 239))
        s.line(y + h // 2, list(zip(COLS, row)), px=13)
    s.line(top + h * (len(ROWS) + 1) + 34, [(40, "총 8개 상품"), (1290, "1 / 1 페이지")], px=13, fill=GREY)
    return s.img, "\n".join(s.lines)
