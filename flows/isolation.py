"""Running one risky reader call in a child process with a time and a memory bound.

A hostile upload (a decompression bomb, a PDF with a million objects, a parser that loops) must
cost one finding, not a hung worker or an OOM-killed batch. Children come from a fork server
started once with the readers already imported, so each call costs a fork, not an interpreter
start; and they are forked from that single-threaded server, never from this multi-threaded
process (forking a process that runs Prefect's threads can deadlock the child).

Children end with the process that asked for them, however it ends: each child dies with the fork
server (PR_SET_PDEATHSIG; the fork server is single-threaded, so that is its whole life), and the
fork server ends when the asking process does (it exits at EOF of its "alive" pipe, which each
child therefore lets go of). A process being stopped (Ctrl-C, SIGTERM) kills its children at once
and starts no more (`stop_all`), so its threads are not left waiting minutes on a read.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from casefile.errors import MissingDependencyError
from flows import lifetime

PRELOAD = ["extractors.readers.read", "flows.stages"]

_context: multiprocessing.context.BaseContext | None = None
_context_lock = threading.Lock()
#: A Unix socket's path must fit in 108 bytes (Linux). The fork server listens on
#: `<TMPDIR>/pymp-XXXXXXXX/listener-XXXXXXXX`, so a deep TMPDIR (a test runner's, a service's
#: private folder) made every read fail with a bare OSError.
MAX_SOCKET_PATH = 100


class IsolatedTimeout(Exception):
    """The call ran past its time bound and was killed."""


class IsolatedMemoryError(Exception):
    """The call needed more memory than its bound."""


class IsolatedCrash(Exception):
    """The child died (a signal, a segfault in a C library) or raised."""


class IsolationStopped(IsolatedCrash):
    """This process is being stopped: the call was cut short, or not started."""


class Stopped(BaseException):
    """This process is being stopped, so reads were cut short and nothing may be concluded from them.

    A BaseException, like KeyboardInterrupt, so that no `except Exception` turns it into a verdict.
    """


# Set once, when the process is being stopped; the pipe turns readable then, which wakes every waiting call.
_stop_event = threading.Event()
_stop_r, _stop_w = os.pipe()


@dataclass(frozen=True)
class Bounds:
    """Per-document bounds; operators tune them with APPEAL_READ_TIMEOUT (s) and APPEAL_READ_MEMORY_MB.

    `timeout_s` is the most a call may take; a reader that grants itself time gets only what it
    granted (`_result`), so the bound scales with the pages it reads."""

    timeout_s: float = field(default_factory=lambda: float(os.environ.get("APPEAL_READ_TIMEOUT", "300")))
    memory_mb: int = field(default_factory=lambda: int(os.environ.get("APPEAL_READ_MEMORY_MB", "3072")))


def enabled() -> bool:
    return os.environ.get("APPEAL_ISOLATE", "1") not in ("0", "off", "false")


def _ctx() -> multiprocessing.context.BaseContext:
    global _context
    with _context_lock:
        if _context is None:
            _short_socket_folder()
            ctx = multiprocessing.get_context("forkserver")
            ctx.set_forkserver_preload(PRELOAD)
            _context = ctx
    return _context


def prestart() -> None:
    """Start the fork server now rather than at the first file to read (a warm process's start-up)."""
    from multiprocessing import forkserver

    if enabled():
        _ctx()
        forkserver.ensure_running()


def _short_socket_folder() -> None:
    """When TMPDIR is too deep for the fork server's socket, give multiprocessing its working
    folder under /tmp instead (it is made once per process and removed at exit)."""
    from multiprocessing import util

    socket_path = os.path.join(tempfile.gettempdir(), "pymp-xxxxxxxx", "listener-xxxxxxxx")
    if len(os.fsencode(socket_path)) <= MAX_SOCKET_PATH or not os.access("/tmp", os.W_OK):
        return
    saved = tempfile.tempdir
    tempfile.tempdir = "/tmp"
    try:
        util.get_temp_dir()  # made now, under /tmp, and kept for the process's life
    finally:
        tempfile.tempdir = saved


def stop_all() -> None:
    """The process is ending: every call waiting on a child kills it at once, and none starts."""
    if not _stop_event.is_set():
        _stop_event.set()
        os.write(_stop_w, b"x")


def stopping() -> bool:
    return _stop_event.is_set()


def raise_if_stopping() -> None:
    if stopping():
        raise Stopped("this process is being stopped")


@contextmanager
def stop_all_on_interrupt() -> Iterator[None]:
    """Around a flow's body: a KeyboardInterrupt, SystemExit or Prefect's TerminationSignal (every
    BaseException that is not an Exception) passing through stops all children first. Prefect
    then waits for the flow's running tasks; without this, for their reads to finish."""
    try:
        yield
    except BaseException as exc:
        if not isinstance(exc, Exception):
            stop_all()
        raise


def _tie_to_fork_server() -> None:
    """In a child: die with the fork server, and let the fork server die with the asking process.

    The fork server exits at EOF of its "alive" pipe, whose write ends the asking process and,
    by inheritance, every child hold; a child that kept its copy kept the server alive after the
    asking process was killed, and the server's death is what brings PDEATHSIG to the child.
    """
    lifetime.die_with_parent(os.getppid())
    from multiprocessing import forkserver

    # The stdlib keeps the inherited alive fd only in this private attribute (3.8 to 3.13).
    server = forkserver._forkserver
    if getattr(server, "_forkserver_alive_fd", None) is not None:
        os.close(server._forkserver_alive_fd)
        server._forkserver_alive_fd = None


def _tell_grants(conn: Connection) -> None:
    """In a child: every time grant of the reader (OCR threads among them) goes to the parent."""
    from extractors.readers import tesseract

    lock = threading.Lock()

    def tell(seconds: float) -> None:
        with lock:
            conn.send(("grant", seconds))

    tesseract.on_grant(tell)


def _child(conn: Connection, memory_mb: int, fn: Callable[..., Any], args: tuple) -> None:
    _tie_to_fork_server()
    _tell_grants(conn)
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        conn.send(("ok", fn(*args)))
    except MemoryError:
        conn.send(("memory", None))
    except MissingDependencyError as exc:
        conn.send(("missing", exc.message))
    except BaseException as exc:  # noqa: BLE001 - everything is reported to the parent
        conn.send(("error", f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=5)}"))
    finally:
        conn.close()


def _result(receive: Connection, bounds: Bounds) -> tuple[str, Any]:
    """The child's answer. Its bound is `timeout_s` until the child grants itself time (a reader:
    a file's opening, then each page's OCR budget, `extractors.readers.tesseract.grant`); from then on it
    is the sum of the grants, at most `timeout_s`: a one-page image gets 80 s, not 300 (issue 16)."""
    started, limit, granted = time.monotonic(), bounds.timeout_s, 0.0
    while True:
        ready = wait([receive, _stop_r], max(0.0, started + limit - time.monotonic()))
        if not ready:
            raise IsolatedTimeout(f"no result after {limit:.0f} s")
        if receive not in ready:
            raise IsolationStopped("cut short: this process is being stopped")
        kind, payload = receive.recv()
        if kind != "grant":
            return kind, payload
        granted += payload
        limit = min(bounds.timeout_s, granted)


def run_isolated(fn: Callable[..., Any], *args: Any, bounds: Bounds | None = None) -> Any:
    """`fn(*args)` in a child process; raises one of the Isolated* errors when it cannot finish.

    `fn` must be importable (a module-level function) and its arguments and result picklable.
    """
    bounds = bounds or Bounds()
    if stopping():
        raise IsolationStopped("not started: this process is being stopped")
    ctx = _ctx()
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(send, bounds.memory_mb, fn, args), daemon=True)
    child.start()
    send.close()
    try:
        try:
            kind, payload = _result(receive, bounds)
        except EOFError:
            child.join(5)
            raise IsolatedCrash(f"the reader process died (exit code {child.exitcode})") from None
    finally:
        if child.is_alive():
            child.kill()
        child.join(5)
        receive.close()
    if kind == "missing":
        raise MissingDependencyError(payload)
    if kind == "memory":
        raise IsolatedMemoryError(f"needed more than {bounds.memory_mb} MB")
    if kind == "error":
        raise IsolatedCrash(payload)
    return payload
