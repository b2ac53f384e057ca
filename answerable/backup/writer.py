"""`answerable backup FILE`: every table, read in one snapshot, streamed into a zip file,
sealed (encrypted and authenticated, sealed.py) with ANSWERABLE_BACKUP_KEY as it is written,
into a file only its owner can read (0600).

Rows are read in primary-key order a chunk at a time and written as they are read, so a
register of millions of episodes needs no more memory than one chunk. The file is written
under a temporary name beside FILE and renamed only when complete: a backup killed half-way
leaves no file that looks like a backup.
"""

import hashlib
import json
import os
import time
import zipfile
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.files.storage import default_storage
from django.db import connection, models
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from answerable.audit.models import AuditEntry, ChainHead
from answerable.backup.manifest import FORMAT, MANIFEST, MANIFEST_MAC, VERSION
from answerable.backup.progress import progress_bar
from answerable.backup.scope import Table, backed_up_tables
from answerable.backup.sealed import SealingWriter, backup_key, manifest_mac
from answerable.backup.snapshot import consistent_snapshot
from answerable.backup.values import encode_row, encoder

CHUNK = 5_000  # rows fetched, encoded and compressed at a time
FILE_BLOCK = 1 << 20


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    tables: int
    rows: int
    files: int
    missing_files: list[str]
    audit_entries: int
    bytes: int

    def describe(self) -> str:
        text = (
            f"{self.path}: {self.rows:,} rows from {self.tables} tables, {self.files} document "
            f"files, {self.audit_entries:,} audit entries ({self.bytes / 1e6:,.1f} MB)"
        )
        if self.missing_files:
            text += f"; {len(self.missing_files)} document file(s) missing from storage"
        return text


def applied_migrations() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        applied.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(applied.items())}


def table_rows(table: Table, chunk: int = CHUNK):
    """The table's rows, as tuples of the ORM's Python values in column order, by key.

    The base manager: a model's default manager may filter (or, for the audit trail, refuse
    what a restore needs); a backup wants every row as stored.
    """
    model = table.model
    return (
        model._base_manager.order_by(model._meta.pk.attname)
        .values_list(*(field.attname for field in table.fields))
        .iterator(chunk_size=chunk)
    )


def _member(archive: zipfile.ZipFile, name: str) -> Any:
    """A member to stream into, stamped with the time it was written (not 1980)."""
    info = zipfile.ZipInfo(name, date_time=time.localtime()[:6])
    info.compress_type = archive.compression
    # The level's attribute is private before Python 3.13 (`_compresslevel`).
    level = "compress_level" if hasattr(info, "compress_level") else "_compresslevel"
    setattr(info, level, archive.compresslevel)
    return archive.open(info, "w", force_zip64=True)


def _file_columns(table: Table) -> list[int]:
    return [i for i, field in enumerate(table.fields) if isinstance(field, models.FileField)]


def encoded_lines(table: Table, files: set[str] | None = None) -> Iterator[str]:
    """The table's rows as the backup's JSON lines (no newline); the names of the document
    files they hold are added to `files`."""
    encoders = [encoder(field) for field in table.fields]
    file_columns = _file_columns(table) if files is not None else []
    for row in table_rows(table):
        if files is not None:
            files.update(row[index] for index in file_columns if row[index])
        yield json.dumps(
            encode_row(row, encoders),
            ensure_ascii=False,
            separators=(",", ":"),
            sort_keys=True,  # a JSON column: jsonb orders keys its own way
        )


def _write_table(
    archive: zipfile.ZipFile, table: Table, files: set[str], progress: bool
) -> dict[str, Any]:
    member = f"tables/{table.label}.jsonl"
    digest = hashlib.sha256()
    rows = 0
    total = table.model._base_manager.count()
    with (
        _member(archive, member) as out,
        progress_bar(progress, total=total, unit="rows", desc=table.label) as bar,
    ):
        lines: list[str] = []
        for line in encoded_lines(table, files):
            lines.append(line)
            if len(lines) == CHUNK:
                rows += _flush(out, digest, lines)
                bar.update(CHUNK)
        rows += _flush(out, digest, lines)
        bar.update(len(lines))
    return {
        "label": table.label,
        "table": table.name,
        "member": member,
        "columns": table.columns,
        "rows": rows,
        "sha256": digest.hexdigest(),
    }


