"""An import leaves fresh query planner statistics, so covering indexes are skip-scanned."""

import pytest
from django.db import connection
from interchange_files import CUSTODY_EXAMPLE, write

from answerable.interchange.importer import import_file

pytestmark = pytest.mark.django_db

TABLE = "register_custodyepisode"


def rows_the_planner_knows() -> float:
    """SQLite: the row count in sqlite_stat1; PostgreSQL: pg_class.reltuples (both as the
    last ANALYZE left them; 0 when none has run)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
            if not cursor.fetchone()[0]:
                return 0
            cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = %s LIMIT 1", [TABLE])
            row = cursor.fetchone()
            return float(row[0].split()[0]) if row else 0
        cursor.execute("SELECT greatest(reltuples, 0) FROM pg_class WHERE relname = %s", [TABLE])
        return float(cursor.fetchone()[0])


def test_an_import_refreshes_the_planner_statistics_of_its_table(tmp_path):
    if connection.vendor == "sqlite":
        if rows_the_planner_knows():
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM sqlite_stat1")  # an earlier test's import
        assert rows_the_planner_knows() == 0
    import_file("custody", write(tmp_path, CUSTODY_EXAMPLE), progress=False)
    assert rows_the_planner_knows() == 2
