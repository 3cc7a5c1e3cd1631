"""Degraded renditions of known pages, each with its exact text, for the reading benchmark.

`build(out)` writes every rendition, a `<file>.gt.txt` beside it (pages separated by form feeds)
and `manifest.json`. Seeds are fixed per rendition, so a rerun makes the same pictures; the
benchmark and tests read the manifest, never this list.
"""

from __future__ import annotations

import functools
import json
import multiprocessing
import os
import tempfile
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image

from . import rendition_effects as fx
from .rendition_docs import born_digital_pdf, eml_with_pdf, image_pdf, mixed_pdf, table_html
from .rendition_pages import PAGES, Page
from .rendition_screen import wing_screenshot

DPI = 300
Pages = dict[str, Page]


@dataclass
class Rendition:
    file: str
    kind: str  # the degradation
    group: str  # what the benchmark's targets are set for
    sources: list[str]  # source pages, in file order
    make: Callable[[Path, Pages, np.random.Generator], list[str]]  # writes the file, returns page texts
    params: dict = field(default_factory=dict)
    seed: int = 0


def _save(img: Image.Image, path: Path, quality: int = 70, dpi: int | None = DPI) -> None:
    kwargs = {"dpi": (dpi, dpi)} if dpi else {}  # phones write no useful DPI
    if path.suffix == ".png":
        img.save(path, optimize=True, **kwargs)
    else:
        img.save(path, quality=quality, optimize=True, **kwargs)


def image(source: str, effect: Callable[[Image.Image, np.random.Generator], Image.Image],
          quality: int = 70, dpi: int | None = DPI):
    """A one-page picture: `effect` applied to the source page, saved as the file's suffix says."""
    def make(path: Path, pages: Pages, rng: np.random.Generator) -> list[str]:
        _save(effect(pages[source].sheet.img, rng), path, quality, dpi)
        return [pages[source].text]
    return make


def at_dpi(img: Image.Image, dpi: int) -> Image.Image:
    return img.resize((round(img.width * dpi / DPI), round(img.height * dpi / DPI)), Image.LANCZOS)


def screenshot(path: Path, pages: Pages, rng: np.random.Generator) -> list[str]:
    img, text = wing_screenshot()
    img.save(path, optimize=True)  # no DPI: a screen grab says nothing about paper
    return [text]


def scans_pdf(sources: list[str], dpi: int):
    def make(path: Path, pages: Pages, rng: np.random.Generator) -> list[str]:
        images = [at_dpi(fx.skewed(pages[s].sheet.img, rng, float(rng.uniform(-0.8, 0.8))), dpi) for s in sources]
        image_pdf(path, images, dpi)
        return [pages[s].text for s in sources]
    return make


CERT_ROWS = [
    ("신고번호", "YU07421-24031"), ("제품명", "미니 가습기 H2"), ("모델명", "HB-H200"),
    ("정격", "DC 5V, 2W"), ("제조자", "Shenzhen Hanbit Electric Appliance Co., Ltd."), ("제조국", "중국"),
    ("수입자", "주식회사 한빛무역"), ("적용 안전기준", "KC 60335-2-98"),
    ("시험기관", "한국산업기술시험원 (KTL)"), ("신고일자", "2024. 3. 15."),
]
CERT_AFTER = ["위 제품은 안전확인 신고가 되었음을 증명합니다.", "2024. 3. 15.", "한국산업기술시험원장"]


def mixed(path: Path, pages: Pages, rng: np.random.Generator) -> list[str]:
    html, text = table_html("[전기용품] 안전확인 신고 증명서", CERT_ROWS, CERT_AFTER)
    scan = at_dpi(fx.skewed(pages["children_cert"].sheet.img, rng, 0.6), 200)
    with tempfile.TemporaryDirectory() as tmp:
        mixed_pdf(path, html, scan, 200, Path(tmp))
    return [text, pages["children_cert"].text]


