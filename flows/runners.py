"""Which task runner a flow uses, chosen by `APPEAL_TASK_RUNNER` when the flow module is imported.

- unset / `threads`: `ThreadPoolTaskRunner(max_workers=2)`; Tesseract runs as a subprocess, so
  two threads already keep two cores busy.
- `dask`: a temporary local Dask cluster of two worker processes (process isolation per task).
- `dask://host:port` (or `tcp://…`): an existing Dask scheduler, for OCR spread over machines.
"""

from __future__ import annotations

import flows.settings  # noqa: F401  (must precede the Prefect import)

import os

from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner

ENV = "APPEAL_TASK_RUNNER"


def task_runner(choice: str | None = None) -> TaskRunner:
    choice = (choice if choice is not None else os.environ.get(ENV, "")).strip()
    if choice in ("", "threads"):
        return ThreadPoolTaskRunner(max_workers=2)
    if choice == "dask":
        return _dask(cluster_kwargs={"n_workers": 2, "threads_per_worker": 1, "processes": True,
                                     "dashboard_address": None})
    if choice.startswith(("dask://", "tcp://")):
        return _dask(address="tcp://" + choice.split("://", 1)[1])
    raise ValueError(f"{ENV}={choice!r}: expected 'threads', 'dask' or 'dask://host:port'")


def _dask(**kwargs) -> TaskRunner:
    # Reading runs in a bounded child process (flows/isolation.py); Dask's worker processes are
    # daemonic by default, and a daemonic process may not have children.
    os.environ.setdefault("DASK_DISTRIBUTED__WORKER__DAEMON", "False")
    import dask  # imported only when chosen: distributed is heavy and the thread runner needs none of it
    from prefect_dask import DaskTaskRunner

    dask.config.set({"distributed.worker.daemon": False})
    return DaskTaskRunner(**kwargs)
