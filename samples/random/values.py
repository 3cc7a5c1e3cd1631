"""Realistic, varied values for the randomiser: companies, products, models, KC numbers, ids, dates.

Every function takes a seeded `numpy.random.Generator`; nothing here knows about layouts. Values
are returned as printed; `contract_*` helpers give the form CONTRACT.md wants for the same value.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from samples.gen.common import brn

Rng = np.random.Generator


def pick(rng: Rng, items, p=None):
    """One element of a sequence (not numpy's choice, which turns tuples into arrays)."""
    items = list(items)
    return items[int(rng.choice(len(items), p=p))]


def sample(rng: Rng, items, k: int) -> list:
    items = list(items)
    idx = rng.choice(len(items), size=min(k, len(items)), replace=False)
    return [items[int(i)] for i in idx]


def chance(rng: Rng, p: float) -> bool:
    return bool(rng.random() < p)


# --- companies -------------------------------------------------------------------------------

CN_CITIES = [("Shenzhen", "선전", "深圳市"), ("Ningbo", "닝보", "宁波"), ("Dongguan", "둥관", "东莞市"),
             ("Guangzhou", "광저우", "广州"), ("Yiwu", "이우", "义乌市"), ("Foshan", "포산", "佛山市"),
             ("Zhongshan", "중산", "中山市"), ("Xiamen", "샤먼", "厦门"), ("Hangzhou", "항저우", "杭州"),
             ("Suzhou", "쑤저우", "苏州"), ("Shantou", "산터우", "汕头市"), ("Cixi", "츠시", "慈溪市"),
             ("Wenzhou", "원저우", "温州"), ("Jinhua", "진화", "金华市")]
CN_CORES = [("Ruifeng", "루이펑", "瑞丰"), ("Mingyue", "밍웨", "明月"), ("Haoyang", "하오양", "浩洋"),
            ("Jiale", "자러", "佳乐"), ("Baisheng", "바이성", "百盛"), ("Kaida", "카이다", "凯达"),
            ("Huayu", "화위", "华宇"), ("Tianrui", "톈루이", "天瑞"), ("Yongxing", "융싱", "永兴"),
            ("Lianfa", "롄파", "联发"), ("Dechang", "더창", "德昌"), ("Xinda", "신다", "鑫达"),
            ("Boyuan", "보위안", "博远"), ("Lanxin", "란신", "蓝信"), ("Zhiyuan", "즈위안", "智源"),
            ("Hengtai", "헝타이", "恒泰"), ("Jinlong", "진룽", "金龙"), ("Meijia", "메이자", "美佳")]
CN_TRADES = {
    "electric": [("Electric Appliance", "전기", "电器"), ("Electronic Technology", "전자기술", "电子科技"),
                 ("Electrical", "전기", "电气"), ("Intelligent Technology", "스마트기술", "智能科技"),
                 ("Lighting", "조명", "照明")],
    "toy": [("Toys", "완구", "玩具"), ("Children Products", "유아용품", "儿童用品"), ("Plastic Products", "플라스틱", "塑胶制品")],
    "radio": [("Communication Technology", "통신기술", "通讯科技"), ("Acoustics", "음향", "声学"),
              ("Electronics", "전자", "电子")],
    "cosmetics": [("Biotechnology", "바이오기술", "生物科技"), ("Cosmetics", "화장품", "化妆品"),
                  ("Daily Chemical", "생활화학", "日化")],
    "general": [("Trading", "무역", "贸易"), ("Industrial", "산업", "实业"), ("Household Products", "생활용품", "家居用品"),
                ("Technology", "테크", "科技")],
}
EN_SUFFIXES = ["Co., Ltd.", "Co.,Ltd.", "CO., LTD.", "Co., Ltd", "Limited", "Industrial Co., Ltd."]
KO_CORES = ["한빛", "다온", "새봄", "해솔", "온누리", "미래", "한결", "가온", "누리", "별빛", "소담", "하람", "푸른숲",
            "다솜", "라온", "아람", "이음", "청솔", "마루", "도담", "빛나래", "단비", "늘봄", "한울"]
KO_TRADES = ["무역", "상사", "글로벌", "유통", "커머스", "리빙", "인터내셔널", "코리아", "트레이딩", "코스메틱"]


@dataclass
class Company:
    """One company, with the name forms documents print for it."""

    en: str
    ko: str
    zh: str

    def form(self, lang: str) -> str:
        return {"en": self.en, "ko": self.ko, "zh": self.zh}.get(lang, self.ko)


def cn_company(rng: Rng, trade: str = "general") -> Company:
    """A Chinese maker: `Shenzhen Ruifeng Electric Appliance Co., Ltd.`, `선전 루이펑전기 유한공사`, `深圳市瑞丰电器有限公司`."""
    city, core = pick(rng, CN_CITIES), pick(rng, CN_CORES)
    t = pick(rng, CN_TRADES.get(trade, CN_TRADES["general"]) + CN_TRADES["general"][:1])
    en = f"{city[0]} {core[0]} {t[0]} {pick(rng, EN_SUFFIXES)}"
    ko = pick(rng, [f"{city[1]} {core[1]}{t[1]} 유한공사", f"{city[1]}{core[1]}{t[1]}유한회사",
                    f"{core[1]}{t[1]}({city[1]}) 유한공사"])
    zh = f"{city[2]}{core[2]}{t[2]}有限公司"
    return Company(en, ko, zh)


def ko_company(rng: Rng) -> Company:
    """A Korean firm in one of its legal-form spellings: 주식회사 한빛무역, (주)한빛무역, ㈜한빛무역, 한빛무역 주식회사."""
    core = pick(rng, KO_CORES) + pick(rng, KO_TRADES)
    ko = pick(rng, [f"주식회사 {core}", f"(주){core}", f"㈜{core}", f"{core} 주식회사", f"{core}(주)", f"(주) {core}"],
              p=[0.35, 0.2, 0.1, 0.15, 0.1, 0.1])
    roman = {"한빛": "Hanbit", "다온": "Daon", "새봄": "Saebom", "해솔": "Haesol", "온누리": "Onnuri", "미래": "Mirae",
             "한결": "Hangyeol", "가온": "Gaon", "누리": "Nuri", "별빛": "Byeolbit", "소담": "Sodam", "하람": "Haram",
             "푸른숲": "Pureunsup", "다솜": "Dasom", "라온": "Raon", "아람": "Aram", "이음": "Ieum", "청솔": "Cheongsol",
             "마루": "Maru", "도담": "Dodam", "빛나래": "Bitnarae", "단비": "Danbi", "늘봄": "Neulbom", "한울": "Hanul"}
    first = next(k for k in roman if core.startswith(k))
    trade_en = {"무역": "Trading", "상사": "Trading", "글로벌": "Global", "유통": "Distribution", "커머스": "Commerce",
                "리빙": "Living", "인터내셔널": "International", "코리아": "Korea", "트레이딩": "Trading",
                "코스메틱": "Cosmetics"}[core[len(first):]]
    return Company(f"{roman[first]} {trade_en} Co., Ltd.", ko, ko)


def brand_name(rng: Rng) -> str:
    a = pick(rng, ["LUMI", "AURA", "NOVA", "MOON", "SOL", "ZEN", "KIRA", "VELO", "ORA", "HANA", "TERRA", "PURE",
                   "BLOOM", "ECHO", "RIVO", "DAON", "MIRA", "LANI"])
    b = pick(rng, ["", "", "BAY", "HOME", "LAB", "ON", " LIVING", "TECH", "KIDS", "SKIN", "X", " AUDIO"])
    return (a + b).strip()


# --- people, addresses, numbers ----------------------------------------------------------------

KO_SURNAMES = "김이박최정강조윤장임한오서신권황안송류홍"
KO_GIVEN = ["민준", "서연", "도윤", "지우", "하은", "예준", "수아", "지호", "서윤", "현우", "다은", "건우", "유진", "루나", "태윤"]
CN_NAMES = [("Wang Wei", "왕웨이", "王伟"), ("Li Na", "리나", "李娜"), ("Zhang Min", "장민", "张敏"), ("Liu Yang", "류양", "刘洋"),
            ("Chen Jie", "천제", "陈杰"), ("Zhao Lei", "자오레이", "赵磊"), ("Huang Li", "황리", "黄丽"), ("Zhou Tao", "저우타오", "周涛")]


def ko_person(rng: Rng) -> str:
    return pick(rng, KO_SURNAMES) + pick(rng, KO_GIVEN)


def cn_person(rng: Rng) -> tuple[str, str, str]:
    return pick(rng, CN_NAMES)


def cn_address(rng: Rng, lang: str = "en") -> str:
    no, road = int(rng.integers(1, 399)), pick(rng, ["Xinhe", "Huanan", "Jianshe", "Industrial", "Keji", "Fuhua", "Longgang"])
    district = pick(rng, ["Bao'an District", "Longhua District", "Yinzhou District", "Nanhai District", "Jiangbei District"])
    if lang == "zh":
        return f"广东省深圳市宝安区{pick(rng, ['新和', '华南', '建设', '科技'])}路{no}号"
    if lang == "ko":
        return f"중국 광둥성 선전시 바오안구 {pick(rng, ['신허로', '화난로', '젠서로'])} {no}호"
    return f"No. {no}, {road} Road, {district}, {pick(rng, ['Shenzhen, Guangdong', 'Ningbo, Zhejiang', 'Foshan, Guangdong'])}, China"


def ko_address(rng: Rng) -> str:
    gu = pick(rng, ["서울특별시 강남구 테헤란로", "서울특별시 금천구 가산디지털1로", "경기도 성남시 분당구 판교역로",
                    "인천광역시 연수구 송도과학로", "부산광역시 해운대구 센텀중앙로", "경기도 부천시 원미구 길주로"])
    return f"{gu} {int(rng.integers(1, 300))}, {int(rng.integers(2, 15))}층"


def business_number(rng: Rng) -> str:
    first9 = f"{int(rng.integers(101, 899)):03d}{pick(rng, ['81', '86', '87', '88', '01', '23'])}{int(rng.integers(0, 9999)):04d}"
    return brn(first9)


def phone(rng: Rng) -> str:
    return pick(rng, [f"02-{int(rng.integers(300, 999))}-{int(rng.integers(1000, 9999))}",
                      f"070-{int(rng.integers(4000, 8999))}-{int(rng.integers(1000, 9999))}",
                      f"+86 755 {int(rng.integers(2000, 8999))} {int(rng.integers(1000, 9999))}"])


def email_address(rng: Rng, company: Company) -> str:
    stem = company.en.split()[1].lower() if len(company.en.split()) > 1 else "shop"
    return f"{pick(rng, ['ops', 'cs', 'sales', 'kr', 'admin'])}@{stem}-{pick(rng, ['trade', 'global', 'korea'])}.example.com"


# --- products and models -----------------------------------------------------------------------

PRODUCTS = {
    "electric": ["미니 가습기", "초음파 가습기", "USB 탁상용 선풍기", "무선 핸디 선풍기", "65W USB-C 고속 충전기", "전기 주전자",
                 "헤어드라이어", "LED 스탠드", "전기 온수매트", "핸드 블렌더", "무선 전기포트", "스팀 다리미", "미니 제습기",
                 "LED 무드등", "멀티탭 4구", "휴대용 전기그릴", "전기 요리냄비", "무선 청소기", "공기청정기", "족욕기"],
    "children": ["유아용 목재 블록", "원목 블록 60피스 세트", "어린이 킥보드", "유아 식탁의자", "아기 보행기", "어린이 자전거",
                 "유아용 물놀이 튜브", "자석 블록 세트", "봉제 인형", "어린이 우산", "유아 카시트 쿠션"],
    "radio": ["블루투스 스피커", "무선 이어폰", "무선 충전 패드", "스마트 워치", "블루투스 키보드", "무선 마우스",
              "차량용 무선 충전 거치대", "와이파이 스마트 플러그", "무선 게임패드", "블루투스 셀카봉"],
    "household": ["실리콘 조리도구 세트", "스테인리스 텀블러", "접이식 빨래건조대", "유리 밀폐용기", "욕실 매트"],
}
PRODUCTS_EN = {"미니 가습기": "Mini Humidifier", "USB 탁상용 선풍기": "USB Desk Fan", "전기 주전자": "Electric Kettle",
               "헤어드라이어": "Hair Dryer", "LED 스탠드": "LED Desk Lamp", "블루투스 스피커": "Bluetooth Speaker",
               "무선 이어폰": "Wireless Earbuds", "어린이 킥보드": "Kids Kick Scooter", "무선 충전 패드": "Wireless Charging Pad",
               "핸드 블렌더": "Hand Blender", "스팀 다리미": "Steam Iron"}
COSMETICS = ["시카 카밍 토너", "히알루론 수분 크림", "비타 브라이트닝 세럼", "약산성 클렌징 폼", "세라마이드 배리어 로션",
             "어성초 진정 앰플", "녹차 밸런싱 에센스", "AC 클리어 스팟 세럼", "콜라겐 탄력 아이크림", "선크림 SPF50+ PA++++",
             "티트리 트러블 패드", "판테놀 리페어 밤", "마데카 카밍 크림", "라이스 워터 토너"]


def product(rng: Rng, family: str, lang: str = "ko") -> str:
    name = pick(rng, PRODUCTS[family])
    if lang != "ko" and name in PRODUCTS_EN:
        return PRODUCTS_EN[name]
    return name


def model(rng: Rng) -> str:
    """Model codes as makers write them: HB-H200, KF200S, XR-3021W, AP10, GT-M12B."""
    letters = "ABCDEFGHJKLMNPRSTWXZ"
    pre = "".join(pick(rng, letters) for _ in range(int(rng.integers(2, 4))))
    digits = str(int(rng.integers(10, 9999)))
    suffix = pick(rng, ["", "", "S", "W", "B", "P", "X", "Pro", "-2", "A"])
    shape = int(rng.integers(0, 5))
    if shape == 0:
        return f"{pre}-{digits}{suffix}"
    if shape == 1:
        return f"{pre}{digits}{suffix}"
    if shape == 2:
        return f"{pre}-{pick(rng, letters)}{digits}{suffix}"
    if shape == 3:
        return f"{pre}{pick(rng, letters)}-{digits}"
    return f"{pre}-{digits}-{pick(rng, letters)}{int(rng.integers(1, 9))}"


def derived_models(rng: Rng, base: str, k: int) -> list[str]:
    tails = ["W", "B", "P", "G", "S", "R", "-1", "-2", "L", "M"]
    return [base + t for t in sample(rng, tails, k)]


# --- KC numbers (DOMAIN.md §1.4) ---------------------------------------------------------------

def kc_number(rng: Rng, scheme: str, family: str, year: int) -> str:
    """A number of the shapes DOMAIN.md §1.4 gives for the scheme; None for 공급자적합성확인."""
    yy = year % 100
    if scheme == "supplier_conformity":
        raise ValueError("공급자적합성확인 has no certificate number")
    if scheme == "radio_conformity":
        kind = pick(rng, ["R-R", "R-C", "R-R", "R-CRM", "R-REM", "MSIP-CRM", "MSIP-REM"], p=[0.3, 0.15, 0.1, 0.15, 0.1, 0.1, 0.1])
        applicant = "".join(pick(rng, "ABCDEFGHJKLMNPRSTUWXYZ0123456789") for _ in range(3))
        code = "".join(pick(rng, "ABCDEFGHJKLMNPRSTUWXYZ") for _ in range(int(rng.integers(1, 3))))
        code += str(int(rng.integers(10, 99999))) + pick(rng, ["", "", "W", "-B", "_S", "PRO"])
        return f"{kind}-{applicant}-{code}"
    if family == "children":
        return f"CB{int(rng.integers(60, 90)):03d}{pick(rng, 'RNS')}{int(rng.integers(100, 99999))}-{yy % 10}{int(rng.integers(0, 999)):03d}"
    if scheme == "safety_certification":
        pre = pick(rng, ["HU", "HU", "HU", "SU", "HH"])
        return f"{pre}{int(rng.integers(0, 999999)):06d}-{yy:02d}{int(rng.integers(1, 999)):03d}" + pick(rng, ["", "", "A", "B"])
    pre = pick(rng, ["YU", "YU", "YU", "XU", "YH"])
    return f"{pre}{int(rng.integers(1000, 99999)):05d}-{yy:02d}{int(rng.integers(1, 999)):03d}"


def report_number(rng: Rng, lab: str, year: int) -> str:
    """A 시험성적서 number: number-like but never a certificate number."""
    return pick(rng, [f"{lab}-{year % 100:02d}-E-{int(rng.integers(10000, 99999))}",
                      f"{lab[:2]}{year % 100:02d}-{int(rng.integers(1000, 9999))}-{int(rng.integers(100, 999))}",
                      f"TR-{year}{int(rng.integers(1000, 9999))}"])


# --- dates ---------------------------------------------------------------------------------------

EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]


