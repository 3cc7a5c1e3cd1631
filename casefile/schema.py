"""The JSON Schema of result.json, generated from the models (never written by hand)."""

from __future__ import annotations

import json
from pathlib import Path

from casefile.result import Result

SCHEMA_PATH = Path(__file__).with_name("result.schema.json")


def result_schema() -> dict:
    schema = Result.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://coupang-appeal.local/schema/result-v1.json"
    return schema


def schema_text() -> str:
    return json.dumps(result_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":  # python -m casefile.schema  regenerates the committed file
    SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}")
