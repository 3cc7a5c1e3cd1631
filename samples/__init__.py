"""Deterministic sample cases (see samples/README.md); `python -m samples.generate` rebuilds them."""
