"""`appeal warm`: a case handed over is the same run as a standalone one, and the hand-over is safe.

Real processes throughout: `appeal warm` (Prefect's ephemeral API, the fork server) and `appeal
process` clients, each on its own APPEAL_HOME, tagged so that nothing they start can outlive the
test (tests/flows/proctree.py).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.flows import proctree
from tests.flows.conftest import APPEAL, REPO

pytestmark = [pytest.mark.slow, pytest.mark.flow]

AS_OF = "2026-11-28"
CASE = REPO / "samples" / "cases" / "kc-ready-humidifier"
START_LIMIT_S = 180


class Warm:
    """One `appeal warm` and the clients that talk to it, all in one environment."""

    def __init__(self, home: Path, tag: str, *args: str):
        self.home, self.tag = home, tag
        home.mkdir(parents=True, exist_ok=True)
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "APPEAL_"))}
        self.env.update(APPEAL_HOME=str(home), PREFECT_HOME=str(home / "prefect"), **{proctree.TAG_VAR: tag})
        self.log = home.parent / f"{home.name}-warm.log"
        self.sock = home / "run" / "warm.sock"
        with open(self.log, "w") as sink:
            self.proc = subprocess.Popen([str(APPEAL), "warm", *args], env=self.env, cwd=REPO,
                                         stdout=sink, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + START_LIMIT_S
        while not self.sock.exists():
            assert self.proc.poll() is None, f"appeal warm ended ({self.proc.returncode}):\n{self.log.read_text()}"
            assert time.monotonic() < deadline, f"appeal warm did not serve:\n{self.log.read_text()}"
            time.sleep(0.2)

    def served(self) -> list[str]:
        """The cases the warm process has run, as its log names them."""
        return [line for line in self.log.read_text().splitlines() if " -> exit " in line]

    def process(self, case: Path, out: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(APPEAL), "process", str(case), "--out", str(out), "--as-of", AS_OF, *args],
                              env={**self.env, **env}, cwd=REPO, capture_output=True, text=True, timeout=600)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(timeout=60)
        proctree.kill_all(self.tag)


@pytest.fixture(scope="module")
def warm(tmp_path_factory):
    warm = Warm(tmp_path_factory.mktemp("warm") / "home", proctree.new_tag())
    yield warm
    warm.stop()


def _comparable(out: Path) -> dict:
    result = json.loads((out / "result.json").read_text(encoding="utf-8"))
    result["package"] and result["package"].pop("sha256")  # the signature's time differs, nothing else
    return result


def test_a_case_handed_over_is_the_run_a_standalone_process_makes(warm, tmp_path):
    handed = warm.process(CASE, tmp_path / "warm")
    assert handed.returncode == 0, handed.stderr[-3000:]
    assert f"{CASE.name}: ready" in handed.stdout
    assert len(warm.served()) == 1, warm.log.read_text()

    alone = warm.process(CASE, tmp_path / "alone", APPEAL_WARM="off")
    assert alone.returncode == 0, alone.stderr[-3000:]
    assert len(warm.served()) == 1  # APPEAL_WARM=off: not handed over
    assert handed.stdout.replace(str(tmp_path / "warm"), "OUT") == alone.stdout.replace(str(tmp_path / "alone"), "OUT")
    assert _comparable(tmp_path / "warm") == _comparable(tmp_path / "alone")
    assert (tmp_path / "warm" / "appeal.pdf").exists() and (tmp_path / "warm" / "review_zh.pdf").exists()


def test_a_client_in_another_environment_runs_standalone(warm, tmp_path):
    before = len(warm.served())
    # Another passphrase (or any APPEAL_/PREFECT_ setting) would make another run: not handed over.
    done = warm.process(CASE, tmp_path / "out", APPEAL_SIGNING_PASSPHRASE="another")
    assert done.returncode == 0, done.stderr[-3000:]
    assert len(warm.served()) == before
    assert (tmp_path / "out" / "result.json").exists()


def test_an_operator_error_is_the_clients_exit_code_and_the_warm_process_goes_on(warm, tmp_path):
    key = tmp_path / "no-such-key.p12"
    unsigned = warm.process(CASE, tmp_path / "out", "--signing-p12", str(key))
    assert unsigned.returncode == 6, unsigned.stderr  # as standalone: an unusable signing key
    assert "appeal: error:" in unsigned.stderr and "no-such-key.p12" in unsigned.stderr
    assert warm.proc.poll() is None
    again = warm.process(CASE, tmp_path / "again")
    assert again.returncode == 0 and f"{CASE.name}: ready" in again.stdout


def test_a_client_killed_while_it_waits_costs_its_case_nothing(warm, tmp_path):
    case = tmp_path / "case"
    shutil.copytree(CASE, case)
    before = len(warm.served())
    client = subprocess.Popen([str(APPEAL), "process", str(case), "--out", str(tmp_path / "out"), "--as-of", AS_OF],
                              env=warm.env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while len(warm.served()) == before and time.monotonic() < deadline:
        if (tmp_path / "out").exists():  # the warm process has started on it
            client.kill()
        time.sleep(0.05)
    client.kill()
    client.wait()
    deadline = time.monotonic() + 120
    while len(warm.served()) == before and time.monotonic() < deadline:
        time.sleep(0.2)
    assert json.loads((tmp_path / "out" / "result.json").read_text())["status"] == "ready"
    assert warm.proc.poll() is None


def test_one_warm_process_per_home_a_stale_socket_is_replaced_and_a_stop_leaves_nothing(tmp_path):
    tag = proctree.new_tag()
    first = Warm(tmp_path / "home", tag)
    try:
        second = subprocess.run([str(APPEAL), "warm"], env=first.env, cwd=REPO, capture_output=True, text=True,
                                timeout=60)
        assert second.returncode != 0 and "already serves" in second.stderr

        first.proc.kill()  # SIGKILL: no chance to remove its socket
        first.proc.wait()
        assert first.sock.exists()
        alone = first.process(CASE, tmp_path / "out")
        assert alone.returncode == 0 and f"{CASE.name}: ready" in alone.stdout  # ran standalone

        replacement = Warm(tmp_path / "home", tag, "--idle", "2")
        assert replacement.proc.wait(timeout=60) == 0  # idle for 2 s: it stops by itself
        assert not replacement.sock.exists()
        left, _ = proctree.left_after(tag, 15)
        assert not left, "\n".join(map(str, left))
    finally:
        proctree.kill_all(tag)
