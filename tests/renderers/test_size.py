"""The package stays under the upload limit: pictures at about 200 DPI, originals untouched, and a
package that cannot fit is refused with a reason instead of being written."""

from __future__ import annotations

import hashlib
import io
import json
import re
import subprocess
import zlib
from pathlib import Path

import numpy as np
import pikepdf
import pytest
from PIL import Image, ImageDraw, ImageFont

from casefile.codes import DocumentKind, TextSource
from casefile.errors import CaseError
from casefile.evidence import EvidenceChain, EvidenceItem
from casefile.fields import OtherFields
from casefile.result import DocumentResult, Exhibit
from renderers import SigningConfig, build_package
from renderers import package as package_module
from renderers.downsample import downsample_pdf_images, encode
from renderers.exhibits import image_pdf
from renderers.package import MAX_PACKAGE_BYTES, PackageTooLargeError
from tests.renderers.conftest import make_chain, outline_pages, page_lines

PHOTO = (4000, 3000)  # a 12 MP phone camera
ORIENTATION = 0x0112


def phone_photo(seed: int, size: tuple[int, int] = PHOTO) -> Image.Image:
    """A scene (soft colour fields, hard-edged objects) under sensor noise: compresses like a photo."""
    rng = np.random.default_rng(seed)
    w, h = size
    scene = Image.fromarray(rng.integers(40, 220, (h // 100, w // 100, 3), dtype=np.uint8))
    scene = scene.resize(size, Image.Resampling.BICUBIC)
    draw = ImageDraw.Draw(scene)
    for _ in range(30):
        x, y = int(rng.integers(0, w)), int(rng.integers(0, h))
        draw.rectangle((x, y, x + int(rng.integers(50, 800)), y + int(rng.integers(50, 600))),
                       fill=tuple(int(v) for v in rng.integers(0, 255, 3)))
    noise = rng.normal(0, 7, (h, w, 3)).astype(np.int16)
    return Image.fromarray(np.clip(np.asarray(scene, dtype=np.int16) + noise, 0, 255).astype(np.uint8))


def add_exhibits(chain: EvidenceChain, files: list[Path]) -> None:
    media = {".jpg": "image/jpeg", ".png": "image/png", ".pdf": "application/pdf"}
    for path in files:
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        number = len(chain.items) + 1
        chain.documents.append(DocumentResult(path=path.name, sha256=sha, kind=DocumentKind.other, pages=1,
                                              text_source=TextSource.ocr, ocr_confidence=None,
                                              fields=OtherFields()))
        chain.items.append(EvidenceItem(
            exhibit=Exhibit(number=number, label=f"붙임 {number}", document=path.name, sha256=sha),
            kind=DocumentKind.other, title_ko="기타 자료", abs_path=str(path), media_type=media[path.suffix],
            page_count=1, fields=OtherFields()))


def twenty_photos(folder: Path) -> list[Path]:
    """16 JPEGs (two shot in portrait, turned by EXIF), 2 PNGs, 2 scanner-app PDFs at 342 DPI."""
    files = []
    for i in range(20):
        img = phone_photo(i)
        if i < 16:
            path = folder / f"photo{i:02}.jpg"
            exif = Image.Exif()
            exif[ORIENTATION] = 6 if i in (3, 7) else 1
            img.save(path, quality=92, exif=exif)
        elif i < 18:
            path = folder / f"photo{i:02}.png"
            img.save(path, compress_level=1)
        else:
            path = folder / f"scan{i:02}.pdf"
            img.save(path, "PDF", resolution=342.0, quality=92)
        files.append(path)
    return files


def photo_pages(pdf: Path) -> dict[int, int]:
    """Exhibit number -> 0-based first page, for the twenty photos (붙임 4 to 붙임 23)."""
    found = {}
    for title, index in outline_pages(pdf).items():
        match = re.match(r"붙임 (\d+) - ", title)
        if match and int(match.group(1)) >= 4:
            found[int(match.group(1))] = index
    assert sorted(found) == list(range(4, 24))
    return found


@pytest.fixture(scope="module")
def twenty(tmp_path_factory):
    root = tmp_path_factory.mktemp("twenty")
    chain = make_chain(root / "case")
    files = twenty_photos(root / "case")
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in files}
    add_exhibits(chain, files)
    package = build_package(chain, root / "out", SigningConfig(demo_key_dir=root / "keys"))
    return {"pdf": root / "out" / package.path, "package": package, "files": files, "before": before,
            "uploaded": sum(p.stat().st_size for p in files)}


@pytest.mark.slow
def test_twenty_phone_photos_stay_under_the_limit(twenty):
    size = twenty["pdf"].stat().st_size
    print(f"twenty photos: {twenty['uploaded'] / 1e6:.1f} MB uploaded -> package {size / 1e6:.2f} MB")
    assert twenty["uploaded"] > 5 * MAX_PACKAGE_BYTES  # the inputs really are phone-sized
    assert size <= MAX_PACKAGE_BYTES


@pytest.mark.slow
def test_twenty_photo_package_is_qpdf_clean(twenty):
    run = subprocess.run(["qpdf", "--check", str(twenty["pdf"])], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "No syntax or stream encoding errors found" in run.stdout


@pytest.mark.slow
def test_recompressed_pictures_keep_the_pdfa_declaration(twenty):
    with pikepdf.open(twenty["pdf"]) as pdf:
        assert pdf.open_metadata().pdfa_status == "3B"


@pytest.mark.slow
def test_every_photo_page_keeps_its_stamps(twenty):
    total = twenty["package"].pages
    for number, first in photo_pages(twenty["pdf"]).items():
        label = f"붙임 {number}"
        text = "\n".join(page_lines(twenty["pdf"], first, first))
        assert f"{label} (1/1)" in text and f"- {first + 1} / {total} -" in text, text


@pytest.mark.slow
def test_pictures_are_placed_at_about_200_dpi(twenty):
    """poppler's own reading of each image's resolution where it is drawn, on every photo page."""
    pages = {index + 1 for index in photo_pages(twenty["pdf"]).values()}  # pdfimages counts from 1
    listing = subprocess.run(["pdfimages", "-list", str(twenty["pdf"])], capture_output=True, text=True,
                             check=True).stdout.splitlines()[2:]
    rows = [line.split() for line in listing]
    drawn = [r for r in rows if r[2] == "image" and int(r[0]) in pages]
    assert {int(r[0]) for r in drawn} == pages and len(drawn) == 20
    for row in drawn:
        x_ppi, y_ppi, encoding = int(row[12]), int(row[13]), row[8]
        assert 180 <= x_ppi <= 205 and 180 <= y_ppi <= 205, row
        assert encoding == "jpeg", row  # photos stay photos


@pytest.mark.slow
def test_portrait_photos_are_turned_upright(twenty):
    pages = photo_pages(twenty["pdf"])
    with pikepdf.open(twenty["pdf"]) as pdf:
        for number in (7, 11):  # photo03 and photo07 carry EXIF orientation 6
            [image] = list(pdf.pages[pages[number]].images.values())
            assert int(image.Height) > int(image.Width)


@pytest.mark.slow
def test_originals_are_untouched_and_the_manifest_cites_them(twenty):
    for path in twenty["files"]:
        assert hashlib.sha256(path.read_bytes()).hexdigest() == twenty["before"][path.name]
    with pikepdf.open(twenty["pdf"]) as pdf:
        data = json.loads(pdf.attachments["manifest.json"].get_file().read_bytes())
    cited = {e["document"]: e["sha256"] for e in data["exhibits"]}
    assert {name: cited[name] for name in twenty["before"]} == twenty["before"]


# --- when it cannot fit -----------------------------------------------------------------------


def test_a_package_over_the_limit_is_refused_and_not_written(tmp_path, monkeypatch):
    """The real pipeline with a lower limit: the error names the heaviest exhibit, nothing is written."""
    chain = make_chain(tmp_path / "case")
    monkeypatch.setattr(package_module, "MAX_PACKAGE_BYTES", 150_000)
    out = tmp_path / "out"
    with pytest.raises(PackageTooLargeError) as caught:
        build_package(chain, out, SigningConfig(demo_key_dir=tmp_path / "keys"))
    assert isinstance(caught.value, CaseError)  # the flow turns it into a `failed` result with this message
    message = caught.value.message
    assert "over the 0.15 MB upload limit" in message and "200 DPI" in message
    assert "붙임 1 docs/kc.pdf" in message or "붙임 2 wing.png" in message
    assert not (out / "appeal.pdf").exists()
    assert not out.exists() or not any(out.iterdir())


# --- the encoder and PDF images, one by one ---------------------------------------------------


def _pdf_with_image(img: Image.Image, page_pt: tuple[float, float], drawn_pt: tuple[float, float],
                    via_form: bool = False) -> pikepdf.Pdf:
    """A one-page PDF drawing `img` at `drawn_pt`, directly or inside a Form XObject."""
    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=page_pt)
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=92)
    image = pikepdf.Stream(pdf, buf.getvalue(), Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image,
                           Width=img.width, Height=img.height, ColorSpace=pikepdf.Name.DeviceRGB,
                           BitsPerComponent=8, Filter=pikepdf.Name.DCTDecode)
    draw = f"q {drawn_pt[0]} 0 0 {drawn_pt[1]} 10 10 cm /Im0 Do Q".encode()
    if via_form:
        form = pikepdf.Stream(pdf, draw, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form,
                              BBox=[0, 0, page_pt[0], page_pt[1]],
                              Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image)))
        page.obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Fm0=form))
        page.contents_add(pikepdf.Stream(pdf, b"q 0.5 0 0 0.5 0 0 cm /Fm0 Do Q"))
    else:
        page.obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image))
        page.contents_add(pikepdf.Stream(pdf, draw))
    return pdf


