"""Properties of the statutory clock that hold for every day of receipt."""

from datetime import date, timedelta

import time_machine
from hypothesis import given, settings
from hypothesis import strategies as st

from answerable.clock.deadlines import response_due
from answerable.clock.holidays import library_calendar

# The calendars reach from FOISA's first year to some years after today: today is fixed, so
# that the examples hypothesis draws (and keeps in its database) are the same every day.
TODAY = date(2026, 12, 5)
with time_machine.travel(TODAY, tick=False):
    CALENDARS = {regime: library_calendar(regime) for regime in ("foisa", "foia", "eir-s", "eir")}
# Receipts from FOISA's first year to two years ahead; the calendars reach further, so the
# counting (up to 40 working days and a fee pause) never leaves them.
RECEIVED = st.dates(min_value=date(2005, 1, 1), max_value=date(TODAY.year + 2, 12, 31))
REGIMES = st.sampled_from(sorted(CALENDARS))
SETTINGS = settings(max_examples=300, deadline=None)


def due(regime: str, received: date, **options) -> date:
    return response_due(regime, received, CALENDARS[regime], **options).due


@SETTINGS
@given(regime=REGIMES, received=RECEIVED)
def test_the_due_date_is_a_working_day_strictly_after_receipt(regime, received):
    result = due(regime, received)
    assert result > received
    assert CALENDARS[regime].is_working_day(result)


@SETTINGS
@given(regime=REGIMES, received=RECEIVED)
def test_exactly_twenty_working_days_from_receipt_to_due(regime, received):
    result = due(regime, received)
    assert CALENDARS[regime].working_days_between(received, result) == 20
    # ... and the day before it would have been only 19.
    assert CALENDARS[regime].working_days_between(received, result - timedelta(days=1)) == 19


@SETTINGS
@given(regime=st.sampled_from(["eir-s", "eir"]), received=RECEIVED)
def test_an_eir_extension_gives_exactly_forty(regime, received):
    result = due(regime, received, extended=True)
    assert CALENDARS[regime].working_days_between(received, result) == 40


@SETTINGS
@given(regime=REGIMES, first=RECEIVED, gap=st.integers(min_value=0, max_value=60))
def test_a_later_receipt_never_gives_an_earlier_due_date(regime, first, gap):
    assert due(regime, first + timedelta(days=gap)) >= due(regime, first)


@SETTINGS
@given(regime=REGIMES, received=RECEIVED)
def test_receipt_on_a_non_working_day_counts_as_receipt_the_day_before(regime, received):
    # Day 1 is the first working day after the day of receipt, so receipt on a Saturday,
    # Sunday or holiday gives the deadline of receipt on the day before.
    calendar = CALENDARS[regime]
    day = received
    while calendar.is_working_day(day):
        day += timedelta(days=1)
    assert due(regime, day) == due(regime, day - timedelta(days=1))


@SETTINGS
@given(regime=REGIMES, received=RECEIVED, weekend_day=st.sampled_from([5, 6]))
def test_receipt_at_the_weekend_counts_as_receipt_on_the_friday(regime, received, weekend_day):
    friday = received + timedelta(days=(4 - received.weekday()) % 7)
    weekend = friday + timedelta(days=weekend_day - 4)
    assert due(regime, weekend) == due(regime, friday)


@SETTINGS
@given(regime=REGIMES, received=RECEIVED, wait=st.integers(min_value=0, max_value=90))
def test_a_clarification_never_shortens_the_time(regime, received, wait):
    clarified = received + timedelta(days=wait)
    with_clarification = due(regime, received, clarification_received=clarified)
    assert with_clarification >= due(regime, received)
    assert with_clarification == CALENDARS[regime].add_working_days(clarified, 20)


@SETTINGS
@given(
    regime=REGIMES,
    received=RECEIVED,
    to_notice=st.integers(min_value=0, max_value=40),
    to_payment=st.integers(min_value=0, max_value=60),
)
def test_a_fee_pause_never_shortens_and_leaves_what_was_not_used(
    regime, received, to_notice, to_payment
):
    calendar = CALENDARS[regime]
    notice = received + timedelta(days=to_notice)
    paid = notice + timedelta(days=to_payment)
    paused = due(regime, received, fee_notice_issued=notice, fee_paid=paid)
    plain = due(regime, received)
    assert paused >= plain
    used = calendar.working_days_between(received, notice - timedelta(days=1))
    if used < 20:
        # OSIC: a notice after k working days leaves 20 - k from the day after payment.
        assert paused == calendar.add_working_days(paid, 20 - used)
        assert paused > paid
    else:
        assert paused == plain
