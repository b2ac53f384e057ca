"""Days and times for the demo: UK local days, real instants, and the "as at" cut-off."""

import random
from datetime import UTC, date, datetime, timedelta

from answerable.core.uk_time import UK
from answerable.demo.synthetic.profiles import HOURLY_ARRIVALS

# The demo is planned to this day and shown as at the day it is loaded (never later).
HORIZON = date(2030, 3, 31)


def at_uk(day: date, hour: int, minute: int) -> datetime:
    """The instant (UTC) UK local `day` shows `hour`:`minute`.

    A wall time skipped when the clocks go forward maps to an instant on the same day.
    """
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UK).astimezone(UTC)


def cutoff(as_of: date) -> datetime:
    """The demo is "as at" the start of UK local `as_of`: later events have not happened."""
    return at_uk(as_of, 0, 0)


def random_day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def random_time(rng: random.Random, day: date, hours: range = range(24)) -> datetime:
    """An instant on UK local `day`, busier hours more likely (profiles.HOURLY_ARRIVALS)."""
    hour = rng.choices(list(hours), weights=[HOURLY_ARRIVALS[h] for h in hours])[0]
    return at_uk(day, hour, rng.randrange(60))


def financial_year_bounds(year: int) -> tuple[date, date]:
    """The UK financial year starting 1 April `year`."""
    return date(year, 4, 1), date(year + 1, 3, 31)
