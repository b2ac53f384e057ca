"""A register record's values as people read them, for its summary list and its history.

An empty value is "Not recorded", never "No" or a dash: NULL in the register means the
value was not recorded (register/choices.py). Date-times are shown in UK local time, the
time the register counts events by (core/uk_time.py).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import models
from django.utils.dateformat import format as date_format
from django.utils.text import capfirst
from django_countries.fields import Country

from answerable.core.uk_time import UK
from answerable.register.models.fields import SubjectAttributes, Timestamped
from answerable.register.views.kinds import url_for
from answerable.roles.predicates import User

NOT_RECORDED = "Not recorded"
MOMENT = "j F Y, H:i"
DAY = "j F Y"

# Not shown: the row's number, the import's bookkeeping, the full pseudonym (its short
# form names the person), and the UK local dates derived from the moments shown beside them.
HIDDEN = frozenset(
    {
        "id",
        "source_hash",
        "import_batch",
        "pseudonym",
        "arrived_on",
        "contacted_on",
        "disclosed_on",
    }
)
RECORD_LABELS = {
    "created_at": "Entered in the register",
    "updated_at": "Last changed",
    "duration_minutes": "Time in custody",
    "seconds_to_disclose": "Time to disclose",
}


@dataclass(frozen=True)
class Row:
    label: str
    value: str
    url: str = ""  # the linked record's page, when the user may open it


def moment_text(moment: datetime | None) -> str:
    return NOT_RECORDED if moment is None else date_format(moment.astimezone(UK), MOMENT)


def span_text(seconds: int) -> str:
    """A length of time in hours and minutes ("26h 05m"), as the admin shows durations."""
    hours, minutes = divmod(seconds // 60, 60)
    return f"{hours}h {minutes:02d}m"


def value_text(field: models.Field, value: Any) -> str:
    """One value of a field as text: choices by their label, countries by name."""
    if value is None or value == "" or value == []:
        return NOT_RECORDED
    if isinstance(value, Country):
        return value.name or NOT_RECORDED
    if isinstance(value, Iterable) and not isinstance(value, str):  # several countries
        return ", ".join(value_text(field, item) for item in value) or NOT_RECORDED
    if field.choices and not isinstance(value, models.Model):
        return str(dict(field.flatchoices or ()).get(value, value))
    if isinstance(value, datetime):
        return moment_text(value)
    if isinstance(value, date):
        return date_format(value, DAY)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)


def derived_text(record: models.Model, name: str) -> str | None:
    """The derived lengths of time, in words; None for any other field."""
    if name == "duration_minutes":
        minutes = getattr(record, name)
        # custody-episodes-v1: still in custody is its own value, never a zero.
        return "Still in custody" if minutes is None else span_text(minutes * 60)
    if name == "seconds_to_disclose":
        seconds = getattr(record, name)
        return "No Home Office request" if seconds is None else span_text(seconds)
    return None


def ordered_fields(model: type[models.Model]) -> list[models.Field]:
    """The model's own fields first, then the person's attributes as recorded at the event
    (fields.SubjectAttributes), then when the record was entered and last changed."""
    fields = list(model._meta.concrete_fields)
    attributes = {f.name for f in SubjectAttributes._meta.fields}
    stamps = {f.name for f in Timestamped._meta.fields}

    def place(field: models.Field) -> int:
        return 2 if field.name in stamps else 1 if field.name in attributes else 0

    return sorted(fields, key=place)  # stable: the model's order within each part


def label_of(field: models.Field) -> str:
    return RECORD_LABELS.get(field.name) or capfirst(str(field.verbose_name))


def summary(record: models.Model, user: User, hidden: Iterable[str] = ()) -> list[Row]:
    """Every field of the record, in the model's order, with links to linked records."""
    rows = []
    skip = HIDDEN | set(hidden)
    for field in ordered_fields(type(record)):
        if field.name in skip:
            continue
        derived = derived_text(record, field.name)
        if derived is not None:
            rows.append(Row(label_of(field), derived))
            continue
        value = getattr(record, field.name)
        url = url_for(user, value) if isinstance(value, models.Model) else ""
        rows.append(Row(label_of(field), value_text(field, value), url))
    return rows
