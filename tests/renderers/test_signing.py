"""A real passphrase-protected PKCS#12: it signs, and its passphrase never leaks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from casefile.errors import SigningError
from renderers import SigningConfig, build_package, build_review_sheet, load_signer, signature_status
from tests.renderers.conftest import make_chain

PASSPHRASE = "s3cret-Passphrase-9137"


def make_p12(path: Path, passphrase: str, common_name: str = "한빛무역 소명서 서명") -> x509.Certificate:
    """A real (non-demo) signing key: RSA-2048, self-signed, the PKCS#12 encrypted with `passphrase`."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "주식회사 한빛무역"),
                      x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    path.write_bytes(pkcs12.serialize_key_and_certificates(
        b"test", key, cert, None, serialization.BestAvailableEncryption(passphrase.encode())))
    return cert


@pytest.fixture(scope="module")
def p12(tmp_path_factory) -> tuple[Path, x509.Certificate]:
    path = tmp_path_factory.mktemp("key") / "signer.p12"
    return path, make_p12(path, PASSPHRASE)


@pytest.mark.slow
def test_signs_with_a_real_p12_and_never_leaks_the_passphrase(tmp_path, p12, caplog):
    path, cert = p12
    chain = make_chain(tmp_path / "case")
    config = SigningConfig.resolve(p12=path, passphrase=PASSPHRASE)
    assert PASSPHRASE not in repr(config)
    out = tmp_path / "out"
    package = build_package(chain, out, config)
    build_review_sheet(chain, "ready", out)
    [status] = signature_status(out / package.path, [cert])
    assert status["intact"] and status["valid"] and status["trusted"] and status["coverage"] == "ENTIRE_FILE"
    assert "한빛무역 소명서 서명" in status["signer"]
    needle = PASSPHRASE.encode()
    for produced in out.iterdir():
        data = produced.read_bytes()
        assert needle not in data and PASSPHRASE.encode("utf-16-be") not in data, produced
    assert PASSPHRASE not in package.model_dump_json() and PASSPHRASE not in caplog.text


def test_options_win_over_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("APPEAL_SIGNING_P12", str(tmp_path / "env.p12"))
    monkeypatch.setenv("APPEAL_SIGNING_PASSPHRASE", "from-env")
    assert SigningConfig.resolve().p12_path == tmp_path / "env.p12"
    assert SigningConfig.resolve().passphrase == b"from-env"
    assert SigningConfig.resolve(p12=tmp_path / "opt.p12", passphrase="opt").passphrase == b"opt"


def test_wrong_passphrase_raises_without_the_passphrase(p12):
    path, _ = p12
    wrong = "WrongPass-4421"
    with pytest.raises(SigningError) as info:
        load_signer(SigningConfig(p12_path=path, passphrase=wrong.encode()))
    text = str(info.value) + repr(info.value) + str(info.value.__cause__) + str(info.value.__context__)
    assert wrong not in text and PASSPHRASE not in text
    assert "APPEAL_SIGNING_PASSPHRASE" in str(info.value) and str(path) in str(info.value)


def test_missing_or_garbage_p12_raises_signing_error(tmp_path):
    with pytest.raises(SigningError, match="cannot read signing key"):
        load_signer(SigningConfig(p12_path=tmp_path / "absent.p12", passphrase=b"x"))
    junk = tmp_path / "junk.p12"
    junk.write_bytes(b"not a pkcs12 file")
    with pytest.raises(SigningError, match="not a PKCS#12"):
        load_signer(SigningConfig(p12_path=junk, passphrase=b"x"))


def make_tsa() -> object:
    """A local RFC 3161 time-stamping authority (pyHanko's own test TSA), no network."""
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "test TSA")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
            .sign(key, hashes.SHA256()))
    der = serialization.Encoding.DER
    return DummyTimeStamper(
        tsa_cert=asn1_x509.Certificate.load(cert.public_bytes(der)),
        tsa_key=asn1_keys.PrivateKeyInfo.load(
            key.private_bytes(der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())))


@pytest.mark.slow
def test_a_configured_time_stamping_authority_makes_it_pades_b_t(tmp_path, p12):
    from dataclasses import replace

    from pyhanko.pdf_utils.reader import PdfFileReader

    path, _ = p12
    signer = load_signer(SigningConfig(p12_path=path, passphrase=PASSPHRASE.encode()))
    package = build_package(make_chain(tmp_path / "case"), tmp_path / "out", replace(signer, timestamper=make_tsa()))
    with open(tmp_path / "out" / package.path, "rb") as fh:
        [embedded] = PdfFileReader(fh).embedded_signatures
        attrs = embedded.signer_info["unsigned_attrs"].native or []
        # The signature carries an RFC 3161 token over its value (CAdES signature-time-stamp).
        assert any(a["type"] == "signature_time_stamp_token" for a in attrs)


def test_tsa_url_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("APPEAL_TSA_URL", "http://127.0.0.1:9/tsa")
    assert SigningConfig.resolve().tsa_url == "http://127.0.0.1:9/tsa"
    monkeypatch.delenv("APPEAL_TSA_URL")
    assert SigningConfig.resolve().tsa_url is None
