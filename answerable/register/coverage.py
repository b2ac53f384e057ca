"""What the register holds, and from when: each record type's first day held.

A register holds records of a kind only from the day its source system began, or from the
day records were first loaded; Police Scotland's custody records, for example, come from the
National Custody System introduced in 2017. Before that day the register does not hold the
information at all, which is not the same as holding none: FOISA s17(1) requires an
authority to say that it does not hold information, so an answer must say "not held" for a
period before that day rather than count it as 0.

Pure functions: no database. The first day held is looked up by
register/coverage_records.py and passed in.
"""

from dataclasses import dataclass
from datetime import date
from typing import Literal

from answerable.core.record_types import RECORD_TYPES, record_type

# The record types whose coverage is recorded, by their `coverage` name (core/record_types.py).
KIND_TITLES: dict[str, str] = {kind.coverage: kind.plural for kind in RECORD_TYPES if kind.coverage}
KINDS: tuple[str, ...] = tuple(KIND_TITLES)
CUSTODY = record_type("custody_episode").coverage
DISCLOSURES = record_type("disclosure").coverage
NCCU = record_type("nccu_contact").coverage
ICCE = record_type("icce_request").coverage

Holding = Literal["held", "partly_held", "not_held"]


def parse_kind(text: str) -> str:
    """A record type's name, checked: a typo must not record coverage for nothing."""
    kind = text.strip().lower()
    if kind not in KINDS:
        raise ValueError(f"{text!r} is not a record type; the record types are: {', '.join(KINDS)}")
    return kind


def parse_day(text: str, *, what: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{what} {text!r} is not a date in the form YYYY-MM-DD") from None


@dataclass(frozen=True)
class PeriodSplit:
    """A period (first and last day, None for open) split at the first day held.

    held: the part the register holds, as (first, last), or None when none of it is held;
    starts_before: the period as asked starts before the first day held (an open start
    counts as starting before), so only part of it is answered.
    """

    held: tuple[date | None, date | None] | None
    starts_before: bool

    @property
    def wholly_not_held(self) -> bool:
        return self.held is None


def split_period(first: date | None, last: date | None, held_from: date | None) -> PeriodSplit:
    """The part of the period from `first` to `last` that the register holds."""
    if held_from is None:  # coverage not set: everything is treated as held
        return PeriodSplit((first, last), starts_before=False)
    if last is not None and last < held_from:
        return PeriodSplit(None, starts_before=True)
    if first is None or first < held_from:
        return PeriodSplit((held_from, last), starts_before=True)
    return PeriodSplit((first, last), starts_before=False)


def holding(first: date, last: date, held_from: date | None) -> Holding:
    """Whether the days from `first` to `last` (a year, a month) are held: wholly, partly
    (from `held_from` on) or not at all."""
    if held_from is None or first >= held_from:
        return "held"
    if last < held_from:
        return "not_held"
    return "partly_held"
