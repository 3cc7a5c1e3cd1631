"""Secrets and personal data (issue #8 item 5), on the real process-case flow with a real key.

A non-demo PKCS#12 made here signs a ready sample case, with every logger at DEBUG. The passphrase
must appear nowhere: not in the captured log records, not on stdout or stderr, not in result.json,
run.json or history.jsonl, not in the Prefect API's logs, artifacts or run states, not in any file
under the output folders and APPEAL_HOME, and not in what a WRONG passphrase raises (in-process,
from the environment and from a Prefect Secret block, and from the `appeal` command). The seller's
business number and representative must not be logged at INFO or above.
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import json
import logging
import os
import shutil
import subprocess
import traceback
from pathlib import Path

import pikepdf
import pytest

from casefile.errors import SigningError
from tests.flows.conftest import APPEAL, REPO
from tests.renderers.test_signing import make_p12 as make_signing_p12

pytestmark = [pytest.mark.slow, pytest.mark.flow]

CASE = REPO / "samples" / "cases" / "kc-ready-humidifier"
AS_OF = dt.date(2026, 11, 28)
PASSPHRASE = "Qz7-hostile-PASSPHRASE-k4Wm9x-do-not-print"
WRONG = "Wrong-Qz7-PASSPHRASE-r2Tn5v-do-not-print"
SIGNER_CN = "Hanbit Trading test signer (hostile suite)"
# From CASE/case.toml: personal data that may go into the appeal, never into an INFO log line.
BUSINESS_NUMBER = "214-86-12341"
REPRESENTATIVE = "왕웨이"
PAGE = 100
DEBUG_LOGGERS = ["", "prefect", "prefect.flow_runs", "prefect.task_runs", "prefect.client", "prefect._internal",
                 "prefect.extra", "flows", "renderers", "extractors", "validators", "casefile", "pyhanko"]


def make_p12(path: Path, passphrase: str) -> None:
    """A real (non-demo) signing key whose subject names the hostile suite."""
    make_signing_p12(path, passphrase, common_name=SIGNER_CN)


def encodings(secret: str) -> list[bytes]:
    """The ways a secret could be written down: as text, UTF-16 (PDF strings), hex, base64."""
    raw = secret.encode()
    return [raw, secret.encode("utf-16-be"), secret.encode("utf-16-le"), raw.hex().encode(), raw.hex().upper().encode(),
            base64.b64encode(raw), base64.urlsafe_b64encode(raw)]


def leaks_in(data: bytes | str, secret: str) -> bool:
    data = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    return any(form in data for form in encodings(secret))


def file_leaks(root: Path, secret: str) -> list[str]:
    """Every file under root whose bytes hold the secret; PDFs also with every stream decoded."""
    found = []
    for path in sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink()):
        data = path.read_bytes()
        if leaks_in(data, secret):
            found.append(str(path))
        elif data.startswith(b"%PDF"):
            with pikepdf.open(path) as pdf:
                for obj in pdf.objects:
                    if isinstance(obj, pikepdf.Stream) and leaks_in(obj.read_bytes(), secret):
                        found.append(f"{path} (stream {obj.objgen})")
                        break
    return found


def exception_texts(exc: BaseException) -> str:
    """The exception as anyone could see it: message, repr, traceback, and every chained exception."""
    parts, seen = [], set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        parts += [str(exc), repr(exc), "".join(traceback.format_exception(exc)), repr(getattr(exc, "args", ()))]
        exc = exc.__cause__ or exc.__context__
    return "\n".join(parts)


@pytest.fixture(scope="module")
def harness(tmp_path_factory):
    """Prefect's test server; APPEAL_HOME and Prefect's result storage in this module's temp folder."""
    from prefect.settings import PREFECT_RESULTS_LOCAL_STORAGE_PATH, temporary_settings
    from prefect.testing.utilities import prefect_test_harness

    root = tmp_path_factory.mktemp("secrets")
    home, storage = root / "home", root / "prefect-results"
    with pytest.MonkeyPatch.context() as env:  # the tests set the signing variables with their own monkeypatch
        env.setenv("APPEAL_HOME", str(home))
        import flows.process_case  # noqa: F401 - Prefect sets up logging on first import: before any test's handler
        with prefect_test_harness(server_startup_timeout=120), \
                temporary_settings({PREFECT_RESULTS_LOCAL_STORAGE_PATH: storage}):
            yield root


class Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def debug_logs():
    """Every logger of the product, Prefect and pyHanko at DEBUG, every record kept.

    Prefect configures logging (replacing the root's handlers) when it is first imported: the
    harness fixture has imported it already, so the handler added here stays for the whole test.
    What Prefect's console handler prints is these same records, so they cover it too.
    """
    handler = Records()
    loggers = {name: logging.getLogger(name) for name in DEBUG_LOGGERS}
    saved = {name: lg.level for name, lg in loggers.items()}
    for name, lg in loggers.items():
        lg.setLevel(logging.DEBUG)
        if not name or not lg.propagate:
            lg.addHandler(handler)
    yield handler
    assert handler in logging.getLogger().handlers, "the root logger was reconfigured during the test"
    for name, lg in loggers.items():
        lg.setLevel(saved[name])
        if handler in lg.handlers:
            lg.removeHandler(handler)


def record_text(record: logging.LogRecord) -> str:
    return logging.Formatter("%(levelname)s %(name)s %(message)s").format(record) + repr(record.__dict__)


def prefect_api_texts() -> dict[str, list[tuple[int, str]]]:
    """What the Prefect API holds: run logs (with levels), artifacts, flow and task run states and parameters."""
    from prefect import get_client
    from prefect.logging.handlers import APILogHandler

    APILogHandler().flush()

    async def every(read) -> list:
        """All rows, page by page (the API answers at most a page of rows a call)."""
        rows: list = []
        while True:
            page = await read(limit=PAGE, offset=len(rows))
            rows += page
            if len(page) < PAGE:
                return rows

    async def collect():
        async with get_client() as client:
            logs = await every(client.read_logs)
            artifacts = await every(client.read_artifacts)
            flow_runs = await every(client.read_flow_runs)
            task_runs = await every(client.read_task_runs)
        return {
            "logs": [(log.level, log.message) for log in logs],
            "artifacts": [(0, json.dumps(a.model_dump(mode="json"), ensure_ascii=False)) for a in artifacts],
            "runs": [(0, json.dumps(r.model_dump(mode="json"), ensure_ascii=False)) for r in [*flow_runs, *task_runs]],
        }

    return asyncio.run(collect())


@pytest.fixture(scope="module")
def key(harness) -> Path:
    path = harness / "keys-outside-the-home" / "signer.p12"
    path.parent.mkdir()
    make_p12(path, PASSPHRASE)
    return path


def test_a_signed_run_leaks_neither_the_passphrase_nor_personal_data(harness, key, debug_logs, capfd, monkeypatch):
    from prefect.blocks.system import Secret

    from flows.process_case import ProcessRequest, process_case
    from flows.signer import SECRET_BLOCK

    case = harness / "uploads" / CASE.name
    shutil.copytree(CASE, case)
    home = Path(os.environ["APPEAL_HOME"])
    # From the environment, the case taken into the store (history.jsonl, the store's out/) ...
    monkeypatch.setenv("APPEAL_SIGNING_P12", str(key))
    monkeypatch.setenv("APPEAL_SIGNING_PASSPHRASE", PASSPHRASE)
    stored = process_case(ProcessRequest(case=str(case), as_of=AS_OF))
    # ... and from a Prefect Secret block, into an output folder of its own.
    monkeypatch.delenv("APPEAL_SIGNING_PASSPHRASE")
    Secret(value=PASSPHRASE).save(SECRET_BLOCK, overwrite=True)
    out = harness / "out-secret-block"
    direct = process_case(ProcessRequest(case=str(case), out=str(out), as_of=AS_OF, signing_p12=str(key)))

    # The key was really used: both packages signed by it, not by a demo key.
    for result, folder in [(stored, home / "cases" / CASE.name / "out"), (direct, out)]:
        assert result.status.value == "ready" and result.package.signed, result.findings
        run = json.loads((folder / "run.json").read_text(encoding="utf-8"))
        assert SIGNER_CN in run["signing"] and "DEMO" not in run["signing"]
        assert leaks_in((folder / "appeal.pdf").read_bytes(), SIGNER_CN)
    history = (home / "cases" / CASE.name / "history.jsonl").read_text(encoding="utf-8")
    assert '"processed"' in history and not leaks_in(history, PASSPHRASE)

    captured = capfd.readouterr()
    records = debug_logs.records
    assert any(r.levelno == logging.DEBUG for r in records), "DEBUG logging was not captured"
    api = prefect_api_texts()
    assert api["logs"] and api["artifacts"], "the Prefect API holds no run logs or artifacts to check"

    assert not leaks_in(captured.out + captured.err, PASSPHRASE)
    assert not [r.getMessage() for r in records if leaks_in(record_text(r), PASSPHRASE)]
    for what, texts in api.items():
        assert not [t for _, t in texts if leaks_in(t, PASSPHRASE)], f"passphrase in the Prefect API's {what}"
    assert not leaks_in(stored.to_json() + direct.to_json(), PASSPHRASE)
    assert file_leaks(home, PASSPHRASE) == [] and file_leaks(out, PASSPHRASE) == []
    assert file_leaks(harness / "prefect-results", PASSPHRASE) == []

    # Personal data: in the appeal where it belongs, never in a log line at INFO or above.
    assert BUSINESS_NUMBER in (case / "case.toml").read_text(encoding="utf-8")
    assert REPRESENTATIVE in (case / "case.toml").read_text(encoding="utf-8")
    personal = [BUSINESS_NUMBER, BUSINESS_NUMBER.replace("-", ""), REPRESENTATIVE]
    loud = [record_text(r) for r in records if r.levelno >= logging.INFO]
    loud += [t for level, t in api["logs"] if level >= logging.INFO]
    for value in personal:
        assert not [t for t in loud if value in t], f"{value!r} logged at INFO or above"


