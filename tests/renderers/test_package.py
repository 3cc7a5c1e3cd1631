"""The real package, built once with a demo key, checked with poppler, qpdf, pyHanko and pdfplumber."""

from __future__ import annotations

import hashlib
import stat
import subprocess
import time

import pdfplumber
import pikepdf
import pytest

from renderers import SigningConfig, build_package, demo_signer, signature_status
from renderers.facts import gather
from renderers.letter import compose, letter_html
from renderers.typeset import render_pdf
from tests.renderers.conftest import AS_OF, broken_lines, html_words, make_chain, outline_pages, page_lines

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("pkg")
    chain = make_chain(root / "case")
    keys = root / "keys"
    started = time.perf_counter()
    package = build_package(chain, root / "out", SigningConfig(demo_key_dir=keys))
    print(f"build_package: {time.perf_counter() - started:.2f}s")
    return {"chain": chain, "package": package, "pdf": root / "out" / package.path, "keys": keys}


def test_result_describes_the_file(built):
    pdf, package = built["pdf"], built["package"]
    assert package.path == "appeal.pdf" and package.signed
    assert package.sha256 == hashlib.sha256(pdf.read_bytes()).hexdigest()
    with pikepdf.open(pdf) as doc:
        assert package.pages == len(doc.pages) == 4 + 2 + 1 + 1  # cover, letter x2, index; 2+1+1 exhibit pages
        assert str(doc.docinfo["/Author"]) == "주식회사 한빛무역"
        assert str(doc.Root.Lang) == "ko-KR"


def test_pdfsig_says_valid(built):
    out = subprocess.run(["pdfsig", str(built["pdf"])], capture_output=True, text=True).stdout
    assert "Signature Validation: Signature is Valid." in out
    assert "Total document signed" in out and "ETSI.CAdES.detached" in out
    assert "DEMO signer - not for submission" in out


def test_pyhanko_intact_valid_trusted_entire_file(built):
    demo = demo_signer(built["keys"], "주식회사 한빛무역")  # reuses the key made by the build
    [status] = signature_status(built["pdf"], [demo.certificate])
    assert status["intact"] and status["valid"] and status["trusted"]
    assert status["coverage"] == "ENTIRE_FILE"
    assert status["subfilter"] == "/ETSI.CAdES.detached"


def test_demo_key_is_private_and_reused(built):
    [key] = list(built["keys"].glob("*.p12"))
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    before = key.read_bytes()
    again = demo_signer(built["keys"], "주식회사 한빛무역")
    assert again.is_demo and "DEMO" in again.subject and key.read_bytes() == before
    assert again.notice and "DEMO" in again.notice


def test_every_font_embedded(built):
    out = subprocess.run(["pdffonts", str(built["pdf"])], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in out.splitlines()[2:] if line.strip()]
    assert rows, out
    for row in rows:
        emb = row[-5]  # columns from the right: emb sub uni object-id gen
        assert emb == "yes", row