def date_between(rng: Rng, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=int(rng.integers(0, (end - start).days + 1)))


def add_years(d: dt.date, n: int) -> dt.date:
    try:
        return d.replace(year=d.year + n)
    except ValueError:  # 29 February
        return d.replace(year=d.year + n, day=28)


def date_style(rng: Rng, lang: str) -> str:
    if lang == "en":
        return pick(rng, ["en_long", "en_day_first", "iso", "en_short", "dmy_slash"])
    if lang == "zh":
        return pick(rng, ["zh", "iso", "dots_padded", "zh"])
    return pick(rng, ["ko_dots", "ko_words", "iso", "dots_padded", "ko_dots", "slash", "compact"],
                p=[0.28, 0.22, 0.15, 0.15, 0.1, 0.05, 0.05])


def fmt_date(d: dt.date, style: str) -> str:
    """The date as printed in one of the styles Korean, English and Chinese documents use."""
    if style == "ko_dots":
        return f"{d.year}. {d.month}. {d.day}."
    if style == "ko_words":
        return f"{d.year}년 {d.month}월 {d.day}일"
    if style == "iso":
        return d.isoformat()
    if style == "dots_padded":
        return f"{d.year}.{d.month:02d}.{d.day:02d}"
    if style == "slash":
        return f"{d.year}/{d.month:02d}/{d.day:02d}"
    if style == "compact":
        return f"{d.year}{d.month:02d}{d.day:02d}"
    if style == "zh":
        return f"{d.year}年{d.month}月{d.day}日"
    if style == "en_long":
        return f"{EN_MONTHS[d.month - 1]} {d.day}, {d.year}"
    if style == "en_day_first":
        return f"{d.day} {EN_MONTHS[d.month - 1]} {d.year}"
    if style == "en_short":
        return f"{EN_MONTHS[d.month - 1][:3]}. {d.day}, {d.year}"
    if style == "dmy_slash":
        # Day first (05/03/2026) only where it cannot be read as month first; else the long form.
        return f"{d.day:02d}/{d.month:02d}/{d.year}" if d.day > 12 else f"{d.day} {EN_MONTHS[d.month - 1]} {d.year}"
    raise ValueError(style)


