"""Writing instants as UK local time, the way a custody system exports them.

Synthetic events are drawn as real instants (UTC), so durations are real elapsed time
across clock changes (core/uk_time.py). They are written as naive UK local time, which
the interchange formats read as Europe/London; the one exception is the second occurrence
of the hour repeated when the clocks go back, which a naive time cannot express (it is read
as the first, BST), so those few carry an explicit +00:00.

The bulk generator converts millions of instants at once with numpy, using the UK rule
since 1996 (the EU summer-time rule, kept after 2020): BST from 01:00 UTC on the last
Sunday of March to 01:00 UTC on the last Sunday of October.
"""

from datetime import UTC, date, datetime, timedelta

import numpy as np

from answerable.core.uk_time import UK, uk_start_of_day

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
BST_OFFSET = 60  # minutes


def utc_minutes(moment: datetime) -> int:
    """Whole minutes since the Unix epoch of an aware `moment`."""
    return int((moment - EPOCH).total_seconds() // 60)


def from_utc_minutes(minutes: int) -> datetime:
    return EPOCH + timedelta(minutes=int(minutes))


def uk_midnight_minutes(day: date) -> int:
    """The instant UK local `day` begins, in minutes since the epoch."""
    return utc_minutes(uk_start_of_day(day))


def _last_sunday(year: int, month: int) -> date:
    last = date(year, month + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - 6) % 7)


def bst_transitions(first_year: int, last_year: int) -> np.ndarray:
    """Minutes since the epoch of every change from `first_year` to `last_year`, in order:
    [BST starts, BST ends, BST starts, ...]."""
    changes = []
    for year in range(first_year, last_year + 1):
        for month in (3, 10):
            sunday = _last_sunday(year, month)
            changes.append(
                utc_minutes(datetime(sunday.year, sunday.month, sunday.day, 1, tzinfo=UTC))
            )
    return np.asarray(changes, dtype=np.int64)


def format_uk(minutes: np.ndarray, transitions: np.ndarray) -> list[str]:
    """ISO 8601 UK local times of instants given in minutes since the epoch."""
    position = np.searchsorted(transitions, minutes, side="right")
    in_bst = (position % 2) == 1
    local = minutes + np.where(in_bst, BST_OFFSET, 0)
    text = np.datetime_as_string(local.astype("datetime64[m]"), unit="s").tolist()
    # The repeated hour's second occurrence: GMT, within an hour after BST ended.
    previous = transitions[np.maximum(position - 1, 0)]
    repeated = np.flatnonzero(~in_bst & (position > 0) & (minutes - previous < BST_OFFSET))
    for index in repeated.tolist():
        text[index] += "+00:00"
    return text


def iso_uk(moment: datetime) -> str:
    """One aware instant as ISO 8601 UK local time (see the module's note on the repeat)."""
    local = moment.astimezone(UK)
    if local.fold:
        return local.isoformat(timespec="seconds")
    return local.replace(tzinfo=None).isoformat(timespec="seconds")
