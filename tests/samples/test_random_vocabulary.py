"""The randomiser's label wording is its own: fewer than half of its field captions are also in the
extractors' rule files, so `bench/accuracy.py --random` measures generalisation, not recall of a
shared list (issue 14, part 6).

Overlap = |vocab ∩ rules| / |vocab| over distinct terms, each normalised by NFC, casefold and
removing all white space. `vocab` is every caption under a `*labels` table of
samples/random/vocabulary.toml (field captions only: distractors, titles and boilerplate are not
counted, they would only pad the denominator). `rules` is every string anywhere in any TOML file
under extractors/ whose path has a `rules` folder (label lists, keywords, aliases: the broadest
reading, so the check errs on the strict side). This test is the only place that reads them.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
VOCAB = REPO / "samples" / "random" / "vocabulary.toml"


def norm(term: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", term).casefold())


def _strings(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for v in node.values() for s in _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return []


def _label_terms(node, under_labels: bool = False) -> list[str]:
    if isinstance(node, dict):
        return [s for k, v in node.items() for s in _label_terms(v, under_labels or k.endswith("labels"))]
    if isinstance(node, list):
        return [s for v in node for s in _label_terms(v, under_labels)]
    return [node] if under_labels and isinstance(node, str) else []


def vocabulary_terms() -> set[str]:
    data = tomllib.loads(VOCAB.read_text(encoding="utf-8"))
    return {norm(t) for t in _label_terms(data)} - {""}


def rule_terms() -> set[str]:
    files = [p for p in (REPO / "extractors").rglob("*.toml") if "rules" in p.relative_to(REPO).parts]
    assert files, "no rule files found under extractors/"
    terms: set[str] = set()
    for path in files:
        terms |= {norm(s) for s in _strings(tomllib.loads(path.read_text(encoding="utf-8")))}
    return terms - {""}


def test_vocabulary_is_mostly_not_the_extractors_wording():
    vocab, rules = vocabulary_terms(), rule_terms()
    assert len(vocab) >= 200, "the vocabulary should be wide enough to matter"
    shared = vocab & rules
    overlap = len(shared) / len(vocab)
    assert overlap < 0.5, f"{len(shared)}/{len(vocab)} = {overlap:.0%} of the captions are the extractors' own"


def test_every_field_has_captions_in_korean():
    data = tomllib.loads(VOCAB.read_text(encoding="utf-8"))
    for kind in ("kc_certificate", "ingredient_list", "authorization_letter", "seller_center_screenshot",
                 "notice_email"):
        labels = data[kind]["labels"]
        assert labels, kind
        for field, langs in labels.items():
            assert langs.get("ko"), f"{kind}.{field} has no Korean captions"
