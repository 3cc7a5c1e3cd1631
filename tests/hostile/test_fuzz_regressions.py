"""What bench/fuzz.py found, made again here from scratch (no stored binaries) and kept fixed.

- A zipped case with one damaged member (a broken deflate or LZMA stream, a stored member cut
  short) let zlib.error / LZMAError / EOFError escape `load_case`: the whole case failed as an
  "internal error" instead of that member costing a finding.
- A long page of ID-like tokens (a 250 kB e-mail body) made certificate-number spotting quadratic in
  the number of word breaks: `understand`, which the flow runs in-process with no bound, ran for hours.
"""

from __future__ import annotations

import io
import zipfile
from email.message import EmailMessage
from pathlib import Path

import pytest

from casefile.codes import FindingCode
from casefile.errors import CaseError
from casefile.loading import load_case

CERT = "안전인증서\n인증번호: HU071695-21012A\n모델명: HB-H200\n"


def _case_zip(method: int, last: str = "kc.txt") -> bytearray:
    buffer = io.BytesIO()
    names = ["other.txt", "kc.txt"] if last == "kc.txt" else ["kc.txt", "other.txt"]
    with zipfile.ZipFile(buffer, "w", method) as zf:
        for name in names:
            body = CERT * 100 if name == "kc.txt" else "위임장\n" * 100
            zf.writestr(f"zipped-case/{name}", body.encode("utf-8"))
    return bytearray(buffer.getvalue())


def _data_of(data: bytearray, name: str) -> tuple[int, int]:
    """Offset and size of a member's compressed bytes."""
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = zf.getinfo(name)
    h = info.header_offset
    start = h + 30 + int.from_bytes(data[h + 26:h + 28], "little") + int.from_bytes(data[h + 28:h + 30], "little")
    return start, info.compress_size


def broken_deflate() -> bytes:
    data = _case_zip(zipfile.ZIP_DEFLATED)
    start, _ = _data_of(data, "zipped-case/kc.txt")
    data[start] = 0x07  # a final block of the reserved type 11: "invalid block type"
    return bytes(data)


def broken_lzma() -> bytes:
    data = _case_zip(zipfile.ZIP_LZMA)
    start, _ = _data_of(data, "zipped-case/kc.txt")
    data[start + 10:start + 30] = b"\xff" * 20
    return bytes(data)


def stored_cut_short() -> bytes:
    """The central directory promises more bytes of the last member than the archive holds."""
    data = _case_zip(zipfile.ZIP_STORED)
    entry = data.rfind(b"PK\x01\x02")
    promised = (10 * len(data)).to_bytes(4, "little")
    data[entry + 20:entry + 28] = promised + promised
    return bytes(data)


@pytest.mark.parametrize("make", [broken_deflate, broken_lzma, stored_cut_short], ids=lambda f: f.__name__)
def test_a_damaged_member_costs_that_member_not_the_case(tmp_path, make):
    archive = tmp_path / "zipped-case.zip"
    archive.write_bytes(make())
    with zipfile.ZipFile(archive) as zf:  # the damage is real: the standard library cannot read it
        with pytest.raises(Exception) as damage:
            zf.read("zipped-case/kc.txt")
    assert not isinstance(damage.value, (CaseError, ValueError, RuntimeError))

    case = load_case(archive, tmp_path / "work")

    assert [f.path for f in case.files] == ["other.txt"]
    [problem] = case.problems
    assert problem.code is FindingCode.unsupported_format and "cannot be extracted" in problem.detail
    assert problem.path.endswith("kc.txt")
    assert not (tmp_path / "work" / "case" / "kc.txt").exists()


def test_a_damaged_member_in_the_process_case_flow_is_a_finding_not_an_internal_error(tmp_path, monkeypatch):
    from prefect.testing.utilities import prefect_test_harness

    from flows.process_case import ProcessRequest, process_case

    archive = tmp_path / "zipped-case.zip"
    archive.write_bytes(broken_deflate())
    monkeypatch.setenv("APPEAL_HOME", str(tmp_path / "home"))
    with prefect_test_harness(server_startup_timeout=120):
        result = process_case(ProcessRequest(case=str(archive), out=str(tmp_path / "out")))
    assert result.status.value != "failed", [f.message_ko for f in result.findings]
    assert any(f.code is FindingCode.unsupported_format and any(d.endswith("kc.txt") for d in f.documents)
               for f in result.findings)


def long_notice(path: Path) -> Path:
    """A notice whose body is 180 kB of one-letter tokens (under the reader's page cap,
    extractors.readers.read.MAX_PAGE_CHARS), then a certificate number, no label."""
    msg = EmailMessage()
    msg["From"] = "seller@example.com"
    msg["To"] = "ops@example.com"
    msg["Subject"] = "KC 안전인증서"
    msg.set_content("안전인증서\n" + "x " * 90_000 + "\nHU071695-21012A\n")
    path.write_bytes(bytes(msg))
    return path


@pytest.mark.slow
def test_a_long_page_is_understood_within_a_bound(tmp_path):
    """The KC fields of the page, in a bounded child as the readers run: before the fix this
    outlived any bound (hours); `understand` runs it in the flow's own process, unbounded."""
    from extractors.classify import classify
    from extractors.fields.kc import extract_kc
    from extractors.readers.read import read_file
    from flows import isolation

    path = long_notice(tmp_path / "notice.eml")
    read = read_file(path, tmp_path / "work", cache=False)
    assert len(read.pages) == 1 and len(read.pages[0].text) > 150_000
    assert classify(read, path.name).value == "kc_certificate"

    fields = isolation.run_isolated(extract_kc, read.pages, bounds=isolation.Bounds(timeout_s=120, memory_mb=3072))

    assert fields.certificate_number == "HU071695-21012A"
