"""Checks on a disclosure corrected by hand (most arrive by import)."""

from typing import Any

from django import forms

from answerable.register.forms.validation import is_future_moment
from answerable.register.models import Disclosure


class DisclosureForm(forms.ModelForm):
    class Meta:
        model = Disclosure
        fields = (
            "force",
            "disclosure_ref",
            "division",
            "disclosed_at",
            "recipient",
            "channel",
            "purpose",
            "initiated_by",
            "requested_at",
            "consent",
            "legal_basis",
            "agreement_ref",
            "agreement",
            "person",
            "role",
            "crime_type",
            "sex",
            "age",
            "nationality",
            "disability",
            "custody_ref",
            "custody_episode",
            "home_office_outcome",
            "outcome_on",
            "corrected_at",
            "correction_reason",
        )

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        disclosed, requested = cleaned.get("disclosed_at"), cleaned.get("requested_at")
        if is_future_moment(disclosed):
            self.add_error("disclosed_at", "A disclosure cannot be in the future.")
        # Time to disclose = disclosed_at - requested_at (home-office-disclosures-v1).
        if disclosed and requested and requested > disclosed:
            self.add_error("requested_at", "The request cannot come after the disclosure.")
        if cleaned.get("correction_reason") and not cleaned.get("corrected_at"):
            self.add_error("corrected_at", "Give when the shared data was corrected.")
        return cleaned
