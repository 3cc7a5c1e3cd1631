"""The `process-case` Prefect flow: a thin sequence of the stages in `flows/stages.py`, each a task."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from prefect import flow, get_run_logger, runtime, task
from prefect.cache_policies import NO_CACHE
from pydantic import BaseModel

import flows.settings  # noqa: F401  (must precede the Prefect import)
from casefile.case import Case, SourceFile, case_id_of
from casefile.codes import Status
from casefile.errors import CaseError, MissingDependencyError, SigningError
from casefile.history import Event
from casefile.loading import load_case
from casefile.pages import ReadResult
from casefile.result import Result
from casefile.store import CaseStore
from extractors.fields.provenance import FieldTrace
from flows import isolation, stages
from flows.artifacts import publish
from flows.outputs import REVIEW_NAME, retract_result, write_outputs
from flows.provenance import run_record
from flows.runners import task_runner
from flows.signer import SignerChoice, choose_signer
from flows.transient import TransientReadError, retry_transient, transient_issue
from flows.workdirs import work_folder
from renderers import build_package, build_review_sheet
from validators import RuleError, status_of

SEOUL = ZoneInfo("Asia/Seoul")
OPERATOR_ERRORS = (MissingDependencyError, SigningError, RuleError)


class ProcessRequest(BaseModel):
    """The flow's parameters as one value, for Python callers that hold a request (see `process_case`)."""

    case: str
    out: str | None = None
    as_of: dt.date | None = None
    signing_p12: str | None = None


def today_in_seoul() -> dt.date:
    return dt.datetime.now(SEOUL).date()


@task(name="intake", task_run_name="intake {case_path}")
def intake_task(case_path: str, workdir: str) -> Case:
    return load_case(Path(case_path), Path(workdir))


READ_RETRIES = 2


@task(name="read", task_run_name="read {source.path}", retries=READ_RETRIES, retry_delay_seconds=[1, 4],
      retry_condition_fn=retry_transient)
def read_task(source: SourceFile, workdir: str) -> ReadResult:
    read = stages.read_source(source, Path(workdir))
    # read_source turns every reader error into a finding; a transient one first gets its retries.
    detail = transient_issue(read)
    if detail and runtime.task_run.run_count <= READ_RETRIES:
        raise TransientReadError(f"{source.path}: {detail}")
    return read


@task(name="understand", task_run_name="understand {source.path}")
def understand_task(source: SourceFile, read: ReadResult, product_id: str | None) -> stages.Understood:
    return stages.understand(source, read, product_id)


@task(name="render", task_run_name="render {chain.case_id}", cache_policy=NO_CACHE)
def render_task(chain, status: Status, out_dir: str, signer: SignerChoice) -> tuple:
    package = build_package(chain, Path(out_dir), signer.for_package) if status is Status.ready else None
    review = build_review_sheet(chain, status, Path(out_dir))
    return package, review


def _read_all(sources: list[SourceFile], workdir: str) -> tuple[list[SourceFile], dict[str, ReadResult]]:
    """Read every file, then every attachment found inside, wave after wave."""
    all_sources: list[SourceFile] = []
    reads: dict[str, ReadResult] = {}
    wave = sources
    while wave:
        futures = [(s, read_task.submit(s, workdir)) for s in wave]
        next_wave: list[SourceFile] = []
        for source, future in futures:
            reads[source.path] = future.result()
            all_sources.append(source)
            next_wave += stages.attachment_sources(source, reads[source.path])
        wave = next_wave
    # A read cut short by a stop reads as unreadable; no verdict may come of it (a nested run in
    # a batch is not where the interrupt lands, so it learns of the stop only here).
    isolation.raise_if_stopping()
    return all_sources, reads


@dataclass(frozen=True)
class Target:
    """What one run reads and where it writes; `stored` names the store's case when it is one."""

    case_path: str
    out_dir: Path
    stored: str | None = None
    digest: str | None = None


def locate(case: str, out: str | None, store: CaseStore) -> Target:
    """A path with `out` runs outside the store, as `appeal process` does; anything else uses the store."""
    path = Path(case)
    if out is not None:
        if not path.exists() and store.has(case):
            return Target(str(store.input_path(case)), Path(out))
        return Target(case, Path(out))
    if path.exists():
        case_id = store.ingest(path).case_id
    elif store.has(case):
        case_id = case
    else:
        raise CaseError(f"{case!r} is neither a case folder or .zip nor a case stored in {store.cases}")
    return Target(str(store.input_path(case_id)), store.out_dir(case_id), case_id, store.current_digest(case_id))


