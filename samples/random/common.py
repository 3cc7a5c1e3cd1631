"""What every composer shares: the composed document record, random page styles, marks (seals and
pen signatures from samples/gen), realistic file names, and the contract form of values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image

from samples.gen.kinds_marks import pen_signature, round_seal
from samples.gen.seal import draw_seal

from .blocks import Doc, Style
from .values import chance, pick

Rng = np.random.Generator

#: Which tier of the issue's targets each rendition is measured against.
TIERS = {"pdf": "born_digital", "docx": "born_digital", "email": "born_digital",
         "scan": "clean", "screenshot": "clean", "scan_degraded": "degraded",
         "photo": "photo", "monitor_photo": "photo"}


@dataclass
class Composed:
    """One document drawn at random, before it is rendered into a file.

    `truth` holds every contract field of the kind (null where the document does not print it);
    `unscored` names fields whose contract form the document leaves open (a product name printed
    only as a headline, a reason only in running prose); `accept` lists other spellings that are
    equally right (an issuer as `KTL` or `한국산업기술시험원`)."""

    kind: str
    truth: dict
    layout: str
    doc: Doc | None = None                      # page documents: PDF, DOCX, scans, photos
    screen: Callable[[], Image.Image] | None = None   # Wing: draws the screen at its own size
    email: Callable[[Path, Rng], None] | None = None  # notices: writes the .eml
    unscored: set[str] = field(default_factory=set)
    accept: dict[str, list] = field(default_factory=dict)
    context: dict = field(default_factory=dict)
    names: list[str] = field(default_factory=list)   # file names a seller might give it (without suffix)


FONTS_KO = [("'NanumGothic'", "NanumGothic"), ("'NanumMyeongjo'", "NanumMyeongjo"),
            ("'NanumBarunGothic'", "NanumBarunGothic"), ("'NanumSquare'", "NanumSquare"),
            ("'Noto Sans CJK KR'", "Noto Sans CJK KR"), ("'Noto Serif CJK KR'", "Noto Serif CJK KR"),
            ("'NanumSquareRound'", "NanumSquareRound")]
FONTS_EN = [("'DejaVu Serif', 'NanumMyeongjo'", "DejaVu Serif"), ("'DejaVu Sans', 'NanumGothic'", "DejaVu Sans"),
            ("'Noto Serif CJK KR'", "Noto Serif CJK KR"), ("'Noto Sans CJK KR'", "Noto Sans CJK KR"),
            ("'DejaVu Sans Condensed', 'NanumGothic'", "DejaVu Sans Condensed")]
FONTS_ZH = [("'Noto Sans CJK SC'", "Noto Sans CJK SC"), ("'Noto Serif CJK SC'", "Noto Serif CJK SC")]


def page_style(rng: Rng, lang: str, small: bool = False) -> Style:
    """Fonts on the machine, sizes, margins, line spacing, page size and an optional frame."""
    font = pick(rng, {"ko": FONTS_KO, "en": FONTS_EN, "zh": FONTS_ZH}[lang])
    if small:  # label artwork: small type on a small page
        w, h = float(rng.integers(100, 150)), float(rng.integers(130, 200))
        return Style(font_css=font[0], font_docx=font[1], pt=round(float(rng.uniform(6.5, 8.5)) * 2) / 2,
                     line_height=round(float(rng.uniform(1.25, 1.55)), 2), page=(w, h),
                     margins=tuple(float(rng.integers(6, 12)) for _ in range(4)), lang=lang,
                     shade_colour=pick(rng, ["#f1f3f5", "#eeeeee", "#fff7e6"]))
    page = (215.9, 279.4) if lang == "en" and chance(rng, 0.3) else (210, 297)
    return Style(
        font_css=font[0], font_docx=font[1], pt=round(float(rng.uniform(9, 12.5)) * 2) / 2,
        line_height=round(float(rng.uniform(1.3, 1.8)), 2), page=page,
        margins=(float(rng.integers(12, 30)), float(rng.integers(14, 28)), float(rng.integers(12, 28)),
                 float(rng.integers(14, 28))),
        frame=pick(rng, [0, 0, 1, 2]), rule_colour=pick(rng, ["#333", "#555", "#888", "#222"]),
        shade_colour=pick(rng, ["#f1f3f5", "#eef1f5", "#f5f5f5", "#e9eef6", "#fafafa"]),
        label_colour=pick(rng, ["#111", "#222", "#1f3a68", "#333"]), lang=lang)


# --- marks ---------------------------------------------------------------------------------------

def square_seal(rng: Rng, name: str) -> Image.Image:
    """A Korean 직인 of the company or body name (3×3 or 4×4 characters, padded with 인/之印)."""
    chars = [c for c in name if not c.isspace() and c not in "()㈜"]
    n = 9 if len(chars) <= 9 else 16
    chars = (chars + list("직인" * 8))[:n]
    return draw_seal("".join(chars), size=360, seed=int(rng.integers(1, 10_000)))


def cn_round_seal(rng: Rng, name_zh: str) -> Image.Image:
    return round_seal(name_zh[:14], bottom=pick(rng, ["", "合同专用章", "业务专用章", ""]), seed=int(rng.integers(1, 10_000)))


def signature_mark(rng: Rng) -> Image.Image:
    return pen_signature(int(rng.integers(1, 10_000)))


# --- file names ----------------------------------------------------------------------------------

def stamp(rng: Rng) -> str:
    d = dt.date(2026, 11, 1) + dt.timedelta(days=int(rng.integers(0, 27)))
    return f"{d:%Y%m%d}_{int(rng.integers(8, 20)):02d}{int(rng.integers(0, 60)):02d}{int(rng.integers(0, 60)):02d}"


def file_name(rng: Rng, rendition: str, hints: list[str]) -> str:
    """What a seller's device or a seller would call the file: mostly neutral, sometimes a hint."""
    neutral = {
        "pdf": [f"document_{int(rng.integers(100, 9999))}", f"file ({int(rng.integers(1, 9))})", f"붙임{int(rng.integers(1, 5))}",
                f"첨부자료_{int(rng.integers(1, 20))}", "scan", f"자료 {int(rng.integers(1, 9))}", "download"],
        "docx": [f"문서{int(rng.integers(1, 9))}", f"document ({int(rng.integers(1, 9))})", "자료", "final_v2", "새 문서"],
        "scan": [f"scan{int(rng.integers(1, 9999)):04d}", f"SCAN_{stamp(rng)}", f"스캔_{int(rng.integers(1, 99))}",
                 f"img{int(rng.integers(1, 999)):03d}"],
        "scan_degraded": [f"scan{int(rng.integers(1, 9999)):04d}", f"복사본_{int(rng.integers(1, 99))}",
                          f"fax_{stamp(rng)}", f"image{int(rng.integers(1, 99))}"],
        "photo": [f"IMG_{int(rng.integers(1000, 9999))}", f"KakaoTalk_{stamp(rng)}", f"微信图片_{stamp(rng)}",
                  f"IMG_{stamp(rng)}", f"photo_{int(rng.integers(1, 99))}"],
        "screenshot": [f"Screenshot_{stamp(rng)}", f"스크린샷 2026-11-{int(rng.integers(1, 28)):02d} 오후 {int(rng.integers(1, 11))}."
                       f"{int(rng.integers(10, 59))}.{int(rng.integers(10, 59))}", "image", f"캡처_{int(rng.integers(1, 50))}",
                       f"截图_{stamp(rng)}", "wing"],
        "monitor_photo": [f"IMG_{int(rng.integers(1000, 9999))}", f"KakaoTalk_{stamp(rng)}", f"微信图片_{stamp(rng)}"],
        "email": ["notice", "mail", f"message_{int(rng.integers(1, 99))}", "쿠팡 안내", "Fwd 안내"],
    }[rendition]
    name = pick(rng, hints) if hints and chance(rng, 0.3) else pick(rng, neutral)
    return name.replace("/", "_")


SUFFIX = {"pdf": ".pdf", "docx": ".docx", "email": ".eml", "screenshot": ".png", "monitor_photo": ".jpg", "photo": ".jpg"}
