"""Working days per regime: Scotland's bank holidays for FOISA and the EIR(S) (s73), the
bank holidays of any part of the UK for FOIA and the EIR (s10(6))."""

from datetime import date, timedelta

import pytest
import time_machine

from answerable.clock.calendar import WorkingCalendar
from answerable.clock.errors import ClockError
from answerable.clock.holidays import library_calendar
from answerable.clock.services import calendar_for

# /work/shared/domain/foisa_rules.md, "Scottish bank holidays 2022-2026 (1971 Act incl.
# proclamations)": every weekday of 2022-2026 that is not a working day under FOISA s73.
SCOTTISH_BANK_HOLIDAYS_2022_2026 = {
    # 2022: 2 June is the spring holiday moved from 30 May; 3 June the Platinum Jubilee;
    # 19 September the State Funeral of Queen Elizabeth II.
    *[date(2022, m, d) for m, d in [(1, 3), (1, 4), (4, 15), (5, 2), (6, 2), (6, 3)]],
    *[date(2022, m, d) for m, d in [(8, 1), (9, 19), (11, 30), (12, 26), (12, 27)]],
    # 2023: 8 May, the Coronation.
    *[date(2023, m, d) for m, d in [(1, 2), (1, 3), (4, 7), (5, 1), (5, 8), (5, 29)]],
    *[date(2023, m, d) for m, d in [(8, 7), (11, 30), (12, 25), (12, 26)]],
    # 2024: 2 December, St Andrew's Day substitute.
    *[date(2024, m, d) for m, d in [(1, 1), (1, 2), (3, 29), (5, 6), (5, 27), (8, 5)]],
    *[date(2024, m, d) for m, d in [(12, 2), (12, 25), (12, 26)]],
    # 2025: 1 December, St Andrew's Day substitute.
    *[date(2025, m, d) for m, d in [(1, 1), (1, 2), (4, 18), (5, 5), (5, 26), (8, 4)]],
    *[date(2025, m, d) for m, d in [(12, 1), (12, 25), (12, 26)]],
    # 2026: 15 June, the World Cup holiday proclaimed on 4 February 2026.
    *[date(2026, m, d) for m, d in [(1, 1), (1, 2), (4, 3), (5, 4), (5, 25), (6, 15)]],
    *[date(2026, m, d) for m, d in [(8, 3), (11, 30), (12, 25), (12, 28)]],
}

YEARS = range(2022, 2027)


def weekdays(years: range) -> list[date]:
    day, end = date(years.start, 1, 1), date(years.stop, 1, 1)
    days = []
    while day < end:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


def non_working_weekdays(calendar: WorkingCalendar, years: range) -> set[date]:
    return {day for day in weekdays(years) if not calendar.is_working_day(day)}


@pytest.mark.parametrize("regime", ["foisa", "eir-s"])
def test_the_library_gives_exactly_the_scottish_bank_holidays_2022_to_2026(regime):
    calendar = library_calendar(regime)
    assert non_working_weekdays(calendar, YEARS) == SCOTTISH_BANK_HOLIDAYS_2022_2026


@pytest.mark.django_db
@pytest.mark.parametrize("regime", ["foisa", "eir-s"])
def test_a_fresh_install_counts_exactly_the_scottish_bank_holidays(regime):
    # The migrations leave the corrections table as a fresh install has it.
    assert non_working_weekdays(calendar_for(regime), YEARS) == SCOTTISH_BANK_HOLIDAYS_2022_2026


@pytest.mark.parametrize("day", sorted(SCOTTISH_BANK_HOLIDAYS_2022_2026))
def test_each_scottish_bank_holiday_is_not_a_working_day_for_foisa(day):
    assert not library_calendar("foisa").is_working_day(day)


@pytest.mark.parametrize(
    "easter_monday", [date(2022, 4, 18), date(2023, 4, 10), date(2024, 4, 1), date(2026, 4, 6)]
)
def test_easter_monday_is_a_working_day_in_scotland_but_not_for_foia(easter_monday):
    # Rule 2: Easter Monday is not a bank holiday in Scotland under the 1971 Act; it is one
    # in England, Wales and Northern Ireland, so not a working day under FOIA s10(6).
    assert library_calendar("foisa").is_working_day(easter_monday)
    assert not library_calendar("foia").is_working_day(easter_monday)


@pytest.mark.parametrize(
    ("first_monday", "last_monday"),
    [(date(2023, 8, 7), date(2023, 8, 28)), (date(2026, 8, 3), date(2026, 8, 31))],
)
def test_scotland_keeps_the_first_monday_in_august_not_the_last(first_monday, last_monday):
    # The 1971 Act, Schedule 1, gives Scotland the first Monday in August; the last
    # Monday (England's summer bank holiday) is a working day in Scotland (rule 2).
    scotland, uk = library_calendar("foisa"), library_calendar("foia")
    assert not scotland.is_working_day(first_monday)
    assert scotland.is_working_day(last_monday)
    assert not uk.is_working_day(last_monday)
    assert not uk.is_working_day(first_monday)  # a Scottish bank holiday counts for FOIA


