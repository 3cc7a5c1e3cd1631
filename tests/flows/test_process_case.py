"""The process-case flow in-process on Prefect's test harness: tasks per stage, one result."""

from __future__ import annotations

import datetime as dt
import json
from email.message import EmailMessage

import pytest

pytestmark = pytest.mark.flow

KC_TEXT = """[전기용품] 안전확인 신고 증명서
신고번호: YU07421-24031
제품명: 미니 가습기 H2
모델명: HB-H200
제조자: Shenzhen Hanbit Electric Appliance Co., Ltd.
인증기관: 한국산업기술시험원
신고일자: 2024. 3. 15.
"""


@pytest.fixture(scope="module")
def prefect_harness():
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


def make_case(root):
    case = root / "case-flow"
    case.mkdir()
    (case / "kc.txt").write_text(KC_TEXT, encoding="utf-8")
    msg = EmailMessage()
    msg["From"] = "Coupang Trust and Safety Center <noreply@coupang.com>"
    msg["To"] = "ops@example.com"
    msg["Subject"] = "[쿠팡] 판매중지 안내"
    msg["Date"] = "Tue, 24 Nov 2026 10:00:00 +0900"
    msg.set_content("판매자님, 등록상품ID 7234567890 상품이 KC 인증 정보 미확인으로 판매중지되었습니다.\n"
                    "2026년 12월 8일까지 소명 자료를 제출해 주십시오.\n쿠팡_TNScnt", charset="euc-kr")
    msg.add_attachment(KC_TEXT.encode("utf-8"), maintype="text", subtype="plain", filename="첨부_인증서.txt")
    (case / "notice.eml").write_bytes(bytes(msg))
    (case / "case.toml").write_text('[listing]\nmodel_name = "HB-H200"\n', encoding="utf-8")
    return case


def test_flow_processes_a_case_with_an_email_attachment(prefect_harness, tmp_path, monkeypatch):
    from prefect import get_client

    from flows.process_case import ProcessRequest, process_case

    monkeypatch.setenv("APPEAL_HOME", str(tmp_path / "home"))
    out = tmp_path / "out"
    result = process_case(ProcessRequest(case=str(make_case(tmp_path)), out=str(out), as_of=dt.date(2026, 11, 28)))

    docs = {d.path: d for d in result.documents}
    assert set(docs) == {"kc.txt", "notice.eml", "notice.eml#첨부_인증서.txt"}
    assert docs["notice.eml"].kind.value == "notice_email"
    assert docs["notice.eml#첨부_인증서.txt"].kind.value == "kc_certificate"
    assert result.reason_code.value == "kc_certification"
    assert result.appeal_deadline == dt.date(2026, 12, 8)
    assert [f.code.value for f in result.findings] == ["duplicate_document"]
    assert result.status.value == "ready" and result.package.signed
    assert json.loads((out / "result.json").read_text(encoding="utf-8"))["status"] == "ready"

    async def task_names():
        async with get_client() as client:
            return {t.name for t in await client.read_task_runs()}

    import asyncio

    names = asyncio.run(task_names())
    assert "read notice.eml#첨부_인증서.txt" in names
    assert "understand kc.txt" in names


def test_the_signing_passphrase_can_live_in_a_prefect_secret_block(prefect_harness, tmp_path, monkeypatch):
    from prefect.blocks.system import Secret

    from flows.signer import SECRET_BLOCK, choose_signer
    from tests.renderers.test_signing import make_p12

    secret = "block-kept-Passphrase-5521"
    p12 = tmp_path / "signer.p12"
    make_p12(p12, secret)
    Secret(value=secret).save(SECRET_BLOCK, overwrite=True)
    monkeypatch.delenv("APPEAL_SIGNING_PASSPHRASE", raising=False)
    monkeypatch.setenv("APPEAL_HOME", str(tmp_path / "home"))
    choice = choose_signer(str(p12))
    assert choice.loaded is not None and not choice.loaded.is_demo
    assert secret not in repr(choice) and secret not in choice.note


def test_two_runs_on_one_output_folder_take_turns(tmp_path):
    """`appeal process CASE --out OUT` waits while another run holds OUT's lock (issue 7)."""
    import os
    import subprocess
    import sys
    import time

    from casefile.store import CaseStore

    home, out = tmp_path / "home", tmp_path / "out"
    env = {**os.environ, "APPEAL_HOME": str(home)}
    env.pop("PREFECT_API_URL", None)
    store = CaseStore(home)
    with store.output_lock(out) as mine:
        assert mine
        with store.output_lock(out, wait=False) as other:
            assert not other  # flock: a second holder is refused, even in the same process
        run = subprocess.Popen([sys.executable, "-m", "flows.cli", "process", str(make_case(tmp_path)), "--out",
                                str(out), "--as-of", "2026-11-28"], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
        lock_file = next((home / "cases" / ".locks").glob("out-*.lock"))
        deadline = time.monotonic() + 120
        while not _holds_open(run.pid, lock_file):  # the run has reached the lock and waits on it
            assert run.poll() is None and time.monotonic() < deadline, "the run never reached the lock"
            time.sleep(0.5)
        time.sleep(3)
        assert run.poll() is None and not (out / "result.json").exists()
    _, err = run.communicate(timeout=300)
    assert run.returncode == 0, err[-2000:]
    assert json.loads((out / "result.json").read_text(encoding="utf-8"))["status"] == "ready"


def _holds_open(pid: int, path) -> bool:
    import os

    fds = f"/proc/{pid}/fd"
    try:
        return any(os.path.realpath(os.path.join(fds, fd)) == str(path.resolve()) for fd in os.listdir(fds))
    except OSError:
        return False
