"""The cell parsers of the interchange formats."""

from datetime import UTC, date, datetime

import pytest

from answerable.interchange import cells
from answerable.register.choices import DetentionBasis


@pytest.mark.parametrize("cell", ["", "  ", "not_recorded", "NOT_RECORDED "])
def test_empty_and_not_recorded_mean_the_same(cell):
    assert cells.is_not_recorded(cell)


def test_no_is_a_value_not_an_absence():
    assert not cells.is_not_recorded("no")


def test_choices_are_matched_ignoring_case_and_spaces():
    parse = cells.choice(DetentionBasis)
    assert parse(" Immigration_Powers ") == "immigration_powers"
    with pytest.raises(
        ValueError, match="not one of: immigration_powers, immigration_offence, other"
    ):
        parse("immigration")


def test_date_times_without_offset_are_uk_local_time():
    assert cells.date_time("2017-01-10T12:00:00") == datetime(2017, 1, 10, 12, tzinfo=UTC)  # GMT
    assert cells.date_time("2017-07-10T12:00:00") == datetime(2017, 7, 10, 11, tzinfo=UTC)  # BST
    assert cells.date_time("2017-07-10T12:00:00Z") == datetime(2017, 7, 10, 12, tzinfo=UTC)
    assert cells.date_time("2017-07-10 12:00:00+02:00") == datetime(2017, 7, 10, 10, tzinfo=UTC)


def test_a_date_time_needs_its_time_of_day():
    with pytest.raises(ValueError, match="no time of day"):
        cells.date_time("2017-07-10")
    with pytest.raises(ValueError, match="not an ISO 8601 date-time"):
        cells.date_time("10/07/2017 12:00")


def test_dates_accept_a_date_time_as_its_uk_date():
    assert cells.calendar_date("2023-05-31") == date(2023, 5, 31)
    assert cells.calendar_date("2023-05-31T23:30:00Z") == date(2023, 6, 1)  # 00:30 BST


def test_whole_numbers_are_bounded():
    parse = cells.whole_number(0, 120)
    assert parse(" 17 ") == 17
    for bad in ("-1", "121", "17.5", "seventeen"):
        with pytest.raises(ValueError):
            parse(bad)


def test_text_is_bounded_and_its_spaces_folded():
    assert cells.text(10)("  a   b ") == "a b"
    with pytest.raises(ValueError, match="longer than 10"):
        cells.text(10)("x" * 11)
