"""Parsers for the interchange formats' cells: each returns a value or raises ValueError
with a message for the person who has to fix the file.

An empty cell and the literal `not_recorded` both mean "not recorded" (custody-episodes-v1,
File); parsers never see them and "not recorded" is never turned into "no".
"""

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from django.db import models

from answerable.core.uk_time import as_uk_aware, uk_date
from answerable.register.nationality import parse_nationality

NOT_RECORDED_TOKENS = frozenset({"", "not_recorded"})

# Countries in one cell are separated by semicolons: English names may hold commas
# ("Korea, Republic of").
COUNTRY_SEPARATOR = ";"

# A cell quoted back in an error message is cut to this length: the message is for a person,
# and a hostile or mistaken megabyte of text must not be echoed back whole.
SHOWN = 40

# Bidirectional overrides and isolates reorder what a reader sees without changing what is
# stored ("Trojan Source", CVE-2021-42574), so a reference could read as another one.
# With Unicode's control characters (category Cc) and lone surrogates (Cs), they are refused.
_BIDI_AND_SURROGATES = r"\u202a-\u202e\u2066-\u2069\ud800-\udfff"
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f" + _BIDI_AND_SURROGATES + "]")
# Free text keeps its line breaks and tabs.
CONTROL_BUT_LINES = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f" + _BIDI_AND_SURROGATES + "]")

Parser = Callable[[str], Any]


def is_not_recorded(cell: str) -> bool:
    return cell.strip().lower() in NOT_RECORDED_TOKENS


def shown(cell: str) -> str:
    """The cell as an error message quotes it: in quotes, escaped, and cut if long."""
    value = cell.strip()
    return repr(value) if len(value) <= SHOWN else repr(value[:SHOWN]) + "..."


def _refuse_controls(value: str, pattern: re.Pattern[str] = CONTROL) -> None:
    """Refuse control characters (NUL, escape, ...) and bidirectional overrides: no system
    means them as data, and they can hide or reorder what a person reading it sees."""
    found = pattern.search(value)
    if found is not None:
        raise ValueError(
            f"contains the control character U+{ord(found.group()):04X} "
            f"at character {found.start() + 1}"
        )


def text(max_length: int) -> Parser:
    """One line of text: runs of spaces, tabs and line breaks become one space."""

    def parse(cell: str) -> str:
        value = " ".join(cell.split())
        if len(value) > max_length:
            raise ValueError(f"longer than {max_length} characters ({len(value)})")
        _refuse_controls(value)
        return value

    return parse


def free_text(max_length: int) -> Parser:
    """Notes: line breaks and tabs are kept (written as \\n), other control characters
    refused."""

    def parse(cell: str) -> str:
        value = cell.replace("\r\n", "\n").replace("\r", "\n").strip()
        if len(value) > max_length:
            raise ValueError(f"longer than {max_length} characters ({len(value)})")
        _refuse_controls(value, CONTROL_BUT_LINES)
        return value

    return parse


def choice(choices: type[models.TextChoices]) -> Parser:
    allowed = {value.lower(): value for value in choices.values}
    listed = ", ".join(choices.values)

    def parse(cell: str) -> str:
        value = allowed.get(cell.strip().lower())
        if value is None:
            raise ValueError(f"{shown(cell)} is not one of: {listed}")
        return value

    return parse


def whole_number(minimum: int, maximum: int) -> Parser:
    def parse(cell: str) -> int:
        text = cell.strip()
        # Digits only: int() would also take "1_0", " +7" and other scripts' digits.
        digits = text[1:] if text[:1] == "-" else text
        if not (digits.isascii() and digits.isdigit()) or len(digits) > 12:
            raise ValueError(f"{shown(cell)} is not a whole number")
        value = int(text)
        if not minimum <= value <= maximum:
            raise ValueError(f"{value} is outside {minimum} to {maximum}")
        return value

    return parse


def _iso(cell: str) -> datetime:
    value = cell.strip()
    try:
        if not value.isascii():
            raise ValueError
        return datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(
            f"{shown(value)} is not an ISO 8601 date-time (e.g. 2017-05-02T14:05:00)"
        ) from None


def date_time(cell: str) -> datetime:
    """An ISO 8601 date-time with its time of day; no offset means UK local time."""
    value = cell.strip()
    moment = _iso(value)
    if len(value) <= 10:
        raise ValueError(f"{shown(value)} has no time of day (e.g. 2017-05-02T14:05:00)")
    return as_uk_aware(moment)


def date_or_date_time(cell: str) -> datetime:
    """A date-time, or a bare date read as the start of that UK local day."""
    return as_uk_aware(_iso(cell))


def calendar_date(cell: str) -> date:
    """A date; a date-time is accepted and read as its UK local date."""
    value = cell.strip()
    if len(value) <= 10:
        try:
            if not value.isascii():
                raise ValueError
            return date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{shown(value)} is not an ISO 8601 date (e.g. 2023-05-31)") from None
    return uk_date(as_uk_aware(_iso(value)))


def nationality(cell: str) -> str:
    value = cell.strip()
    if len(value) > 100:  # the longest English short name is under 60 characters
        raise ValueError(f"{shown(value)} is not a nationality (longer than 100 characters)")
    _refuse_controls(value)
    return parse_nationality(value)


def countries(cell: str) -> list[str]:
    """Countries (as nationality reads them) separated by semicolons, each once."""
    codes: list[str] = []
    for item in cell.split(COUNTRY_SEPARATOR):
        if item.strip():
            code = nationality(item)
            if code not in codes:
                codes.append(code)
    return codes
