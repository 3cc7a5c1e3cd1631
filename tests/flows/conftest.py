"""Running the real `appeal` command on real cases, isolated from the developer's machine."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
APPEAL = Path(sys.executable).with_name("appeal")


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    out: Path

    @property
    def result(self) -> dict:
        return json.loads((self.out / "result.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def appeal_env(tmp_path_factory) -> dict[str, str]:
    home = tmp_path_factory.mktemp("appeal-home")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "APPEAL_"))}
    env.update(APPEAL_HOME=str(home), PREFECT_HOME=str(home / "prefect"))
    return env


@pytest.fixture(scope="session")
def run_appeal(appeal_env):
    def run(*args: str | Path, out: Path, env: dict[str, str] | None = None, timeout: int = 600) -> Run:
        proc = subprocess.run([str(APPEAL), *map(str, args)], capture_output=True, text=True, timeout=timeout,
                              env={**appeal_env, **(env or {})}, cwd=REPO)
        return Run(proc.returncode, proc.stdout, proc.stderr, out)
    return run
