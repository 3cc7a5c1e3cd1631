"""Evidence chain -> the signed Korean appeal PDF and the seller's Chinese review sheet."""

from renderers.package import build_package
from renderers.review import build_review_sheet
from renderers.signing import LoadedSigner, SigningConfig, demo_signer, load_signer
from renderers.verify import signature_status

__all__ = ["LoadedSigner", "SigningConfig", "build_package", "build_review_sheet", "demo_signer",
           "load_signer", "signature_status"]
