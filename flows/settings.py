"""Prefect settings for running offline with no server to start (ephemeral API, no telemetry).

Imported before Prefect itself: Prefect reads these once, at import time. Values already set in
the environment win, so an operator can point `PREFECT_API_URL` at a real server.
"""

from __future__ import annotations

import os

DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_UI_SHOW_PROMOTIONAL_CONTENT": "false",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_RUNNER_POLL_FREQUENCY": "2",
    "OMP_THREAD_LIMIT": "1",
}


def apply_defaults() -> None:
    for key, value in DEFAULTS.items():
        os.environ.setdefault(key, value)


apply_defaults()