def test_a_big_photo_inside_a_pdf_is_brought_to_200_dpi():
    img = phone_photo(1, (2400, 1800))
    pdf = _pdf_with_image(img, (595, 842), (432, 324))  # 6 x 4.5 inches: 400 DPI
    assert downsample_pdf_images(pdf) == 1
    [image] = list(pdf.pages[0].images.values())
    assert (int(image.Width), int(image.Height)) == (1200, 900)
    assert image.Filter == pikepdf.Name.DCTDecode and "/DecodeParms" not in image
    assert pikepdf.PdfImage(image).as_pil_image().size == (1200, 900)


def test_the_size_drawn_counts_even_through_a_form():
    img = phone_photo(2, (2400, 1800))
    pdf = _pdf_with_image(img, (595, 842), (864, 648), via_form=True)  # drawn 12 in, halved by the page: 6 in
    assert downsample_pdf_images(pdf) == 1
    [image] = [obj for obj in pdf.objects if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"]
    assert int(image.Width) == 1200


def test_a_scan_near_200_dpi_is_left_as_uploaded():
    img = phone_photo(3, (1240, 930))
    pdf = _pdf_with_image(img, (595, 842), (432, 324))  # about 207 DPI
    [before] = [bytes(obj.read_raw_bytes()) for obj in pdf.objects
                if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"]
    assert downsample_pdf_images(pdf) == 0
    [after] = [bytes(obj.read_raw_bytes()) for obj in pdf.objects
               if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"]
    assert after == before


def test_few_colour_pictures_become_exact_indexed_images():
    shot = Image.new("RGB", (300, 200), (245, 246, 248))
    draw = ImageDraw.Draw(shot)
    for i, colour in enumerate([(20, 20, 20), (230, 60, 40), (40, 110, 220), (40, 160, 90)]):
        draw.rectangle((20 + 60 * i, 40, 60 + 60 * i, 160), fill=colour)
    encoded = encode(shot, photo=False)
    assert encoded.filter == pikepdf.Name.FlateDecode and encoded.palette is not None and encoded.bits == 4
    assert len(encoded.data) < len(zlib.compress(shot.tobytes(), 9))
    pdf = pikepdf.new()
    round_trip = pikepdf.PdfImage(encoded.stream(pdf)).as_pil_image().convert("RGB")
    assert round_trip.tobytes() == shot.tobytes()  # lossless, palette order included


def test_a_photo_saved_as_png_goes_jpeg_a_screenshot_does_not():
    photo = phone_photo(4, (800, 600))
    assert encode(photo, photo=False).filter == pikepdf.Name.DCTDecode
    screen = Image.new("RGB", (800, 600), (247, 248, 250))
    draw = ImageDraw.Draw(screen)
    font = ImageFont.truetype("/usr/share/fonts/truetype/nanum/NanumGothic.ttf", 18)
    colours = [(33, 37, 41), (13, 110, 253), (220, 53, 69), (25, 135, 84)]
    draw.rectangle((0, 0, 800, 48), fill=(52, 58, 64))
    for i, y in enumerate(range(60, 580, 26)):  # anti-aliased text in four colours: hundreds of shades
        draw.text((20, y), "판매중지 상품번호 7234567890 HB-H200", font=font, fill=colours[i % 4])
    assert screen.getcolors(256) is None
    assert encode(screen, photo=False).filter == pikepdf.Name.FlateDecode


def test_a_grey_scan_stays_grey(tmp_path):
    scan = phone_photo(5, (2480, 3508)).convert("L")  # A4 at 300 DPI, grey
    path = tmp_path / "scan.png"
    scan.save(path, compress_level=1)
    pdf = image_pdf(path)
    [image] = list(pdf.pages[0].images.values())
    assert image.ColorSpace == pikepdf.Name.DeviceGray
    assert int(image.Width) < 2480


def test_damaged_images_and_content_are_left_as_uploaded():
    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=(595, 842))
    junk = pikepdf.Stream(pdf, b"not a jpeg at all", Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image,
                          Width=4000, Height=3000, ColorSpace=pikepdf.Name.DeviceRGB, BitsPerComponent=8,
                          Filter=pikepdf.Name.DCTDecode)
    page.obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=junk))
    page.contents_add(pikepdf.Stream(pdf, b"q 400 0 0 300 0 0 cm /Im0 Do Q (unterminated"))
    assert downsample_pdf_images(pdf) == 0
    assert bytes(junk.read_raw_bytes()) == b"not a jpeg at all" and int(junk.Width) == 4000
