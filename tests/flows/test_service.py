"""`appeal serve` against a real Prefect server: forms, REST-created runs, the drop folder, crash recovery."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import urllib.error
import urllib.request
import zipfile

import pytest

from tests.flows import servicekit as kit

pytestmark = [pytest.mark.slow, pytest.mark.flow]


def api_get(url: str):
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


def api_post(url: str, body: dict):
    req = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                 headers={"content-type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as response:
        return json.loads(response.read())


def deployment(api: str, flow: str, name: str) -> dict | None:
    try:
        return api_get(f"{api}/deployments/name/{flow}/{name}")
    except OSError:
        return None


@pytest.fixture(scope="module")
def served(request, tmp_path_factory):
    """`appeal serve` in a subprocess, on the session's server, with its own APPEAL_HOME."""
    api = kit.start_server(request.config)
    home = tmp_path_factory.mktemp("served-home")
    env = kit.appeal_env(api, home, APPEAL_DROPBOX_SETTLE_SECONDS="1")
    log = open(home / "serve.log", "wb")
    proc = subprocess.Popen([str(kit.APPEAL), "serve", "--interval", "20", "--debounce", "1"], env=env,
                            cwd=kit.REPO, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        kit.wait_for(lambda: all(deployment(api, f, f) for f in ("process-case", "ingest-dropbox", "reprocess-failed")),
                     120, "the three deployments")
        yield api, home
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()


def test_deployments_show_a_form_with_described_parameters(served):
    api, _ = served
    dep = deployment(api, "process-case", "process-case")
    props = dep["parameter_openapi_schema"]["properties"]
    assert {"case", "as_of", "out"} <= set(props)  # top-level, as CONTRACT.md has them
    assert all(spec.get("description") for spec in props.values()), props
    assert "stored case id" in props["case"]["description"]
    assert dep["parameter_openapi_schema"]["required"] == ["case"]
    assert dep["paused"] is False
    ingest = deployment(api, "ingest-dropbox", "ingest-dropbox")
    assert ingest["schedules"] and ingest["schedules"][0]["schedule"]["interval"] == 20
    reprocess = deployment(api, "reprocess-failed", "reprocess-failed")
    props = reprocess["parameter_openapi_schema"]["properties"]
    assert {"statuses", "reason", "since", "until", "max_concurrency"} <= set(props)
    assert all(spec.get("description") for spec in props.values()), props


def run_to_the_end(api: str, name: str, parameters: dict) -> tuple[dict, str]:
    """Create a run as an API client does (REST, the parameters as sent) and wait for its final state."""
    dep = deployment(api, name, name)  # each deployment is named as its flow
    run = api_post(f"{api}/deployments/{dep['id']}/create_flow_run", {"parameters": parameters})
    state = kit.wait_for(lambda: (s := api_get(f"{api}/flow_runs/{run['id']}")["state_type"])
                         in ("COMPLETED", "FAILED", "CRASHED") and s, 180, "the flow run")
    return run, state


def test_a_run_created_over_rest_with_the_contracts_parameters_completes(served, tmp_path):
    api, home = served
    case = tmp_path / "rest-lamp"
    shutil.copytree(kit.LAMP, case)
    run, state = run_to_the_end(api, "process-case", {"case": str(case), "as_of": kit.AS_OF})
    assert state == "COMPLETED"
    result = json.loads((home / "cases" / "rest-lamp" / "out" / "result.json").read_text(encoding="utf-8"))
    assert result["status"] == "needs_fixes" and result["case_id"] == "rest-lamp"
    assert result["as_of"] == kit.AS_OF
    [processed] = kit.events(home, "rest-lamp", "processed")
    assert processed["run_id"] == run["id"] and processed["status"] == "needs_fixes"
    artifacts = api_post(f"{api}/artifacts/filter", {"artifacts": {"key": {"any_": ["case-rest-lamp"]}}})
    assert artifacts and "| severity | code |" in artifacts[0]["data"]

    # The one-object form of before is refused by the server, not run with a missing case.
    with pytest.raises(urllib.error.HTTPError) as refused:
        api_post(f"{api}/deployments/{deployment(api, 'process-case', 'process-case')['id']}/create_flow_run",
                 {"parameters": {"request": {"case": str(case)}}})
    assert refused.value.code in (409, 422)


def test_reprocess_failed_takes_its_filters_at_the_top_level(served):
    api, _ = served
    _, state = run_to_the_end(api, "reprocess-failed", {"statuses": ["failed"], "reason": "kc_certification",
                                                         "since": "2026-11-01", "as_of": kit.AS_OF})
    assert state == "COMPLETED"


def test_twenty_drops_at_once_are_each_processed_exactly_once(served, tmp_path):
    api, home = served
    dropbox = home / "dropbox"
    names = [f"drop-{i:02d}" for i in range(19)]
    whole = tmp_path / "drop-zip.zip"
    with zipfile.ZipFile(whole, "w") as zf:
        for file in kit.LAMP.iterdir():
            zf.write(file, f"drop-zip/{file.name}")
            zf.writestr(f"drop-zip/padding-{file.stem}.txt", os.urandom(200_000).hex())
    data = whole.read_bytes()
    with open(dropbox / "drop-zip.zip", "wb") as half:  # an upload cut off halfway, resumed later
        half.write(data[: len(data) // 2])
    kit.drop_copies(dropbox, names)

    def results(ids):
        return all((home / "cases" / c / "out" / "result.json").exists() for c in ids)

    kit.wait_for(lambda: results(names), 240, "19 results", every=2)
    assert not (home / "cases" / "drop-zip").exists()  # the half zip was not taken
    with open(dropbox / "drop-zip.zip", "ab") as rest:
        rest.write(data[len(data) // 2:])
    kit.wait_for(lambda: results(["drop-zip"]), 120, "the resumed zip's result", every=2)
    kit.wait_for(lambda: not any(p.name != "processed" for p in dropbox.iterdir()), 30, "an empty drop folder")

    processed = sorted(p.name for p in (dropbox / "processed").iterdir())
    assert processed == sorted(names + ["drop-zip.zip"])
    for case_id in names + ["drop-zip"]:
        assert len(kit.events(home, case_id, "ingested")) == 1, case_id
        assert len(kit.events(home, case_id, "processed")) == 1, case_id
    assert json.loads((home / "cases" / "drop-zip" / "out" / "result.json").read_text())["status"] == "needs_fixes"
    assert (home / "cases" / "drop-zip" / "input" / "drop-zip.zip").read_bytes() == data


def test_a_kill_9_mid_ingest_then_a_restart_processes_each_case_once(request, tmp_path):
    api = kit.start_server(request.config)
    home = tmp_path / "home"
    env = kit.appeal_env(api, home)
    names = [f"crash-{i}" for i in range(5)]
    kit.drop_copies(home / "dropbox", names)
    # One upload already stored when the previous run died, before its original was moved.
    from casefile.store import CaseStore

    CaseStore(home).ingest(home / "dropbox" / "crash-0")

    proc = subprocess.Popen([str(kit.APPEAL), "ingest", "--settle", "0.5", "--as-of", kit.AS_OF], env=env,
                            cwd=kit.REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    kit.wait_for(lambda: any(kit.events(home, c, "processed") for c in names), 180, "a first processed case",
                 every=0.2)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    done_before = [c for c in names if kit.events(home, c, "processed")]
    assert len(done_before) < len(names), "the kill came too late to test anything"

    rerun = kit.appeal("ingest", "--settle", "0.5", "--as-of", kit.AS_OF, env=env)
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    assert sorted(p.name for p in (home / "dropbox").iterdir()) == ["processed"]
    assert sorted(p.name for p in (home / "dropbox" / "processed").iterdir()) == names
    for case_id in names:
        assert len(kit.events(home, case_id, "ingested")) == 1, case_id
        assert len(kit.events(home, case_id, "processed")) == 1, case_id
        assert (home / "cases" / case_id / "out" / "result.json").exists()
    assert not list((home / "cases" / ".tmp").iterdir())


def test_the_dask_runner_gives_the_same_result(request, tmp_path):
    api = kit.start_server(request.config)
    outs = {}
    for runner in ("threads", "dask"):
        outs[runner] = tmp_path / runner
        run = kit.appeal("process", kit.LAMP, "--out", outs[runner], "--as-of", kit.AS_OF,
                         env=kit.appeal_env(api, tmp_path / runner / "home", APPEAL_TASK_RUNNER=runner,
                                            APPEAL_CACHE="off"))  # both really read the file
        assert run.returncode == 0, run.stderr[-3000:]
    threads, dask = (json.loads((outs[r] / "result.json").read_text(encoding="utf-8")) for r in ("threads", "dask"))
    assert threads == dask and threads["status"] == "needs_fixes"
    run_record = json.loads((outs["dask"] / "run.json").read_text(encoding="utf-8"))
    assert set(run_record["documents"]) == {d["path"] for d in dask["documents"]}
