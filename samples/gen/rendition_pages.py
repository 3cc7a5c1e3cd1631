"""Source pages for the renditions: KC certificate pages drawn at 300 DPI whose text is known exactly.

Every piece of text goes through `Page.line`, which draws it and records it as one line of the
ground truth, cells left to right, in the order the lines are drawn (top to bottom). That is the
reading order a line-by-line OCR gives, so the ground truth needs no second copy of the content.
No seals or logos: their ink would count as text nobody can score.
"""

from __future__ import annotations

from .raster import Sheet

Cell = tuple[float, str] | tuple[float, str, bool]  # x in mm, text, bold


class Page:
    """A Sheet that remembers what was written on it."""

    def __init__(self, name: str, font: str):
        self.name = name
        self.sheet = Sheet(font)
        self.lines: list[str] = []

    def line(self, y: float, cells: list[Cell], pt: float = 12, anchor: str = "la") -> None:
        for cell in cells:
            x, text, bold = (*cell, False)[:3]
            self.sheet.text(x, y, text, pt=pt, bold=bold, anchor=anchor)
        self.lines.append(" ".join(cell[1] for cell in cells))

    def center(self, y: float, text: str, pt: float = 12, bold: bool = False) -> None:
        self.line(y, [(105, text, bold)], pt=pt, anchor="mm")

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def cert_serif() -> Page:
    """안전인증서, label-colon lines in Noto Serif (the charger case's layout, other numbers)."""
    p = Page("cert_serif", "serif")
    p.sheet.box(15, 15, 195, 282, width=6)
    p.sheet.box(18, 18, 192, 279, width=2)
    p.center(38, "[전기용품] 안전인증서", pt=24, bold=True)
    p.center(50, "(전기용품 및 생활용품 안전관리법 제5조)", pt=11)
    rows = [
        ("인증번호", "HU071695-24012A"),
        ("제품명", "전기 온수매트"),
        ("모델명", "HM-W300"),
        ("파생모델", "HM-W300S, HM-W300D"),
        ("정격", "AC 220V 60Hz 300W"),
        ("제조사", "Zhejiang Wenhe Electric Co., Ltd."),
        ("제조국", "중국"),
        ("수입자", "원허코리아 주식회사"),
        ("인증기관", "한국기계전기전자시험연구원 (KTC)"),
        ("인증일자", "2024. 9. 2."),
    ]
    y = 68
    for label, value in rows:
        p.line(y, [(30, label, True), (62, ":"), (67, value)], pt=13)
        y += 13
    p.center(y + 14, "위 제품은 「전기용품 및 생활용품 안전관리법」 제5조에 따라", pt=12.5)
    p.center(y + 23, "안전인증을 받았음을 증명합니다.", pt=12.5)
    p.center(240, "2024. 9. 2.", pt=13)
    p.center(258, "한국기계전기전자시험연구원장", pt=18, bold=True)
    return p


