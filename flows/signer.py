"""Which key signs the packages of a run: checked once, before any case is read.

A real PKCS#12 (option or $APPEAL_SIGNING_P12) is opened up front so a wrong passphrase stops the
run with exit code 6 instead of failing after the OCR. Without one, the labelled demo key under
$APPEAL_HOME/keys is made (once) when the first package is signed, named after the seller.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from renderers.signing import LoadedSigner, SigningConfig, load_signer


def appeal_home() -> Path:
    return Path(os.environ.get("APPEAL_HOME") or "var")


@dataclass(frozen=True)
class SignerChoice:
    config: SigningConfig = field(repr=False)
    loaded: LoadedSigner | None = field(default=None, repr=False)

    @property
    def for_package(self) -> SigningConfig | LoadedSigner:
        return self.loaded or self.config

    @property
    def note(self) -> str:
        if self.loaded is not None:
            return f"signed with {self.loaded.subject} ({self.loaded.source})"
        return f"signed with a DEMO key from {self.config.demo_key_dir}; not fit for submission"


def choose_signer(p12: str | None = None) -> SignerChoice:
    config = SigningConfig.resolve(p12, demo_key_dir=appeal_home() / "keys")
    loaded = load_signer(config) if config.p12_path is not None else None
    return SignerChoice(config=config, loaded=loaded)