def fmt_range(a: dt.date, b: dt.date | None, style: str, lang: str, rng: Rng, open_end: str = "") -> str:
    """A validity period as one phrase: `2026. 1. 1. ~ 2027. 12. 31.`, `2026년 1월 1일부터 …까지`,
    `from March 1, 2026 to February 28, 2027`, `自2026年3月1日起至2028年2月29日止`."""
    fa = fmt_date(a, style)
    fb = fmt_date(b, style) if b else open_end
    if lang == "en":
        return pick(rng, [f"from {fa} to {fb}", f"{fa} to {fb}", f"{fa} - {fb}", f"{fa} through {fb}"]) if b else f"from {fa} {fb}"
    if lang == "zh":
        return pick(rng, [f"自{fa}起至{fb}止", f"{fa}至{fb}", f"{fa} - {fb}"]) if b else f"自{fa}起{fb}"
    if b is None:
        return f"{fa}부터 {fb}"
    return pick(rng, [f"{fa} ~ {fb}", f"{fa}부터 {fb}까지", f"{fa} - {fb}", f"{fa} ~ {fb} (까지)"], p=[0.45, 0.35, 0.1, 0.1])


# --- Coupang ids ---------------------------------------------------------------------------------

def exposed_id(rng: Rng) -> str:
    """노출상품ID: the id in the product URL (CONTRACT.md), ten digits."""
    return str(int(rng.integers(7_000_000_000, 8_999_999_999)))


