"""Opening a backup file and checking every byte of it before anything is restored: the seal
(sealed.py: every chunk authenticated), the manifest's MAC, then every member's SHA-256."""

import hashlib
import hmac
import json
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from answerable.backup.manifest import MANIFEST, MANIFEST_MAC, BackupError, manifest_problems
from answerable.backup.progress import progress_bar
from answerable.backup.sealed import backup_key, manifest_mac, unsealed

# What a damaged zip raises while it is read: a bad header or CRC, a cut-off deflate stream.
FILE_BLOCK = 1 << 20
DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError, OSError, zipfile.LargeZipFile)


class Backup:
    def __init__(self, path: Path, archive: zipfile.ZipFile, manifest: dict[str, Any]) -> None:
        self.path = path
        self.archive = archive
        self.manifest = manifest

    @property
    def tables(self) -> list[dict[str, Any]]:
        return self.manifest["tables"]

    @property
    def files(self) -> list[dict[str, Any]]:
        return self.manifest["files"]

    def rows(self, entry: dict[str, Any]) -> Iterator[list[Any]]:
        """The rows of one table member, each a list in the member's column order."""
        member = entry["member"]
        with self._damage_reported(member), self.archive.open(member) as stream:
            for number, line in enumerate(stream, 1):
                try:
                    row = json.loads(line)
                except ValueError as error:
                    raise BackupError(
                        f"{self.path}: {member} line {number} is not JSON: {error}"
                    ) from None
                if not isinstance(row, list) or len(row) != len(entry["columns"]):
                    raise BackupError(
                        f"{self.path}: {member} line {number} does not hold "
                        f"{len(entry['columns'])} columns"
                    )
                yield row

    def blocks(self, member: str) -> Iterator[bytes]:
        with self._damage_reported(member), self.archive.open(member) as stream:
            yield from iter(lambda: stream.read(FILE_BLOCK), b"")

    @contextmanager
    def _damage_reported(self, member: str) -> Iterator[None]:
        try:
            yield
        except KeyError:
            missing = f"{self.path}: {member} is in the manifest but not in the file"
            raise BackupError(missing) from None
        except DAMAGED as error:
            raise BackupError(f"{self.path}: {member} is damaged: {error}") from None

    def verify(self, progress: bool = True) -> None:
        """Every member's SHA-256, and each table's row count, against the manifest."""
        total = sum(entry["rows"] for entry in self.tables)
        with progress_bar(progress, total=total, unit="rows", desc="Checking") as bar:
            for entry in self.tables:
                digest, rows = hashlib.sha256(), 0
                for block in self.blocks(entry["member"]):
                    digest.update(block)
                    rows += block.count(b"\n")
                    bar.update(block.count(b"\n"))
                self._check(entry["member"], digest.hexdigest(), entry["sha256"])
                if rows != entry["rows"]:
                    raise BackupError(
                        f"{self.path}: {entry['member']} holds {rows} rows, the manifest "
                        f"says {entry['rows']}"
                    )
        for entry in self.files:
            digest, size = hashlib.sha256(), 0
            for block in self.blocks(entry["member"]):
                digest.update(block)
                size += len(block)
            self._check(entry["member"], digest.hexdigest(), entry["sha256"])
            if size != entry["size"]:
                raise BackupError(
                    f"{self.path}: {entry['member']} is {size} bytes, not {entry['size']}"
                )

    def _check(self, member: str, found: str, expected: str) -> None:
        if found != expected:
            raise BackupError(
                f"{self.path}: {member} does not match its SHA-256 in the manifest "
                "(the file was changed or damaged after it was written)"
            )


@contextmanager
def open_backup(path: Path) -> Iterator[Backup]:
    """The backup at `path` with its manifest read and checked (not yet its members)."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path}: no such file")
    key = backup_key()
    with unsealed(path, key) as (plain, salt):
        try:
            archive = zipfile.ZipFile(plain)
        except DAMAGED as error:
            raise BackupError(
                f"{path}: not a readable backup (truncated, damaged or not a zip file: {error})"
            ) from None
        with archive:
            yield _checked(path, archive, salt, key)


def _checked(path: Path, archive: zipfile.ZipFile, salt: bytes, key: bytes) -> Backup:
    try:
        text = archive.read(MANIFEST)
        mac = archive.read(MANIFEST_MAC).decode("ascii", errors="replace")
    except KeyError:
        raise BackupError(
            f"{path}: no {MANIFEST} and {MANIFEST_MAC}: not an Answerable backup"
        ) from None
    except DAMAGED as error:
        raise BackupError(f"{path}: {MANIFEST} is damaged: {error}") from None
    if not hmac.compare_digest(mac.strip(), manifest_mac(text, salt, key)):
        raise BackupError(
            f"{path}: the manifest is not authentic (its MAC does not match: altered or "
            "forged, or written with another ANSWERABLE_BACKUP_KEY)"
        )
    try:
        manifest = json.loads(text)
    except ValueError as error:
        raise BackupError(f"{path}: {MANIFEST} is not JSON: {error}") from None
    problems = manifest_problems(manifest)
    if problems:
        raise BackupError(f"{path}: " + "; ".join(problems))
    return Backup(path, archive, manifest)
