"""Statistics for the database's query planner, refreshed after an import.

The answer engine's covering indexes are only as good as the plan that reads them. SQLite
keeps no statistics until ANALYZE runs, and without them it cannot know that a leading
column has few values (nationality, purpose), so it never skip-scans such an index: counting
a year of episodes by nationality then reads every index entry of the year into a sorter
instead of seeking each nationality's year (0.3 s against 0.07 s at 10,000,000 episodes,
benchmarks/answer_benchmark.py). PostgreSQL's autovacuum analyses in time, but not within
the transaction of a large import, so it is asked to at once as well; outside a transaction
it is vacuumed too, which marks the new rows' pages all-visible so that its covering indexes
are read without the table (an index-only scan). The same ANALYZE refreshes PostgreSQL's
statistics on the pairs of year and custody centre (register migration 0005), from which
it plans a breakdown by both across its cores.
"""

from django.db import connection, models

# Rows SQLite reads per index for its estimate (https://sqlite.org/lang_analyze.html#approx):
# enough for the distribution of a few-valued column, and milliseconds on any register.
SQLITE_ANALYSIS_LIMIT = 2_000


def refresh_statistics(*tables: type[models.Model]) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"PRAGMA analysis_limit = {SQLITE_ANALYSIS_LIMIT}")
        for model in tables:
            table = connection.ops.quote_name(model._meta.db_table)
            if connection.vendor == "postgresql" and not connection.in_atomic_block:
                cursor.execute(f"VACUUM (ANALYZE) {table}")
            elif connection.vendor in ("sqlite", "postgresql"):
                cursor.execute(f"ANALYZE {table}")
