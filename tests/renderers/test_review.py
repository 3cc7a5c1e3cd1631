from __future__ import annotations

import subprocess

import pdfplumber

from casefile.codes import FindingCode, Severity
from casefile.result import Finding
from renderers import build_review_sheet


def _text(path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(p.extract_text(x_tolerance=1.5) or "" for p in pdf.pages)


def test_ready_sheet_explains_the_letter(chain, tmp_path):
    name = build_review_sheet(chain, "ready", tmp_path)
    assert name == "review_zh.pdf"
    text = _text(tmp_path / name)
    assert "结论：完成下列修改后才能提交" in text  # the Wing screen does not show the number (test_checklist.py)
    assert "韩文申诉书的内容" in text and "귀사의 무궁한 발전을 기원합니다." in text
    assert "认证编号：HU071695-21012A" in text
    fonts = subprocess.run(["pdffonts", str(tmp_path / name)], capture_output=True, text=True).stdout
    assert "Noto-Sans-CJK-SC" in fonts


def test_needs_fixes_sheet_lists_findings_and_actions(chain, tmp_path):
    chain.findings.append(Finding(code=FindingCode.certificate_expired, severity=Severity.error,
                                  documents=["docs/kc.pdf"], message_ko="인증서가 만료되었습니다.",
                                  message_zh="KC证书已过期。"))
    text = _text(tmp_path / build_review_sheet(chain, "needs_fixes", tmp_path))
    assert "结论：需要修改" in text
    assert "certificate_expired" in text and "KC证书已过期。" in text
    assert "请取得有效证书" in text
    assert "韩文申诉书的内容" not in text  # no letter is explained when none is produced
