"""PAdES B-B signing of the finished package, and the keys it is signed with.

The passphrase lives only in `SigningConfig.passphrase` (hidden from repr) and is handed to
`cryptography` once; no message, log line or result ever includes it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import signers
from pyhanko.sign.fields import SigFieldSpec, SigSeedSubFilter, append_signature_field
from pyhanko.sign.timestamps import HTTPTimeStamper
from pyhanko.stamp import TextStampStyle
from pyhanko_certvalidator.registry import SimpleCertificateStore

from casefile.atomic import write_bytes
from casefile.errors import SigningError
from renderers.fonts import fonts

log = logging.getLogger(__name__)

ENV_P12 = "APPEAL_SIGNING_P12"
ENV_PASSPHRASE = "APPEAL_SIGNING_PASSPHRASE"
ENV_TSA = "APPEAL_TSA_URL"  # an RFC 3161 time-stamping service: signatures become PAdES B-T
DEFAULT_DEMO_KEY_DIR = Path(".appeal-keys")
DEMO_CN = "DEMO signer - not for submission"
FIELD_NAME = "AppealSignature"


@dataclass(frozen=True)
class SigningConfig:
    """Which PKCS#12 to sign with; without one, a labelled demo key is made under `demo_key_dir`."""

    p12_path: Path | None = None
    passphrase: bytes | None = field(default=None, repr=False)
    demo_key_dir: Path = DEFAULT_DEMO_KEY_DIR
    tsa_url: str | None = None

    @classmethod
    def resolve(cls, p12: str | Path | None = None, passphrase: str | bytes | None = None,
                demo_key_dir: Path | None = None) -> SigningConfig:
        """Options first, then $APPEAL_SIGNING_P12 / $APPEAL_SIGNING_PASSPHRASE."""
        p12 = p12 or os.environ.get(ENV_P12) or None
        secret = passphrase if passphrase is not None else os.environ.get(ENV_PASSPHRASE)
        if isinstance(secret, str):
            secret = secret.encode("utf-8")
        return cls(Path(p12) if p12 else None, secret, demo_key_dir or DEFAULT_DEMO_KEY_DIR,
                   os.environ.get(ENV_TSA) or None)


@dataclass(frozen=True)
class LoadedSigner:
    signer: signers.SimpleSigner = field(repr=False)
    certificate: x509.Certificate = field(repr=False)
    source: Path
    is_demo: bool
    #: Adds an RFC 3161 timestamp to the signature (PAdES B-T) when set.
    timestamper: object | None = field(default=None, repr=False)

    @property
    def subject(self) -> str:
        return self.certificate.subject.rfc4514_string()

    @property
    def notice(self) -> str | None:
        if not self.is_demo:
            return None
        return (f"signed with a DEMO key ({self.source}); the PDF is not fit for submission. "
                f"Give a real PKCS#12 with --signing-p12 or ${ENV_P12} (passphrase in ${ENV_PASSPHRASE}).")


