"""A record's history (django-simple-history): who changed what, when, and why.

Each version is compared with the one before it, field by field, so a correction shows
the value it replaced (DPA 2018 s62: alteration; s38: rectification). Only the fields a
person edits are compared; the register's bookkeeping (derived dates, timestamps) is not.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import models

from answerable.register.views.display import label_of, ordered_fields, value_text

HOW = {"+": "Created", "~": "Changed", "-": "Deleted"}
SYSTEM = "System (import or service)"


@dataclass(frozen=True)
class Change:
    field: str
    before: str
    after: str


@dataclass(frozen=True)
class Version:
    at: datetime
    who: str
    how: str
    reason: str
    changes: list[Change]


def _related(field: models.Field, value: Any) -> Any:
    """A foreign key's value, which the history holds as a key, as the record it names."""
    related = field.related_model if field.is_relation else None
    if value is None or related is None:
        return value
    found = related._default_manager.filter(pk=value).first()
    return found if found is not None else f"{related._meta.verbose_name} {value}"


def changes_between(model: type[models.Model], older: Any, newer: Any) -> list[Change]:
    """What changed from one historical version to the next, in the model's field order."""
    delta = newer.diff_against(older)
    by_name = {change.field: change for change in delta.changes}
    found = []
    for field in ordered_fields(model):
        change = by_name.get(field.name)
        if change is None:
            continue
        before, after = _related(field, change.old), _related(field, change.new)
        found.append(Change(label_of(field), value_text(field, before), value_text(field, after)))
    return found


def versions(record: models.Model) -> list[Version]:
    """Every version of the record, newest first."""
    model = type(record)
    # django-simple-history puts its manager on each model it records; the stubs know none.
    manager = record.history  # type: ignore[attr-defined]
    history = list(manager.select_related("history_user").order_by("history_date", "pk"))
    found = []
    previous = None
    for entry in history:
        changes: list[Change] = [] if previous is None else changes_between(model, previous, entry)
        user = entry.history_user
        found.append(
            Version(
                at=entry.history_date,
                who=user.get_username() if user is not None else SYSTEM,
                how=HOW.get(entry.history_type, entry.history_type),
                reason=entry.history_change_reason or "",
                changes=changes,
            )
        )
        previous = entry
    return found[::-1]
