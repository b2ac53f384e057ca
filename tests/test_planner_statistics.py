"""PostgreSQL plans a breakdown by year and custody centre from statistics on the pairs
held (register migration 0005), kept on the very expression the engine groups by (YearOf).
Without them it multiplied guesses (108,586 groups for the 62 a year of a 10,000,000-episode
register holds) and counted serially. SQLite keeps no such statistics: the test is
PostgreSQL's (`make test-postgres`, and `.ci/run`).
"""

import json
from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from factories import CustodyEpisodeFactory

from answerable.answers.engine import Ask, count
from answerable.core.uk_time import UK

pytestmark = pytest.mark.django_db

YEARS = (2021, 2022, 2023)
CENTRES = 4
EACH = 8  # episodes per year and centre


@pytest.fixture
def held_pairs(stations) -> int:
    if connection.vendor != "postgresql":
        pytest.skip("planner statistics on expressions are PostgreSQL's")
    centres = sorted(stations.values(), key=lambda station: station.name)[:CENTRES]
    for year in YEARS:
        for centre in centres:
            for month in range(1, EACH + 1):
                arrived = datetime(year, month, 10, 12, 0, tzinfo=UK)
                CustodyEpisodeFactory(
                    station=centre, arrived_at=arrived, released_at=arrived + timedelta(hours=5)
                )
    return len(YEARS) * CENTRES


def _the_engines_count() -> tuple[str, int]:
    """The SQL the engine runs for custody-all by year and centre, and the pairs it found."""
    with CaptureQueriesContext(connection) as queries:
        table = count(Ask("custody-all", by=("year", "station"))).table
    grouped = [query["sql"] for query in queries.captured_queries if "GROUP BY" in query["sql"]]
    assert len(grouped) == 1, grouped
    return grouped[0], sum(1 for n in table.counts.values() if n)


def _estimated_groups(sql: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE register_custodyepisode")
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}")
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return int(plan[0]["Plan"]["Plan Rows"])


def test_the_planner_expects_the_pairs_the_register_holds(held_pairs):
    sql, found = _the_engines_count()
    assert found == held_pairs
    assert _estimated_groups(sql) == held_pairs


def test_without_the_statistics_the_planner_guesses(held_pairs):
    """What the statistics replace (dropped inside the test's transaction, so rolled back):
    a guess, here twice the pairs held, at 10,000,000 episodes 1,750 times."""
    sql, _ = _the_engines_count()
    with connection.cursor() as cursor:
        cursor.execute("DROP STATISTICS custody_year_station")
    assert _estimated_groups(sql) != held_pairs
