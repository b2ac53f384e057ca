"""`answerable restore FILE`: the whole backup or nothing.

1. Before the database is touched: the manifest, every member's SHA-256 and row count, and
   the migrations (the backup's must be the database's, app by app: rows are loaded by
   column, so the tables must have the columns they had).
2. In one transaction: refuse a database in use unless told to replace it, empty every
   table, load every row with its own id, reset the id sequences, write the document files,
   and put the audit trail's guard back. Any failure rolls all of it back.
3. Check the restored audit trail's hash chain (DPA 2018 s62): the restore writes rows as
   they were, hashes included, so the chain must hold as it held when backed up.

Rows go in with SQL, not the ORM: no save() runs and no signal fires, so the audit hooks
add no entry for what is being brought back (its own entries come back with it), and
django-simple-history adds no history beyond the history restored.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.db import connection, models, transaction

from answerable.audit import guard
from answerable.audit.verify import Result, check
from answerable.backup.manifest import BackupError, migration_differences
from answerable.backup.progress import progress_bar
from answerable.backup.reader import Backup
from answerable.backup.scope import Table, all_tables, backed_up_tables, holds_data
from answerable.backup.values import datetime_in, decoder, field_type, skipping_none
from answerable.backup.writer import applied_migrations
from answerable.register.planner import refresh_statistics

ROWS_PER_BATCH = 1_000
SHOWN = 5  # tables named in a refusal


@dataclass(frozen=True)
class RestoreSummary:
    tables: int
    rows: int
    files: int
    audit: Result

    def describe(self) -> str:
        return (
            f"restored {self.rows:,} rows into {self.tables} tables and {self.files} document files"
        )


def check_compatible(backup: Backup) -> dict[str, Table]:
    """The database's tables by label, once the backup is known to fit them."""
    applied = applied_migrations()
    if not applied:
        raise BackupError(
            "this database has no tables yet: run `answerable migrate` first, then restore"
        )
    differences = migration_differences(backup.manifest["migrations"], applied)
    if differences:
        raise BackupError(
            f"{backup.path}: the backup was made at other migrations than this database's "
            "(run `answerable migrate` first, or restore with the Answerable release that "
            "made the backup): " + "; ".join(differences)
        )
    here = {table.label: table for table in backed_up_tables()}
    listed = {entry["label"]: entry for entry in backup.tables}
    for label in sorted(set(here) ^ set(listed)):
        where = "the backup has no" if label in here else "this database has no"
        raise BackupError(f"{backup.path}: {where} table {label}")
    for label, entry in listed.items():
        if entry["columns"] != here[label].columns:
            raise BackupError(
                f"{backup.path}: {label} has columns {entry['columns']} in the backup, "
                f"{here[label].columns} here"
            )
    return here


def _sqlite_datetime(text: str) -> str | None:
    # What Django's SQLite backend stores: UTC, naive, "YYYY-MM-DD HH:MM:SS[.ffffff]". A
    # backup's date-times are in UTC already (both databases read them so); parsing and
    # adapting a million of them through the field took most of a restore's time.
    if text.endswith("+00:00"):
        return text[:-6].replace("T", " ", 1)
    return connection.ops.adapt_datetimefield_value(datetime_in(text))


def _converter(field: models.Field) -> Callable[[Any], Any] | None:
    """From the backup's JSON to what the database driver takes for `field`."""
    kind = field_type(field)
    if kind == "DateField":
        return None  # ISO 8601 text is what both databases take for a date
    if kind == "DateTimeField" and connection.vendor == "postgresql":
        return None  # ISO 8601 with its offset is timestamptz input to COPY
    if kind == "DateTimeField" and connection.vendor == "sqlite":
        return skipping_none(_sqlite_datetime)
    decode = decoder(field)
    needs_prep = decode is not None or isinstance(field, models.JSONField)
    if not needs_prep:
        return None  # text, numbers and booleans go in as they are
    if isinstance(field, models.JSONField):

        def prepared_json(value: Any) -> Any:
            if value is None and not field.null:
                # JSON null, not SQL NULL, in a column that cannot be NULL.
                return connection.ops.adapt_json_value(None, field.encoder)
            return field.get_db_prep_save(value, connection)

        return prepared_json

    assert decode is not None  # neither JSON nor used as it is: the field has a decoder

    def prepared(value: Any) -> Any:
        return None if value is None else field.get_db_prep_save(decode(value), connection)

    return prepared


def _in_use(tables: list[Table]) -> list[str]:
    return [
        table.label
        for table in tables
        if holds_data(table.label) and table.model._base_manager.exists()
    ]


