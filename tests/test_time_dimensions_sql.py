"""Time breakdowns computed by the database (answers/dimensions.py YearOf, MonthOf,
FinancialYearOf) agree with Python's date arithmetic (answers/periods.py) on the edge days:
31 March / 1 April (the UK financial year, 1 April to 31 March), year ends, leap days and the
hour either side of midnight in British Summer Time (dates are UK local dates,
core/uk_time.py). Run on SQLite by `make test`, on PostgreSQL by `make test-postgres`.
"""

from collections import Counter
from datetime import date, datetime, time, timedelta

import pytest
from django.db import connection

from answerable.answers import periods
from answerable.answers.dimensions import FinancialYearOf, MonthOf, YearOf
from answerable.answers.engine import Ask, NothingToBreakDown, count
from answerable.core.uk_time import UK, uk_date
from answerable.register.choices import DetentionBasis
from answerable.register.models import CustodyEpisode, Disclosure

pytestmark = pytest.mark.django_db

EDGE_DAYS = [
    date(2017, 3, 31),
    date(2017, 4, 1),
    date(2017, 12, 31),
    date(2018, 1, 1),
    date(2018, 3, 31),
    date(2018, 4, 1),
    date(2019, 12, 31),
    date(2020, 1, 1),
    date(2020, 2, 28),
    date(2020, 2, 29),  # a leap day
    date(2020, 3, 1),
    date(2020, 3, 31),
    date(2020, 4, 1),
    date(2000, 2, 29),  # a leap day of a century year
    date(2000, 3, 31),
    date(1999, 12, 31),
    date(2024, 2, 29),
    date(2024, 10, 31),
    date(2024, 11, 1),
]
# UK local moments near midnight: 00:30 BST on 1 April is 23:30 UTC on 31 March, and the
# hour the clocks go forward or back.
MOMENTS = [
    datetime(2018, 4, 1, 0, 30, tzinfo=UK),
    datetime(2018, 3, 31, 23, 30, tzinfo=UK),
    datetime(2019, 3, 31, 0, 15, tzinfo=UK),  # the last Sunday of March: clocks go forward
    datetime(2019, 10, 27, 1, 30, tzinfo=UK),  # the last Sunday of October
    datetime(2019, 12, 31, 23, 59, tzinfo=UK),
    datetime(2020, 1, 1, 0, 0, tzinfo=UK),
    datetime(2021, 3, 31, 23, 45, tzinfo=UK),
    datetime(2021, 4, 1, 0, 5, tzinfo=UK),
]


def _episodes(police_scotland, stations, moments: list[datetime]) -> None:
    govan = stations["Govan"]
    for number, moment in enumerate(moments):
        CustodyEpisode.objects.create(
            force=police_scotland,
            custody_ref=f"EDGE-{number}",
            division=govan.division,
            station=govan,
            arrived_at=moment,
            released_at=moment + timedelta(hours=3),
            detention_basis=DetentionBasis.IMMIGRATION_POWERS,
        )


def _moments() -> list[datetime]:
    return [datetime.combine(day, time(12, 0), tzinfo=UK) for day in EDGE_DAYS] + MOMENTS


@pytest.fixture
def edge_episodes(police_scotland, stations) -> list[date]:
    _episodes(police_scotland, stations, _moments())
    return [uk_date(moment) for moment in _moments()]


def test_the_uk_local_date_is_stored_so_bst_midnight_is_the_next_day(edge_episodes):
    assert uk_date(datetime(2018, 4, 1, 0, 30, tzinfo=UK)) == date(2018, 4, 1)
    assert CustodyEpisode.objects.filter(arrived_on=date(2018, 4, 1)).count() == 2


def test_each_part_equals_python_date_arithmetic(edge_episodes):
    rows = CustodyEpisode.objects.annotate(
        y=YearOf("arrived_on"), m=MonthOf("arrived_on"), fy=FinancialYearOf("arrived_on")
    ).values_list("arrived_on", "y", "m", "fy")
    seen = list(rows)
    assert sorted(day for day, *_ in seen) == sorted(edge_episodes)
    for day, year, month, financial in seen:
        assert (type(year), type(month), type(financial)) == (int, int, int)
        assert year == day.year, day
        assert month == day.year * 100 + day.month, day
        assert periods.financial_year(date(financial, 4, 1)) == periods.financial_year(day), day