@pytest.mark.parametrize(
    ("day", "part"),
    [
        (date(2025, 3, 17), "Northern Ireland"),  # St Patrick's Day
        (date(2026, 7, 13), "Northern Ireland"),  # Battle of the Boyne (observed)
        (date(2026, 1, 2), "Scotland"),
        (date(2025, 12, 1), "Scotland"),  # St Andrew's Day substitute
        (date(2026, 6, 15), "Scotland"),  # proclaimed
    ],
)
def test_foia_excludes_a_bank_holiday_in_any_part_of_the_uk(day, part):
    # FOIA s10(6); ICO line to take LTT47: a holiday only in Northern Ireland is a
    # non-working day for every FOIA request. holidays.UK() without a subdivision would
    # give only the days common to all parts, and miss these.
    calendar = library_calendar("foia")
    assert not calendar.is_working_day(day)
    assert part in calendar.why_not_working(day)


def test_northern_irish_holidays_are_working_days_in_scotland():
    assert library_calendar("foisa").is_working_day(date(2025, 3, 17))
    assert library_calendar("foisa").is_working_day(date(2026, 7, 13))


@pytest.mark.parametrize("regime", ["foisa", "foia", "eir-s", "eir"])
def test_the_state_funeral_was_not_a_working_day_anywhere(regime):
    assert not library_calendar(regime).is_working_day(date(2022, 9, 19))


@pytest.mark.parametrize("regime", ["foisa", "foia"])
@pytest.mark.parametrize("year", range(2005, 2036))
def test_christmas_day_on_a_weekday_is_never_a_working_day(regime, year):
    christmas = date(year, 12, 25)
    calendar = library_calendar(regime)
    assert not calendar.is_working_day(christmas)
    if christmas.weekday() < 5:
        assert "Christmas" in calendar.why_not_working(christmas)


def test_new_year_in_scotland_includes_2_january_and_its_substitutes():
    scotland = library_calendar("foisa")
    assert not scotland.is_working_day(date(2025, 1, 2))
    assert not scotland.is_working_day(date(2027, 1, 4))  # 2 January 2027 is a Saturday
    assert library_calendar("foisa").is_working_day(date(2025, 1, 3))


def test_weekends_are_never_working_days():
    calendar = library_calendar("foisa")
    assert calendar.why_not_working(date(2026, 3, 7)) == "Saturday"
    assert calendar.why_not_working(date(2026, 3, 8)) == "Sunday"
    assert calendar.why_not_working(date(2026, 3, 9)) is None


@time_machine.travel(date(2026, 12, 5), tick=False)
def test_the_calendar_reaches_into_the_years_a_december_request_needs():
    calendar = library_calendar("foisa")
    assert 2028 in calendar.years
    assert not calendar.is_working_day(date(2027, 1, 1))


def test_counting_outside_the_calendar_years_is_refused():
    calendar = library_calendar("foisa", years=range(2026, 2027))
    with pytest.raises(ClockError, match="outside the years"):
        calendar.add_working_days(date(2026, 12, 18), 20)


def test_an_unknown_regime_is_refused():
    with pytest.raises(ClockError, match=r"unknown regime 'scots'.*foisa, foia, eir-s, eir"):
        library_calendar("scots")


def test_add_working_days_never_counts_the_start_day():
    calendar = WorkingCalendar("test", {date(2026, 3, 10): "a holiday"})
    assert calendar.add_working_days(date(2026, 3, 9), 1) == date(2026, 3, 11)
    assert calendar.add_working_days(date(2026, 3, 6), 1) == date(2026, 3, 9)  # Friday
    assert calendar.add_working_days(date(2026, 3, 7), 1) == date(2026, 3, 9)  # Saturday
    assert calendar.add_working_days(date(2026, 3, 9), 0) == date(2026, 3, 9)
    with pytest.raises(ClockError, match="must not be negative"):
        calendar.add_working_days(date(2026, 3, 9), -1)


def test_working_days_between_counts_after_up_to_and_including():
    calendar = WorkingCalendar("test", {date(2026, 3, 10): "a holiday"})
    assert calendar.working_days_between(date(2026, 3, 9), date(2026, 3, 9)) == 0
    assert calendar.working_days_between(date(2026, 3, 9), date(2026, 3, 13)) == 3
    assert calendar.working_days_between(date(2026, 3, 6), date(2026, 3, 9)) == 1
    assert calendar.working_days_between(date(2026, 3, 13), date(2026, 3, 9)) == 0