def registered_id(rng: Rng) -> str:
    """등록상품ID (the seller's product id in Wing), a different ten-digit number."""
    return str(int(rng.integers(1_000_000_000, 1_599_999_999)))


def option_id(rng: Rng) -> str:
    return str(int(rng.integers(80_000_000_000, 99_999_999_999)))


def vendor_id(rng: Rng) -> str:
    return f"A00{int(rng.integers(100000, 999999))}"


def price(rng: Rng) -> str:
    return f"{int(rng.integers(59, 1299)) * 100:,}원"


# --- ingredients ---------------------------------------------------------------------------------

# Korean standard names (「화장품 성분 사전」 forms, DOMAIN.md §2), with INCI names for spec sheets.
# Position hints: 0 = water/base first, 1 = humectants early, 2 = actives / middle, 3 = late (preservatives,
# thickeners, chelators, fragrance), so a drawn list keeps the order a real label has.
INGREDIENTS = [
    ("정제수", "Water", 0), ("글리세린", "Glycerin", 1), ("부틸렌글라이콜", "Butylene Glycol", 1),
    ("프로판다이올", "Propanediol", 1), ("다이프로필렌글라이콜", "Dipropylene Glycol", 1), ("메틸프로판다이올", "Methylpropanediol", 1),
    ("펜틸렌글라이콜", "Pentylene Glycol", 1), ("베타인", "Betaine", 1), ("나이아신아마이드", "Niacinamide", 2),
    ("카프릴릭/카프릭트라이글리세라이드", "Caprylic/Capric Triglyceride", 2), ("스쿠알란", "Squalane", 2),
    ("세테아릴알코올", "Cetearyl Alcohol", 2), ("글리세릴스테아레이트", "Glyceryl Stearate", 2), ("판테놀", "Panthenol", 2),
    ("병풀추출물", "Centella Asiatica Extract", 2), ("녹차추출물", "Camellia Sinensis Leaf Extract", 2),
    ("알로에베라잎추출물", "Aloe Barbadensis Leaf Extract", 2), ("마데카소사이드", "Madecassoside", 2), ("아데노신", "Adenosine", 2),
    ("소듐하이알루로네이트", "Sodium Hyaluronate", 2), ("세라마이드엔피", "Ceramide NP", 2), ("호호바씨오일", "Simmondsia Chinensis (Jojoba) Seed Oil", 2),
    ("시어버터", "Butyrospermum Parkii (Shea) Butter", 2), ("다이메티콘", "Dimethicone", 2), ("티트리잎오일", "Melaleuca Alternifolia (Tea Tree) Leaf Oil", 2),
    ("하이드롤라이즈드콜라겐", "Hydrolyzed Collagen", 2), ("카페인", "Caffeine", 2), ("유용성감초추출물", "Glycyrrhiza Glabra (Licorice) Root Extract", 2),
    ("세틸알코올", "Cetyl Alcohol", 2), ("스테아릭애씨드", "Stearic Acid", 2), ("1,2-헥산다이올", "1,2-Hexanediol", 3),
    ("에틸헥실글리세린", "Ethylhexylglycerin", 3), ("알란토인", "Allantoin", 3), ("카보머", "Carbomer", 3), ("트로메타민", "Tromethamine", 3),
    ("잔탄검", "Xanthan Gum", 3), ("다이소듐이디티에이", "Disodium EDTA", 3), ("토코페롤", "Tocopherol", 3),
    ("시트릭애씨드", "Citric Acid", 3), ("소듐시트레이트", "Sodium Citrate", 3), ("페녹시에탄올", "Phenoxyethanol", 3),
    ("포타슘소르베이트", "Potassium Sorbate", 3), ("소듐벤조에이트", "Sodium Benzoate", 3), ("글리세릴카프릴레이트", "Glyceryl Caprylate", 3),
    ("하이드록시에틸셀룰로오스", "Hydroxyethylcellulose", 3), ("폴리소르베이트20", "Polysorbate 20", 3), ("향료", "Fragrance", 3),
    ("살리실릭애씨드", "Salicylic Acid", 2), ("아스코빅애씨드", "Ascorbic Acid", 2), ("레티놀", "Retinol", 2),
]
ALLERGENS = ["리모넨", "리날룰", "시트로넬올", "제라니올", "벤질알코올"]


def ingredient_list(rng: Rng) -> list[tuple[str, str]]:
    """8-24 (Korean, INCI) pairs in a plausible label order, water first."""
    k = int(rng.integers(8, 25))
    body = [x for x in INGREDIENTS if x[2] > 0]
    chosen = sample(rng, body, k - 1)
    chosen.sort(key=lambda x: (x[2], rng.random()))
    return [(INGREDIENTS[0][0], INGREDIENTS[0][1])] + [(a, b) for a, b, _ in chosen]


def with_parenthetical(rng: Rng, name: str) -> str:
    """How labels decorate a name: 병풀추출물(10,000ppm), 향료(리모넨), 나이아신아마이드(2%)."""
    if name == "향료":
        return f"향료({', '.join(sample(rng, ALLERGENS, int(rng.integers(1, 3))))})"
    return name + pick(rng, [f"({int(rng.integers(1, 50)) * 500:,}ppm)", f"({int(rng.integers(1, 10))}%)", "(유기농)",
                             f"({rng.uniform(0.1, 5):.2f}%)"])
