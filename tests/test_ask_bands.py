"""Banded breakdowns (time in custody, age band, child) counted band by band.

With another breakdown (or alone, where grouping by the band is grouping by an expression),
the engine counts each band with a filtered count in the groups of the other breakdowns
(answers/engine.py `_count_bands`) instead of grouping by a CASE. The counts must be exactly
those of grouping by the band, and a record in no band (which the filtered counts would
lose) sends the question back to grouping.
"""

from dataclasses import replace
from datetime import date

import pytest
from interchange_files import write
from seed_001 import BAND_COUNTS, custody_csv

from answerable.answers import engine
from answerable.answers.catalogue import CATALOGUE
from answerable.answers.engine import Ask, count
from answerable.interchange.importer import import_file
from answerable.register.models import CustodyEpisode

pytestmark = pytest.mark.django_db

FY_2017 = {"first_day": date(2017, 4, 1), "last_day": date(2018, 3, 31)}

ASKS = [
    Ask("custody-count", by=("duration",), **FY_2017),
    Ask("custody-count", by=("station", "duration"), **FY_2017),
    Ask("custody-all", by=("station", "duration"), duration_bounds=(4, 24, 72)),
    Ask("custody-all", by=("year", "child")),
    Ask("custody-all", by=("month", "age_band"), age_bounds=(10, 16, 18, 75), **FY_2017),
    Ask("custody-all", by=("age_band", "sex"), **FY_2017),
    Ask("custody-all", by=("duration", "child"), **FY_2017),
    Ask("custody-all", by=("sex", "duration"), where={"duration": ["48+", "0-24"]}),
]


@pytest.fixture
def seed_001(tmp_path):
    import_file("custody", write(tmp_path, custody_csv()), progress=False)


def grouped(ask: Ask) -> engine.Counts:
    """The counts as grouping by every breakdown gives them (no band counted on its own)."""
    return engine._count(ask, bands=False)


def uses_bands(monkeypatch, ask: Ask) -> bool:
    calls = []
    real = engine._count_bands

    def spy(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(engine, "_count_bands", spy)
    count(ask)
    return bool(calls)


@pytest.mark.parametrize("ask", ASKS, ids=lambda ask: ",".join(ask.by))
def test_bands_counted_on_their_own_are_the_grouped_counts(seed_001, monkeypatch, ask):
    assert uses_bands(monkeypatch, ask)
    banded, plain = count(ask), grouped(ask)
    assert banded.table == plain.table
    assert banded.table.total > 0


def test_seed_001_bands_by_station_add_up_to_the_published_bands(seed_001):
    table = count(Ask("custody-count", by=("station", "duration"), **FY_2017)).table
    bands: dict[str, int] = {}
    for (_, band), n in table.counts.items():
        bands[band] = bands.get(band, 0) + n
    assert {band: n for band, n in bands.items() if n} == BAND_COUNTS


def test_an_age_band_alone_is_grouped_by_the_age(seed_001, monkeypatch):
    assert not uses_bands(monkeypatch, Ask("custody-all", by=("age_band",)))


def test_people_and_times_to_disclose_are_not_counted_band_by_band(seed_001, monkeypatch):
    assert not uses_bands(monkeypatch, Ask("custody-count", count="people", by=("duration",)))


def test_a_record_in_no_band_is_counted_by_grouping(seed_001, monkeypatch):
    # Bands that miss some records (here: `not_recorded` made to keep none): the filtered
    # counts would lose them, so the question is counted by grouping, which labels them.
    episode = CustodyEpisode.objects.order_by("pk").first()
    assert episode is not None
    CustodyEpisode.objects.filter(pk=episode.pk).update(age=None)
    question = CATALOGUE["custody-all"]
    age_band = question.dimensions["age_band"]

    def leaky(wanted, options):
        return age_band.where([label for label in wanted if label != "not_recorded"], options)

    monkeypatch.setitem(question.dimensions, "age_band", replace(age_band, where=leaky))
    ask = Ask("custody-all", by=("sex", "age_band"))
    assert uses_bands(monkeypatch, ask)
    table = count(ask).table
    assert table == grouped(ask).table
    assert table.total == CustodyEpisode.objects.count()
    assert sum(n for (_, band), n in table.counts.items() if band == "not_recorded") >= 1
