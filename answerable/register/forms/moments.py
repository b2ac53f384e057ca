"""A moment keyed as a UK local date and a time of day: two boxes a person can type.

The register holds aware date-times, and an officer reads the date and the time off a
custody clock or a call log in UK local time (core/uk_time.py), so each model date-time is asked
for as its two parts and combined here: the date as the GOV.UK date input (day, month and
year: web/dates.py), the time in the browser's own time box, which needs no JavaScript and
falls back to a plain text box.
"""

from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from django import forms

from answerable.core.uk_time import UK, as_uk_aware
from answerable.web.dates import GovukDateField

CLOCK = "%H:%M"


def time_input() -> forms.TimeInput:
    return forms.TimeInput(attrs={"type": "time"}, format=CLOCK)


def combine(day: date, clock: time) -> datetime:
    """The aware moment of a UK local date and time of day (as_uk_aware's reading of a
    time in the hour the clocks skip or repeat)."""
    return as_uk_aware(datetime.combine(day, clock.replace(second=0, microsecond=0)))


def parts(moment: datetime | None) -> tuple[date | None, time | None]:
    if moment is None:
        return None, None
    local = moment.astimezone(UK)
    return local.date(), local.time().replace(second=0, microsecond=0)


# What the mixin is mixed into, for the type checker; at run time it adds no base.
if TYPE_CHECKING:
    _FormBase = forms.ModelForm
else:
    _FormBase = object


class UkMomentsMixin(_FormBase):
    """For a ModelForm: each model date-time named in `moments` is asked for as
    `<name>_date` and `<name>_time`, and saved as one aware moment.

    The model field stays in Meta.fields (so the form saves it) but its single box is
    replaced by the two parts; `field_order` places them.
    """

    # model field -> (what the moment is, e.g. "Contacted", and whether it must be given)
    moments: dict[str, tuple[str, bool]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, (label, required) in self.moments.items():
            self.fields.pop(name, None)
            day, clock = parts(getattr(self.instance, name, None))
            self.fields[f"{name}_date"] = GovukDateField(
                label=f"{label}: date",
                required=required,
                initial=day,
                help_text="The UK local date, for example 27 3 2026.",
                error_messages={"required": f"Enter the date {label.lower()}"},
            )
            self.fields[f"{name}_time"] = forms.TimeField(
                label=f"{label}: time",
                required=required,
                initial=clock,
                widget=time_input(),
                help_text="The UK local time, on the 24-hour clock: for example 14:05.",
                error_messages={"required": f"Enter the time {label.lower()}"},
            )
        self.order_fields(self.field_order)

    def clean(self) -> dict[str, Any]:
        # Combined before the form's own checks, which then see the model's field.
        cleaned = self.cleaned_data
        for name, (label, _) in self.moments.items():
            cleaned[name] = self._moment(name, label, cleaned)
        super().clean()
        return self.cleaned_data

    def _moment(self, name: str, label: str, cleaned: dict[str, Any]) -> datetime | None:
        day_field, time_field = f"{name}_date", f"{name}_time"
        if self.has_error(day_field) or self.has_error(time_field):
            return None
        day, clock = cleaned.get(day_field), cleaned.get(time_field)
        if day is not None and clock is None:
            self.add_error(time_field, f"{label}: give the time as well as the date.")
            return None
        if clock is not None and day is None:
            self.add_error(day_field, f"{label}: give the date as well as the time.")
            return None
        return combine(day, clock) if day is not None and clock is not None else None

    def moment_error(self, name: str, message: str) -> None:
        """An error about a combined moment, shown at its date box."""
        self.add_error(f"{name}_date", message)
