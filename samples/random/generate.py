"""`generate(seed, n, out_dir)`: n documents per kind, composed at random from `seed`, each through
one rendition (spread evenly over the kind's renditions), with its ground truth in contract form.

Document i of a kind is drawn from its own generator, seeded by (seed, kind, i): the same seed
gives the same documents and truths whatever else is asked for (other kinds, other n).
`out_dir/manifest.json` lists every document, its truth and how it was drawn.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from casefile.codes import DocumentKind
from casefile.fields import FIELDS_BY_KIND

from . import ingredients, kc, letters, notice, wing
from .common import SUFFIX, TIERS, Composed, file_name
from .renditions import render

#: Per kind: its composer and the renditions it goes through (the issue's "every rendition" where
#: the kind exists that way: nobody scans a Wing screen or photographs an .eml).
KINDS: dict[str, tuple[Callable, list[str]]] = {
    "kc_certificate": (kc.compose, ["pdf", "docx", "scan", "scan_degraded", "photo"]),
    "ingredient_list": (ingredients.compose, ["pdf", "docx", "scan", "scan_degraded", "photo"]),
    "authorization_letter": (letters.compose, ["pdf", "docx", "scan", "scan_degraded", "photo"]),
    "seller_center_screenshot": (wing.compose, ["screenshot", "monitor_photo"]),
    "notice_email": (notice.compose, ["email", "pdf"]),
}
RENDITIONS = sorted({r for _, rs in KINDS.values() for r in rs})


@dataclass
class Sample:
    """One generated file. Iterates as (path, kind, rendition, truth)."""

    path: Path
    kind: str
    rendition: str
    truth: dict
    tier: str = ""
    unscored: list[str] = field(default_factory=list)
    accept: dict[str, list] = field(default_factory=dict)
    context: dict = field(default_factory=dict)
    layout: str = ""
    seed: list[int] = field(default_factory=list)

    def __iter__(self):
        return iter((self.path, self.kind, self.rendition, self.truth))

    def record(self, root: Path) -> dict:
        d = asdict(self)
        d["path"] = self.path.relative_to(root).as_posix()
        return d


def validate_truth(kind: str, truth: dict) -> None:
    """The truth must be a valid field record of the kind, already in contract form."""
    model = FIELDS_BY_KIND[DocumentKind(kind)](**truth)
    dumped = model.model_dump(mode="json")
    if dumped != truth:
        raise ValueError(f"{kind} truth is not in contract form: {truth} != {dumped}")


def compose_one(seed: int, kind: str, i: int, rendition: str) -> Composed:
    kind_index = list(KINDS).index(kind)
    rng = np.random.default_rng([seed, kind_index, i])
    return KINDS[kind][0](rng, rendition)


def rendition_of(seed: int, kind: str, i: int, allowed: list[str]) -> str:
    offset = int(np.random.default_rng([seed, list(KINDS).index(kind), 1 << 20]).integers(len(allowed)))
    return allowed[(i + offset) % len(allowed)]


def generate(seed: int, n: int, out_dir: Path, kinds: list[str] | None = None,
             renditions: list[str] | None = None, progress: Callable[[Sample], None] | None = None) -> list[Sample]:
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    samples: list[Sample] = []
    for kind, (_, kind_renditions) in KINDS.items():
        if kinds and kind not in kinds:
            continue
        allowed = [r for r in kind_renditions if not renditions or r in renditions]
        if not allowed:
            continue
        kind_index = list(KINDS).index(kind)
        for i in range(n):
            rendition = rendition_of(seed, kind, i, allowed)
            composed = compose_one(seed, kind, i, rendition)
            validate_truth(kind, composed.truth)
            rng = np.random.default_rng([seed, kind_index, i, 1])  # the rendition's own stream
            folder = out_dir / kind / f"{i:03d}"
            name = file_name(rng, rendition, composed.names)
            path, how = render(composed, rendition, folder / name, rng)
            if path.suffix == "" and rendition in SUFFIX:  # pragma: no cover - render always sets one
                path = path.with_suffix(SUFFIX[rendition])
            sample = Sample(path, kind, rendition, composed.truth, TIERS[rendition], sorted(composed.unscored),
                            composed.accept, composed.context, f"{composed.layout} | {how}", [seed, kind_index, i])
            samples.append(sample)
            if progress:
                progress(sample)
    manifest = {"seed": seed, "n": n, "documents": [s.record(out_dir) for s in samples]}
    (out_dir / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return samples


def truth_digest(samples: list[Sample]) -> str:
    """A hash of every document's truth, kind, rendition and layout, for reproducibility checks."""
    h = hashlib.sha256()
    for s in samples:
        h.update(json.dumps([s.kind, s.rendition, s.truth, s.unscored, s.accept, s.context, s.layout],
                            ensure_ascii=False, sort_keys=True).encode())
    return h.hexdigest()
