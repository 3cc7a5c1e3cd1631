"""The case store: inputs copied, verified and versioned, never lost; history appended line by line."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import threading
import zipfile
from pathlib import Path

import pytest

from casefile import store as store_module
from casefile.errors import CaseError
from casefile.history import Event
from casefile.loading import load_case
from casefile.store import CaseStore, digest_of, manifest


def make_case(root: Path, name: str = "kc-lamp", text: str = "인증서 v1") -> Path:
    case = root / name
    (case / "sub").mkdir(parents=True)
    (case / "case.toml").write_text('[appeal]\nreason = "kc_certification"\n', encoding="utf-8")
    (case / "sub" / "인증서.txt").write_text(text, encoding="utf-8")
    return case


@pytest.fixture()
def store(tmp_path) -> CaseStore:
    return CaseStore(tmp_path / "home")


def test_a_folder_is_stored_verified_with_its_ingested_event(store, tmp_path):
    source = make_case(tmp_path / "up")
    outcome = store.ingest(source)
    assert (outcome.case_id, outcome.action, outcome.version) == ("kc-lamp", "stored", 1)
    stored = store.input_path("kc-lamp")
    assert stored == store.cases / "kc-lamp" / "input" / "kc-lamp"
    assert manifest(stored) == manifest(source)
    [event] = store.history("kc-lamp")
    assert event.event == "ingested" and event.digest == outcome.digest and event.source == "kc-lamp"
    assert load_case(stored, tmp_path / "w").case_id == "kc-lamp"
    assert store.list_cases() == ["kc-lamp"] and store.is_pending("kc-lamp")


def test_a_zip_is_kept_as_the_file_itself_and_loads(store, tmp_path):
    archive = tmp_path / "radio.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("radio/kc.txt", "KC")
    outcome = store.ingest(archive)
    stored = store.input_path("radio")
    assert outcome.case_id == "radio" and stored.name == "radio.zip"
    assert stored.read_bytes() == archive.read_bytes()
    assert load_case(stored, tmp_path / "w").case_id == "radio"


def test_the_same_upload_twice_is_stored_once(store, tmp_path):
    source = make_case(tmp_path / "up")
    first = store.ingest(source)
    again = store.ingest(make_case(tmp_path / "again"))  # same content, another folder
    assert again.action == "duplicate" and again.digest == first.digest
    assert [e.event for e in store.history("kc-lamp")] == ["ingested"]
    assert [v for v, _ in store.versions("kc-lamp")] == [1]


def test_a_different_upload_under_the_same_id_is_a_new_version_and_nothing_is_lost(store, tmp_path):
    store.ingest(make_case(tmp_path / "up"))
    store.append("kc-lamp", Event(event="processed", status="needs_fixes",
                                  digest=store.current_digest("kc-lamp")))
    assert not store.is_pending("kc-lamp")
    outcome = store.ingest(make_case(tmp_path / "fixed", text="인증서 v2"))
    assert (outcome.action, outcome.version) == ("updated", 2)
    assert (store.input_path("kc-lamp", 1) / "sub" / "인증서.txt").read_text(encoding="utf-8") == "인증서 v1"
    assert (store.input_path("kc-lamp") / "sub" / "인증서.txt").read_text(encoding="utf-8") == "인증서 v2"
    assert store.history("kc-lamp")[-1].event == "inputs_updated"
    assert store.is_pending("kc-lamp")
    assert store.ingest(make_case(tmp_path / "old", text="인증서 v1")).action == "duplicate"


def test_digest_is_over_relative_paths_and_contents(tmp_path):
    a = make_case(tmp_path / "a")
    b = make_case(tmp_path / "b", name="other-name")
    assert digest_of(manifest(a)) == digest_of(manifest(b))
    (b / "sub" / "인증서.txt").rename(b / "인증서.txt")
    assert digest_of(manifest(a)) != digest_of(manifest(b))


def test_a_crash_leaves_only_a_temp_folder_that_a_restart_removes(store, tmp_path, monkeypatch):
    source = make_case(tmp_path / "up")
    abandoned = store.cases / ".tmp" / "999999999.deadbeef.kc-lamp"
    abandoned.mkdir(parents=True)
    (abandoned / "half.txt").write_text("x")

    def torn_copy(src, target):
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(b"torn")

    monkeypatch.setattr(store_module, "_copy_synced", torn_copy)
    with pytest.raises(CaseError, match="changed while it was being stored"):
        store.ingest(source)
    assert store.list_cases() == [] and not abandoned.exists()
    assert list((store.cases / ".tmp").iterdir()) == []


def test_a_version_renamed_in_before_its_history_line_is_repaired_not_duplicated(store, tmp_path):
    store.ingest(make_case(tmp_path / "up"))
    fixed = make_case(tmp_path / "fixed", text="v2")
    shutil.copytree(fixed, store.cases / "kc-lamp" / "input.2" / "kc-lamp")  # the crash: no event yet
    outcome = store.ingest(fixed)
    assert (outcome.action, outcome.version) == ("duplicate", 2)
    assert [e.event for e in store.history("kc-lamp")] == ["ingested", "inputs_updated"]


def test_summary_mark_and_the_previous_appeal_date(store, tmp_path):
    store.ingest(make_case(tmp_path / "up"))
    store.append("kc-lamp", Event(event="processed", status="ready", reason="kc_certification",
                                  deadline=dt.date(2026, 12, 8), digest=store.current_digest("kc-lamp")))
    store.mark("kc-lamp", "submitted", dt.date(2026, 11, 22))
    summary = store.summary("kc-lamp")
    assert (summary.status, summary.reason, summary.deadline) == ("ready", "kc_certification", dt.date(2026, 12, 8))
    assert (summary.last_event, summary.last_event_date, summary.pending) == ("submitted", dt.date(2026, 11, 22), False)
    assert store.previous_appeal_date("kc-lamp", "kc_certification") == dt.date(2026, 11, 22)
    assert store.previous_appeal_date("kc-lamp", "ip_infringement") is None
    assert store.previous_appeal_date("kc-lamp", None) == dt.date(2026, 11, 22)
    with pytest.raises(CaseError):
        store.mark("kc-lamp", "approved", dt.date(2026, 11, 23))
    with pytest.raises(CaseError):
        store.mark("no-such-case", "denied", dt.date(2026, 11, 23))


def test_history_appends_from_many_threads_stay_whole_lines(store, tmp_path):
    store.ingest(make_case(tmp_path / "up"))

    def writer(n: int) -> None:
        for i in range(50):
            store.append("kc-lamp", Event(event="denied", date=dt.date(2026, 11, 1 + i % 28), run_id=f"{n}-{i}"))

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    lines = (store.cases / "kc-lamp" / "history.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 201 and all(json.loads(line)["event"] for line in lines)


def test_a_case_lock_is_exclusive_and_released(store, tmp_path):
    store.ingest(make_case(tmp_path / "up"))
    with store.lock("kc-lamp") as first:
        with store.lock("kc-lamp", wait=False) as second:
            assert first and not second
    with store.lock("kc-lamp", wait=False) as again:
        assert again


def test_case_ids_cannot_escape_the_store(store):
    for bad in ("", "..", ".tmp", "a/b"):
        with pytest.raises(CaseError):
            store.case_dir(bad)
    assert not store.has("../etc")


def test_appeal_home_defaults_to_var(monkeypatch):
    monkeypatch.delenv("APPEAL_HOME", raising=False)
    assert CaseStore().root == Path("var")
    monkeypatch.setenv("APPEAL_HOME", os.sep + "srv")
    assert CaseStore().root == Path("/srv")
