"""The bounded reader's time bound scales with what it reads (issue 16): a child that grants itself
time (a file's opening, each page's OCR budget) is held to the sum of its grants, never more than
the configured bound; a child that grants nothing keeps the configured bound."""

from __future__ import annotations

import time

import pytest

from flows.isolation import Bounds, IsolatedTimeout, run_isolated
from tests.flows import bound_targets as targets


def test_a_reader_is_held_to_what_it_granted():
    started = time.monotonic()
    with pytest.raises(IsolatedTimeout, match="no result after 1 s"):
        run_isolated(targets.grant_and_sleep, [(1.0, 30.0)], bounds=Bounds(timeout_s=60))
    assert time.monotonic() - started < 30  # not the 60 s configured


def test_each_page_granted_extends_the_bound():
    # An opening and three pages, 1 s granted each: 3.6 s of work fit in the 4 s granted, though each
    # page alone runs past its own second.
    steps = [(1.0, 0.0), (1.0, 1.2), (1.0, 1.2), (1.0, 1.2)]
    assert run_isolated(targets.grant_and_sleep, steps, bounds=Bounds(timeout_s=60)) == "done"


def test_grants_never_pass_the_configured_bound():
    with pytest.raises(IsolatedTimeout, match="no result after 1 s"):
        run_isolated(targets.grant_and_sleep, [(100.0, 30.0)], bounds=Bounds(timeout_s=1))
