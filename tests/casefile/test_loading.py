"""Taking a case in: folders, zips, hostile paths, links, sizes, case.toml."""

from __future__ import annotations

import hashlib
import os
import stat
import zipfile
from pathlib import Path

import pytest

from casefile.codes import FindingCode
from casefile.errors import CaseError
from casefile.limits import Limits
from casefile.loading import documents_of, load_case

TOML = """
[seller]
name_ko = "주식회사 한빛무역"
seal_image = "seal.png"

[listing]
model_name = "HB-H200"

[appeal]
reason = "kc_certification"
notice_date = 2026-11-20
"""


def make_case(root: Path) -> Path:
    case = root / "case-0001"
    (case / "docs").mkdir(parents=True)
    (case / "docs" / "인증서.txt").write_text("안전확인 신고증명서", encoding="utf-8")
    (case / "seal.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 20)
    (case / "case.toml").write_text(TOML, encoding="utf-8")
    return case


def test_folder_inventory_hashes_every_file_and_reads_config(tmp_path):
    case_dir = make_case(tmp_path)
    case = load_case(case_dir, tmp_path / "work")
    assert case.case_id == "case-0001"
    paths = [f.path for f in case.files]
    assert paths == ["case.toml", "docs/인증서.txt", "seal.png"]
    txt = next(f for f in case.files if f.path == "docs/인증서.txt")
    assert txt.sha256 == hashlib.sha256((case_dir / "docs" / "인증서.txt").read_bytes()).hexdigest()
    assert case.config.listing.model_name == "HB-H200"
    assert case.config.appeal.reason.value == "kc_certification"
    assert [d.path for d in documents_of(case)] == ["docs/인증서.txt"]


def test_zip_of_one_folder_is_unwrapped_and_named_after_the_zip(tmp_path):
    case_dir = make_case(tmp_path)
    archive = tmp_path / "case-0002.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for f in case_dir.rglob("*"):
            if f.is_file():
                zf.write(f, Path("case-0001") / f.relative_to(case_dir))
    before = archive.read_bytes()
    case = load_case(archive, tmp_path / "work")
    assert case.case_id == "case-0002"
    assert sorted(f.path for f in case.files) == ["case.toml", "docs/인증서.txt", "seal.png"]
    assert case.config.seller.name_ko == "주식회사 한빛무역"
    assert archive.read_bytes() == before  # the input is never altered


def test_zip_paths_that_escape_are_not_extracted(tmp_path):
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("../escape.txt", "x")
        zf.writestr("/abs.txt", "x")
        zf.writestr("ok.txt", "안전인증")
        link = zipfile.ZipInfo("link.txt")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(link, "/etc/passwd")
    work = tmp_path / "work"
    case = load_case(archive, work)
    assert [f.path for f in case.files] == ["ok.txt"]
    problems = {p.path: p.code for p in case.problems}
    assert problems == {"../escape.txt": FindingCode.unsupported_format,
                        "/abs.txt": FindingCode.unsupported_format,
                        "link.txt": FindingCode.unsupported_format}
    assert not (tmp_path / "escape.txt").exists()
    assert not any(p.is_symlink() for p in work.rglob("*"))


# A loose zip, and a zip of one case folder: the refused member is named as the case's documents are.
@pytest.mark.parametrize(("top", "inside"), [("", ""), ("case-0003/", "docs/")])
def test_zip_member_that_expands_past_the_limit_is_refused(tmp_path, top, inside):
    archive = tmp_path / "case-0003.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(f"{top}{inside}big.txt", b"0" * (3 * 1024 * 1024))
        zf.writestr(f"{top}{inside}small.txt", "안전확인")
    case = load_case(archive, tmp_path / "work", Limits(max_file_bytes=1024 * 1024))
    assert [f.path for f in case.files] == [f"{inside}small.txt"]
    assert [p.path for p in case.problems] == [f"{inside}big.txt"]


def test_symlinks_in_a_folder_are_reported_not_followed(tmp_path):
    case_dir = make_case(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("not part of the case")
    os.symlink(secret, case_dir / "docs" / "link.txt")
    os.symlink(tmp_path, case_dir / "parent")
    case = load_case(case_dir, tmp_path / "work")
    assert "docs/link.txt" not in [f.path for f in case.files]
    assert {p.path for p in case.problems} == {"docs/link.txt", "parent"}


def test_over_the_file_limit_the_first_files_are_read_and_the_rest_named(tmp_path):
    case_dir = tmp_path / "many"
    (case_dir / "a").mkdir(parents=True)
    for i in range(4):
        (case_dir / "a" / f"{i}.txt").write_text("x")
    for name in ("z.txt", "b.txt", "case.toml"):
        (case_dir / name).write_text("x" if name != "case.toml" else TOML.split("[listing]")[0].replace(
            'seal_image = "seal.png"', ""))
    case = load_case(case_dir, tmp_path / "work", Limits(max_files=4))
    # case.toml first, then the top level by name, then the sub-folder by name.
    assert [f.path for f in case.files] == ["a/0.txt", "b.txt", "case.toml", "z.txt"]
    [left] = case.problems
    assert left.code is FindingCode.unsupported_format and left.path == "a/1.txt"
    assert "holds 7 files; only the first 4 were read" in left.detail and "3 were left from a/1.txt on" in left.detail


def test_over_the_byte_limit_the_rest_are_left_too(tmp_path):
    case_dir = tmp_path / "big"
    case_dir.mkdir()
    for i in range(3):
        (case_dir / f"{i}.bin").write_bytes(b"x" * 600)
    case = load_case(case_dir, tmp_path / "work", Limits(max_total_bytes=1000))
    assert [f.path for f in case.files] == ["0.bin"]
    assert "2 were left from 1.bin on" in case.problems[0].detail


def test_a_zip_over_the_file_limit_keeps_case_toml_and_the_top_level_first(tmp_path):
    archive = tmp_path / "many.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for i in range(5):
            zf.writestr(f"case/scans/{i}.txt", "x")
        zf.writestr("case/notice.txt", "x")
        zf.writestr("case/case.toml", '[appeal]\nreason = "kc_certification"\n')
    case = load_case(archive, tmp_path / "work", Limits(max_files=3))
    assert [f.path for f in case.files] == ["case.toml", "notice.txt", "scans/0.txt"]
    assert case.config.appeal.reason.value == "kc_certification"
    [left] = case.problems
    assert left.path == "scans/1.txt" and "4 were left" in left.detail


def test_missing_case_and_non_case_file_are_case_errors(tmp_path):
    with pytest.raises(CaseError, match="not found"):
        load_case(tmp_path / "nope", tmp_path / "work")
    not_zip = tmp_path / "case.zip"
    not_zip.write_text("hello")
    with pytest.raises(CaseError, match="folder or a .zip"):
        load_case(not_zip, tmp_path / "work")


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ('[listing]\nmodel = "X"\n', "line 2: unknown key 'listing.model', ignored"),
        ('[appeal]\nnotice_date = "yesterday"\n', "line 2: key 'appeal.notice_date'"),
        ('[appeal]\nreason = "kc"\n', "line 2: key 'appeal.reason'"),
        ('[appeal]\nnotice_date = 12\n', "line 2: key 'appeal.notice_date'"),
        ('seller = "Hanbit"\n', "line 1: key 'seller' must be a table"),
        ('[seller]\nseal_image = "../../etc/passwd"\n', "line 2: key 'seller.seal_image' points outside the case"),
        ('[seller]\nseal_image = "missing.png"\n', "line 2: key 'seller.seal_image' is not a file of the case"),
        ('[appeal]\nreason = "kc_certification"\n[seller\n', "not valid TOML, so none of it was used (line 3: "),
    ],
)
def test_a_bad_case_toml_costs_a_problem_naming_the_key_and_line(tmp_path, toml, expected):
    case_dir = tmp_path / "c"
    case_dir.mkdir()
    (case_dir / "case.toml").write_text(toml, encoding="utf-8")
    (case_dir / "kc.txt").write_text("안전확인 신고증명서", encoding="utf-8")
    case = load_case(case_dir, tmp_path / "work")
    # The case is processed: its documents are read.
    assert [d.path for d in documents_of(case)] == ["kc.txt"]
    [problem] = case.problems
    assert problem.path == "case.toml" and problem.code is FindingCode.unsupported_format
    assert expected in problem.detail
    assert case.config.seller.seal_image is None


def test_the_good_keys_of_a_case_toml_with_faults_are_kept(tmp_path):
    case_dir = tmp_path / "c"
    case_dir.mkdir()
    (case_dir / "case.toml").write_text(
        '[seller]\nname_ko = "주식회사 한빛무역"\nnickname = "x"\n\n[appeal]\nreason = "kc_certification"\n'
        'notice_date = "last week"\n[listing]\nmodel_name = "HB-H200"\n', encoding="utf-8")
    case = load_case(case_dir, tmp_path / "work")
    assert case.config.seller.name_ko == "주식회사 한빛무역"
    assert case.config.appeal.reason.value == "kc_certification" and case.config.appeal.notice_date is None
    assert case.config.listing.model_name == "HB-H200"
    assert [p.detail.split(":")[0] for p in case.problems] == ["line 3", "line 7"]
