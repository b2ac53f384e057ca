"""One consistent view of the whole database while a backup reads it.

A backup reads table after table for minutes while the service goes on writing: read
outside one transaction, it could hold an import's episodes without their history, or an
audit entry without the chain head that follows it. So every table is read in one
transaction that sees the database as it was when it began, without stopping writers:

- PostgreSQL: REPEATABLE READ, READ ONLY. Every statement sees the snapshot taken at the
  transaction's first one (https://www.postgresql.org/docs/current/transaction-iso.html).
- SQLite: one deferred read transaction. In WAL mode (settings.py) a reader sees the
  database as at its first read and writers carry on (https://sqlite.org/wal.html, 2.2);
  without WAL its shared lock makes writers wait instead, which is still consistent. Not
  Django's atomic(): the settings make that BEGIN IMMEDIATE, a write lock held for the
  whole backup.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction


@contextmanager
def consistent_snapshot() -> Iterator[None]:
    if connection.in_atomic_block:
        # Already inside a transaction (a caller's, or a test's): that is the snapshot.
        yield
        return
    if connection.vendor == "postgresql":
        with transaction.atomic():
            with connection.cursor() as cursor:
                # Must be the transaction's first statement.
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
        return
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
            try:
                cursor.execute("SELECT 1 FROM sqlite_master LIMIT 1")  # the snapshot starts here
                yield
            finally:
                # Nothing was written: ending the read transaction only releases the snapshot.
                cursor.execute("ROLLBACK")
        return
    raise NotImplementedError(f"backups support SQLite and PostgreSQL, not {connection.vendor}")