NOTICE = """주식회사 한빛무역 담당자님께

쿠팡 마켓플레이스 상품 안전 모니터링 결과, 귀사의 상품이 판매중지 처리되었습니다.

등록상품ID : 7455121025
상품명 : 미니 가습기 H2
처리 일자 : 2026년 11월 26일
사유 : KC 인증번호 불일치

첨부한 안내에 따라 2026년 12월 10일까지 KC 인증서 등 증빙 서류를 회신해 주시기 바랍니다.

감사합니다.
쿠팡_TNScnt"""


def email(path: Path, pages: Pages, rng: np.random.Generator) -> list[str]:
    html, cert_text = table_html("[전기용품] 안전확인 신고 증명서", CERT_ROWS, CERT_AFTER)
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "cert.pdf"
        born_digital_pdf(pdf, html)
        shown = eml_with_pdf(
            path,
            headers={"From": "Coupang Trust and Safety Center <tns-noreply@coupang.com>",
                     "To": "ops@hanbit-trading.example.com", "Subject": "[쿠팡] 판매중지 상품 소명 요청 안내",
                     "Date": "Thu, 26 Nov 2026 16:40:05 +0900"},
            body=NOTICE, attachment=("KC인증서_HB-H200.pdf", pdf.read_bytes()),
            message_id="20261126164005.7455121025@tns.coupang.com", boundary="----=_NextPart_7455121025")
    return [shown, cert_text]


RENDITIONS = [
    Rendition("clean-cert-serif.png", "clean", "clean_scan", ["cert_serif"],
              image("cert_serif", lambda p, r: fx.clean(p))),
    Rendition("clean-cert-table.png", "clean", "clean_scan", ["cert_table"],
              image("cert_table", lambda p, r: fx.clean(p))),
    Rendition("clean-dense.png", "clean", "clean_scan", ["dense"], image("dense", lambda p, r: fx.clean(p))),
    Rendition("skew-cert-table.jpg", "skewed", "degraded_scan", ["cert_table"],
              image("cert_table", lambda p, r: fx.skewed(p, r, 3.0)), {"angle_ccw": 3.0}, seed=31),
    Rendition("skew-dense.jpg", "skewed", "degraded_scan", ["dense"],
              image("dense", lambda p, r: fx.skewed(p, r, -1.5)), {"angle_ccw": -1.5}, seed=32),
    Rendition("blur-cert-serif.jpg", "blurred", "degraded_scan", ["cert_serif"],
              image("cert_serif", lambda p, r: fx.blurred(p, r, 2.2)), {"radius_px": 2.2}, seed=33),
    Rendition("noise-children-cert.jpg", "gaussian_noise", "degraded_scan", ["children_cert"],
              image("children_cert", lambda p, r: fx.noisy(at_dpi(p, 200), r, 22), quality=70, dpi=200),
              {"sigma": 22, "dpi": 200}, seed=34),
    # Chat apps forward pictures downscaled and recompressed; that is where sellers' JPEGs come from.
    Rendition("jpeg-q20-dense.jpg", "jpeg_artefacts", "degraded_scan", ["dense"],
              image("dense", lambda p, r: at_dpi(fx.skewed(p, r, 0.4), 200), quality=20, dpi=200),
              {"quality": 20, "dpi": 200}, seed=35),
    Rendition("light-cert-table.jpg", "uneven_light", "degraded_scan", ["cert_table"],
              image("cert_table", fx.uneven_light), {"lamp": "top-left", "shadow_band": True}, seed=36),
    Rendition("photo-cert-table.jpg", "phone_photo", "phone_photo", ["cert_table"],
              image("cert_table", lambda p, r: fx.photo(p, r, (3000, 4000),
                    [(0.14, 0.10), (0.86, 0.12), (0.90, 0.88), (0.10, 0.90)]), quality=80, dpi=None),
              {"size": [3000, 4000]}, seed=41),
    Rendition("photo-dense.jpg", "phone_photo", "phone_photo", ["dense"],
              image("dense", lambda p, r: fx.photo(p, r, (3024, 4032),
                    [(0.08, 0.06), (0.88, 0.11), (0.95, 0.93), (0.05, 0.86)]), quality=80, dpi=None),
              {"size": [3024, 4032]}, seed=42),
    Rendition("photo-children-cert-landscape.jpg", "phone_photo", "phone_photo", ["children_cert"],
              image("children_cert", lambda p, r: fx.photo(p, r, (4032, 3024),
                    [(0.93, 0.08), (0.95, 0.91), (0.07, 0.93), (0.05, 0.07)]), quality=80, dpi=None),
              {"size": [4032, 3024], "page_turned": 90}, seed=43),
    Rendition("rot90-cert-serif.jpg", "rotated_90", "rotated", ["cert_serif"],
              image("cert_serif", lambda p, r: fx.turned(fx.skewed(p, r, 0.3), 90)), {"clockwise": 90}, seed=51),
    Rendition("rot180-cert-table.jpg", "rotated_180", "rotated", ["cert_table"],
              image("cert_table", lambda p, r: fx.turned(fx.skewed(p, r, -0.3), 180)), {"clockwise": 180}, seed=52),
    Rendition("rot270-children-cert.jpg", "rotated_270", "rotated", ["children_cert"],
              image("children_cert", lambda p, r: fx.turned(fx.skewed(p, r, 0.5), 270)), {"clockwise": 270},
              seed=53),
    Rendition("screenshot-wing.png", "screenshot_1x", "screenshot", [], screenshot, {"size": [1440, 900]}),
    Rendition("scan-3p.pdf", "image_only_pdf", "pdf", ["cert_serif", "children_cert", "dense"],
              scans_pdf(["cert_serif", "children_cert", "dense"], 200), {"dpi": 200}, seed=61),
    Rendition("mixed-2p.pdf", "mixed_pdf", "pdf", ["born_digital", "children_cert"], mixed,
              {"page_1": "text layer", "page_2": "scan 200 dpi"}, seed=62),
    Rendition("notice-euckr.eml", "euc_kr_email", "email", ["email", "born_digital"], email,
              {"charset": "euc-kr", "attachment": "KC인증서_HB-H200.pdf"}),
]


