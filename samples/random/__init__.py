"""The layout randomiser (issue 14, part 6): every document kind in layouts composed at random from a
seed, through every rendition, with ground truth in contract form. Label wording comes from
`vocabulary.toml`, written apart from the extractors' rule files.

    python -m samples.random --seed 7 --n 10 --out /tmp/random7
    from samples.random import generate
"""

from .generate import KINDS, RENDITIONS, Sample, generate, truth_digest

__all__ = ["KINDS", "RENDITIONS", "Sample", "generate", "truth_digest"]
