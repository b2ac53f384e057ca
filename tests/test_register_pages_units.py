"""The pure pieces of the register's pages: moments, values as shown, filters, versions."""

from datetime import UTC, date, datetime, time

import pytest

from answerable.core.uk_time import UK
from answerable.register.forms.corrections import version_of
from answerable.register.forms.filters import CustodyFilter, NccuFilter
from answerable.register.forms.moments import combine, parts
from answerable.register.models import CustodyEpisode, IcceRequest, NccuContact
from answerable.register.views.display import NOT_RECORDED, span_text, value_text
from answerable.register.views.history import changes_between


def test_a_summer_moment_is_read_as_british_summer_time() -> None:
    assert combine(date(2023, 7, 1), time(9, 30)) == datetime(2023, 7, 1, 8, 30, tzinfo=UTC)


def test_a_winter_moment_is_read_as_greenwich_mean_time() -> None:
    assert combine(date(2023, 1, 10), time(9, 30)) == datetime(2023, 1, 10, 9, 30, tzinfo=UTC)


def test_seconds_typed_are_dropped() -> None:
    assert combine(date(2023, 1, 10), time(9, 30, 59)).second == 0


def test_parts_of_a_moment_are_its_uk_local_date_and_time() -> None:
    # 23:30 UTC on 30 June is 00:30 on 1 July in London.
    moment = datetime(2023, 6, 30, 23, 30, tzinfo=UTC)
    assert parts(moment) == (date(2023, 7, 1), time(0, 30))
    assert combine(*parts(moment)) == moment
    assert parts(None) == (None, None)


def field(model, name):
    return model._meta.get_field(name)


@pytest.mark.parametrize("empty", [None, "", []])
def test_an_empty_value_is_not_recorded(empty) -> None:
    assert value_text(field(CustodyEpisode, "outcome"), empty) == NOT_RECORDED


def test_values_are_shown_as_people_read_them() -> None:
    assert value_text(field(CustodyEpisode, "outcome"), "charged") == "Charged"
    assert value_text(field(NccuContact, "nationality"), "FR") == "France"
    icce = IcceRequest(countries=["PL", "FR"])
    assert value_text(field(IcceRequest, "countries"), icce.countries) == "France, Poland"
    arrived = datetime(2023, 7, 1, 8, 30, tzinfo=UTC)
    assert value_text(field(CustodyEpisode, "arrived_at"), arrived) == "1 July 2023, 09:30"
    assert value_text(field(IcceRequest, "sent_on"), date(2023, 5, 2)) == "2 May 2023"
    assert value_text(field(CustodyEpisode, "age"), 0) == "0"  # zero is a value, not missing


def test_a_span_is_hours_and_minutes() -> None:
    assert span_text(0) == "0h 00m"
    assert span_text(26 * 3600 + 5 * 60 + 59) == "26h 05m"


def test_the_version_is_the_last_save_to_the_microsecond() -> None:
    episode = CustodyEpisode(updated_at=datetime(2023, 5, 2, 14, 5, 1, 123456, tzinfo=UTC))
    assert version_of(episode) == "2023-05-02T14:05:01.123456+00:00"


def test_a_filter_period_must_not_end_before_it_starts() -> None:
    filters = CustodyFilter({"date_from": "2023-06-01", "date_to": "2023-05-01"})
    assert not filters.is_valid()
    assert "date_to" in filters.errors


def test_every_filter_is_optional() -> None:
    filters = NccuFilter({})
    assert filters.is_valid(), filters.errors
    assert filters.applied() == {}


def test_unknown_filter_values_are_refused() -> None:
    filters = CustodyFilter({"sex": "unknown", "date_from": "yesterday"})
    assert not filters.is_valid()
    assert set(filters.errors) == {"sex", "date_from"}


def test_applied_filters_name_values_never_objects() -> None:
    filters = CustodyFilter({"sex": "not_recorded", "date_from": "2023-06-01"})
    assert filters.is_valid()
    assert filters.applied() == {"sex": "not_recorded", "date_from": "2023-06-01"}


@pytest.mark.django_db
def test_changes_between_versions_are_field_by_field(police_scotland, stations) -> None:
    govan = stations["Govan"]
    episode = CustodyEpisode.objects.create(
        force=police_scotland,
        custody_ref="NCS-X",
        division=govan.division,
        station=govan,
        arrived_at=datetime(2023, 5, 2, 14, 0, tzinfo=UK),
        detention_basis="other",
    )
    episode.station = stations["Cathcart"]
    episode.sex = "female"
    episode.save()
    older, newer = episode.history.order_by("history_date")
    changes = changes_between(CustodyEpisode, older, newer)
    assert [(c.field, c.before, c.after) for c in changes] == [
        ("Station", "Govan", "Cathcart"),
        ("Sex", NOT_RECORDED, "Female"),
    ]
