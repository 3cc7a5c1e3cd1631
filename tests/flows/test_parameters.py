"""The deployments' parameters as CONTRACT.md has them: top-level, each described for the UI's form.

Prefect builds the schema the server validates runs against from the flow's signature and
docstring; these check that schema without a server (test_service.py creates runs on a real one).
"""

from __future__ import annotations

import jsonschema
import pytest

from flows.dropbox import ingest_dropbox
from flows.process_case import process_case_flow
from flows.reprocess import reprocess_failed

FLOWS = {"process-case": process_case_flow, "reprocess-failed": reprocess_failed, "ingest-dropbox": ingest_dropbox}


def schema(name: str) -> dict:
    return FLOWS[name].parameters.model_dump()


@pytest.mark.parametrize("name", FLOWS)
def test_every_parameter_has_a_description(name):
    properties = schema(name)["properties"]
    assert properties
    assert not [p for p, spec in properties.items() if not spec.get("description")]


def test_process_case_takes_case_and_as_of_at_the_top_level():
    spec = schema("process-case")
    assert list(spec["properties"]) == ["case", "as_of", "out", "signing_p12"]
    assert spec["required"] == ["case"]
    jsonschema.validate({"case": "kc-lamp", "as_of": "2026-11-28"}, spec)
    jsonschema.validate({"case": "samples/cases/kc-lamp"}, spec)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"request": {"case": "kc-lamp", "as_of": "2026-11-28"}}, spec)


def test_reprocess_failed_takes_its_filters_at_the_top_level():
    spec = schema("reprocess-failed")
    assert set(spec["properties"]) == {"statuses", "reason", "since", "until", "max_concurrency", "as_of"}
    assert not spec.get("required")
    jsonschema.validate({"statuses": ["failed"], "reason": "ip_infringement", "since": "2026-11-01"}, spec)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"statuses": ["ready"]}, spec)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"max_concurrency": 20}, spec)


def test_ingest_dropbox_takes_its_options_at_the_top_level():
    spec = schema("ingest-dropbox")
    assert set(spec["properties"]) == {"settle_seconds", "give_up_seconds", "max_concurrency", "as_of"}
    assert not spec.get("required")
    jsonschema.validate({"settle_seconds": 0, "as_of": "2026-11-28"}, spec)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"settle_seconds": -1}, spec)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"max_concurrency": 0}, spec)
