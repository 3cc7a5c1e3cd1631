"""reprocess-failed: exactly the cases a fix, a new upload or a denial may change are run again."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest

from casefile.history import Event
from casefile.store import CaseStore
from flows.reprocess import ReprocessRequest, select
from tests.flows import servicekit as kit

DAY = dt.datetime(2026, 11, 20, 9, tzinfo=dt.UTC)


def crafted_store(root, up) -> CaseStore:
    """Six stored copies of the lamp case, each with the history that should (not) select it."""
    store = CaseStore(root)

    def case(name: str, status: str, reason: str = "kc_certification", at: dt.datetime = DAY) -> str:
        shutil.copytree(kit.LAMP, up / name)
        store.ingest(up / name)
        store.append(name, Event(event="processed", status=status, reason=reason, at=at,
                                 digest=store.current_digest(name)))
        return name

    case("failed", "failed")
    case("failed-late", "failed", at=DAY + dt.timedelta(days=5))
    case("failed-ip", "failed", reason="ip_infringement")
    case("ready", "ready")
    case("nf-same", "needs_fixes")
    case("nf-fixed", "needs_fixes", at=DAY + dt.timedelta(days=3))
    fixed = up / "v2" / "nf-fixed"
    shutil.copytree(kit.LAMP, fixed)
    (fixed / "note.txt").write_text("새 인증서를 첨부합니다", encoding="utf-8")
    store.ingest(fixed)
    case("denied", "ready")
    store.mark("denied", "submitted", dt.date(2026, 11, 25))
    store.mark("denied", "denied", dt.date(2026, 11, 26))
    case("denied-rerun", "ready")
    store.mark("denied-rerun", "denied", dt.date(2026, 11, 21))
    store.append("denied-rerun", Event(event="processed", status="ready", reason="kc_certification",
                                       digest=store.current_digest("denied-rerun")))
    case("reinstated", "ready")
    store.mark("reinstated", "denied", dt.date(2026, 11, 21))
    store.mark("reinstated", "reinstated", dt.date(2026, 11, 24))
    return store


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> CaseStore:
    base = tmp_path_factory.mktemp("reprocess")
    return crafted_store(base / "home", base / "up")


def test_default_selection(store):
    assert select(store, ReprocessRequest()) == ["denied", "failed", "failed-ip", "failed-late", "nf-fixed"]


def test_filters_by_status_reason_and_date(store):
    assert select(store, ReprocessRequest(statuses=["needs_fixes"])) == ["nf-fixed"]
    assert select(store, ReprocessRequest(statuses=["denied"])) == ["denied"]
    assert select(store, ReprocessRequest(statuses=["failed"], reason="ip_infringement")) == ["failed-ip"]
    assert select(store, ReprocessRequest(statuses=["failed"], since=dt.date(2026, 11, 22))) == ["failed-late"]
    assert select(store, ReprocessRequest(until=dt.date(2026, 11, 21))) == ["failed", "failed-ip"]
    assert select(store, ReprocessRequest(since=dt.date(2026, 11, 26), until=dt.date(2026, 11, 26))) == ["denied"]


@pytest.mark.slow
@pytest.mark.flow
def test_reprocess_runs_exactly_the_selected_cases(request, tmp_path):
    api = kit.start_server(request.config)
    home = tmp_path / "home"
    store = crafted_store(home, tmp_path / "up")
    before = {c: len(kit.events(home, c, "processed")) for c in store.list_cases()}

    run = kit.appeal("reprocess", "--since", "2026-11-22", "--as-of", kit.AS_OF, env=kit.appeal_env(api, home))
    assert run.returncode == 0, run.stderr[-3000:]

    rerun = {c for c in before if len(kit.events(home, c, "processed")) > before[c]}
    assert rerun == {"denied", "failed-late", "nf-fixed"}
    assert all(len(kit.events(home, c, "processed")) == before[c] + 1 for c in rerun)
    # The appeal marked submitted on 11-25 makes a new one on 11-28 too soon (history feeds the rule).
    result = json.loads((home / "cases" / "denied" / "out" / "result.json").read_text(encoding="utf-8"))
    assert "resubmission_too_soon" in {f["code"] for f in result["findings"]}
    fixed = json.loads((home / "cases" / "nf-fixed" / "out" / "result.json").read_text(encoding="utf-8"))
    assert "note.txt" in {d["path"] for d in fixed["documents"]}
    assert select(store, ReprocessRequest(statuses=["needs_fixes", "denied"])) == []
