"""`appeal serve`: a Prefect server (the operator's, or a local one), the three deployments, a drop-folder watcher.

Prefect reads its settings once, at import; so the server is found or started and
`PREFECT_API_URL` set *before* anything here imports Prefect (`local_server` needs none of it).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from casefile.store import appeal_home
from flows.lifetime import watch_over

INGEST_DEPLOYMENT = "ingest-dropbox/ingest-dropbox"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def healthy(api_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=2) as response:
            return response.read().strip() == b"true"
    except OSError:
        return False


@contextmanager
def local_server(home: Path, timeout: float = 120) -> Iterator[str]:
    """A `prefect server start` on SQLite under home/prefect, on a free loopback port; stopped on exit."""
    prefect_home = home / "prefect"
    prefect_home.mkdir(parents=True, exist_ok=True)
    port = free_port()
    api_url = f"http://127.0.0.1:{port}/api"
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env.update(PREFECT_HOME=str(prefect_home.resolve()), PREFECT_SERVER_ANALYTICS_ENABLED="false",
               PREFECT_SERVER_UI_SHOW_PROMOTIONAL_CONTENT="false", DO_NOT_TRACK="1")
    log = open(prefect_home / "server.log", "ab")
    server = subprocess.Popen([str(Path(sys.executable).with_name("prefect")), "server", "start",
                               "--host", "127.0.0.1", "--port", str(port)],
                              env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    watch_over(server, grace=20)  # its own session, so only the guard stops it if we are killed
    try:
        deadline = time.monotonic() + timeout
        while not healthy(api_url):
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the Prefect server did not start; see {prefect_home / 'server.log'}")
            time.sleep(0.5)
        yield api_url
    finally:
        stop_process(server)
        log.close()


def stop_process(proc: subprocess.Popen, grace: float = 20) -> None:
    """SIGTERM, then SIGKILL when it has not ended after `grace` seconds."""
    proc.terminate()
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        proc.kill()


class DropWatcher:
    """Starts an `ingest-dropbox` run a few seconds after the last change in the drop folder.

    Changes come in bursts (a folder copied file by file); the debounce makes one run of a burst.
    `ingest-dropbox` itself waits for uploads to settle, so an early trigger is harmless, and the
    deployment's schedule catches anything the watcher misses.
    """

    def __init__(self, dropbox: Path, trigger: Callable[[], None], debounce: float = 3.0):
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer

        self.dropbox, self.trigger, self.debounce = dropbox, trigger, debounce
        self._timer: threading.Timer | None = None
        self._lock = threading.Lock()
        watcher = self

        class Handler(FileSystemEventHandler):
            def on_closed(self, event):  # a file finished being written (IN_CLOSE_WRITE)
                watcher.changed(event.src_path)

            def on_created(self, event):
                if event.is_directory:
                    watcher.changed(event.src_path)

            def on_moved(self, event):  # uploads renamed into place; not our own moves to processed/
                watcher.changed(event.dest_path)

        self._observer = Observer()
        self._observer.schedule(Handler(), str(dropbox), recursive=True)

    def changed(self, path: str | bytes) -> None:
        try:
            rel = Path(os.fsdecode(path)).relative_to(self.dropbox)
        except ValueError:
            return
        if not rel.parts or rel.parts[0] == "processed" or rel.parts[0].startswith("."):
            return
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            self._timer = threading.Timer(self.debounce, self._fire)
            self._timer.daemon = True
            self._timer.start()

    def _fire(self) -> None:
        try:
            self.trigger()
        except Exception as exc:  # noqa: BLE001 - the schedule will pick the drop up
            print(f"appeal serve: could not start ingest-dropbox: {exc}", file=sys.stderr)

    def __enter__(self) -> DropWatcher:
        self._observer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._observer.stop()
        self._observer.join(timeout=5)


def start_ingest() -> None:
    from prefect.deployments import run_deployment

    run_deployment(INGEST_DEPLOYMENT, timeout=0, as_subflow=False)


def serve_all(limit: int, ingest_interval: int = 60, debounce: float = 3.0) -> None:
    """Serve the three deployments until interrupted; the watcher runs alongside."""
    from prefect import serve
    from prefect.types.entrypoint import EntrypointType

    from flows.dropbox import ingest_dropbox
    from flows.process_case import process_case_flow
    from flows.reprocess import reprocess_failed

    dropbox = appeal_home().resolve() / "dropbox"
    (dropbox / "processed").mkdir(parents=True, exist_ok=True)
    module = EntrypointType.MODULE_PATH  # runs import the installed package, not a file path
    deployments = [
        process_case_flow.to_deployment(name="process-case", entrypoint_type=module,
                                        description="Process one case: a stored case id or a path"),
        ingest_dropbox.to_deployment(name="ingest-dropbox", interval=ingest_interval, entrypoint_type=module,
                                     description=f"Take new uploads from {dropbox}"),
        reprocess_failed.to_deployment(name="reprocess-failed", entrypoint_type=module,
                                       description="Run failed, fixed or denied cases again"),
    ]
    print(f"appeal serve: watching {dropbox}; ingest-dropbox also runs every {ingest_interval} s", flush=True)
    with DropWatcher(dropbox, start_ingest, debounce):
        serve(*deployments, limit=limit, pause_on_shutdown=False)
