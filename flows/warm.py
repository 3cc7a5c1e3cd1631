"""A warm process for `appeal process`: imports and the API server paid once, not per case.

A standalone `appeal process` spends ~3 s importing Prefect, the extractors and the renderers and
~5 s starting Prefect's ephemeral API before the flow's own 2 s. `appeal warm` pays both once and
then runs each case it is handed as the same `process-case` flow, on the same API; `appeal
process` hands its case over when such a process serves its APPEAL_HOME, and runs standalone
otherwise (none running, a different environment or code, or APPEAL_WARM=off).

The hand-over is a Unix socket at APPEAL_HOME/run/warm.sock (mode 0600: only its owner may ask
it to process a path and sign with its key). The client sends one JSON line; the warm process
answers with a JSON line per output line, then the exit code. It takes a case only when the
client's environment and code are the ones it started with, compared by fingerprint (a hash:
no variable's value, a passphrase included, crosses the socket). Cases are run one at a time;
a client killed while it waits costs nothing: its case is still finished and written.

The client half imports nothing heavy: it runs before `appeal process` decides to import Prefect.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import stat
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from casefile.errors import AppealError
from casefile.store import appeal_home
from flows import settings

#: Environment that changes what a run does or where it writes (Prefect's, ours, Tesseract's).
ENV_PREFIXES = ("APPEAL_", "PREFECT_", "TESS", "OMP_")
#: Folders whose files are the code a case runs through (rule files and templates included).
CODE_PACKAGES = ("casefile", "extractors", "validators", "renderers", "flows")
#: A Unix socket's path must fit in sun_path (108 bytes on Linux, with its NUL).
MAX_SOCKET_PATH = 107
REPO = Path(__file__).resolve().parents[1]
#: Seconds a connected client has to send its request line.
REQUEST_TIMEOUT = 10.0


def socket_path(home: Path | None = None) -> Path:
    return (home or appeal_home()).resolve() / "run" / "warm.sock"


def fingerprint() -> str:
    """What must be equal between a client and the warm process for a hand-over to be the same run."""
    digest = hashlib.sha256()
    env = {**settings.DEFAULTS, **os.environ}  # the defaults either side applies on its way to Prefect
    env = {k: v for k, v in env.items() if k.startswith(ENV_PREFIXES) and k != "APPEAL_WARM"}
    digest.update(json.dumps(sorted(env.items())).encode())
    digest.update(str(appeal_home().resolve()).encode())
    for package in CODE_PACKAGES:
        for folder, dirs, files in os.walk(REPO / package):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                info = os.stat(os.path.join(folder, name))
                digest.update(f"{folder}/{name}:{info.st_size}:{info.st_mtime_ns};".encode())
    return digest.hexdigest()


# ---- the client: `appeal process` -------------------------------------------------------------

def hand_over(request: dict, write: Callable[[str], None], write_err: Callable[[str], None]) -> int | None:
    """Have the warm process run `request`; its exit code, or None when there is none to ask.

    None means "run it yourself": no warm process, a stale socket, a declined fingerprint, or a
    warm process that went away before it answered (then the case may be half done, and the
    standalone run redoes it: runs are idempotent).
    """
    if os.environ.get("APPEAL_WARM", "").lower() in ("0", "off", "no", "false"):
        return None
    path = socket_path()
    if len(str(path)) > MAX_SOCKET_PATH or not path.exists():
        return None
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        conn.connect(str(path))
        conn.sendall((json.dumps({**request, "fingerprint": fingerprint()}) + "\n").encode())
        for message in _messages(conn):
            if "line" in message:
                write(message["line"])
            elif "error" in message:
                write_err(message["error"])
            elif "exit" in message:
                return int(message["exit"])
            else:  # declined
                return None
    except OSError:
        return None
    finally:
        conn.close()
    return None


def _messages(conn: socket.socket) -> Iterator[dict]:
    with conn.makefile("r", encoding="utf-8") as stream:
        for line in stream:
            yield json.loads(line)


# ---- the warm process: `appeal warm` ----------------------------------------------------------

class WarmServer:
    """Listens at `socket_path()` and runs each request: `run(request, write, write_err) -> exit code`."""

    def __init__(self, run: Callable[[dict, Callable[[str], None], Callable[[str], None]], int],
                 idle_timeout: float | None = None):
        self.run = run
        self.path = socket_path()
        self.idle_timeout = idle_timeout
        self.expected = fingerprint()  # now: Prefect adds to os.environ once it starts
        self.listener: socket.socket | None = None
        self._check_free()  # before the start-up's seconds, not after

    def _check_free(self) -> None:
        if len(str(self.path)) > MAX_SOCKET_PATH:
            raise AppealError(f"APPEAL_HOME is too deep for a Unix socket ({self.path}); use a shorter path")
        if self.path.exists() and _answers(self.path):
            raise AppealError(f"a warm process already serves {self.path}")

    def _listen(self) -> socket.socket:
        self._check_free()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.path.exists():
            self.path.unlink()  # left by one that was killed
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        old = os.umask(0o177)  # created 0600: nobody else may hand us a case
        try:
            listener.bind(str(self.path))
        finally:
            os.umask(old)
        listener.listen(16)
        listener.settimeout(self.idle_timeout)
        return listener

    def serve(self) -> None:
        """Take requests until stopped (SIGTERM, Ctrl-C) or idle for `idle_timeout` seconds.

        The socket appears only now, when a case handed over starts at once: a client that comes
        during start-up finds none and runs standalone rather than waiting.
        """
        self.listener = self._listen()
        try:
            while True:
                try:
                    conn, _ = self.listener.accept()
                except TimeoutError:
                    return
                with conn:
                    conn.settimeout(REQUEST_TIMEOUT)  # a client that connects and says nothing is dropped
                    self._answer(conn)
        finally:
            self.close()

    def _answer(self, conn: socket.socket) -> None:
        def send(message: dict) -> None:
            try:
                conn.sendall((json.dumps(message, ensure_ascii=False) + "\n").encode())
            except OSError:
                pass  # the client went away; the case is still finished and written

        try:
            with conn.makefile("r", encoding="utf-8") as stream:
                request = json.loads(stream.readline() or "null")
        except (OSError, ValueError):
            return
        conn.settimeout(None)
        if not isinstance(request, dict) or request.pop("fingerprint", None) != self.expected:
            send({"declined": "the client's environment or code differs from this warm process's"})
            return
        started = time.perf_counter()
        code = self.run(request, lambda line: send({"line": line}), lambda line: send({"error": line}))
        send({"exit": code})
        # The flow's own seconds, so the hand-over's cost can be told apart (bench/cli_speed.py).
        print(f"appeal warm: {request.get('case')} -> exit {code} in {time.perf_counter() - started:.2f} s",
              file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.listener is not None:
            self.listener.close()
        try:
            if stat.S_ISSOCK(os.stat(self.path).st_mode):
                self.path.unlink()
        except FileNotFoundError:
            pass


def _answers(path: Path) -> bool:
    probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        probe.connect(str(path))
        return True
    except OSError:
        return False
    finally:
        probe.close()
