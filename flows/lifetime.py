"""Nothing we start outlives us: children end with the process that started them, however it ends.

A run ended from outside (a supervisor's timeout, SIGTERM, SIGKILL, a closed terminal) used to
leave its reader child at 100 % of a core for minutes, the fork server, and Prefect's ephemeral API
server (a `uvicorn` orphan). Three mechanisms, because no single one covers every way to die:

- `die_with_parent`: the kernel kills a child when its parent dies (PR_SET_PDEATHSIG); used by the
  reader children (flows/isolation.py).
- `exit_on_signals`: SIGTERM and SIGHUP unwind like Ctrl-C does, so `finally` blocks and atexit
  handlers (Prefect's own stop of its ephemeral server) run instead of the process just vanishing.
- `watch_over`: for a child PDEATHSIG cannot serve (Prefect spawns its API server from whatever
  thread asks first; `appeal serve`'s server runs in a session of its own), a tiny guard process
  ends it when we end, SIGKILL included.

No Prefect import at module level: the CLI installs the signal handlers before choosing a command.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator

PR_SET_PDEATHSIG = 1
#: Signals that mean "stop now" from a supervisor or a closing terminal (Ctrl-C's SIGINT already
#: raises KeyboardInterrupt). Exit status 128 + signal, as a shell reports a killed process.
STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)
#: How long a guarded server gets to stop on SIGTERM before SIGKILL; Prefect gives its own 5 s.
GUARD_GRACE_S = 5.0

# The guard is a separate interpreter (-I -S: no site, no environment: it starts in ~20 ms) that
# blocks until either its stdin (a pipe whose write end only we hold) reaches EOF, i.e. we are
# gone however we went, or the guarded process ends by itself. It holds a pidfd, not a pid, so a
# recycled pid can never be hit. Ctrl-C and a closing terminal are for us, not for the guard.
_GUARD = """\
import select, signal, sys
signal.signal(signal.SIGINT, signal.SIG_IGN)
signal.signal(signal.SIGHUP, signal.SIG_IGN)
pidfd, grace = int(sys.argv[1]), float(sys.argv[2])
if pidfd not in select.select([0, pidfd], [], [])[0]:
    try:
        signal.pidfd_send_signal(pidfd, signal.SIGTERM)
        if not select.select([pidfd], [], [], grace)[0]:
            signal.pidfd_send_signal(pidfd, signal.SIGKILL)
    except ProcessLookupError:
        pass
"""

_guards: list[subprocess.Popen] = []  # kept referenced: a collected guard's pipe would close and fire it


def die_with_parent(parent: int) -> None:
    """Ask the kernel to SIGKILL this process when `parent` (the process that forked it) ends.

    `parent` is read by the caller before this call: if it ended in between, this process was
    already handed to another parent, PDEATHSIG would never fire, and the process ends now.
    Linux only; elsewhere a no-op. PDEATHSIG fires when the *thread* that forked us ends, so it
    is only meant for children of single-threaded forkers (the fork server).
    """
    if not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
    if os.getppid() != parent:
        os._exit(1)


def exit_on_signals() -> None:
    """SIGTERM and SIGHUP raise SystemExit(128 + signal) in the main thread, so the process unwinds.

    Prefect swaps in its own SIGTERM handler while a flow runs; after recording the crash it
    restores this one and sends the signal again, so this one still ends the process, cleanly.
    """
    if threading.current_thread() is not threading.main_thread():
        return
    for signum in STOP_SIGNALS:
        signal.signal(signum, _raise_exit)


def _raise_exit(signum: int, _frame) -> None:
    raise SystemExit(128 + signum)


def watch_over(proc: subprocess.Popen, grace: float = GUARD_GRACE_S) -> subprocess.Popen | None:
    """Start a guard that ends `proc` (SIGTERM, then SIGKILL after `grace` s) when this process ends.

    `proc` must be our own child, not yet waited for: its pid cannot be reused before the pidfd
    is taken. Returns the guard, or None where pidfds are missing (not Linux >= 5.3).
    """
    try:
        pidfd = os.pidfd_open(proc.pid)
    except (AttributeError, OSError):
        return None
    try:
        guard = subprocess.Popen([sys.executable, "-I", "-S", "-c", _GUARD, str(pidfd), str(grace)],
                                 stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL, pass_fds=(pidfd,))
    finally:
        os.close(pidfd)
    _guards.append(guard)
    return guard


def start_ephemeral_api() -> None:
    """Start Prefect's ephemeral API server now, guarded; a no-op when a real server is configured.

    Prefect would start the same server (one per process) on its first API call and stop it at
    exit. Started here first, as a subclass that guards each server process the moment it is
    spawned, it is also stopped when this process is killed, even during its start-up.
    """
    from prefect.settings import PREFECT_API_URL, PREFECT_SERVER_EPHEMERAL_ENABLED

    import flows.settings  # noqa: F401  (must precede the Prefect import)

    if PREFECT_API_URL.value() or not PREFECT_SERVER_EPHEMERAL_ENABLED.value():
        return
    # Prefect keeps one instance per port; registered first, ours is the one it uses.
    _guarded_server_class()().start()


@contextlib.contextmanager
def local_api() -> Iterator[None]:
    """Within: Prefect's ephemeral API started (`start_ephemeral_api`) and, when it is the one in
    use, flow-run heartbeats off.

    A heartbeat lets a server mark a run whose process died as crashed; the ephemeral API dies
    with this process, so there is nobody to tell, and stopping the heartbeat thread costs each
    run up to a second (Prefect's thread sleeps in one-second steps before it sees the stop).
    """
    from prefect.settings import PREFECT_API_URL, PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    start_ephemeral_api()
    if PREFECT_API_URL.value():
        yield
        return
    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        yield


def _guarded_server_class() -> type:
    from prefect.server.api.server import SubprocessASGIServer

    class GuardedServer(SubprocessASGIServer):
        def _run_uvicorn_command(self):  # Prefect's one place that spawns the server (a retry included)
            process = super()._run_uvicorn_command()
            watch_over(process)
            return process

    return GuardedServer