def _flush(out: Any, digest: Any, lines: list[str]) -> int:
    count = len(lines)
    if lines:
        data = ("\n".join(lines) + "\n").encode("utf-8")
        digest.update(data)
        out.write(data)
        lines.clear()
    return count


def _write_files(
    archive: zipfile.ZipFile, names: set[str], progress: bool
) -> tuple[list[dict[str, Any]], list[str]]:
    """The contents of the document files the rows name (FileFields keep only a name)."""
    entries, missing = [], []
    for index, name in enumerate(progress_bar(progress, iterable=sorted(names), desc="files")):
        if not default_storage.exists(name):
            missing.append(name)
            continue
        member = f"files/{index:06d}"
        digest, size = hashlib.sha256(), 0
        with default_storage.open(name, "rb") as source, _member(archive, member) as out:
            for block in iter(lambda: source.read(FILE_BLOCK), b""):
                digest.update(block)
                size += len(block)
                out.write(block)
        entries.append({"name": name, "member": member, "size": size, "sha256": digest.hexdigest()})
    return entries, missing


def write_backup(path: Path, *, progress: bool = True) -> BackupSummary:
    path = Path(path)
    key = backup_key()  # before anything is read: no key, no backup
    partial = path.with_name(f".{path.name}.partial")
    try:
        # Readable and writable by the owner only, whatever the umask (UK GDPR art. 32).
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.fchmod(descriptor, 0o600)
        with (
            os.fdopen(descriptor, "wb") as out,
            closing(SealingWriter(out, key)) as sealing,
            zipfile.ZipFile(
                sealing,  # a write-only stream is what zipfile takes
                "w",
                compression=zipfile.ZIP_DEFLATED,
                compresslevel=1,
                allowZip64=True,
            ) as archive,
        ):
            files: set[str] = set()
            with consistent_snapshot():
                created_at = timezone.now()
                migrations = applied_migrations()
                tables = [
                    _write_table(archive, table, files, progress) for table in backed_up_tables()
                ]
                head = ChainHead.objects.filter(pk=1).values("sequence", "hash").first()
                audit: dict[str, Any] = {
                    "entries": AuditEntry._base_manager.count(),
                    "head_sequence": head["sequence"] if head else 0,
                    "head": head["hash"] if head else "",
                }
            file_entries, missing = _write_files(archive, files, progress)
            manifest = {
                "format": FORMAT,
                "version": VERSION,
                "created_at": created_at.isoformat(),
                "database": connection.vendor,
                "migrations": migrations,
                "tables": tables,
                "files": file_entries,
                "missing_files": missing,
                "audit": audit,
            }
            manifest_bytes = json.dumps(manifest, indent=1, ensure_ascii=False).encode()
            archive.writestr(MANIFEST, manifest_bytes)
            archive.writestr(MANIFEST_MAC, manifest_mac(manifest_bytes, sealing.salt, key))
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return BackupSummary(
        path=path,
        tables=len(tables),
        rows=sum(table["rows"] for table in tables),
        files=len(file_entries),
        missing_files=missing,
        audit_entries=audit["entries"],
        bytes=path.stat().st_size,
    )


def content_digest() -> dict[str, tuple[int, str]]:
    """Each table's row count and the SHA-256 of its rows as a backup would hold them, read
    in one snapshot: two databases (or one, before and after) hold the same content exactly
    when these are equal. The fault tests compare a register before and after a failure."""
    digests = {}
    with consistent_snapshot():
        for table in backed_up_tables():
            digest, rows = hashlib.sha256(), 0
            for line in encoded_lines(table):
                digest.update(line.encode("utf-8") + b"\n")
                rows += 1
            digests[table.label] = (rows, digest.hexdigest())
    return digests
