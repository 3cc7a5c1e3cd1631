"""The committed renditions are what the generator makes, and each has its ground truth."""

from __future__ import annotations

import io
import json
import re
import unicodedata
from pathlib import Path

import pytest
from PIL import Image

from samples.gen.renditions import build

FOLDER = Path(__file__).resolve().parents[2] / "samples" / "renditions"
SIZE_TOLERANCE = 0.05  # JPEG and zlib builds differ by a few per cent; the content may not


def manifest(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("renditions")
    build(out)
    return out


def _without_bytes(m: dict) -> list[dict]:
    return [{k: v for k, v in e.items() if k != "bytes"} for e in m["renditions"]]


def test_generator_reproduces_the_manifest(fresh):
    committed, made = manifest(FOLDER), manifest(fresh)
    assert _without_bytes(made) == _without_bytes(committed)
    for old, new in zip(committed["renditions"], made["renditions"]):
        on_disk = (FOLDER / old["file"]).stat().st_size
        assert on_disk == old["bytes"], f"{old['file']} changed without regenerating the manifest"
        assert abs(new["bytes"] - old["bytes"]) <= SIZE_TOLERANCE * old["bytes"], old["file"]
        assert (fresh / new["ground_truth"]).read_bytes() == (FOLDER / old["ground_truth"]).read_bytes()
        if Path(old["file"]).suffix in (".png", ".jpg"):
            a, b = Image.open(FOLDER / old["file"]), Image.open(fresh / new["file"])
            assert (a.size, a.mode) == (b.size, b.mode), old["file"]


def test_folder_holds_only_what_the_manifest_lists():
    listed = {"manifest.json"}
    for e in manifest(FOLDER)["renditions"]:
        listed |= {e["file"], e["ground_truth"]}
    assert {p.name for p in FOLDER.iterdir()} == listed


def test_every_entry_has_its_file_and_ground_truth():
    entries = manifest(FOLDER)["renditions"]
    groups = {e["group"] for e in entries}
    assert {"clean_scan", "degraded_scan", "phone_photo", "rotated"} <= groups
    for e in entries:
        assert (FOLDER / e["file"]).is_file(), e["file"]
        truth = (FOLDER / e["ground_truth"]).read_text(encoding="utf-8")
        pages = truth.rstrip("\n").split("\f")
        assert len(pages) == e["pages"], e["file"]
        assert all(len(re.sub(r"\s", "", p)) >= 20 for p in pages), e["file"]
        assert truth == unicodedata.normalize("NFC", truth)


def test_renditions_stay_small():
    total = sum(p.stat().st_size for p in FOLDER.iterdir())
    assert total < 8_000_000
    for e in manifest(FOLDER)["renditions"]:
        if Path(e["file"]).suffix in (".png", ".jpg"):
            w, h = Image.open(io.BytesIO((FOLDER / e["file"]).read_bytes())).size
            assert max(w, h) <= 4032, e["file"]


@pytest.mark.ocr
def test_a_clean_scan_reads_almost_exactly(tmp_path):
    from rapidfuzz.distance import Levenshtein

    from extractors.readers.read import read_file

    name = "clean-cert-serif.png"
    result = read_file(FOLDER / name, tmp_path)
    squash = lambda s: re.sub(r"\s+", "", unicodedata.normalize("NFC", s))  # noqa: E731
    truth = squash((FOLDER / f"{name}.gt.txt").read_text(encoding="utf-8"))
    read = squash("".join(p.text for p in result.pages))
    assert Levenshtein.distance(truth, read) / len(truth) < 0.1