def _empty(tables: list[Table]) -> None:
    # TRUNCATE on PostgreSQL, DELETE on SQLite; foreign keys are checked at commit (Django
    # makes them deferrable), so the order does not matter.
    statements = connection.ops.sql_flush(
        no_style(), [table.name for table in tables], reset_sequences=True, allow_cascade=True
    )
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _load_table(backup: Backup, entry: dict[str, Any], table: Table, bar: Any) -> int:
    converters = [_converter(field) for field in table.fields]
    plain = all(convert is None for convert in converters)
    rows = backup.rows(entry)
    if connection.vendor == "postgresql":
        return _copy(table, rows, converters, plain, bar)
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(map(quote, table.columns))}) "
        f"VALUES ({', '.join(['%s'] * len(table.columns))})"
    )
    count, batch = 0, []
    with connection.cursor() as cursor:
        for row in rows:
            if not plain:
                row = [
                    value if convert is None else convert(value)
                    for value, convert in zip(row, converters, strict=True)
                ]
            batch.append(row)
            if len(batch) == ROWS_PER_BATCH:
                cursor.executemany(sql, batch)
                count += len(batch)
                bar.update(len(batch))
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
            bar.update(len(batch))
    return count


def _copy(table: Table, rows: Any, converters: list, plain: bool, bar: Any) -> int:
    """PostgreSQL's bulk-loading path (COPY), ten times an INSERT's speed for millions."""
    quote = connection.ops.quote_name
    count = 0
    connection.ensure_connection()
    # The driver's errors as Django's (DatabaseError), as on the ORM's own path.
    with connection.wrap_database_errors, connection.connection.cursor() as cursor:
        columns = ", ".join(map(quote, table.columns))
        with cursor.copy(f"COPY {quote(table.name)} ({columns}) FROM STDIN") as copy:
            for row in rows:
                if not plain:
                    row = [
                        value if convert is None else convert(value)
                        for value, convert in zip(row, converters, strict=True)
                    ]
                copy.write_row(row)
                count += 1
                if count % ROWS_PER_BATCH == 0:
                    bar.update(ROWS_PER_BATCH)
    bar.update(count % ROWS_PER_BATCH)
    return count


def _reset_sequences(tables: list[Table]) -> None:
    # PostgreSQL's identity sequences to each table's largest id; SQLite moves its own
    # (sqlite_sequence) when a row is inserted with an id above it.
    statements = connection.ops.sequence_reset_sql(no_style(), [table.model for table in tables])
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _write_files(backup: Backup, written: list[str], replaced: dict[str, bytes]) -> None:
    """The document files, under their own names; what they replace is kept in `replaced`
    until the transaction commits, to be put back if it does not."""
    for entry in backup.files:
        name = entry["name"]
        content = b"".join(backup.blocks(entry["member"]))
        if default_storage.exists(name):
            with default_storage.open(name, "rb") as held:
                old = held.read()
            if hashlib.sha256(old).hexdigest() == entry["sha256"]:
                continue
            replaced[name] = old
            default_storage.delete(name)
        saved = default_storage.save(name, ContentFile(content))
        written.append(saved)
        if saved != name:
            raise BackupError(f"the document file {name} could not be written under its own name")


def _take_back(written: list[str], replaced: dict[str, bytes]) -> None:
    # Files are not in the database's transaction: undo by hand what was written.
    for name in written:
        default_storage.delete(name)
    for name, content in replaced.items():
        default_storage.save(name, ContentFile(content))


def restore(backup: Backup, *, replace: bool = False, progress: bool = True) -> RestoreSummary:
    backup.verify(progress)
    here = check_compatible(backup)
    written: list[str] = []
    replaced: dict[str, bytes] = {}
    total = sum(entry["rows"] for entry in backup.tables)
    try:
        with transaction.atomic():
            tables = all_tables()
            if not replace:
                in_use = _in_use(tables)
                if in_use:
                    raise BackupError(
                        f"this database holds data ({', '.join(in_use[:SHOWN])}"
                        f"{', ...' if len(in_use) > SHOWN else ''}): restore with --replace to "
                        "replace all of it with the backup"
                    )
            guard.remove()  # emptying the audit trail is what its guard refuses
            _empty(tables)
            with progress_bar(progress, total=total, unit="rows", desc="Restoring") as bar:
                rows = sum(
                    _load_table(backup, entry, here[entry["label"]], bar) for entry in backup.tables
                )
            _reset_sequences(tables)
            _write_files(backup, written, replaced)
            if settings.ANSWERABLE_AUDIT_GUARD:
                guard.install()
    except BaseException:
        _take_back(written, replaced)
        raise
    ContentType.objects.clear_cache()  # ids may differ from the ones cached before
    refresh_statistics(*(here[entry["label"]].model for entry in backup.tables if entry["rows"]))
    return RestoreSummary(
        tables=len(backup.tables), rows=rows, files=len(backup.files), audit=check()
    )
