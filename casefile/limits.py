"""Bounds on what a case may hold, so a hostile upload costs a finding, not a machine."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    max_files: int = 500
    max_file_bytes: int = 64 * 1024 * 1024
    max_total_bytes: int = 512 * 1024 * 1024
    max_zip_ratio: int = 200  # uncompressed / compressed for one member
    max_depth: int = 12


DEFAULT_LIMITS = Limits()
