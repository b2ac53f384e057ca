"""Correcting a custody episode by hand (custody-episodes-v1; most arrive by import).

The force, reference and division identify the episode in the custody system, so they
are not corrected here: a wrong reference is corrected at the source and re-imported.
"""

from typing import Any

from django import forms

from answerable.register.forms.corrections import CorrectionMixin
from answerable.register.forms.moments import UkMomentsMixin
from answerable.register.forms.stations import stations_for
from answerable.register.forms.validation import is_future_moment
from answerable.register.forms.wording import StaffWordingMixin
from answerable.register.models import CustodyEpisode


class CustodyEpisodeCorrectionForm(
    StaffWordingMixin, CorrectionMixin, UkMomentsMixin, forms.ModelForm
):
    moments = {"arrived_at": ("Arrived", True), "released_at": ("Released", False)}
    field_order = [
        "station",
        "arrived_at_date",
        "arrived_at_time",
        "released_at_date",
        "released_at_time",
        "detention_basis",
        "primary_offence",
        "offence_code",
        "outcome",
        "sex",
        "age",
        "nationality",
        "disability",
        "asylum_claimed",
        "reason",
    ]

    class Meta:
        model = CustodyEpisode
        fields = (
            "station",
            "arrived_at",
            "released_at",
            "detention_basis",
            "primary_offence",
            "offence_code",
            "outcome",
            "sex",
            "age",
            "nationality",
            "disability",
            "asylum_claimed",
        )
        labels = {"station": "Custody centre"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        episode = self.instance
        station_field = self.fields["station"]
        assert isinstance(station_field, forms.ModelChoiceField)
        station_field.queryset = stations_for(
            episode.division, force=episode.force, current=episode.station
        )
        self.fields[
            "released_at_date"
        ].help_text = "Leave the date and time empty while the person is still in custody."

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        arrived, released = cleaned.get("arrived_at"), cleaned.get("released_at")
        for name, moment in (("arrived_at", arrived), ("released_at", released)):
            if is_future_moment(moment):
                self.moment_error(name, "This cannot be in the future.")
        # The database refuses it too (custody_released_not_before_arrival); said here
        # in words, at the field.
        if arrived and released and released < arrived:
            self.moment_error("released_at", "Release cannot come before arrival.")
        return cleaned
