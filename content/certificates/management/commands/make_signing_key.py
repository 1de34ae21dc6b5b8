"""Makes a self-signed key and certificate for signing certificates in development and tests.
Production uses the office's own PKCS#12 file (CERTIFICATE_SIGNING_P12)."""

import datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.core.management.base import BaseCommand


def self_signed_p12(passphrase, *, common_name="Diskominfo Kota Lentera (DEMO)"):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Pemerintah Kota Lentera"),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
        ]
    )
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    return pkcs12.serialize_key_and_certificates(
        b"lentera",
        key,
        certificate,
        None,
        serialization.BestAvailableEncryption(passphrase.encode()),
    )


class Command(BaseCommand):
    help = "Create a self-signed demo signing key at CERTIFICATE_SIGNING_P12 if there is none."

    def add_arguments(self, parser):
        parser.add_argument("--path", default=None, help="Where to write (default: the setting).")

    def handle(self, *args, path=None, **options):
        target = Path(path or settings.CERTIFICATE_SIGNING_P12)
        if target.exists():
            self.stdout.write(f"Kunci tanda tangan sudah ada: {target}")
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(self_signed_p12(settings.CERTIFICATE_SIGNING_PASSPHRASE))
        target.chmod(0o600)
        self.stdout.write(f"Kunci tanda tangan demo dibuat: {target}")