def test_qpdf_check_clean(built):
    run = subprocess.run(["qpdf", "--check", str(built["pdf"])], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "No syntax or stream encoding errors found" in run.stdout


def test_letter_has_the_gongmun_parts(built):
    pages = outline_pages(built["pdf"])
    text = "\n".join(page_lines(built["pdf"], pages["소명서"], pages["붙임 목록"] - 1))
    for part in ("수신", "쿠팡 주식회사", "참조 상품안전 담당", "제목", "붙임", "끝.", "2026. 11. 28.",
                 "HU071695-21012A", "전기용품 및 생활용품 안전관리법", "대표이사 왕웨이", "주시기 바랍니다."):
        assert part in text, part
    assert "1. KC 인증서(HU071695-21012A) 1부." in text
    assert text.rstrip().splitlines()[-2].strip() != ""  # the date is not the footer


def test_no_line_breaks_inside_a_word(built):
    chain = built["chain"]
    facts = gather(chain)
    source = html_words(letter_html(chain, facts, compose(facts), total_pages=8))
    pages = outline_pages(built["pdf"])
    lines = page_lines(built["pdf"], pages["표지"], pages["붙임 목록"] - 1)
    assert len(lines) > 30
    assert broken_lines(lines, source) == []


def test_the_word_check_catches_broken_words(tmp_path):
    """The same check fails on text WeasyPrint breaks by syllable (no keepall), so it can fail."""
    paragraph = ("당사는 판매가 재개되면 위 인증번호를 상품 정보의 인증 정보 항목에 정확히 등록하고, 앞으로 상품을 등록할 "
                 "때마다 KC 인증 대상 여부와 인증 정보를 미리 확인하여 같은 일이 다시 생기지 않도록 하겠습니다.")
    page = ('<html lang="ko"><body style="font-family: \'Appeal Myeongjo\'; width: 52mm">'
            '<p>{}</p></body></html>')
    words = set(paragraph.split())
    plain, kept = tmp_path / "plain.pdf", tmp_path / "kept.pdf"
    plain.write_bytes(render_pdf(page.format(paragraph)))
    from renderers.typeset import keepall
    kept.write_bytes(render_pdf(page.format(keepall(paragraph)) + '<style>.w{white-space:nowrap}</style>'))
    assert broken_lines(page_lines(plain, 0, 0), words), "syllable breaking was expected without keepall"
    assert broken_lines(page_lines(kept, 0, 0), words) == []


def test_exhibit_stamps_are_readable(built):
    pages = outline_pages(built["pdf"])
    with pdfplumber.open(built["pdf"]) as pdf:
        for label, pages_in_exhibit in (("붙임 1", 2), ("붙임 2", 1), ("붙임 3", 1)):
            first = next(i for t, i in pages.items() if t.startswith(label + " "))
            text = pdf.pages[first].extract_text(x_tolerance=1.5)
            assert label in text and f"{label} (1/{pages_in_exhibit})" in text
        last = pdf.pages[pages["붙임 1 - KC 인증서 (HU071695-21012A)"] + 1].extract_text(x_tolerance=1.5)
        assert "붙임 1 (2/2)" in last and "- 6 / 8 -" in last


def test_outline_has_sections_and_every_exhibit(built):
    titles = list(outline_pages(built["pdf"]))
    assert titles[:3] == ["표지", "소명서", "붙임 목록"]
    assert titles[3:] == ["붙임 1 - KC 인증서 (HU071695-21012A)", "붙임 2 - 쿠팡 Wing 화면", "붙임 3 - 판매중지 안내 메일"]
    assert outline_pages(built["pdf"])["붙임 1 - KC 인증서 (HU071695-21012A)"] == 4


def test_transcript_page_names_its_original(built):
    pages = outline_pages(built["pdf"])
    with pdfplumber.open(built["pdf"]) as pdf:
        text = pdf.pages[pages["붙임 3 - 판매중지 안내 메일"]].extract_text(x_tolerance=1.5)
    assert "원문 텍스트 사본 (원본 파일: notice.txt)" in text
    assert "상품번호 7234567890" in text


def test_writes_atomically_leaving_no_temporaries(built):
    assert sorted(p.name for p in built["pdf"].parent.iterdir()) == ["appeal.pdf"]


def test_manifest_attachment_ties_every_exhibit_to_its_hash(built):
    import json

    with pikepdf.open(built["pdf"]) as pdf:
        data = json.loads(pdf.attachments["manifest.json"].get_file().read_bytes())
    assert data["case_id"] and data["exhibits"]
    for exhibit in data["exhibits"]:
        assert len(exhibit["sha256"]) == 64 and exhibit["first_page"] >= 1 and exhibit["pages"] >= 1
    assert {e["document"] for e in data["exhibits"]} <= {d["path"] for d in data["documents"]}


# --- PDF/A-3b (renderers/pdfa.py): what can be checked here, without veraPDF ---------------------


def test_package_declares_pdfa_3b_with_an_srgb_output_intent(built):
    with pikepdf.open(built["pdf"]) as pdf:
        assert pdf.open_metadata().pdfa_status == "3B"
        [intent] = pdf.Root.OutputIntents
        assert intent.S == pikepdf.Name.GTS_PDFA1 and str(intent.OutputConditionIdentifier) == "sRGB IEC61966-2.1"
        profile = intent.DestOutputProfile
        icc = profile.read_bytes()
        assert int(profile.N) == 3 and icc[36:40] == b"acsp" and icc[16:20] == b"RGB "


def test_manifest_is_an_associated_file_with_its_relationship(built):
    with pikepdf.open(built["pdf"]) as pdf:
        spec = pdf.attachments["manifest.json"].obj
        assert spec.AFRelationship == pikepdf.Name.Data
        assert str(spec.F) == str(spec.UF) == "manifest.json"
        assert [s.objgen for s in pdf.Root.AF] == [spec.objgen]
        stream = spec.EF.F
        assert stream.Subtype == pikepdf.Name("/application/json")
        assert str(stream.Params.ModDate).startswith("D:20261128")


def test_unsigned_package_passes_the_pdfa_validator(tmp_path):
    """pikepdf.pdfa approves only what it knows conforms; the signed file it cannot judge (AcroForm)."""
    import pikepdf.pdfa

    from renderers.package import assemble

    data, *_ = assemble(make_chain(tmp_path / "case"))
    path = tmp_path / "unsigned.pdf"
    path.write_bytes(data)
    report = pikepdf.pdfa.validate_written(path, "3b")
    assert report.verdict == "pass", [str(f) for f in report.findings]


def test_signing_keeps_the_pdfa_parts_it_touches(built):
    """pyHanko's incremental update: XMP still declares 3B and agrees with DocInfo; the signature widget
    is printable, has only a normal appearance, and its font is embedded."""
    with pikepdf.open(built["pdf"]) as pdf:
        meta = pdf.open_metadata()
        assert meta.pdfa_status == "3B"
        assert str(pdf.docinfo.Producer) == meta["pdf:Producer"]
        assert str(pdf.docinfo.Title) == meta["dc:title"]
        assert "/NeedAppearances" not in pdf.Root.AcroForm
        [field] = pdf.Root.AcroForm.Fields
        flags = int(field.F)
        assert flags & 4 and not flags & (1 | 2 | 32)  # Print; not Invisible, Hidden or NoView
        assert list(field.AP.keys()) == ["/N"]
        fonts = field.AP.N.Resources.Font
        for name in fonts.keys():
            descriptor = fonts[name].DescendantFonts[0].FontDescriptor
            assert "/FontFile2" in descriptor or "/FontFile3" in descriptor


def test_an_upload_that_breaks_pdfa_withdraws_the_claim():
    """A page with an unembedded standard font (as many exported certificates have): no PDF/A claim."""
    from renderers.pdfa import declare_pdfa

    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=(595, 842))
    font = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)
    page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    page.contents_add(pikepdf.Stream(pdf, b"BT /F1 12 Tf 72 720 Td (KC certificate) Tj ET"))
    outcome = declare_pdfa(pdf, AS_OF)
    assert not outcome.declared and any("font" in f.lower() for f in outcome.findings)
    assert pdf.open_metadata().pdfa_status == ""


def test_the_same_case_assembles_to_the_same_bytes(tmp_path):
    """DESIGN.md: same inputs, same package, up to the signature (resource names included)."""
    from renderers.package import assemble

    chain = make_chain(tmp_path / "case")
    first, *_ = assemble(chain)
    second, *_ = assemble(chain)
    assert first == second


def test_a_stamp_never_takes_the_name_of_a_resource_the_page_already_has():
    from renderers.stamps import add_xobject

    pdf = pikepdf.new()
    page = pdf.add_blank_page()
    own = pdf.make_stream(b"% the upload's own form")
    page.add_resource(own, pikepdf.Name.XObject, pikepdf.Name("/Stamp0"))
    stamp = pdf.make_stream(b"% our stamp")
    assert add_xobject(page, stamp, "Stamp") == "/Stamp1"
    assert page.resources.XObject.Stamp0.read_bytes() == b"% the upload's own form"