def test_the_sql_reads_no_python_function(edge_episodes):
    """SQLite's `django_date_extract` is Python called for each row; the parts are SQL."""
    query = CustodyEpisode.objects.annotate(
        y=YearOf("arrived_on"), m=MonthOf("arrived_on"), fy=FinancialYearOf("arrived_on")
    ).values("y", "m", "fy")
    sql = str(query.query).lower()
    assert "django_" not in sql
    expected = "substr" if connection.vendor == "sqlite" else "date_part"
    assert expected in sql


@pytest.mark.parametrize(
    ("dimension", "label_of"),
    [
        ("year", lambda day: str(day.year)),
        ("month", periods.month),
        ("financial_year", periods.financial_year),
    ],
)
def test_time_breakdowns_equal_python_labels(edge_episodes, dimension, label_of):
    """The engine's table equals counting the stored UK dates in Python, and a closed
    period lists every label between its ends, zeros included."""
    expected = Counter(label_of(day) for day in edge_episodes)
    table = count(Ask("custody-count", by=(dimension,))).table
    counted = {labels[0]: n for labels, n in table.counts.items() if n}
    assert counted == dict(expected)

    first, last = date(2017, 4, 1), date(2018, 3, 31)
    table = count(Ask("custody-count", by=(dimension,), first_day=first, last_day=last)).table
    within = Counter(label_of(day) for day in edge_episodes if first <= day <= last)
    assert {labels[0]: n for labels, n in table.counts.items() if n} == dict(within)
    listed = {
        "year": ["2017", "2018"],
        "month": periods.months_between(first, last),
        "financial_year": ["2017/18"],
    }[dimension]
    assert list(table.values[0]) == listed


def test_two_time_breakdowns_together(edge_episodes):
    table = count(Ask("custody-count", by=("financial_year", "month"))).table
    expected = Counter((periods.financial_year(d), periods.month(d)) for d in edge_episodes)
    assert {labels: n for labels, n in table.counts.items() if n} == dict(expected)


def test_a_time_filter_keeps_the_edge_days(edge_episodes):
    table = count(Ask("custody-count", where={"financial_year": ["2017/18"]}, by=("month",))).table
    inside = [d for d in edge_episodes if date(2017, 4, 1) <= d <= date(2018, 3, 31)]
    assert table.total == len(inside)
    expected = Counter(periods.month(day) for day in inside)
    assert {labels[0]: n for labels, n in table.counts.items() if n} == dict(expected)


def test_disclosures_by_year_use_the_same_parts(police_scotland, stations):
    """Another question's day (disclosed_on): the same SQL."""
    for number, moment in enumerate(MOMENTS):
        Disclosure.objects.create(
            force=police_scotland,
            disclosure_ref=f"D-EDGE-{number}",
            disclosed_at=moment,
            role="victim",
            crime_type="domestic_abuse",
            recipient="hoie_nccu",
            purpose="referral",
        )
    days = [uk_date(moment) for moment in MOMENTS]
    table = count(Ask("disclosures", by=("financial_year",))).table
    expected = Counter(periods.financial_year(day) for day in days)
    assert {labels[0]: n for labels, n in table.counts.items() if n} == dict(expected)


@pytest.mark.parametrize("dimension", ["year", "month", "financial_year"])
def test_a_breakdown_of_nothing_says_so(db, dimension):
    """No records in an open period: no year or month to list, said in words (the command
    line, the API and the answers page show an AskError's message), never a crash."""
    with pytest.raises(NothingToBreakDown, match=f"nothing to break down by {dimension}"):
        count(Ask("custody-all", by=(dimension, "sex")))
    # a closed period lists each value, with 0
    table = count(
        Ask("custody-all", by=(dimension,), first_day=date(2020, 1, 1), last_day=date(2020, 1, 31))
    ).table
    assert table.total == 0
    assert table.values[0] == {"year": ("2020",), "month": ("2020-01",)}.get(
        dimension, ("2019/20",)
    )
