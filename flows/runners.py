"""Which task runner a flow uses, chosen by `APPEAL_TASK_RUNNER` when the flow module is imported.

- unset / `threads`: `ThreadPoolTaskRunner(max_workers=2)`; Tesseract releases the GIL while it reads, so
  two threads already keep two cores busy.
- `dask`: a local Dask cluster of two worker processes (process isolation per task), started by
  the first flow run that needs it and shared by every later run of the process: a cluster per
  case cost about 12 s of worker start-up each (bench/throughput: 3.8 cases/min against 20).
- `dask://host:port` (or `tcp://…`): an existing Dask scheduler, for OCR spread over machines.
"""

from __future__ import annotations

import atexit
import os
import threading

from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner

import flows.settings  # noqa: F401  (must precede the Prefect import)

ENV = "APPEAL_TASK_RUNNER"


def task_runner(choice: str | None = None) -> TaskRunner:
    choice = (choice if choice is not None else os.environ.get(ENV, "")).strip()
    if choice in ("", "threads"):
        return ThreadPoolTaskRunner(max_workers=2)
    if choice == "dask":
        return _dask(shared=True, cluster_kwargs=LOCAL_CLUSTER)
    if choice.startswith(("dask://", "tcp://")):
        return _dask(address="tcp://" + choice.split("://", 1)[1])
    raise ValueError(f"{ENV}={choice!r}: expected 'threads', 'dask' or 'dask://host:port'")


LOCAL_CLUSTER = {"n_workers": 2, "threads_per_worker": 1, "processes": True, "dashboard_address": None}
_shared_cluster = None
_shared_lock = threading.Lock()


def _dask(shared: bool = False, **kwargs) -> TaskRunner:
    # Reading runs in a bounded child process (flows/isolation.py); Dask's worker processes are
    # daemonic by default, and a daemonic process may not have children.
    os.environ.setdefault("DASK_DISTRIBUTED__WORKER__DAEMON", "False")
    import dask  # imported only when chosen: distributed is heavy and the thread runner needs none of it
    from prefect_dask import DaskTaskRunner

    dask.config.set({"distributed.worker.daemon": False})
    if not shared:
        return DaskTaskRunner(**kwargs)

    class SharedLocalDaskRunner(DaskTaskRunner):
        """Connects to the process's one local cluster, starting it on first use (not at import)."""

        @property
        def client(self):
            if self._client is None and self.address is None:
                self.address = _shared_local_cluster(self.cluster_kwargs)
            return super().client

    return SharedLocalDaskRunner(**kwargs)


def _shared_local_cluster(cluster_kwargs: dict) -> str:
    global _shared_cluster
    with _shared_lock:
        if _shared_cluster is None:
            from distributed import LocalCluster

            _shared_cluster = LocalCluster(**cluster_kwargs)
            atexit.register(_shared_cluster.close)
        return _shared_cluster.scheduler_address