def build(out: Path, only: set[str] | None = None) -> dict:
    """Write the renditions (all, or those named in `only`), their ground truth and the manifest.

    Renditions are independent (each has its own seed), so they are made on every core; the
    output does not depend on which process made what.
    """
    out.mkdir(parents=True, exist_ok=True)
    chosen = [i for i, r in enumerate(RENDITIONS) if not only or r.file in only]
    fork = multiprocessing.get_context("fork")  # the lambdas in RENDITIONS do not pickle
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1, mp_context=fork) as pool:
        entries = list(pool.map(_make, chosen, [out] * len(chosen)))
    manifest = {"version": 1, "generator": "python -m samples.renditions", "renditions": entries}
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return manifest


@functools.cache
def _pages() -> Pages:
    return {name: make() for name, make in PAGES.items()}


def _make(index: int, out: Path) -> dict:
    r = RENDITIONS[index]
    texts = r.make(out / r.file, _pages(), np.random.default_rng(r.seed))
    gt = f"{r.file}.gt.txt"
    (out / gt).write_text("\f".join(texts) + "\n", encoding="utf-8")
    return {"file": r.file, "kind": r.kind, "group": r.group, "pages": len(texts), "sources": r.sources,
            "ground_truth": gt, "params": r.params, "seed": r.seed, "bytes": (out / r.file).stat().st_size}


def scanned_pdf(path: Path, n_pages: int, dpi: int = DPI, distinct: int = 6) -> list[str]:
    """A long scanned PDF for throughput and memory runs (never committed): `distinct` scans of the
    source pages, cycled to `n_pages`. Returns the page texts."""
    pages = list(PAGES.values())
    made = [p() for p in pages]
    rng = np.random.default_rng(7)
    scans = [(at_dpi(fx.skewed(made[i % len(made)].sheet.img, rng, float(rng.uniform(-1, 1))), dpi),
              made[i % len(made)].text) for i in range(distinct)]
    chosen = [scans[i % distinct] for i in range(n_pages)]
    image_pdf(path, [img for img, _ in chosen], dpi)
    return [text for _, text in chosen]
