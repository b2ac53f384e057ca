"""A column's values as JSON and back, the same on SQLite and PostgreSQL (pure functions).

A backup holds each row as a JSON array of its columns' Python values as the ORM reads
them: dates and times as ISO 8601 (date-times in UTC with their offset), bytes as base64,
decimals as text, so that a backup made on one database restores on the other. A value's
type is never stored with it: the column's field says what it is.
"""

import base64
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db import models

Convert = Callable[[Any], Any]


def field_type(field: models.Field) -> str:
    # A foreign key holds its target's value: an id, or a UUID for a model keyed by one.
    while isinstance(field, models.ForeignKey) and field.target_field is not field:
        field = field.target_field
    return field.get_internal_type()


def _datetime_out(value: datetime) -> str:
    if value.tzinfo is None:
        # USE_TZ stores UTC; a naive value would be read as local time elsewhere.
        raise ValueError(f"a stored date and time has no time zone: {value!r}")
    return value.isoformat()


def datetime_in(text: str) -> datetime:
    value = datetime.fromisoformat(text)
    if value.tzinfo is None:
        raise ValueError(f"a date and time in the backup has no time zone: {text!r}")
    return value


def _duration_out(value: timedelta) -> int:
    return (value.days * 86_400 + value.seconds) * 1_000_000 + value.microseconds


def _bytes_out(value: bytes | memoryview) -> str:
    return base64.b64encode(bytes(value)).decode("ascii")


def _bytes_in(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


# internal type -> (to JSON, from JSON); types not named here are JSON as they are (text,
# numbers, booleans, a JSONField's value).
_CODECS: dict[str, tuple[Convert, Convert]] = {
    "DateTimeField": (_datetime_out, datetime_in),
    "DateField": (date.isoformat, date.fromisoformat),
    "TimeField": (time.isoformat, time.fromisoformat),
    "DurationField": (_duration_out, lambda micro: timedelta(microseconds=micro)),
    "DecimalField": (str, Decimal),
    "BinaryField": (_bytes_out, _bytes_in),
    "UUIDField": (str, UUID),
}


def skipping_none(convert: Convert) -> Convert:
    def converted(value: Any) -> Any:
        return None if value is None else convert(value)

    return converted


def encoder(field: models.Field) -> Convert | None:
    """How `field`'s value becomes JSON, or None when it already is."""
    codec = _CODECS.get(field_type(field))
    return None if codec is None else skipping_none(codec[0])


def decoder(field: models.Field) -> Convert | None:
    """How `field`'s value is read back from JSON, or None when it is used as it is."""
    codec = _CODECS.get(field_type(field))
    return None if codec is None else skipping_none(codec[1])


def encode_row(row: tuple[Any, ...], encoders: list[Convert | None]) -> list[Any]:
    return [
        value if convert is None else convert(value)
        for value, convert in zip(row, encoders, strict=True)
    ]
