"""Parsers for the interchange formats' cells: each returns a value or raises ValueError
with a message for the person who has to fix the file.

An empty cell and the literal `not_recorded` both mean "not recorded" (custody-episodes-v1,
File); parsers never see them and "not recorded" is never turned into "no".
"""

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from django.db import models

from answerable.register.nationality import parse_nationality
from answerable.register.uk_time import as_uk_aware, uk_date

NOT_RECORDED_TOKENS = frozenset({"", "not_recorded"})

Parser = Callable[[str], Any]


def is_not_recorded(cell: str) -> bool:
    return cell.strip().lower() in NOT_RECORDED_TOKENS


def text(max_length: int) -> Parser:
    def parse(cell: str) -> str:
        value = " ".join(cell.split())
        if len(value) > max_length:
            raise ValueError(f"longer than {max_length} characters ({len(value)})")
        return value

    return parse


def choice(choices: type[models.TextChoices]) -> Parser:
    allowed = {value.lower(): value for value in choices.values}
    listed = ", ".join(choices.values)

    def parse(cell: str) -> str:
        value = allowed.get(cell.strip().lower())
        if value is None:
            raise ValueError(f"{cell.strip()!r} is not one of: {listed}")
        return value

    return parse


def whole_number(minimum: int, maximum: int) -> Parser:
    def parse(cell: str) -> int:
        try:
            value = int(cell.strip())
        except ValueError:
            raise ValueError(f"{cell.strip()!r} is not a whole number") from None
        if not minimum <= value <= maximum:
            raise ValueError(f"{value} is outside {minimum} to {maximum}")
        return value

    return parse


def _iso(cell: str) -> datetime:
    value = cell.strip()
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(
            f"{value!r} is not an ISO 8601 date-time (e.g. 2017-05-02T14:05:00)"
        ) from None


def date_time(cell: str) -> datetime:
    """An ISO 8601 date-time with its time of day; no offset means UK local time."""
    value = cell.strip()
    moment = _iso(value)
    if len(value) <= 10:
        raise ValueError(f"{value!r} has no time of day (e.g. 2017-05-02T14:05:00)")
    return as_uk_aware(moment)


def date_or_date_time(cell: str) -> datetime:
    """A date-time, or a bare date read as the start of that UK local day."""
    return as_uk_aware(_iso(cell))


def calendar_date(cell: str) -> date:
    """A date; a date-time is accepted and read as its UK local date."""
    value = cell.strip()
    if len(value) <= 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value!r} is not an ISO 8601 date (e.g. 2023-05-31)") from None
    return uk_date(as_uk_aware(_iso(value)))


def nationality(cell: str) -> str:
    return parse_nationality(cell)
