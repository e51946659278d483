"""Revocation published as a W3C Bitstring Status List v1.0.

Every certificate owns one bit of one public bitstring (its `status_list_index`); the bit is 1 once
the certificate is revoked. Verifiers download the signed list once and learn nothing about which
credential they check, which is why indexes are drawn at random rather than in sequence (the
specification's "herd privacy"). The list is rebuilt from the certificates at request time, so a
revocation shows in the next download.
"""

from __future__ import annotations

import base64
import gzip
import secrets

from django.db.models import Q

from .models import Certificate

# The specification's minimum: 16 KB, so that one list hides each credential among 131,072.
LIST_LENGTH = 16 * 1024 * 8
STATUS_PURPOSE = "revocation"


class StatusListFull(RuntimeError):
    """Every index is taken: a second list is needed (not before 131,072 certificates)."""


def index_candidate() -> int:
    """A random index; the unique constraint on Certificate.status_list_index settles collisions."""
    if Certificate.objects.filter(status_list_index__isnull=False).count() >= LIST_LENGTH:
        raise StatusListFull
    return secrets.randbelow(LIST_LENGTH)


def bitstring_encode(indexes) -> str:
    """The encodedList: multibase base64url (prefix "u", no padding) of the GZIP-compressed bitstring.

    Index 0 is the left-most (most significant) bit of the first byte.
    """
    bits = bytearray(LIST_LENGTH // 8)
    for index in indexes:
        bits[index // 8] |= 0x80 >> (index % 8)
    compressed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).decode().rstrip("=")


def bitstring_decode(encoded: str) -> bytes:
    if not encoded.startswith("u"):
        raise ValueError("encodedList must be multibase base64url (prefix 'u')")
    body = encoded[1:]
    return gzip.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))


def bit_is_set(bits: bytes, index: int) -> bool:
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def revoked_indexes() -> list[int]:
    """Indexes of the revoked certificates, i.e. the bits set in the published list."""
    indexes = Certificate.objects.filter(Q(revoked_at__isnull=False) & Q(status_list_index__isnull=False)).values_list(
        "status_list_index", flat=True
    )
    return [index for index in indexes if index is not None]
