"""Writing a case's outputs: result.json last and atomically, stale outputs of earlier runs removed."""

from __future__ import annotations

import json
from pathlib import Path

from casefile.atomic import write_text
from casefile.codes import Status
from casefile.errors import OutputError
from casefile.result import Result

RESULT_NAME = "result.json"
RUN_NAME = "run.json"
PACKAGE_NAME = "appeal.pdf"
REVIEW_NAME = "review_zh.pdf"


def clear_stale(out_dir: Path, result: Result) -> None:
    """A package from an earlier run must not outlive a result that no longer says `ready`."""
    if result.status is not Status.ready:
        (out_dir / PACKAGE_NAME).unlink(missing_ok=True)
    if result.review_sheet is None:
        (out_dir / REVIEW_NAME).unlink(missing_ok=True)


def retract_result(out_dir: Path) -> None:
    """Before a run writes its package: the last run's result.json goes first, so a run killed
    between its package and its result.json leaves no result.json beside files it does not describe."""
    (out_dir / RESULT_NAME).unlink(missing_ok=True)


def write_outputs(out_dir: Path, result: Result, run_record: dict) -> Path:
    """Write run.json, then result.json last: a result.json on disk means the run finished."""
    target = out_dir / RESULT_NAME
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        clear_stale(out_dir, result)
        write_text(out_dir / RUN_NAME, json.dumps(run_record, ensure_ascii=False, indent=2, default=str) + "\n")
        write_text(target, result.to_json())
    except OSError as exc:
        raise OutputError(f"cannot write the results into {out_dir}: {exc.strerror or exc}") from exc
    return target