# The parameters are top-level, as CONTRACT.md has them (an API client sends {"case": …, "as_of": …});
# Prefect takes each one's description in the UI's form from the Args section below.
@flow(name="process-case", task_runner=task_runner(), validate_parameters=True)
def process_case_flow(case: str, as_of: dt.date | None = None, out: str | None = None,
                      signing_p12: str | None = None) -> Result:
    """Read, check and (when nothing is wrong) package one case; always writes result.json.

    Operator problems (no Tesseract, a bad signing key, a broken rule file) raise: nothing can be
    judged without them. Anything else that goes wrong is the case's `failed` result, inputs intact.
    A stored case's run ends with a `processed` line in its history.

    Args:
        case: A stored case id (see `appeal status`), or the path of a case folder or .zip; a path
            not yet in the store is taken into it first
        as_of: The day every date rule is judged on (YYYY-MM-DD); default today in Seoul
        out: Folder to write result.json, appeal.pdf and the review sheet into; default the
            store's cases/<case id>/out/
        signing_p12: PKCS#12 signing key; default $APPEAL_SIGNING_P12, else a labelled demo key
    """
    with isolation.stop_all_on_interrupt():
        return _run(case, as_of or today_in_seoul(), out, signing_p12)


def process_case(request: ProcessRequest) -> Result:
    """The `process-case` flow for a caller holding a `ProcessRequest`."""
    return process_case_flow(**request.model_dump())


def _run(case: str, as_of: dt.date, out: str | None, signing_p12: str | None) -> Result:
    """The flow's body: locate the case, process it, write its outputs and history."""
    started = dt.datetime.now(dt.UTC)
    store = CaseStore()
    target = locate(case, out, store)
    signer = choose_signer(signing_p12)
    name = Path(target.case_path).name
    with store.output_lock(target.out_dir), work_folder() as workdir:
        try:
            result, reads, traces = _process(target, store, as_of, signer, str(workdir))
        except OPERATOR_ERRORS:
            raise
        except CaseError as exc:
            result = stages.failed_result(case_id_of(target.case_path), as_of, name, exc.message)
            reads, traces = {}, {}
        except Exception as exc:  # noqa: BLE001 - the case is failed, not the batch
            get_run_logger().exception("case %s could not be processed", case)
            result = stages.failed_result(case_id_of(target.case_path), as_of, name,
                                          f"internal error {type(exc).__name__}; rerun after the fix")
            reads, traces = {}, {}
        write_outputs(target.out_dir, result,
                      run_record(result.case_id, as_of, reads, started, signer.note, traces))
        if target.stored:
            store.append(target.stored, Event(
                event="processed", status=result.status.value, deadline=result.appeal_deadline,
                reason=result.reason_code.value if result.reason_code else None, digest=target.digest,
                run_id=str(runtime.flow_run.id) if runtime.flow_run.id else None))
    _publish(result, target.out_dir)
    return result


def _publish(result: Result, out_dir: Path) -> None:
    try:
        publish(result, out_dir)
    except Exception as exc:  # noqa: BLE001 - a missing report in the UI must not fail a written result
        get_run_logger().warning("artifacts for %s not published: %s", result.case_id, exc)


def _process(target: Target, store: CaseStore, as_of: dt.date, signer: SignerChoice,
             workdir: str) -> tuple[Result, dict[str, ReadResult], dict[str, FieldTrace]]:
    out_dir = target.out_dir
    case = intake_task(target.case_path, workdir)
    if target.stored:
        _previous_appeal_from_history(case, store, target.stored)
    sources, reads = _read_all(stages.inventory(case), workdir)
    understood = [understand_task(s, reads[s.path], case.config.listing.product_id) for s in sources]
    documents = [u.document for u in understood]
    traces = {u.document.path: u.trace for u in understood}
    facts, findings = stages.judge(case, documents, reads, as_of, traces)
    status = status_of(findings)
    chain = stages.evidence_chain(case, facts, findings, documents, reads, {s.path: s for s in sources})
    retract_result(out_dir)
    package, review = render_task(chain, status, str(out_dir), signer)
    result = Result(case_id=case.case_id, as_of=as_of, status=status, reason_code=facts.reason_code,
                    appeal_deadline=facts.appeal_deadline, documents=documents, findings=findings,
                    exhibits=[i.exhibit for i in chain.items] if package else [],
                    package=package, review_sheet=review)
    return result, reads, traces


def _previous_appeal_from_history(case: Case, store: CaseStore, case_id: str) -> None:
    """An appeal marked `submitted` counts for the 7-day rule when case.toml names none."""
    appeal = case.config.appeal
    if appeal.previous_appeal_date is not None:
        return
    reason = appeal.reason.value if appeal.reason else None
    if reason is None:
        last = next((e for e in reversed(store.history(case_id)) if e.event == "processed"), None)
        reason = last.reason if last else None
    appeal.previous_appeal_date = store.previous_appeal_date(case_id, reason)


__all__ = ["REVIEW_NAME", "ProcessRequest", "Target", "locate", "process_case", "process_case_flow",
           "today_in_seoul"]