def _signer_from_p12(data: bytes, passphrase: bytes | None, source: Path, is_demo: bool) -> LoadedSigner:
    try:
        key, cert, extra = pkcs12.load_key_and_certificates(data, passphrase)
    except (ValueError, TypeError):
        hint = f"check ${ENV_PASSPHRASE}" if passphrase else f"it needs a passphrase: set ${ENV_PASSPHRASE}"
        raise SigningError(f"cannot open signing key {source}: wrong passphrase or not a PKCS#12 file ({hint})") from None
    if key is None or cert is None:
        raise SigningError(f"signing key {source} holds no private key with its certificate")
    if cert.not_valid_after_utc < dt.datetime.now(dt.UTC):
        raise SigningError(f"the certificate in {source} expired on {cert.not_valid_after_utc:%Y-%m-%d}; use a current key")
    der = serialization.Encoding.DER
    signing_cert = asn1_x509.Certificate.load(cert.public_bytes(der))
    signing_key = asn1_keys.PrivateKeyInfo.load(
        key.private_bytes(der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    chain = [asn1_x509.Certificate.load(c.public_bytes(der)) for c in extra or []]
    signer = signers.SimpleSigner(signing_cert=signing_cert, signing_key=signing_key,
                                  cert_registry=SimpleCertificateStore.from_certs([signing_cert, *chain]))
    return LoadedSigner(signer=signer, certificate=cert, source=source, is_demo=is_demo)


def load_signer(config: SigningConfig | None = None, organization: str | None = None) -> LoadedSigner:
    """The configured PKCS#12, else the demo key for `organization` (made on first use)."""
    config = config or SigningConfig.resolve()
    if config.p12_path is None:
        loaded = demo_signer(config.demo_key_dir, organization)
    else:
        try:
            data = config.p12_path.read_bytes()
        except OSError as exc:
            raise SigningError(f"cannot read signing key {config.p12_path}: {exc.strerror}; "
                               f"check --signing-p12 or ${ENV_P12}") from None
        loaded = _signer_from_p12(data, config.passphrase, config.p12_path, is_demo=False)
    if config.tsa_url:
        loaded = replace(loaded, timestamper=HTTPTimeStamper(config.tsa_url, timeout=30))
    return loaded


def _demo_certificate(key: rsa.RSAPrivateKey, organization: str) -> x509.Certificate:
    name = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization),
                      x509.NameAttribute(NameOID.COMMON_NAME, DEMO_CN)])
    now = dt.datetime.now(dt.UTC)
    usage = x509.KeyUsage(digital_signature=True, content_commitment=True, key_cert_sign=True, crl_sign=True,
                          key_encipherment=False, data_encipherment=False, key_agreement=False,
                          encipher_only=False, decipher_only=False)
    return (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=3 * 365))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(usage, critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256()))


def demo_signer(key_dir: Path, organization: str | None = None) -> LoadedSigner:
    """A self-signed RSA-3072 key whose subject says DEMO; made once per organization, then reused.

    Stored without a passphrase (there is nowhere safer to keep one) but readable by the owner only.
    """
    organization = organization or "DEMO"
    tag = hashlib.sha256(organization.encode("utf-8")).hexdigest()[:10]
    path = Path(key_dir) / f"demo-signer-{tag}.p12"
    if not path.exists():
        Path(key_dir).mkdir(mode=0o700, parents=True, exist_ok=True)
        key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
        cert = _demo_certificate(key, organization)
        data = pkcs12.serialize_key_and_certificates(b"appeal-demo", key, cert, None, serialization.NoEncryption())
        write_bytes(path, data)  # mkstemp creates the file 0600; the chmod states it
        path.chmod(0o600)
        log.warning("made a DEMO signing key at %s (not for submission)", path)
    return _signer_from_p12(path.read_bytes(), None, path, is_demo=True)


def sign_pdf(data: bytes, signer: LoadedSigner, page_index: int, box: tuple[int, int, int, int]) -> bytes:
    """PAdES B-B (ETSI.CAdES.detached, SHA-256) with a visible box; an incremental update of `data`."""
    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    append_signature_field(writer, SigFieldSpec(sig_field_name=FIELD_NAME, on_page=page_index, box=box))
    meta = signers.PdfSignatureMetadata(field_name=FIELD_NAME, md_algorithm="sha256",
                                        subfilter=SigSeedSubFilter.PADES, reason="판매중지 해제 요청 소명서 발신 확인")
    style = TextStampStyle(
        stamp_text="전자서명: %(signer)s\n서명일시: %(ts)s",
        text_box_style=TextBoxStyle(font=GlyphAccumulatorFactory(str(fonts().gothic)), font_size=9),
        border_width=1,
    )
    out = io.BytesIO()
    try:
        signers.PdfSigner(meta, signer=signer.signer, stamp_style=style,
                          timestamper=signer.timestamper).sign_pdf(writer, output=out)
    except Exception as exc:  # pyHanko raises several types; the caller needs one
        raise SigningError(f"signing failed with key {signer.source}: {type(exc).__name__}: {exc}") from exc
    return out.getvalue()


# Validation lives in renderers.verify (it needs no key material); re-exported for callers of this module.
from renderers.verify import signature_status  # noqa: E402

__all__ = ["LoadedSigner", "SigningConfig", "demo_signer", "load_signer", "sign_pdf", "signature_status"]
