"""The platform's Ed25519 signing key: created by a command, kept out of the repository, read from a PEM file."""

from __future__ import annotations

import os
from pathlib import Path

import base58
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings

ED25519_PUB_MULTICODEC = b"\xed\x01"  # multicodec "ed25519-pub", varint-encoded


class SigningKeyMissing(RuntimeError):
    """No signing key at CREDENTIAL_SIGNING_KEY_PATH: run `manage.py create_signing_key`."""


class SigningKeyExists(RuntimeError):
    """A key is already there; replacing it would make every credential signed with it unverifiable."""


def multibase_encode(data: bytes) -> str:
    """Multibase base58btc: the "z" prefix then base58 (Bitcoin alphabet)."""
    return "z" + base58.b58encode(data).decode("ascii")


def multibase_decode(text: str) -> bytes:
    if not text.startswith("z"):
        raise ValueError("only base58btc multibase values (prefix 'z') are supported")
    return base58.b58decode(text[1:])  # ValueError on a character outside the Bitcoin alphabet


def public_key_multibase(public_key: Ed25519PublicKey) -> str:
    """The Multikey form of an Ed25519 public key ("z6Mk…")."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return multibase_encode(ED25519_PUB_MULTICODEC + raw)


def public_key_from_multibase(value: str) -> Ed25519PublicKey:
    decoded = multibase_decode(value)
    if not decoded.startswith(ED25519_PUB_MULTICODEC) or len(decoded) != 34:
        raise ValueError("not an Ed25519 Multikey")
    return Ed25519PublicKey.from_public_bytes(decoded[2:])


def signing_key_path() -> Path:
    return Path(settings.CREDENTIAL_SIGNING_KEY_PATH)


def signing_key_create(*, path: Path | None = None, force: bool = False) -> Ed25519PrivateKey:
    """Write a new Ed25519 private key as PEM (mode 0600); refuse to replace an existing one unless forced."""
    path = Path(path or signing_key_path())
    if path.exists() and not force:
        raise SigningKeyExists(str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    tmp = path.with_suffix(path.suffix + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    os.replace(tmp, path)
    return key


def signing_key_load() -> Ed25519PrivateKey:
    """The platform's private key, read from CREDENTIAL_SIGNING_KEY_PATH."""
    path = signing_key_path()
    try:
        pem = path.read_bytes()
    except FileNotFoundError as exc:
        raise SigningKeyMissing(str(path)) from exc
    key = serialization.load_pem_private_key(pem, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningKeyMissing(f"{path} is not an Ed25519 key")
    return key


def public_key_load() -> Ed25519PublicKey:
    return signing_key_load().public_key()
