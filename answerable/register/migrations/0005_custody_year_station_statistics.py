"""PostgreSQL: statistics on the pairs of year and custody centre that episodes hold.

A breakdown by year and custody centre groups on `CAST(date_part('year', arrived_on) AS
integer)` and `station_id` (answers/dimensions.py, YearOf). PostgreSQL keeps no count of
distinct values for an expression unless told, so it multiplied its guesses: 108,586
groups for a year of a 10,000,000-episode register that holds 62, and planned the count
serially, 0.57 s; with these statistics it plans it across the cores, 0.37 s
(benchmarks/results/answers-10m-postgres-year-station.md). ANALYZE (run here, and by the importer after
a load) keeps them current. SQLite has no such statistics and needs none: it reads the
date index either way.
"""

from django.db import migrations

NAME = "custody_year_station"
# The engine's expression exactly as YearOf writes it, or the planner will not match it.
COLUMNS = "(CAST(date_part('year', arrived_on) AS integer)), station_id"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE STATISTICS IF NOT EXISTS {NAME} (ndistinct) ON {COLUMNS} "
        "FROM register_custodyepisode"
    )
    schema_editor.execute("ANALYZE register_custodyepisode")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP STATISTICS IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [
        ("register", "0004_custody_station_division"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
