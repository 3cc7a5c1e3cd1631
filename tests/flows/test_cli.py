"""The command line: help, bad arguments, and cases that cannot be processed."""

from __future__ import annotations

import json
import zipfile

import pytest


def test_help_explains_each_command(run_appeal, tmp_path):
    top = run_appeal("--help", out=tmp_path)
    assert top.returncode == 0 and "process" in top.stdout and "read" in top.stdout
    process = run_appeal("process", "--help", out=tmp_path)
    assert "--as-of" in process.stdout and "APPEAL_SIGNING_P12" in process.stdout


def test_bad_date_is_a_usage_error(run_appeal, tmp_path):
    run = run_appeal("process", tmp_path, "--out", tmp_path / "o", "--as-of", "28.11.2026", out=tmp_path)
    assert run.returncode == 2 and "YYYY-MM-DD" in run.stderr


@pytest.mark.slow
def test_missing_case_and_broken_zip_write_a_failed_result(run_appeal, tmp_path):
    out = tmp_path / "missing"
    run = run_appeal("process", tmp_path / "no-such-case", "--out", out, "--as-of", "2026-11-28", out=out)
    assert run.returncode == 0, run.stderr[-2000:]
    result = run.result
    assert result["status"] == "failed" and result["case_id"] == "no-such-case"
    assert result["findings"][0]["code"] == "unsupported_format"
    assert result["review_sheet"] is None and result["package"] is None

    broken = tmp_path / "case-9.zip"
    broken.write_bytes(b"PK\x03\x04 this is not really a zip")
    out = tmp_path / "broken"
    run = run_appeal("process", broken, "--out", out, "--as-of", "2026-11-28", out=out)
    assert run.returncode == 0 and run.result["status"] == "failed"
    assert run.result["case_id"] == "case-9"


@pytest.mark.slow
def test_bad_case_toml_costs_a_finding_naming_the_key_not_the_case(run_appeal, tmp_path):
    case = tmp_path / "c1"
    case.mkdir()
    (case / "case.toml").write_text('[listing]\nmodel = "X"\n', encoding="utf-8")
    (case / "note.txt").write_text("안전확인 신고 증명서 YU07421-24031", encoding="utf-8")
    out = tmp_path / "o"
    run = run_appeal("process", case, "--out", out, "--as-of", "2026-11-28", out=out)
    assert run.returncode == 0
    assert run.result["status"] == "needs_fixes"
    assert [d["path"] for d in run.result["documents"]] == ["note.txt"]
    [fault] = [f for f in run.result["findings"] if f["documents"] == ["case.toml"]]
    assert "line 2: unknown key 'listing.model'" in fault["message_ko"]


@pytest.mark.slow
def test_unwritable_output_is_a_non_zero_exit(run_appeal, tmp_path):
    # A folder below a regular file cannot be made, even by root (CI runs as root).
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder")
    case = tmp_path / "c3"
    case.mkdir()
    run = run_appeal("process", case, "--out", blocker / "o", "--as-of", "2026-11-28", out=blocker)
    assert run.returncode == 5, run.stderr[-2000:]
    assert "cannot write" in run.stderr


@pytest.mark.slow
def test_an_unreadable_file_is_a_finding_not_a_crash(run_appeal, tmp_path):
    case = tmp_path / "c2"
    case.mkdir()
    (case / "certificate.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog")  # truncated
    with zipfile.ZipFile(case / "fake.docx", "w") as zf:
        zf.writestr("hello.txt", "not a docx")
    (case / "case.toml").write_text('[appeal]\nreason = "kc_certification"\n', encoding="utf-8")
    out = tmp_path / "o2"
    run = run_appeal("process", case, "--out", out, "--as-of", "2026-11-28", out=out)
    assert run.returncode == 0, run.stderr[-2000:]
    result = run.result
    assert result["status"] == "needs_fixes"
    by_doc = {d for f in result["findings"] for d in f["documents"]}
    assert "certificate.pdf" in by_doc
    assert json.dumps(result, ensure_ascii=False).count("missing_required_evidence") == 1


def test_render_preview_writes_pngs_and_says_when_there_is_no_package(run_appeal, tmp_path):
    from weasyprint import HTML

    out = tmp_path / "o"
    out.mkdir()
    (out / "result.json").write_text('{"status": "needs_fixes"}', encoding="utf-8")
    missing = run_appeal("render-preview", out, out=out)
    assert missing.returncode == 2
    assert "no appeal.pdf" in missing.stderr and "'needs_fixes'" in missing.stderr

    (out / "appeal.pdf").write_bytes(HTML(string="<p>소명서</p><p style='break-before:page'>붙임</p>").write_pdf())
    run = run_appeal("render-preview", out, "--dpi", "50", "--pages", "2", out=out)
    assert run.returncode == 0, run.stderr[-2000:]
    assert sorted(p.name for p in (out / "preview").iterdir()) == ["appeal-p02.png"]
    assert str(out / "preview" / "appeal-p02.png") in run.stdout
    assert run_appeal("render-preview", out, "--pages", "2-1", out=out).returncode == 2
