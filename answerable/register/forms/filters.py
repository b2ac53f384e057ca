"""The filters of the register's lists: a period, where, and what kind of record.

Every field is optional and the form is always bound to the query string, so a list with
no query shows everything the user may see, newest first. "Not recorded" is a choice of
its own wherever a value may be missing: it selects NULL, never "no" (register/choices.py).
"""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django import forms
from django.db.models import Model, QuerySet

from answerable.register.admin.base import search_by_reference
from answerable.register.choices import (
    NOT_RECORDED,
    CrimeType,
    CustodyOutcome,
    DetentionBasis,
    HomeOfficeOutcome,
    IcceResult,
    NccuChannel,
    OfficerAction,
    Purpose,
    Role,
    Sex,
    YesNo,
)
from answerable.register.forms.stations import stations_for
from answerable.register.models import Division, Station
from answerable.web.dates import GovukDateField

ANY = ("", "Any")
REFERENCE_LENGTH = 64


def choice(label: str, choices: Iterable[tuple[str, str]], *, recordable: bool = False):
    options = [ANY, *choices]
    if recordable:
        options.append((NOT_RECORDED, "Not recorded"))
    return forms.ChoiceField(label=label, choices=options, required=False)


class RegisterFilterForm(forms.Form):
    """The fields every list has. A subclass names its date, reference and the filters
    it adds; `division` is the user's division (their list shows no other), or None."""

    date_field: str = ""  # the indexed UK local date the list is sorted and filtered by
    reference_lookup: str = ""
    # form field -> model field, for the choices that select by value
    choice_filters: dict[str, str] = {}
    has_station = True

    reference = forms.CharField(
        label="Reference",
        required=False,
        max_length=REFERENCE_LENGTH,
        help_text="The exact reference.",
    )
    date_from = GovukDateField(label="From", required=False)
    date_to = GovukDateField(label="To", required=False)
    division = forms.ModelChoiceField(
        label="Division", queryset=Division.objects.none(), required=False, empty_label="Any"
    )
    station = forms.ModelChoiceField(
        label="Custody centre", queryset=Station.objects.none(), required=False, empty_label="Any"
    )

    def __init__(self, *args: Any, division: Division | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if division is not None:
            # The list shows only the user's division: nothing else to choose.
            self.fields.pop("division")
        else:
            division_field = self.fields["division"]
            assert isinstance(division_field, forms.ModelChoiceField)
            division_field.queryset = Division.objects.select_related("force")
        if self.has_station:
            station_field = self.fields["station"]
            assert isinstance(station_field, forms.ModelChoiceField)
            station_field.queryset = stations_for(division)
        else:
            self.fields.pop("station")

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The end of the period cannot come before its start.")
        return cleaned

    def filter(self, records: QuerySet) -> QuerySet:
        """The records the valid form selects (call is_valid() first)."""
        data = self.cleaned_data
        start: date | None = data.get("date_from")
        end: date | None = data.get("date_to")
        if start:
            records = records.filter(**{f"{self.date_field}__gte": start})
        if end:
            records = records.filter(**{f"{self.date_field}__lte": end})
        for name in ("division", "station"):
            if data.get(name) is not None:
                records = records.filter(**{name: data[name]})
        for name, field in self.choice_filters.items():
            value = data.get(name)
            if value == NOT_RECORDED:
                records = records.filter(**{f"{field}__isnull": True})
            elif value:
                records = records.filter(**{field: value})
        reference = (data.get("reference") or "").strip()
        if reference:
            records = self.by_reference(records, reference)
        return records

    def by_reference(self, records: QuerySet, reference: str) -> QuerySet:
        # As the admin searches: exact, as typed and in capitals, on the (force, reference)
        # unique index, never a substring scan of a million rows.
        return search_by_reference(records, self.reference_lookup, reference)[0]

    def applied(self) -> dict[str, str]:
        """The filters in use, as the audit trail's entry names them (never a person)."""
        if not self.is_bound or not hasattr(self, "cleaned_data"):
            return {}
        return {
            name: str(value.pk if isinstance(value, Model) else value)
            for name, value in self.cleaned_data.items()
            if value not in (None, "")
        }


class CustodyFilterForm(RegisterFilterForm):
    date_field = "arrived_on"
    reference_lookup = "custody_ref"
    choice_filters = {"detention_basis": "detention_basis", "sex": "sex", "outcome": "outcome"}

    detention_basis = choice("Detention basis", DetentionBasis.choices)
    sex = choice("Sex", Sex.choices, recordable=True)
    outcome = choice("Outcome", CustodyOutcome.choices, recordable=True)


class NccuFilterForm(RegisterFilterForm):
    date_field = "contacted_on"
    reference_lookup = "reference"
    choice_filters = {
        "channel": "channel",
        "role": "role",
        "crime_type": "crime_type",
        "sex": "sex",
        "action_taken": "action_taken",
    }

    channel = choice("Channel", NccuChannel.choices)
    role = choice("Person's role", Role.choices)
    crime_type = choice("Crime type", CrimeType.choices, recordable=True)
    sex = choice("Sex", Sex.choices, recordable=True)
    action_taken = choice("What the officer then did", OfficerAction.choices, recordable=True)

    def by_reference(self, records: QuerySet, reference: str) -> QuerySet:
        # NCCU references are the NCCU's own, typed by officers: matched in any case.
        return records.filter(reference__iexact=reference)


class DisclosureFilterForm(RegisterFilterForm):
    date_field = "disclosed_on"
    reference_lookup = "disclosure_ref"
    has_station = False  # a disclosure is made by a division, not at a custody centre
    choice_filters = {
        "purpose": "purpose",
        "role": "role",
        "crime_type": "crime_type",
        "sex": "sex",
        "home_office_outcome": "home_office_outcome",
    }

    purpose = choice("Purpose", Purpose.choices)
    role = choice("Person's role", Role.choices)
    crime_type = choice("Crime type", CrimeType.choices, recordable=True)
    sex = choice("Sex", Sex.choices, recordable=True)
    home_office_outcome = choice("Home Office outcome", HomeOfficeOutcome.choices, recordable=True)


class IcceFilterForm(RegisterFilterForm):
    date_field = "sent_on"
    reference_lookup = "reference"
    has_station = False  # collated by division (seed 000)
    choice_filters = {
        "result": "result",
        "high_harm": "high_harm",
        "referred_to_hoie": "referred_to_hoie",
    }

    result = choice("Result", IcceResult.choices)
    high_harm = choice("Meets high-harm criteria", YesNo.choices, recordable=True)
    referred_to_hoie = choice("Referred to Immigration Enforcement", YesNo.choices, recordable=True)

    def by_reference(self, records: QuerySet, reference: str) -> QuerySet:
        return records.filter(reference__iexact=reference)  # unique, a small table
