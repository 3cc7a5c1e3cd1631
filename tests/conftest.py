"""Hypothesis examples are derived from each test's own source under CI (derandomize), so a clean
clone's run is repeatable; locally they vary from run to run and keep finding new ones (a failure
found so is added to its test as an @example)."""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
