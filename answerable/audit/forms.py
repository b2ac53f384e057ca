"""The data protection officer's search of the audit trail: one FilterSet for the page and CSV.

Dates and times are UK local time (Europe/London), as staff read them on the page; a range is
inclusive: "to 3 March" takes in the whole of 3 March, "to 14:30" the whole of that minute.
"""

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import django_filters
from django import forms
from django.apps import apps
from django.db.models import QuerySet

from answerable.audit.actions import Action
from answerable.audit.models import AuditEntry
from answerable.audit.sentences import RECORD_TYPE_LABELS
from answerable.core.dates import DATE_FORMATS
from answerable.core.uk_time import UK
from answerable.web.dates import GovukDateField
from answerable.web.filters import ChoiceFilter

TIME_FORMATS = ["%H:%M", "%H.%M", "%H:%M:%S"]

# The search's own fields, as they are written into its audit entry and its CSV's name.
FILTERS = (
    "from_date",
    "from_time",
    "to_date",
    "to_time",
    "action",
    "actor",
    "record_type",
    "record_id",
    "recipient",
)


def record_type_label(record_type: str) -> str:
    """ "Custody episode", "ICCE request" (acronyms kept), "Catalogue question"; the stored
    value as it is for a type nothing names."""
    if record_type in RECORD_TYPE_LABELS:
        kind = RECORD_TYPE_LABELS[record_type]
    else:
        try:
            kind = str(apps.get_model(record_type)._meta.verbose_name)
        except (LookupError, ValueError):
            return record_type
    return kind[:1].upper() + kind[1:]


def record_type_choices() -> list[tuple[str, str]]:
    stored = (
        AuditEntry.objects.exclude(record_type="")
        .order_by("record_type")
        .values_list("record_type", flat=True)
        .distinct()
    )
    return [("", "All record types"), *((value, record_type_label(value)) for value in stored)]


def _date(label: str) -> forms.DateField:
    """A date typed as day, month and year (the GOV.UK date input, web/dates.py); the one
    value of an older link (29/03/2026 or 2026-03-29) is still read."""
    return GovukDateField(
        label=label,
        required=False,
        input_formats=DATE_FORMATS,
        error_messages={"invalid": f"Enter the {label.lower()} as a real date, like 27 3 2026"},
    )


def _time(label: str, hint: str) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        required=False,
        input_formats=TIME_FORMATS,
        help_text=hint,
        error_messages={"invalid": f"Enter the {label.lower()} as a 24-hour time, like 14:30"},
    )


class AuditSearchForm(forms.Form):
    """The fields read together (a period's dates and times; the entry the search is pinned
    to) and the checks across fields; the one-field filters are AuditFilter's."""

    # The fields in the order the page has always shown them.
    field_order = (
        "from_date",
        "from_time",
        "to_date",
        "to_time",
        "action",
        "actor",
        "record_type",
        "record_id",
        "recipient",
        "upto",
    )

    from_date = _date("From date")
    from_time = _time("From time", "24-hour UK time, like 09:30; blank for the start of the day")
    to_date = _date("To date")
    to_time = _time("To time", "24-hour UK time, like 17:00; blank for the end of the day")
    # The last entry the first page of results showed: later pages and the export keep to it,
    # so that entries appended meanwhile (this search's own among them) do not shift them.
    upto = forms.IntegerField(
        required=False,
        min_value=0,
        widget=forms.HiddenInput,
        error_messages={
            "invalid": "The link followed is not a search of the trail: search again",
            "min_value": "The link followed is not a search of the trail: search again",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "record_type" in self.fields:
            record_type = self.fields["record_type"]
            assert isinstance(record_type, forms.ChoiceField)
            record_type.choices = record_type_choices()

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        for end in ("from", "to"):
            if data.get(f"{end}_time") and not data.get(f"{end}_date"):
                self.add_error(f"{end}_date", f"Enter the {end} date for the {end} time")
        start, finish = self.bounds()
        if start is not None and finish is not None and start >= finish:
            self.add_error("to_date", "The 'to' date and time must be after the 'from' ones")
        return data

    def bounds(self) -> tuple[datetime | None, datetime | None]:
        """[start, end) in UTC from the UK dates and times given, None where open."""
        data = self.cleaned_data
        start = end = None
        if data.get("from_date"):
            start = uk_moment(data["from_date"], data.get("from_time") or time.min)
        if data.get("to_date"):
            end = end_of(data["to_date"], data.get("to_time"))
        return start, end

    def filters(self) -> dict[str, str]:
        """The filters used, as text (for the search's own audit entry): none of them empty."""
        used = {}
        for name in FILTERS:
            value = self.cleaned_data.get(name)
            if value not in (None, ""):
                used[name] = value.isoformat() if hasattr(value, "isoformat") else str(value)
        return used


class AuditFilter(django_filters.FilterSet):
    """The search of the trail (a django-filter FilterSet), for the page and the CSV."""

    action = ChoiceFilter(
        label="Action",
        choices=[("", "All actions"), *Action.choices],
        error_messages={"invalid_choice": "Choose an action from the list"},
    )
    actor = django_filters.CharFilter(
        label="Who",
        lookup_expr="icontains",
        max_length=150,
        strip=True,
        help_text="All or part of a user name, an API client (api:…) or a command",
    )
    record_type = ChoiceFilter(
        label="Record type",
        choices=(),  # the types stored in the trail: AuditSearchForm.__init__
        error_messages={"invalid_choice": "Choose a record type from the list"},
    )
    record_id = django_filters.CharFilter(
        label="Record number",
        max_length=64,
        strip=True,
        help_text="The record's number exactly, for example 1234",
    )
    recipient = django_filters.CharFilter(
        label="Recipient",
        lookup_expr="icontains",
        max_length=100,
        strip=True,
        help_text="All or part of a disclosure's recipient, for example Home Office",
    )

    class Meta:
        model = AuditEntry
        fields: tuple[str, ...] = ()
        form = AuditSearchForm

    def filter_queryset(self, queryset: QuerySet[AuditEntry]) -> QuerySet[AuditEntry]:
        """The period (its dates and times read together) and the pinned last entry, then
        each one-field filter."""
        form = self.form
        start, end = form.bounds()
        if start is not None:
            queryset = queryset.filter(at__gte=start)
        if end is not None:
            queryset = queryset.filter(at__lt=end)
        upto = form.cleaned_data.get("upto")
        if upto is not None:
            queryset = queryset.filter(sequence__lte=upto)
        for name, value in form.cleaned_data.items():
            if name in self.filters:
                queryset = self.filters[name].filter(queryset, value)
        return queryset


def uk_moment(day: date, at: time) -> datetime:
    # In UTC: PEP 495 makes a UK time in the hour the clocks go back unequal to every time
    # in another zone, even the same instant (core/uk_time.py).
    return datetime.combine(day, at, tzinfo=UK).astimezone(UTC)


def end_of(day: date, at: time | None) -> datetime:
    """The first moment after `day` (and `at`, to the minute or second it was given to)."""
    if at is None:
        return uk_moment(day + timedelta(days=1), time.min)
    step = timedelta(seconds=1) if at.second else timedelta(minutes=1)
    return uk_moment(day, at.replace(microsecond=0)) + step
