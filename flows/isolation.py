"""Running one risky reader call in a child process with a time and a memory bound.

A hostile upload (a decompression bomb, a PDF with a million objects, a parser that loops) must
cost one finding, not a hung worker or an OOM-killed batch. Children come from a fork server
started once with the readers already imported, so each call costs a fork, not an interpreter
start; and they are forked from that single-threaded server, never from this multi-threaded
process (forking a process that runs Prefect's threads can deadlock the child).
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import tempfile
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

from casefile.errors import MissingDependencyError

PRELOAD = ["extractors.read", "flows.stages"]

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


@dataclass(frozen=True)
class Bounds:
    """Per-document bounds; operators tune them with APPEAL_READ_TIMEOUT (s) and APPEAL_READ_MEMORY_MB."""

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


def _child(conn: Connection, memory_mb: int, fn: Callable[..., Any], args: tuple) -> None:
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


def run_isolated(fn: Callable[..., Any], *args: Any, bounds: Bounds | None = None) -> Any:
    """`fn(*args)` in a child process; raises one of the Isolated* errors when it cannot finish.

    `fn` must be importable (a module-level function) and its arguments and result picklable.
    """
    bounds = bounds or Bounds()
    ctx = _ctx()
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(send, bounds.memory_mb, fn, args), daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(bounds.timeout_s):
            raise IsolatedTimeout(f"no result after {bounds.timeout_s:.0f} s")
        try:
            kind, payload = receive.recv()
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
