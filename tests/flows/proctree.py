"""Finding a test's own processes after their parent is gone: by a tag in their environment.

A killed process's children are handed to another parent, so the tree cannot be followed from
the process the test started. Every process inherits its environment, though (Prefect's API server,
the fork server, the reader children, the guard), and /proc shows it.
"""

from __future__ import annotations

import os
import signal
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

TAG_VAR = "APPEAL_TEST_TAG"


@dataclass(frozen=True)
class Proc:
    pid: int
    ppid: int
    state: str
    cmdline: str

    def __str__(self) -> str:
        return f"{self.pid} (parent {self.ppid}, {self.state}): {self.cmdline[:160]}"


def new_tag() -> str:
    return uuid.uuid4().hex


def tagged(tag: str) -> list[Proc]:
    """Every live process whose environment holds `APPEAL_TEST_TAG=<tag>` (zombies are not live)."""
    needle = f"{TAG_VAR}={tag}".encode()
    found = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            if needle not in Path(entry.path, "environ").read_bytes().split(b"\0"):
                continue
            stat = Path(entry.path, "stat").read_text()
            cmdline = Path(entry.path, "cmdline").read_bytes()
        except OSError:  # gone meanwhile, or not ours to read
            continue
        state, ppid = stat.rsplit(")", 1)[1].split()[:2]
        if state != "Z":
            command = cmdline.replace(b"\0", b" ").decode(errors="replace")
            found.append(Proc(int(entry.name), int(ppid), state, command))
    return found


def readers(tag: str) -> list[Proc]:
    """The reader children of `tag`'s fork servers."""
    return readers_of(tagged(tag))


def readers_of(procs: list[Proc]) -> list[Proc]:
    """Processes forked by a fork server (they share its command line and have it as parent)."""
    servers = {p.pid for p in procs if "multiprocessing.forkserver" in p.cmdline}
    return [p for p in procs if p.ppid in servers]


def wait_for(condition, timeout: float, every: float = 0.2):
    """The first true value of `condition()`, or the last false one after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(every)


def left_after(tag: str, timeout: float) -> tuple[list[Proc], float]:
    """What is still running of `tag` once nothing is, or `timeout` seconds have passed; and how long it took."""
    started = time.monotonic()
    wait_for(lambda: not tagged(tag), timeout)
    return tagged(tag), time.monotonic() - started


def kill_all(tag: str) -> None:
    """Leave nothing burning a core after a failed test."""
    for proc in tagged(tag):
        try:
            os.kill(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
