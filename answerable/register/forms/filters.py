"""The filters of the register's lists: a period, where, and what kind of record.

Each list is a django-filter FilterSet. Every filter is optional and the FilterSet is always
bound to the query string, so a list with no query shows everything the user may see,
newest first. "Not recorded" is a choice of its own wherever a value may be missing: it
selects NULL, never "no" (register/choices.py).
"""

from collections.abc import Iterable
from typing import Any, ClassVar

import django_filters
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
from answerable.register.models import (
    CustodyEpisode,
    Disclosure,
    Division,
    IcceRequest,
    NccuContact,
    Station,
)
from answerable.web.filters import ChoiceFilter, GovukDateFilter

ANY = ("", "Any")
REFERENCE_LENGTH = 64


class RecordableChoiceFilter(ChoiceFilter):
    """A choice that may also be "Not recorded", which selects the records without one."""

    def filter(self, qs: QuerySet, value: Any) -> QuerySet:
        if value == NOT_RECORDED:
            return qs.filter(**{f"{self.field_name}__isnull": True})
        return super().filter(qs, value)


def choice(
    label: str, choices: Iterable[tuple[str, str]], *, recordable: bool = False
) -> ChoiceFilter:
    options = [ANY, *choices]
    if recordable:
        options.append((NOT_RECORDED, "Not recorded"))
        return RecordableChoiceFilter(label=label, choices=options)
    return ChoiceFilter(label=label, choices=options)


class PeriodForm(forms.Form):
    """The form every list's filters are fields of: a period must not end before it starts."""

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The end of the period cannot come before its start.")
        return cleaned


class RegisterFilter(django_filters.FilterSet):
    """The filters every list has. A subclass names its date, reference and the filters
    it adds; `division` is the user's division (their list shows no other), or None."""

    date_field: ClassVar[str] = ""  # the indexed UK local date the list is sorted and filtered by
    reference_lookup: ClassVar[str] = ""
    has_station: ClassVar[bool] = True

    reference = django_filters.CharFilter(
        label="Reference",
        method="filter_reference",
        max_length=REFERENCE_LENGTH,
        help_text="The exact reference.",
    )
    date_from = GovukDateFilter(label="From", lookup_expr="gte")
    date_to = GovukDateFilter(label="To", lookup_expr="lte")
    division = django_filters.ModelChoiceFilter(
        label="Division", queryset=Division.objects.select_related("force"), empty_label="Any"
    )
    station = django_filters.ModelChoiceFilter(
        label="Custody centre", queryset=Station.objects.none(), empty_label="Any"
    )

    class Meta:
        form = PeriodForm

    def __init__(
        self,
        data: Any = None,
        queryset: QuerySet | None = None,
        *,
        division: Division | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(data, queryset, **kwargs)
        for end in ("date_from", "date_to"):
            self.filters[end].field_name = self.date_field
        if division is not None:
            # The list shows only the user's division: nothing else to choose.
            self.filters.pop("division")
        if self.has_station:
            self.filters["station"].queryset = stations_for(division)
        else:
            self.filters.pop("station")

    def filter_reference(self, records: QuerySet, name: str, value: str) -> QuerySet:
        reference = value.strip()
        return self.by_reference(records, reference) if reference else records

    def by_reference(self, records: QuerySet, reference: str) -> QuerySet:
        # As the admin searches: exact, as typed and in capitals, on the (force, reference)
        # unique index, never a substring scan of a million rows.
        return search_by_reference(records, self.reference_lookup, reference)[0]

    def applied(self) -> dict[str, str]:
        """The filters in use, as the audit trail's entry names them (never a person)."""
        form = self.form
        if not self.is_bound or not hasattr(form, "cleaned_data"):
            return {}
        return {
            name: str(value.pk if isinstance(value, Model) else value)
            for name, value in form.cleaned_data.items()
            if value not in (None, "")
        }


class CustodyFilter(RegisterFilter):
    date_field = "arrived_on"
    reference_lookup = "custody_ref"

    detention_basis = choice("Detention basis", DetentionBasis.choices)
    sex = choice("Sex", Sex.choices, recordable=True)
    outcome = choice("Outcome", CustodyOutcome.choices, recordable=True)

    class Meta(RegisterFilter.Meta):
        model = CustodyEpisode
        fields: tuple[str, ...] = ()


class NccuFilter(RegisterFilter):
    date_field = "contacted_on"
    reference_lookup = "reference"

    channel = choice("Channel", NccuChannel.choices)
    role = choice("Person's role", Role.choices)
    crime_type = choice("Crime type", CrimeType.choices, recordable=True)
    sex = choice("Sex", Sex.choices, recordable=True)
    action_taken = choice("What the officer then did", OfficerAction.choices, recordable=True)

    class Meta(RegisterFilter.Meta):
        model = NccuContact
        fields: tuple[str, ...] = ()

    def by_reference(self, records: QuerySet, reference: str) -> QuerySet:
        # NCCU references are the NCCU's own, typed by officers: matched in any case.
        return records.filter(reference__iexact=reference)


class DisclosureFilter(RegisterFilter):
    date_field = "disclosed_on"
    reference_lookup = "disclosure_ref"
    has_station = False  # a disclosure is made by a division, not at a custody centre

    purpose = choice("Purpose", Purpose.choices)
    role = choice("Person's role", Role.choices)
    crime_type = choice("Crime type", CrimeType.choices, recordable=True)
    sex = choice("Sex", Sex.choices, recordable=True)
    home_office_outcome = choice("Home Office outcome", HomeOfficeOutcome.choices, recordable=True)

    class Meta(RegisterFilter.Meta):
        model = Disclosure
        fields: tuple[str, ...] = ()


class IcceFilter(RegisterFilter):
    date_field = "sent_on"
    reference_lookup = "reference"
    has_station = False  # collated by division (seed 000)

    result = choice("Result", IcceResult.choices)
    high_harm = choice("Meets high-harm criteria", YesNo.choices, recordable=True)
    referred_to_hoie = choice("Referred to Immigration Enforcement", YesNo.choices, recordable=True)

    class Meta(RegisterFilter.Meta):
        model = IcceRequest
        fields: tuple[str, ...] = ()

    def by_reference(self, records: QuerySet, reference: str) -> QuerySet:
        return records.filter(reference__iexact=reference)  # unique, a small table
