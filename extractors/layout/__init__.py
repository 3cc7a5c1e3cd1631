"""The layout model's builder and the label-value pairing every field extractor reads (issue 14)."""

from extractors.layout.build import layout_of
from extractors.layout.pairing import Candidate, best, candidates

__all__ = ["Candidate", "best", "candidates", "layout_of"]
