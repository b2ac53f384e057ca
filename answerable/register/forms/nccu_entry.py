"""The staff pages' NCCU contact: recorded by custody staff, then corrected (seed 000).

Unlike the admin's form (nccu.py) the division is never chosen: it is the officer's own
(roles: custody staff work in one division), or for a correction the record's. Links to
other records (the custody episode, the disclosure) are made by the service, not typed.
"""

from typing import Any

from django import forms
from django.conf import settings

from answerable.register.forms.corrections import CorrectionMixin
from answerable.register.forms.moments import UkMomentsMixin
from answerable.register.forms.people import PersonRefMixin, person_ref_field
from answerable.register.forms.stations import stations_for
from answerable.register.forms.validation import is_future_moment
from answerable.register.forms.wording import StaffWordingMixin
from answerable.register.models import Division, NccuContact

FIELDS = (
    "contacted_at",
    "channel",
    "station",
    "reference",
    "officer",
    "role",
    "crime_type",
    "trigger",
    "sex",
    "age",
    "nationality",
    "disability",
    "advice",
    "action_taken",
    "notes",
)
ORDER = [
    "contacted_at_date",
    "contacted_at_time",
    "channel",
    "station",
    "reference",
    "officer",
    "person_ref",
    "role",
    "crime_type",
    "trigger",
    "sex",
    "age",
    "nationality",
    "disability",
    "advice",
    "action_taken",
    "notes",
    "reason",
]


class NccuContactEntryForm(StaffWordingMixin, UkMomentsMixin, PersonRefMixin, forms.ModelForm):
    """A new contact. `division` is the officer's division; None only for a force-wide user
    (a superuser), whose contact takes the division of the custody centre chosen."""

    moments = {"contacted_at": ("Contacted", True)}
    field_order = ORDER
    person_ref = person_ref_field()

    class Meta:
        model = NccuContact
        fields = FIELDS
        labels = {"station": "Custody centre", "reference": "NCCU reference"}
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "trigger": (
                "Arrested, charged, reported (a fixed penalty, ASBO or other direct measure), "
                "or met as a victim or witness."
            ),
        }

    def __init__(self, *args: Any, division: Division | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.division = division
        record = self.instance
        current = record.station if record.pk and record.station_id else None
        station_field = self.fields["station"]
        assert isinstance(station_field, forms.ModelChoiceField)
        station_field.queryset = stations_for(division, current=current)

    def person_force_name(self, cleaned: dict[str, Any]) -> str | None:
        # The identifier is the force's own (register/pseudonym.py), as the admin's form.
        if self.division is not None:
            return self.division.force.name
        station = cleaned.get("station")
        return station.force.name if station is not None else settings.ANSWERABLE_FORCE

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if is_future_moment(cleaned.get("contacted_at")):
            self.moment_error("contacted_at", "A contact cannot be in the future.")
        station = cleaned.get("station")
        if self.division is not None:
            self.instance.division = self.division
        elif station is not None and self.instance.division_id is None:
            self.instance.division = station.division
        return cleaned


class NccuContactCorrectionForm(CorrectionMixin, NccuContactEntryForm):
    """A correction keeps the record's division: the view passes the record's."""

    field_order = ORDER
