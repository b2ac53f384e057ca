"""Working days: Monday to Friday, less the holidays a regime's definition excludes.

Pure: the holidays are given (holidays.py builds them from the `holidays` library and the
administrators' corrections), so the counting can be tested without a database.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from answerable.clock.errors import ClockError

ONE_DAY = timedelta(days=1)
SATURDAY = 5


@dataclass(frozen=True)
class WorkingCalendar:
    """The working days of one regime.

    `holidays` holds every weekday that is not a working day, with its name. `years`,
    when given, is the span the holidays were built for: counting outside it is refused
    rather than treating unknown bank holidays as working days.
    """

    name: str  # e.g. "Scotland (FOISA s73)"
    holidays: Mapping[date, str]
    years: range | None = field(default=None)

    def _check_covered(self, day: date) -> None:
        if self.years is not None and day.year not in self.years:
            raise ClockError(
                f"{day.isoformat()} is outside the years the calendar {self.name!r} covers "
                f"({self.years.start}-{self.years.stop - 1})"
            )

    def is_working_day(self, day: date) -> bool:
        self._check_covered(day)
        return day.weekday() < SATURDAY and day not in self.holidays

    def why_not_working(self, day: date) -> str | None:
        """None for a working day, else what makes it a non-working day."""
        if self.is_working_day(day):
            return None
        if day.weekday() >= SATURDAY:
            return day.strftime("%A")
        return self.holidays[day]

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after `start`; `start` itself never counts.

        Day 1 is the first working day after the calendar day `start`, whether or not
        `start` is itself a working day (FOISA s10(1); FOIA s10(1): "the twentieth working
        day following the date of receipt"). n = 0 gives `start`.
        """
        if n < 0:
            raise ClockError(f"cannot count {n} working days: the number must not be negative")
        day = start
        counted = 0
        while counted < n:
            day += ONE_DAY
            if self.is_working_day(day):
                counted += 1
        return day

    def working_days_between(self, after: date, up_to: date) -> int:
        """How many working days d there are with after < d <= up_to (0 if none)."""
        count = 0
        day = after + ONE_DAY
        while day <= up_to:
            if self.is_working_day(day):
                count += 1
            day += ONE_DAY
        return count

    def holidays_between(self, after: date, up_to: date) -> list[tuple[date, str]]:
        """The holidays (weekdays only) with after < day <= up_to, in date order."""
        return sorted((day, name) for day, name in self.holidays.items() if after < day <= up_to)
