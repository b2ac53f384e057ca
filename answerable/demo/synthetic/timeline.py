"""When synthetic episodes arrive: a day-by-day volume over the span, sampled in bulk.

Episode k of n is placed at quantile (k + u) / n of the span's cumulative daily volume
(stratified sampling), so arrival days rise with the reference number, any chunk of
episodes covers its own stretch of time, and the daily volume follows the published yearly
shape (profiles.FY_VOLUME: corpus B1 and seed 001, lower in 2020/21) and a weekly rhythm.
"""

from datetime import date, timedelta

import numpy as np

from answerable.demo.synthetic.profiles import FY_VOLUME
from answerable.demo.synthetic.uk_clock import bst_transitions, uk_midnight_minutes

# Monday to Sunday: more arrests towards the weekend (synthetic).
WEEKDAY_FACTOR = (0.95, 0.95, 1.0, 1.0, 1.1, 1.15, 0.9)


def financial_year(day: date) -> int:
    """The year a UK financial year (1 April to 31 March) starts in."""
    return day.year if day.month >= 4 else day.year - 1


def _daily_volume(day: date) -> float:
    years = sorted(FY_VOLUME)
    year = min(max(financial_year(day), years[0]), years[-1])
    return FY_VOLUME[year] / 365.0 * WEEKDAY_FACTOR[day.weekday()]


class Timeline:
    """The span from UK local midnight of `start` to the midnight after `end`."""

    def __init__(self, start: date, end: date, episodes: int) -> None:
        if end < start:
            raise ValueError(f"the span ends ({end}) before it starts ({start})")
        days = (end - start).days + 1
        self.start, self.end, self.episodes = start, end, episodes
        self.days = days
        self.midnights = np.asarray(
            [uk_midnight_minutes(start + timedelta(days=offset)) for offset in range(days + 1)],
            dtype=np.int64,
        )
        volume = np.asarray(
            [_daily_volume(start + timedelta(days=offset)) for offset in range(days)]
        )
        cumulative = np.cumsum(volume)
        self.cdf = cumulative / cumulative[-1]
        self.transitions = bst_transitions(start.year - 1, end.year + 1)

    @property
    def first_minute(self) -> int:
        return int(self.midnights[0])

    @property
    def end_minute(self) -> int:
        """The instant the span ends (exclusive): events after it have not happened yet."""
        return int(self.midnights[-1])

    def day_of(self, quantiles: np.ndarray) -> np.ndarray:
        """The day index (0 = `start`) at each quantile of the cumulative volume."""
        return np.minimum(np.searchsorted(self.cdf, quantiles, side="right"), self.days - 1)

    def day_of_episode(self, index: np.ndarray) -> np.ndarray:
        """The typical day of episode `index` (its stratum's middle)."""
        return self.day_of((index + 0.5) / self.episodes)
