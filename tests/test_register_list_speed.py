"""The register's staff lists at scale (issue 16): a page's keys are read first, from the
index that matches the list's filter and order, and from the nearer end of it; the rows
are drawn by cheap filters. Every page holds exactly what Django's Paginator and the
`date` filter and `{% url %}` gave."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext

from answerable.register.choices import DetentionBasis
from answerable.register.models import CustodyEpisode, Division, Station
from answerable.register.views.kinds import CUSTODY
from answerable.register.views.lists import KeysFirstPaginator

pytestmark = pytest.mark.django_db


@pytest.fixture
def episodes(stations: dict[str, Station]) -> list[CustodyEpisode]:
    """23 episodes in division G, several arriving at the same moment (ties broken by key),
    and 5 in another division."""
    govan = stations["Govan"]
    other = Division.objects.exclude(pk=govan.division_id).first()
    first = datetime(2024, 3, 30, 22, 0, tzinfo=UTC)
    made = []
    for n in range(28):
        made.append(
            CustodyEpisode.objects.create(
                force=govan.force,
                custody_ref=f"E-{n:03d}",
                division=govan.division if n < 23 else other,
                station=govan,
                arrived_at=first + timedelta(hours=3 * (n // 3)),  # three at each moment
                detention_basis=DetentionBasis.OTHER,
            )
        )
    return made


def listed(division: Division | None):
    records = CustodyEpisode.objects.select_related("station")
    if division is not None:
        records = records.filter(division=division)
    return records.order_by(*CUSTODY.ordering)


@pytest.mark.parametrize("per_page", [1, 4, 5, 50])
@pytest.mark.parametrize("divisional", [True, False])
def test_every_page_holds_what_the_paginator_gives(episodes, per_page, divisional):
    division = episodes[0].division if divisional else None
    plain = Paginator(listed(division), per_page)
    keys_first = KeysFirstPaginator(listed(division), per_page)
    assert keys_first.num_pages == plain.num_pages
    for number in plain.page_range:
        mine, theirs = keys_first.page(number), plain.page(number)
        assert [r.pk for r in mine] == [r.pk for r in theirs], number
        assert (mine.start_index(), mine.end_index()) == (theirs.start_index(), theirs.end_index())
        assert mine.has_next() == theirs.has_next()


def test_a_page_is_two_queries_of_the_list_and_its_rows_show_their_centre(episodes):
    paginator = KeysFirstPaginator(listed(episodes[0].division), 5)
    paginator.count  # noqa: B018 (the caption's count, one query of its own)
    with CaptureQueriesContext(connection) as queries:
        page = paginator.page(4)  # past the middle: read from the end
        names = [row.station.name for row in page]
    assert names == ["Govan"] * 5
    assert len(queries.captured_queries) == 2  # the keys, then the rows with their centre
    assert 'SELECT "register_custodyepisode"."id"' in queries.captured_queries[0]["sql"]


def test_an_empty_list_has_one_empty_page():
    page = KeysFirstPaginator(listed(None), 50).get_page(1)
    assert list(page) == [] and page.number == 1


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's plan: PostgreSQL's is costed")
def test_a_divisional_page_is_read_from_its_index_without_sorting(episodes):
    division = episodes[0].division
    keys = listed(division).values_list("pk", flat=True)[:50]
    with connection.cursor() as cursor:
        sql, params = keys.query.sql_with_params()
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "custody_list_division" in plan
    assert "TEMP B-TREE" not in plan  # no sort of the division's rows


MOMENTS = [
    datetime(2025, 3, 30, 0, 59, tzinfo=UTC),  # GMT, the hour before the clocks go forward
    datetime(2025, 3, 30, 1, 0, tzinfo=UTC),  # BST from here: 02:00 local
    datetime(2025, 10, 26, 0, 30, tzinfo=UTC),  # 01:30 BST
    datetime(2025, 10, 26, 1, 30, tzinfo=UTC),  # 01:30 GMT
    datetime(2024, 12, 31, 23, 59, tzinfo=UTC),
    datetime(999, 1, 5, 9, 3, tzinfo=UTC),  # a year of three digits, padded as Django does
]


@pytest.mark.parametrize("moment", MOMENTS)
def test_the_row_filters_write_what_date_wrote(moment):
    ours = Template("{% load register_rows %}{{ at|list_datetime }}|{{ day|list_date }}")
    django = Template('{{ at|date:"j M Y H:i" }}|{{ day|date:"j M Y" }}')
    context = {"at": moment, "day": moment.date()}
    assert ours.render(Context(context)) == django.render(Context(context))


def test_the_row_filters_write_nothing_for_nothing():
    ours = Template("{% load register_rows %}[{{ at|list_datetime }}][{{ day|list_date }}]")
    assert ours.render(Context({"at": None, "day": None})) == "[][]"
    assert Template("{% load register_rows %}{{ d|list_date }}").render(
        Context({"d": date(2025, 9, 1)})
    ) == Template('{{ d|date:"j M Y" }}').render(Context({"d": date(2025, 9, 1)}))


@pytest.mark.parametrize(
    "name", ["register:custody_detail", "register:disclosure_detail", "register:icce_detail"]
)
def test_record_url_is_the_url_tag(name):
    ours = Template("{% load register_rows %}{{ pk|record_url:name }}")
    django = Template("{% url name pk=pk %}")
    for pk in (1, 42, 1_000_000):
        context = {"pk": pk, "name": name}
        assert ours.render(Context(context)) == django.render(Context(context))


def test_a_divisional_list_of_one_centre_is_counted_from_an_index(episodes):
    """The caption's count for a divisional user filtering by a centre (station and the
    user's division) reads one index, never the table (PostgreSQL otherwise combined two
    single-column indexes and read 23,507 rows of the table: 270 ms at 1,000,000 episodes)."""
    govan = episodes[0].station
    records = CustodyEpisode.objects.filter(division=govan.division, station=govan)
    sql, params = records.order_by().values("pk").query.sql_with_params()  # as count()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN SELECT COUNT(*) FROM ({sql})", params)
            plan = " ".join(str(row[-1]) for row in cursor.fetchall())
            assert "COVERING INDEX custody_station_division" in plan, plan
        else:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN SELECT COUNT(*) FROM ({sql}) AS listed", params)
            plan = " ".join(row[0] for row in cursor.fetchall())
            assert "custody_station_division" in plan, plan
    assert records.count() == 23
