"""Staff entry of a contact with the NCCU (seed 000)."""

from typing import Any

from django import forms
from django.conf import settings

from answerable.register.forms.people import PersonRefMixin, person_ref_field
from answerable.register.forms.validation import is_future_moment
from answerable.register.models import Division, NccuContact, Station


def _in_division(station: Station, division: Division) -> bool:
    if station.division_id is None:  # a centre not yet placed in a division
        return station.force_id == division.force_id
    return station.division_id == division.pk


class NccuContactForm(PersonRefMixin, forms.ModelForm):
    person_ref = person_ref_field()

    class Meta:
        model = NccuContact
        fields = (
            "reference",
            "contacted_at",
            "channel",
            "division",
            "station",
            "officer",
            "person",
            "role",
            "crime_type",
            "sex",
            "age",
            "nationality",
            "disability",
            "trigger",
            "advice",
            "action_taken",
            "custody_episode",
            "disclosure",
            "notes",
        )
        help_texts = {
            "disclosure": (
                "Leave empty to record it on save: every contact shares the person's data "
                "with the Home Office, so every contact has a disclosure."
            ),
        }

    def person_force_name(self, cleaned: dict[str, Any]) -> str | None:
        # The identifier is the force's own: the division's or the custody centre's force,
        # else this installation's (settings.ANSWERABLE_FORCE, as the importers use it).
        for field in ("division", "station"):
            if self.has_error(field):
                return None
            if cleaned.get(field) is not None:
                return cleaned[field].force.name
        return settings.ANSWERABLE_FORCE

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if is_future_moment(cleaned.get("contacted_at")):
            self.add_error("contacted_at", "A contact cannot be in the future.")
        division, station = cleaned.get("division"), cleaned.get("station")
        if division is not None and station is not None and not _in_division(station, division):
            self.add_error("station", f"{station} is not a custody centre of {division}.")
        return cleaned
