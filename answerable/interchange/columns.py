"""Columns of the interchange formats, by kind of value: each pairs a cell parser
(cells.py) with what a describer needs to know of it (the API's OpenAPI document), so the
two can never say different things."""

from django.db import models

from answerable.interchange import cells
from answerable.interchange.spec import Column

# The kinds of value a column holds.
TEXT = "text"  # one line
FREE_TEXT = "free_text"  # notes, line breaks kept
CHOICE = "choice"
WHOLE_NUMBER = "whole_number"
DATE_TIME = "date_time"  # with its time of day
DATE_OR_DATE_TIME = "date_or_date_time"  # a bare date is the start of that UK day
DATE = "date"
NATIONALITY = "nationality"
COUNTRIES = "countries"  # several nationalities, separated by semicolons

ISO_DATE_TIME = "ISO 8601 date-time, e.g. 2017-05-02T14:05:00; without an offset, UK local time"
NATIONALITY_VALUES = "ISO 3166-1 alpha-2 or alpha-3 code or English short name, or `stateless`"


def text(name: str, max_length: int, description: str = "", *, required: bool = False) -> Column:
    return Column(
        name,
        cells.text(max_length),
        required,
        TEXT,
        max_length=max_length,
        description=description,
    )


def free_text(name: str, max_length: int, description: str = "") -> Column:
    return Column(
        name,
        cells.free_text(max_length),
        kind=FREE_TEXT,
        max_length=max_length,
        description=description,
    )


def choice(
    name: str, choices: type[models.TextChoices], description: str = "", *, required: bool = False
) -> Column:
    return Column(
        name,
        cells.choice(choices),
        required,
        CHOICE,
        choices=tuple(choices.values),
        description=description,
    )


def whole_number(name: str, minimum: int, maximum: int, description: str = "") -> Column:
    return Column(
        name,
        cells.whole_number(minimum, maximum),
        kind=WHOLE_NUMBER,
        minimum=minimum,
        maximum=maximum,
        description=description,
    )


def date_time(name: str, description: str = "", *, required: bool = False) -> Column:
    return Column(
        name,
        cells.date_time,
        required,
        DATE_TIME,
        description=f"{description} ({ISO_DATE_TIME})" if description else ISO_DATE_TIME,
    )


def date_or_date_time(name: str, description: str = "") -> Column:
    said = f"{ISO_DATE_TIME}; a date alone is the start of that UK day"
    return Column(
        name,
        cells.date_or_date_time,
        kind=DATE_OR_DATE_TIME,
        description=f"{description} ({said})" if description else said,
    )


def calendar_date(name: str, description: str = "", *, required: bool = False) -> Column:
    said = "ISO 8601 date, e.g. 2023-05-31"
    return Column(
        name,
        cells.calendar_date,
        required,
        DATE,
        description=f"{description} ({said})" if description else said,
    )


def nationality(name: str, description: str = "") -> Column:
    return Column(
        name,
        cells.nationality,
        kind=NATIONALITY,
        description=f"{description} ({NATIONALITY_VALUES})",
    )


def countries(name: str, description: str = "") -> Column:
    return Column(
        name,
        cells.countries,
        kind=COUNTRIES,
        description=(
            f"{description} (each {NATIONALITY_VALUES}; in a file, separated by "
            f"'{cells.COUNTRY_SEPARATOR}')"
        ),
    )
