"""The holidays of each regime's working days, from the `holidays` library and the
corrections administrators keep in the database (HolidayCorrection).

FOISA s73 (and EIR(S) reg 2(1)): a working day is any day other than a Saturday, a
Sunday, Christmas Day or a day which, under the Banking and Financial Dealings Act 1971,
is a bank holiday in Scotland. FOIA s10(6) (and EIR reg 2(1)): any day other than a
Saturday, a Sunday, Christmas Day, Good Friday or a bank holiday under the 1971 Act in
ANY part of the United Kingdom. So the UK calendar is the union of the four nations'
holidays, not `holidays.UK()` without a subdivision, which gives only the days common to
all four (ICO line to take LTT47: St Patrick's Day, a holiday in Northern Ireland only, is
a non-working day for every FOIA request).

Published lists have been wrong, and bank holidays are proclaimed at short notice (15 June
2026 in Scotland, proclaimed 4 February 2026), so the library's days are corrected by rows
an administrator adds, each with its source.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from answerable.clock.calendar import SATURDAY, WorkingCalendar
from answerable.clock.errors import ClockError
from answerable.clock.regimes import SCOTLAND, Regime, rules_for
from answerable.lazy import lazy_module

# The holidays library when first used: `answerable` commands start without it (lazy.py).
holiday_library = lazy_module("holidays")

# The parts of the United Kingdom, each with its bank holidays under the 1971 Act, and
# the library's subdivisions for it (England and Wales share a schedule of the Act).
SCOTLAND_PART = "scotland"
ENGLAND_AND_WALES = "england-and-wales"
NORTHERN_IRELAND = "northern-ireland"
ALL_PARTS = "united-kingdom"  # a correction that applies to every part
PARTS: dict[str, tuple[str, str]] = {
    # part: (label, library subdivisions joined by commas)
    SCOTLAND_PART: ("Scotland", "SCT"),
    ENGLAND_AND_WALES: ("England and Wales", "ENG,WLS"),
    NORTHERN_IRELAND: ("Northern Ireland", "NIR"),
}

ADD = "add"
REMOVE = "remove"

# FOISA was fully in force on 1 January 2005, as were FOIA's rights of access and both
# sets of EIR; a request in December runs into the next year, so the default span reaches
# ten years ahead. Counting outside the span is refused (calendar.py), never guessed.
FIRST_YEAR = 2005
YEARS_AHEAD = 10


def default_years() -> range:
    return range(FIRST_YEAR, date.today().year + YEARS_AHEAD + 1)


@dataclass(frozen=True)
class Correction:
    """One correction of the library's holidays (the pure form of a HolidayCorrection)."""

    day: date
    region: str  # a key of PARTS, or ALL_PARTS
    action: str  # ADD or REMOVE
    name: str
    source: str


@lru_cache(maxsize=32)
def _library_part(part: str, years: tuple[int, ...]) -> dict[date, str]:
    """The library's bank holidays of one part of the UK that fall on weekdays."""
    days: dict[date, str] = {}
    for subdivision in PARTS[part][1].split(","):
        for day, name in holiday_library.country_holidays(
            "GB", subdiv=subdivision, years=years
        ).items():
            if day.weekday() < SATURDAY:
                days.setdefault(day, name)
    return days


def _part_holidays(part: str, years: range, corrections: Iterable[Correction]) -> dict[date, str]:
    days = dict(_library_part(part, tuple(years)))
    relevant = [c for c in corrections if c.region in (part, ALL_PARTS) and c.day.year in years]
    # A correction for the part itself overrides one for the whole United Kingdom.
    relevant.sort(key=lambda c: (c.region != ALL_PARTS, c.day))
    for correction in relevant:
        if correction.action == ADD:
            if correction.day.weekday() < SATURDAY:
                days[correction.day] = correction.name
        elif correction.action == REMOVE:
            days.pop(correction.day, None)
        else:
            raise ClockError(f"unknown correction action {correction.action!r}", field="action")
    # Christmas Day is named in both definitions (FOISA s73; FOIA s10(6)), whatever the
    # 1971 Act or a correction says: it is never a working day.
    for year in years:
        christmas = date(year, 12, 25)
        if christmas.weekday() < SATURDAY:
            days.setdefault(christmas, "Christmas Day")
    return days


def build_calendar(
    regime: Regime | str, years: range | None, corrections: Iterable[Correction]
) -> WorkingCalendar:
    """The calendar of `regime` from the library's holidays and `corrections`."""
    rules = rules_for(regime)
    years = years if years is not None else default_years()
    if len(years) == 0 or years.step != 1:
        raise ClockError(f"years must be a run of consecutive years, not {years!r}", field="years")
    corrections = list(corrections)
    if rules.calendar == SCOTLAND:
        holidays = _part_holidays(SCOTLAND_PART, years, corrections)
        return WorkingCalendar(f"Scotland ({rules.working_day})", holidays, years)
    # FOIA s10(6): a bank holiday in any part of the UK. Each day is named with the parts
    # where it is one, so an explanation can say why a day was skipped.
    union: dict[date, dict[str, list[str]]] = {}
    for part, (label, _) in PARTS.items():
        for day, name in _part_holidays(part, years, corrections).items():
            union.setdefault(day, {}).setdefault(name, []).append(label)
    holidays = {
        day: "; ".join(
            f"{name} ({'every part of the UK' if len(labels) == len(PARTS) else ', '.join(labels)})"
            for name, labels in names.items()
        )
        for day, names in union.items()
    }
    return WorkingCalendar(f"United Kingdom, any part ({rules.working_day})", holidays, years)


def library_calendar(regime: Regime | str, years: range | None = None) -> WorkingCalendar:
    """The calendar from the library alone, without the database's corrections."""
    return build_calendar(regime, years, ())
