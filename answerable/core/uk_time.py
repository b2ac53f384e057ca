"""UK local time: the register counts events by their UK local date.

The interchange formats read a date-time without an offset as UK local time
(Europe/London), and the answer engine places a record in a period by the UK local date
of its event; durations are real elapsed time, so a night that crosses a clock change is an
hour shorter or longer than the wall clock suggests.
"""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

UK = ZoneInfo("Europe/London")


def as_uk_aware(moment: datetime) -> datetime:
    """`moment` as an aware UTC time: a naive time is read as UK local time.

    A naive time in the hour repeated when clocks go back is read as its first occurrence
    (fold=0, BST), and one in the hour skipped when they go forward by PEP 495's rule (the
    offset before the change); both are what a custody clerk's wall clock showed. The
    result is in UTC because PEP 495 makes a local time in a gap or fold unequal to every
    time in another zone, even the same instant.
    """
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UK)
    return moment.astimezone(UTC)


def uk_date(moment: datetime) -> date:
    """The UK local calendar date of an aware `moment`."""
    return moment.astimezone(UK).date()


def uk_start_of_day(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UK)


def elapsed_minutes(start: datetime, end: datetime) -> int:
    """Whole minutes really elapsed from `start` to `end` (both aware).

    Both are converted to UTC first: Python subtracts two times that share one tzinfo
    object as wall-clock times, which would make the night the clocks go back an hour
    short and the night they go forward an hour long.
    """
    return elapsed_seconds(start, end) // 60


def elapsed_seconds(start: datetime, end: datetime) -> int:
    """Whole seconds really elapsed from `start` to `end` (both aware), as above."""
    return int((end.astimezone(UTC) - start.astimezone(UTC)).total_seconds() // 1)
