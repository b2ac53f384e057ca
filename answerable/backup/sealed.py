"""A backup sealed: encrypted and authenticated with ANSWERABLE_BACKUP_KEY (AES-256-GCM).

A backup holds the register's personal data, the requesters' names and addresses and every
user's password hash, so it is encrypted at rest (UK GDPR art. 32(1)(a); DPA 2018 s66) and a
file that was not written by `answerable backup` with the same key is refused on restore.

The file:

    MAGIC (18 bytes) | salt (16 bytes) | chunk | chunk | ... | last chunk

Each chunk is a 4-byte big-endian length and AES-256-GCM ciphertext (with its 16-byte tag)
of up to 1 MiB of the backup's zip. The chunk key is HKDF-SHA256 of the backup key with the
file's random salt, so no two files share a key and the counter nonces never repeat under
one; the nonce is the chunk's number and whether it is the last, and the header is the
associated data. So a chunk changed, dropped, moved, or the file cut short after any chunk,
fails authentication; nothing is trusted until every chunk has been authenticated.

Inside, the zip's manifest (which holds every member's SHA-256) carries its own HMAC-SHA256
(manifest.mac) under a second key derived the same way, so even a zip re-encrypted by
someone who learnt the encryption key alone cannot pass a manifest recomputed for forged
rows (manifest.py; reader.py checks it before anything else).

Cryptography from the `cryptography` package (pyca), not written here.
"""

import base64
import binascii
import hashlib
import hmac
import os
import struct
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

from answerable.backup.manifest import BackupError

MAGIC = b"ANSWERABLE-BACKUP\x02"  # format 2: sealed (format 1 was a bare zip)
SALT_BYTES = 16
CHUNK = 1 << 20
LENGTH = struct.Struct(">I")
TAG_BYTES = 16
KEY_HELP = (
    "set ANSWERABLE_BACKUP_KEY to the force's backup key (`answerable backup --new-key` "
    "prints a new one; keep it apart from the backups)"
)


def new_key() -> str:
    """A new backup key: 32 random bytes, URL-safe base64."""
    return base64.urlsafe_b64encode(os.urandom(32)).decode("ascii")


def backup_key() -> bytes:
    text = settings.ANSWERABLE_BACKUP_KEY
    if not text:
        raise BackupError(f"ANSWERABLE_BACKUP_KEY is not set: {KEY_HELP}")
    try:
        key = base64.urlsafe_b64decode(text.encode("ascii"))
    except (binascii.Error, ValueError, UnicodeEncodeError):
        key = b""
    if len(key) != 32:
        raise BackupError(
            "ANSWERABLE_BACKUP_KEY is not a backup key (32 bytes in URL-safe base64, as "
            "`answerable backup --new-key` prints)"
        )
    return key


def _derived(key: bytes, salt: bytes, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=purpose).derive(key)


def _nonce(number: int, last: bool) -> bytes:
    return struct.pack(">QI", number, 1 if last else 0)


def manifest_mac(manifest: bytes, salt: bytes, key: bytes | None = None) -> str:
    mac_key = _derived(key or backup_key(), salt, b"answerable backup manifest")
    return hmac.new(mac_key, manifest, hashlib.sha256).hexdigest()


class SealingWriter:
    """A write-only stream that seals what is written into `out` (a zip is written to it)."""

    def __init__(self, out: IO[bytes], key: bytes | None = None) -> None:
        self.out = out
        self.key = key or backup_key()
        self.salt = os.urandom(SALT_BYTES)
        self.header = MAGIC + self.salt
        self.aead = AESGCM(_derived(self.key, self.salt, b"answerable backup encryption"))
        self.buffer = bytearray()
        self.number = 0
        self.position = 0
        self.closed = False
        out.write(self.header)

    def write(self, data: bytes) -> int:
        self.buffer += data
        self.position += len(data)
        while len(self.buffer) > CHUNK:
            self._seal(bytes(self.buffer[:CHUNK]), last=False)
            del self.buffer[:CHUNK]
        return len(data)

    def tell(self) -> int:
        # The zip's own offsets; no seek(), so zipfile writes as to a stream.
        return self.position

    def flush(self) -> None:
        pass

    def _seal(self, plain: bytes, last: bool) -> None:
        sealed = self.aead.encrypt(_nonce(self.number, last), plain, self.header)
        self.out.write(LENGTH.pack(len(sealed)) + sealed)
        self.number += 1

    def close(self) -> None:
        if not self.closed:
            self._seal(bytes(self.buffer), last=True)
            self.buffer.clear()
            self.closed = True


def unseal(source: IO[bytes], target: IO[bytes], name: Path, key: bytes | None = None) -> bytes:
    """Authenticate and decrypt `source` into `target`; the file's salt. BackupError if any
    part of it is not what `answerable backup` wrote with this key."""
    header = source.read(len(MAGIC) + SALT_BYTES)
    if not header.startswith(MAGIC) or len(header) != len(MAGIC) + SALT_BYTES:
        if header.startswith(b"PK"):
            raise BackupError(
                f"{name}: an unencrypted backup (a zip): refused, since anyone could have "
                "written it; only backups sealed with ANSWERABLE_BACKUP_KEY are restored"
            )
        raise BackupError(f"{name}: not an Answerable backup (no sealed backup's header)")
    salt = header[len(MAGIC) :]
    aead = AESGCM(_derived(key or backup_key(), salt, b"answerable backup encryption"))
    number = 0
    while True:
        length_bytes = source.read(LENGTH.size)
        if len(length_bytes) != LENGTH.size:
            raise BackupError(f"{name}: cut short (truncated after chunk {number})")
        (length,) = LENGTH.unpack(length_bytes)
        if length < TAG_BYTES or length > CHUNK + TAG_BYTES:
            raise BackupError(f"{name}: chunk {number} has an impossible length (damaged)")
        sealed = source.read(length)
        if len(sealed) != length:
            raise BackupError(f"{name}: cut short (truncated in chunk {number})")
        plain, last = _open_chunk(aead, number, sealed, header, name)
        target.write(plain)
        number += 1
        if last:
            break
    if source.read(1):
        raise BackupError(f"{name}: holds data after its last chunk (altered)")
    return salt


def _open_chunk(
    aead: AESGCM, number: int, sealed: bytes, header: bytes, name: Path
) -> tuple[bytes, bool]:
    for last in (False, True):
        try:
            return aead.decrypt(_nonce(number, last), sealed, header), last
        except InvalidTag:
            continue
    raise BackupError(
        f"{name}: chunk {number} fails authentication: the file was altered or damaged, or it "
        "was sealed with another ANSWERABLE_BACKUP_KEY"
    )


@contextmanager
def unsealed(path: Path, key: bytes | None = None) -> Iterator[tuple[IO[bytes], bytes]]:
    """The backup's zip, authenticated and decrypted into an anonymous temporary file (no
    name on disk, gone when closed), and the file's salt."""
    with open(path, "rb") as source, tempfile.TemporaryFile() as plain:
        salt = unseal(source, plain, path, key)
        plain.seek(0)
        yield plain, salt
