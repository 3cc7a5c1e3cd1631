"""Nothing we start outlives us: a killed `appeal process` leaves no process behind, nor does a finished one.

Every process the test starts carries a tag in its environment, which all its descendants inherit
(Prefect's API server, the guard, the fork server and its reader children); after the kill, /proc
is searched for the tag (tests/flows/proctree.py).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.flows import proctree
from tests.flows.conftest import APPEAL, REPO

AS_OF = "2026-11-28"
#: Within this long after its parent is gone, nothing of a tag may be left (what it takes: about 1 s).
SETTLE_S = 15
#: A stopped run must not wait for its reads: the slow case takes over a minute to read.
PROMPT_EXIT_S = 30


def tagged_env(base: dict[str, str], tag: str) -> dict[str, str]:
    return {**base, proctree.TAG_VAR: tag, "APPEAL_CACHE": "off"}


def python(code: str, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], env=env, cwd=REPO, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)


def assert_nothing_left(tag: str) -> float:
    left, took = proctree.left_after(tag, SETTLE_S)
    assert not left, f"still running {SETTLE_S} s after the parent ended:\n" + "\n".join(map(str, left))
    return took


@pytest.fixture
def tag():
    tag = proctree.new_tag()
    yield tag
    proctree.kill_all(tag)  # a failed test must not leave readers burning the shared cores


# ---- each mechanism alone: a few seconds, no Prefect ----

def test_a_guarded_child_ends_when_its_parent_is_killed(tag):
    env = tagged_env(dict(os.environ), tag)
    parent = python("""
        import subprocess, time
        from flows.lifetime import watch_over
        server = subprocess.Popen(["sleep", "600"])
        assert watch_over(server) is not None
        print("ready", flush=True)
        time.sleep(600)
    """, env)
    assert parent.stdout.readline().strip() == "ready", parent.stderr.read()
    assert {p.cmdline.split()[0] for p in proctree.tagged(tag)} >= {"sleep", sys.executable}
    parent.kill()
    parent.wait()
    assert_nothing_left(tag)


def test_reader_children_and_the_fork_server_end_when_their_parent_is_killed(tag):
    env = tagged_env(dict(os.environ), tag)
    parent = python("""
        from flows import isolation
        from tests.flows import isolation_targets as targets
        isolation.run_isolated(targets.sleep_forever)
    """, env)
    assert proctree.wait_for(lambda: parent.poll() is not None or proctree.readers(tag), 120)
    assert parent.poll() is None, parent.stderr.read()[-3000:]
    parent.kill()
    parent.wait()
    assert_nothing_left(tag)


def test_a_stop_cuts_waiting_reads_short_and_starts_no_more(tag):
    env = tagged_env(dict(os.environ), tag)
    parent = python("""
        import multiprocessing, threading, time
        from flows import isolation
        from tests.flows import isolation_targets as targets

        outcome = []
        def read():
            try:
                isolation.run_isolated(targets.sleep_forever)
            except isolation.IsolationStopped as exc:
                outcome.append(time.monotonic())
        reader = threading.Thread(target=read)
        reader.start()
        while not multiprocessing.active_children():
            time.sleep(0.1)
        stopped = time.monotonic()
        isolation.stop_all()
        reader.join(30)
        print(f"cut short after {outcome[0] - stopped:.1f} s")
        try:
            isolation.run_isolated(targets.add, 1, 2)
        except isolation.IsolationStopped:
            print("refused")
        print("children", len(multiprocessing.active_children()))
    """, env)
    out, err = parent.communicate(timeout=120)
    assert parent.returncode == 0, err[-3000:]
    lines = out.splitlines()
    assert lines[0].startswith("cut short after ") and float(lines[0].split()[-2]) < 2
    assert lines[1:] == ["refused", "children 0"]
    assert_nothing_left(tag)


# ---- the real command ----

@pytest.fixture(scope="module")
def slow_case(tmp_path_factory) -> Path:
    """A scan of twelve dense pages: well over a minute of OCR, so a kill always lands mid-read."""
    from PIL import Image, ImageDraw, ImageFont

    case = tmp_path_factory.mktemp("slow") / "slow-scan"
    case.mkdir()
    font = ImageFont.load_default(size=40)
    pages = []
    for number in range(12):
        page = Image.new("L", (2480, 3508), 255)
        draw = ImageDraw.Draw(page)
        for line in range(56):
            draw.text((120, 120 + line * 58), f"Page {number} line {line}: certificate XU100123-{line:05d} "
                                             f"model HB-H200 issued 2025.03.12", fill=0, font=font)
        pages.append(page)
    pages[0].save(case / "scan.pdf", save_all=True, append_images=pages[1:], resolution=300)
    return case


KILLS = {"SIGKILL": -signal.SIGKILL, "SIGTERM": 128 + signal.SIGTERM,
         "SIGINT": 128 + signal.SIGINT, "SIGHUP": 128 + signal.SIGHUP}


@pytest.mark.slow
@pytest.mark.ocr
@pytest.mark.lifecycle
@pytest.mark.parametrize("name", KILLS)
def test_a_run_killed_mid_read_leaves_no_process(slow_case, appeal_env, tmp_path, tag, name):
    out = tmp_path / "out"
    log = open(tmp_path / "appeal.log", "w+")
    run = subprocess.Popen([str(APPEAL), "process", str(slow_case), "--out", str(out), "--as-of", AS_OF],
                           env=tagged_env(appeal_env, tag), cwd=REPO, stdout=log, stderr=subprocess.STDOUT,
                           start_new_session=True)
    reading = proctree.wait_for(lambda: run.poll() is not None or proctree.readers(tag), 180)
    assert reading and run.poll() is None, _tail(log)
    time.sleep(1)  # well inside the read
    assert proctree.readers(tag), "the read ended before the kill"
    kinds = {_kind(p) for p in proctree.tagged(tag)}
    assert {"appeal", "api server", "guard", "fork server"} <= kinds, kinds

    killed = time.monotonic()
    os.kill(run.pid, getattr(signal, name))  # the process alone, as a supervisor does: not its group
    try:
        code = run.wait(timeout=PROMPT_EXIT_S + 30)
    except subprocess.TimeoutExpired:
        left = "\n".join(map(str, proctree.tagged(tag)))
        pytest.fail(f"{name}: still running {PROMPT_EXIT_S + 30} s later\n{left}\n{_tail(log)}")
    assert code == KILLS[name], _tail(log)
    ended = time.monotonic() - killed
    assert_nothing_left(tag)
    assert ended < PROMPT_EXIT_S, f"{name}: the run took {ended:.0f} s to end; it waited for its reads"
    assert not (out / "result.json").exists()  # a run cut short concludes nothing


@pytest.mark.slow
def test_a_run_killed_while_its_api_server_starts_leaves_no_process(appeal_env, tmp_path, tag):
    """The server is guarded from its spawn on, not only once it answers (that takes seconds)."""
    case = _text_case(tmp_path / "cases", 0)
    run = subprocess.Popen([str(APPEAL), "process", str(case), "--out", str(tmp_path / "out"), "--as-of", AS_OF],
                           env=tagged_env(appeal_env, tag), cwd=REPO, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, start_new_session=True)
    assert proctree.wait_for(lambda: any(_kind(p) == "api server" for p in proctree.tagged(tag)), 120)
    run.kill()
    run.wait()
    assert_nothing_left(tag)


@pytest.mark.slow
def test_twenty_cases_in_one_batch_leave_no_process(appeal_env, tmp_path, tag):
    """`appeal ingest` of twenty small cases: while it runs, one API server, one guard and one fork
    server, and no more readers than can run at once; once it has ended, nothing."""
    home = tmp_path / "home"
    for number in range(20):
        _text_case(home / "dropbox", number)
    batch = subprocess.Popen([str(APPEAL), "ingest", "--settle", "0", "--as-of", AS_OF, "--max-concurrency", "2"],
                             env={**tagged_env(appeal_env, tag), "APPEAL_HOME": str(home)}, cwd=REPO,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    seen: list[list[proctree.Proc]] = []
    while batch.poll() is None:
        seen.append(proctree.tagged(tag))
        time.sleep(0.2)
    assert batch.returncode == 0, batch.stderr.read()[-3000:]
    assert len(list(home.glob("cases/*/out/result.json"))) == 20
    assert_nothing_left(tag)
    for procs in seen:
        kinds = [_kind(p) for p in procs if p not in proctree.readers_of(procs)]
        assert all(kinds.count(k) <= 1 for k in ("api server", "guard", "fork server")), kinds
        assert len(proctree.readers_of(procs)) <= 4  # two cases at once, two reads each


@pytest.mark.slow
def test_each_finished_run_leaves_no_process(appeal_env, tmp_path):
    """`appeal process`, which was once seen to leak after a normal end: two runs side by side, and after
    each, nothing is left (the batch above covers many cases in one process; this, the command's own exit)."""
    def run(case: Path) -> float:
        tag = proctree.new_tag()
        try:
            done = subprocess.run([str(APPEAL), "process", str(case), "--out", str(tmp_path / "out" / case.name),
                                   "--as-of", AS_OF], env=tagged_env(appeal_env, tag), cwd=REPO,
                                  capture_output=True, text=True, timeout=300)
            assert done.returncode == 0, done.stderr[-3000:]
            return assert_nothing_left(tag)
        finally:
            proctree.kill_all(tag)

    cases = [_text_case(tmp_path / "cases", number) for number in range(2)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(run, cases))
    assert all((tmp_path / "out" / case.name / "result.json").exists() for case in cases)


def _text_case(root: Path, number: int) -> Path:
    """One short note and nothing else: read in a child like any file, and `needs_fixes` (no reason
    known), so only the review sheet is rendered, not a signed package."""
    case = root / f"memo-{number:02d}"
    case.mkdir(parents=True)
    (case / "memo.txt").write_text(f"판매자 메모 {number}\n", encoding="utf-8")
    return case


def _kind(proc: proctree.Proc) -> str:
    cmd = proc.cmdline
    for marker, kind in (("uvicorn", "api server"), ("pidfd_send_signal", "guard"),
                         ("multiprocessing.forkserver", "fork server"), ("resource_tracker", "resource tracker"),
                         ("appeal process", "appeal")):
        if marker in cmd:
            return kind
    return cmd


def _tail(log) -> str:
    log.flush()
    log.seek(0)
    return log.read()[-3000:]