def cert_table() -> Page:
    """안전확인 신고 증명서 in NanumGothic: a ruled two-column table, then a derived-model table."""
    p = Page("cert_table", "gothic")
    p.center(30, "[전기용품] 안전확인 신고 증명서", pt=20, bold=True)
    p.center(40, "「전기용품 및 생활용품 안전관리법」 제15조제1항", pt=10)
    rows = [
        ("신고번호", "YU10128-24007"),
        ("제품명", "USB 탁상용 선풍기"),
        ("모델명", "FN-M12"),
        ("정격", "DC 5V 2A 10W"),
        ("제조업자", "Ningbo Fengye Appliance Co., Ltd."),
        ("제조국", "중국"),
        ("수입업자", "주식회사 펑예코리아"),
        ("적용 안전기준", "KC 60335-2-80"),
        ("시험기관", "한국산업기술시험원 (KTL)"),
        ("신고일자", "2024. 6. 17."),
    ]
    top, h = 50, 12
    p.sheet.box(20, top, 190, top + h * len(rows), width=4)
    p.sheet.rule(62, top, 62, top + h * len(rows), width=3)
    for i, (label, value) in enumerate(rows):
        if i:
            p.sheet.rule(20, top + i * h, 190, top + i * h, width=2)
        p.line(top + i * h + h / 2, [(24, label, True), (67, value)], pt=12, anchor="lm")
    p.line(184, [(20, "파생모델 목록", True)], pt=12)
    cols = (24, 74, 124)
    models = [("모델명", "색상", "비고"), ("FN-M12W", "화이트", "기본모델과 색상만 다름"),
              ("FN-M12B", "블랙", "기본모델과 색상만 다름"), ("FN-M12P", "핑크", "기본모델과 색상만 다름")]
    top2 = 192
    p.sheet.box(20, top2, 190, top2 + 10 * len(models), width=3)
    for i, cells in enumerate(models):
        if i:
            p.sheet.rule(20, top2 + i * 10, 190, top2 + i * 10, width=2)
        p.line(top2 + i * 10 + 5, [(x, c, i == 0) for x, c in zip(cols, cells)], pt=11, anchor="lm")
    for x in (70, 120):
        p.sheet.rule(x, top2, x, top2 + 10 * len(models), width=2)
    p.center(245, "위 제품은 안전확인 신고가 되었음을 증명합니다.", pt=12)
    p.center(258, "2024. 6. 17.", pt=12)
    p.center(270, "한국산업기술시험원장", pt=16, bold=True)
    return p


def children_cert() -> Page:
    """[어린이제품] 안전확인 신고 증명서 in Noto Sans, two columns of label/value pairs."""
    p = Page("children_cert", "noto")
    p.center(30, "[어린이제품] 안전확인 신고 증명서", pt=21, bold=True)
    p.center(41, "Certificate of Safety Confirmation (Children's Products)", pt=11)
    p.sheet.rule(20, 49, 190, 49, width=5)
    pairs = [
        (("신고번호", "CB063R11534-5002"), ("제품명", "유아용 목재 블록")),
        (("모델명", "WB-48"), ("품목", "완구")),
        (("제조사", "Yiwu Mubai Toys"), ("제조국", "중국")),
        (("수입사", "(주)무바이토이"), ("사용연령", "3세 이상")),
        (("시험기관", "KTC"), ("확인일자", "2025. 2. 11.")),
    ]
    for i, (left, right) in enumerate(pairs):
        p.line(60 + i * 14, [(22, left[0], True), (48, left[1]), (112, right[0], True), (138, right[1])], pt=12)
    p.sheet.rule(20, 132, 190, 132, width=3)
    body = [
        "위 제품은 「어린이제품 안전 특별법」 제22조에 따른",
        "안전확인 대상 어린이제품으로서 공통안전기준 및",
        "완구 안전기준에 적합함을 확인하였기에 증명합니다.",
        "주의: 작은 부품이 있으므로 3세 미만 어린이는 사용하지 마십시오.",
    ]
    for i, text in enumerate(body):
        p.line(144 + i * 11, [(22, text)], pt=12)
    p.center(222, "2025. 2. 11.", pt=13)
    p.center(238, "한국기계전기전자시험연구원장", pt=17, bold=True)
    return p