def test_a_wrong_passphrase_is_refused_without_showing_either_passphrase(harness, key, debug_logs, capfd,
                                                                          monkeypatch):
    from prefect.blocks.system import Secret

    from flows.process_case import ProcessRequest, process_case
    from flows.signer import SECRET_BLOCK

    out = harness / "out-wrong"
    request = ProcessRequest(case=str(CASE), out=str(out), as_of=AS_OF, signing_p12=str(key))
    raised = []
    monkeypatch.setenv("APPEAL_SIGNING_PASSPHRASE", WRONG)
    with pytest.raises(SigningError) as from_env:
        process_case(request)
    raised.append(from_env.value)
    monkeypatch.delenv("APPEAL_SIGNING_PASSPHRASE")
    Secret(value=WRONG).save(SECRET_BLOCK, overwrite=True)
    with pytest.raises(SigningError) as from_block:
        process_case(request)
    raised.append(from_block.value)

    for exc in raised:
        assert "wrong passphrase" in exc.message and str(key) in exc.message  # still says what to fix
        text = exception_texts(exc)
        assert not leaks_in(text, WRONG) and not leaks_in(text, PASSPHRASE)
    captured = capfd.readouterr()
    texts = [captured.out, captured.err, *(record_text(r) for r in debug_logs.records)]
    texts += [t for entries in prefect_api_texts().values() for _, t in entries]
    for secret in (WRONG, PASSPHRASE):
        assert not [t for t in texts if leaks_in(t, secret)]
    assert not (out / "appeal.pdf").exists()
    assert file_leaks(Path(os.environ["APPEAL_HOME"]), WRONG) == []


def test_the_command_line_refuses_a_wrong_passphrase_without_showing_it(harness, key, tmp_path):
    """`appeal process` in its own process (its own ephemeral Prefect API): exit code 6, a message
    that says what to fix, and neither passphrase on stdout or stderr or in any file it wrote."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "APPEAL_"))}
    home = tmp_path / "home"
    env.update(APPEAL_HOME=str(home), PREFECT_HOME=str(tmp_path / "prefect"), PREFECT_LOGGING_LEVEL="DEBUG",
               APPEAL_SIGNING_P12=str(key), APPEAL_SIGNING_PASSPHRASE=WRONG)
    out = tmp_path / "out"
    proc = subprocess.run([str(APPEAL), "process", str(CASE), "--out", str(out), "--as-of", AS_OF.isoformat()],
                          capture_output=True, env=env, cwd=REPO, timeout=600)
    stderr = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 6, stderr[-3000:]
    assert "wrong passphrase" in stderr
    for secret in (WRONG, PASSPHRASE):
        assert not leaks_in(proc.stdout + proc.stderr, secret)
        assert file_leaks(tmp_path, secret) == []
