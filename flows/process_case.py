"""The `process-case` Prefect flow: a thin sequence of the stages in `flows/stages.py`, each a task."""

from __future__ import annotations

import flows.settings  # noqa: F401  (must precede the Prefect import)

import datetime as dt
import tempfile
from pathlib import Path
from zoneinfo import ZoneInfo

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.task_runners import ThreadPoolTaskRunner
from pydantic import BaseModel, Field

from casefile.case import Case, SourceFile
from casefile.codes import Status
from casefile.errors import CaseError, MissingDependencyError, SigningError
from casefile.loading import load_case
from casefile.pages import ReadResult
from casefile.result import DocumentResult, Result
from flows import stages
from flows.outputs import REVIEW_NAME, write_outputs
from flows.provenance import run_record
from renderers import build_package, build_review_sheet
from flows.signer import SignerChoice, choose_signer
from validators import RuleError, status_of

SEOUL = ZoneInfo("Asia/Seoul")
OPERATOR_ERRORS = (MissingDependencyError, SigningError, RuleError)


class ProcessRequest(BaseModel):
    """What the `process-case` form in the Prefect UI asks for."""

    case: str = Field(description="Path of the case folder or .zip to process")
    out: str = Field(description="Folder to write result.json, appeal.pdf and the review sheet into")
    as_of: dt.date | None = Field(None, description="The day every date rule is judged on; default today in Seoul")
    signing_p12: str | None = Field(
        None, description="PKCS#12 signing key; default $APPEAL_SIGNING_P12, else a labelled demo key")


def today_in_seoul() -> dt.date:
    return dt.datetime.now(SEOUL).date()


@task(name="intake", task_run_name="intake {case_path}")
def intake_task(case_path: str, workdir: str) -> Case:
    return load_case(Path(case_path), Path(workdir))


@task(name="read", task_run_name="read {source.path}")
def read_task(source: SourceFile, workdir: str) -> ReadResult:
    return stages.read_source(source, Path(workdir))


@task(name="understand", task_run_name="understand {source.path}")
def understand_task(source: SourceFile, read: ReadResult, product_id: str | None) -> DocumentResult:
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
    return all_sources, reads


@flow(name="process-case", task_runner=ThreadPoolTaskRunner(max_workers=2), validate_parameters=True)
def process_case(request: ProcessRequest) -> Result:
    """Read, check and (when nothing is wrong) package one case; always writes result.json.

    Operator problems (no Tesseract, a bad signing key, a broken rule file) raise: nothing can be
    judged without them. Anything else that goes wrong is the case's `failed` result, inputs intact.
    """
    started = dt.datetime.now(dt.timezone.utc)
    as_of = request.as_of or today_in_seoul()
    out_dir = Path(request.out)
    signer = choose_signer(request.signing_p12)
    with tempfile.TemporaryDirectory(prefix="appeal-") as workdir:
        try:
            result, reads = _process(request, as_of, out_dir, signer, workdir)
        except OPERATOR_ERRORS:
            raise
        except CaseError as exc:
            result, reads = stages.failed_result(_case_id(request.case), as_of, Path(request.case).name,
                                                 exc.message), {}
        except Exception as exc:  # noqa: BLE001 - the case is failed, not the batch
            get_run_logger().exception("case %s could not be processed", request.case)
            result, reads = stages.failed_result(_case_id(request.case), as_of, Path(request.case).name,
                                                 f"internal error {type(exc).__name__}; rerun after the fix"), {}
        write_outputs(out_dir, result, run_record(result.case_id, as_of, reads, started, signer.note))
        return result


def _process(request: ProcessRequest, as_of: dt.date, out_dir: Path, signer: SignerChoice,
             workdir: str) -> tuple[Result, dict[str, ReadResult]]:
    case = intake_task(request.case, workdir)
    if case.config_error:
        return stages.failed_result(case.case_id, as_of, "case.toml", case.config_error), {}
    sources, reads = _read_all(stages.inventory(case), workdir)
    documents = [understand_task(s, reads[s.path], case.config.listing.product_id) for s in sources]
    facts, findings = stages.judge(case, documents, reads, as_of)
    status = status_of(findings)
    chain = stages.evidence_chain(case, facts, findings, documents, reads, {s.path: s for s in sources})
    package, review = render_task(chain, status, str(out_dir), signer)
    result = Result(case_id=case.case_id, as_of=as_of, status=status, reason_code=facts.reason_code,
                    appeal_deadline=facts.appeal_deadline, documents=documents, findings=findings,
                    exhibits=[i.exhibit for i in chain.items] if package else [],
                    package=package, review_sheet=review)
    return result, reads


def _case_id(case_path: str) -> str:
    name = Path(case_path).name
    return name[:-4] if name.lower().endswith(".zip") else name


__all__ = ["REVIEW_NAME", "ProcessRequest", "process_case", "today_in_seoul"]