TESTS = [
    ("1", "표시 및 사용설명", "KC 60335-1 7항", "이상 없음", "적합"),
    ("2", "감전 보호", "KC 60335-1 8항", "접근 불가", "적합"),
    ("3", "입력 및 전류", "KC 60335-1 10항", "1.92 A", "적합"),
    ("4", "동작 온도에서의 누설전류", "KC 60335-1 13항", "0.08 mA", "적합"),
    ("5", "내전압", "KC 60335-1 16항", "1250 V 1분", "적합"),
    ("6", "비정상 동작", "KC 60335-1 19항", "이상 없음", "적합"),
    ("7", "안정성 및 기계적 위험", "KC 60335-1 20항", "10도 경사 유지", "적합"),
    ("8", "기계적 강도", "KC 60335-1 21항", "0.5 J 충격", "적합"),
    ("9", "구조", "KC 60335-1 22항", "이상 없음", "적합"),
    ("10", "내부 배선", "KC 60335-1 23항", "이상 없음", "적합"),
    ("11", "부품", "KC 60335-1 24항", "인증부품 사용", "적합"),
    ("12", "전원 접속 및 외부 코드", "KC 60335-1 25항", "USB-C 케이블", "적합"),
    ("13", "접지 접속", "KC 60335-1 27항", "해당 없음", "-"),
    ("14", "나사 및 접속", "KC 60335-1 28항", "이상 없음", "적합"),
    ("15", "연면거리 및 공간거리", "KC 60335-1 29항", "3.2 mm 이상", "적합"),
    ("16", "내열성 및 내화성", "KC 60335-1 30항", "750 도 글로우", "적합"),
    ("17", "날개 보호망 강도", "KC 60335-2-80 20항", "이상 없음", "적합"),
    ("18", "전자파 적합성 (EMI)", "KS C 9814-1", "기준 이내", "적합"),
    ("19", "전자파 적합성 (EMS)", "KS C 9814-2", "성능기준 B", "적합"),
]

NOTES = [
    "1. 이 성적서는 신청인이 제시한 시료에 한하여 시험한 결과이며,",
    "   제품 전체의 품질을 보증하지 않습니다.",
    "2. 이 성적서는 홍보, 선전, 광고 및 소송용으로 사용될 수 없으며,",
    "   용도 이외의 사용을 금합니다.",
    "3. 시험 결과 판정은 KC 60335-1 및 KC 60335-2-80에 따릅니다.",
    "4. 파생모델 FN-M12W, FN-M12B, FN-M12P는 색상만 다르므로",
    "   기본모델의 시험 결과를 적용합니다.",
    "5. 시료 접수일은 2024. 5. 20., 시험 완료일은 2024. 6. 10. 입니다.",
    "6. 이 성적서의 진위 여부는 발급기관 누리집에서 확인할 수 있습니다.",
]


def dense() -> Page:
    """A dense 시험성적서 summary in 10-point NanumGothic: a 5-column results table and notes."""
    p = Page("dense", "gothic")
    p.center(20, "시험성적서 (요약)", pt=18, bold=True)
    head = [
        ("성적서 번호", "KTL-24-E-031877"), ("신청인", "주식회사 펑예코리아"),
        ("제품명", "USB 탁상용 선풍기"), ("모델명", "FN-M12"),
        ("시험기간", "2024. 5. 20. ~ 2024. 6. 10."), ("시험규격", "KC 60335-1, KC 60335-2-80"),
    ]
    for i in range(0, len(head), 2):
        (l1, v1), (l2, v2) = head[i], head[i + 1]
        p.line(30 + i * 3.5, [(20, l1, True), (44, v1), (108, l2, True), (130, v2)], pt=10)
    cols = (20, 30, 90, 132, 172)
    top, h = 56, 6.8
    p.sheet.box(18, top, 192, top + h * (len(TESTS) + 1), width=3)
    header = ("번호", "시험항목", "시험기준", "결과", "판정")
    for i, cells in enumerate([header, *TESTS]):
        if i:
            p.sheet.rule(18, top + i * h, 192, top + i * h, width=1)
        p.line(top + i * h + h / 2, [(x, c, i == 0) for x, c in zip(cols, cells)], pt=10, anchor="lm")
    y = top + h * (len(TESTS) + 1) + 9
    p.line(y, [(20, "비고", True)], pt=10.5)
    for i, note in enumerate(NOTES):
        p.line(y + 7 + i * 6.2, [(20, note)], pt=10)
    p.line(270, [(20, "2024. 6. 12."), (120, "한국산업기술시험원", True)], pt=11)
    p.line(278, [(20, "시험 담당: 김도윤"), (120, "기술 책임: 이서연")], pt=10)
    return p


PAGES = {f.__name__: f for f in (cert_serif, cert_table, children_cert, dense)}
