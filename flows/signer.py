"""Which key signs the packages of a run: checked once, before any case is read.

A real PKCS#12 (option or $APPEAL_SIGNING_P12) is opened up front so a wrong passphrase stops the
run with exit code 6 instead of failing after the OCR. Its passphrase comes from
$APPEAL_SIGNING_PASSPHRASE, else from the Prefect Secret block `appeal-signing-passphrase` (name
overridable with $APPEAL_SIGNING_SECRET_BLOCK) for deployments that keep their secrets in Prefect.
Without a key, the labelled demo key under $APPEAL_HOME/keys is made (once) when the first
package is signed, named after the seller.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from renderers.signing import LoadedSigner, SigningConfig, load_signer

log = logging.getLogger(__name__)
SECRET_BLOCK = "appeal-signing-passphrase"


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
    if config.p12_path is not None and config.passphrase is None:
        secret = passphrase_from_prefect()
        if secret is not None:
            config = replace(config, passphrase=secret.encode("utf-8"))
    loaded = load_signer(config) if config.p12_path is not None else None
    return SignerChoice(config=config, loaded=loaded)


def passphrase_from_prefect() -> str | None:
    """The passphrase kept as a Prefect Secret block, or None when there is none to be had."""
    from prefect.blocks.system import Secret

    name = os.environ.get("APPEAL_SIGNING_SECRET_BLOCK") or SECRET_BLOCK
    try:
        return Secret.load(name).get()
    except Exception as exc:  # noqa: BLE001 - no block (or no server) means "not configured"
        log.info("no Prefect Secret block %r for the signing passphrase (%s)", name, type(exc).__name__)
        return None
