"""The answer engine's exact counts (before disclosure control)."""

from datetime import date

import pytest
from interchange_files import write
from seed_001 import BAND_COUNTS, STATION_COUNTS, custody_csv

from answerable.answers.engine import Ask, AskError, count
from answerable.interchange.importer import import_file

pytestmark = pytest.mark.django_db

FY_2017 = {"first_day": date(2017, 4, 1), "last_day": date(2018, 3, 31)}


@pytest.fixture
def seed_001(tmp_path):
    import_file("custody", write(tmp_path, custody_csv()), progress=False)


def test_seed_001_by_station(seed_001):
    table = count(Ask("custody-count", by=("station",), **FY_2017)).table
    assert table.total == 537
    counted = {labels[0]: n for labels, n in table.counts.items()}
    assert counted == STATION_COUNTS and len(counted) == 31


def test_seed_001_by_duration_band(seed_001):
    table = count(Ask("custody-count", by=("duration",), duration_bounds=(24, 48), **FY_2017)).table
    assert table.values == (("0-24", "24-48", "48+", "in_custody"),)
    assert {labels[0]: n for labels, n in table.counts.items()} == BAND_COUNTS


def test_the_period_is_inclusive_uk_dates_and_other_custodies_are_not_counted(seed_001):
    everything = count(Ask("custody-count")).table
    assert everything.total == 538  # 537 + the one on 1 April 2018; never the `other` one
    next_year = count(
        Ask("custody-count", first_day=date(2018, 4, 1), last_day=date(2018, 4, 1))
    ).table
    assert next_year.total == 1  # 00:30 BST on 1 April is 31 March in UTC


def test_where_keeps_only_the_values_asked_for(seed_001):
    glasgow = ["Baird Street", "Cathcart", "Govan", "London Road", "Stewart Street"]
    table = count(Ask("custody-count", where={"station": glasgow}, **FY_2017)).table
    assert table.total == 236  # The Ferret: Glasgow stations combined 236
    table = count(
        Ask("custody-count", where={"division": ["G"]}, by=("duration",), **FY_2017)
    ).table
    assert table.total == 236


def test_people_are_counted_once_in_each_cell_and_once_in_the_total(seed_001):
    counts = count(Ask("custody-count", count="people", by=("sex",), **FY_2017))
    assert counts.figure({}) == 500  # P-0 .. P-499, some with two episodes
    # A person recorded as female at one episode and male at another is in both cells, so
    # the cells add up to more than the people in all.
    both = sum(1 for kind, n in (counts.kinds or {}).items() if len(kind) == 2 for _ in range(n))
    assert both > 0
    assert sum(counts.table.counts.values()) == 500 + both


def test_zeros_and_not_recorded_are_listed(seed_001):
    table = count(Ask("custody-count", by=("outcome",), **FY_2017)).table
    assert table.values[0][-1] == "not_recorded"
    assert table.count(("not_recorded",)) == 537 and table.count(("charged",)) == 0


def test_financial_years_and_age_bands(seed_001):
    table = count(
        Ask("custody-count", by=("financial_year", "age_band"), age_bounds=(10, 16, 18, 75))
    ).table
    assert table.values[0] == ("2017/18", "2018/19")
    assert table.count(("2018/19", "not_recorded")) == 1


@pytest.mark.parametrize(
    ("ask", "message"),
    [
        (Ask("custody-counts"), "unknown question"),
        (Ask("custody-count", by=("colour",)), "has no dimension 'colour'"),
        (Ask("custody-count", where={"station": ["Govn"]}), "'Govn' is not a value"),
        (Ask("custody-count", where={"financial_year": ["2017/19"]}), "not a financial year"),
        (Ask("custody-count", where={"nationality": ["Narnia"]}), "not an ISO 3166-1"),
        (Ask("custody-count", count="heads"), "--count must be"),
        (Ask("icce-requests", by=("role",)), "has no dimension 'role'"),
    ],
)
def test_questions_that_cannot_be_asked_say_why(ask, message):
    with pytest.raises(AskError, match=message):
        count(ask)
