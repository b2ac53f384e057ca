"""The clock's part that reads the database: the calendar casework counts by, the `holidays`
library's holidays with the administrators' corrections (models.HolidayCorrection) applied.
holidays.py, calendar.py and deadlines.py stay pure and need no Django.
"""

from answerable.clock.calendar import WorkingCalendar
from answerable.clock.holidays import build_calendar
from answerable.clock.models import HolidayCorrection
from answerable.clock.regimes import Regime


def calendar_for(regime: Regime | str, years: range | None = None) -> WorkingCalendar:
    """The calendar the casework counts by: the library plus the corrections table."""
    corrections = [row.as_correction() for row in HolidayCorrection.objects.all()]
    return build_calendar(regime, years, corrections)
