"""Staff entry of an ICCE request and its high-harm referral (seed 000)."""

from typing import Any

from django import forms

from answerable.register.choices import DocumentKind, YesNo
from answerable.register.forms.people import PersonRefMixin, person_ref_field
from answerable.register.forms.validation import is_future_date
from answerable.register.models import DocumentVersion, IcceRequest

NO_NATIONAL_CRITERIA = (
    "Choose the version of the force's high-harm criteria that was applied: there are no "
    "national criteria, each force sets its own (seed 000)."
)


class IcceRequestForm(PersonRefMixin, forms.ModelForm):
    person_ref = person_ref_field()

    class Meta:
        model = IcceRequest
        fields: tuple[str, ...] = (
            "reference",
            "division",
            "sent_on",
            "returned_on",
            "countries",
            "result",
            "person",
            "custody_episode",
            "high_harm",
            "high_harm_basis",
            "criteria",
            "referred_to_hoie",
            "referred_on",
            "referral_consideration",
            "referral_disclosure",
            "referral_outcome",
            "referral_outcome_on",
            "notes",
        )
        help_texts = {
            "referral_disclosure": (
                "Leave empty to record it on save: a referral to Immigration Enforcement "
                "shares the person's data, so it is a disclosure."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "criteria" in self.fields:
            criteria_field = self.fields["criteria"]
            assert isinstance(criteria_field, forms.ModelChoiceField)
            criteria_field.queryset = DocumentVersion.objects.filter(
                document__kind=DocumentKind.HIGH_HARM_CRITERIA
            ).select_related("document")

    def person_force_name(self, cleaned: dict[str, Any]) -> str | None:
        division = cleaned.get("division")
        return division.force.name if division is not None else None

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        self._check_dates(cleaned)
        self._check_high_harm(cleaned)
        self._check_referral(cleaned)
        return cleaned

    def _check_dates(self, cleaned: dict[str, Any]) -> None:
        sent, returned = cleaned.get("sent_on"), cleaned.get("returned_on")
        if sent and returned and returned < sent:
            self.add_error("returned_on", "The reply cannot come back before the request went.")
        for field in ("sent_on", "returned_on", "referred_on", "referral_outcome_on"):
            if is_future_date(cleaned.get(field)):
                self.add_error(field, "This date cannot be in the future.")

    def _check_high_harm(self, cleaned: dict[str, Any]) -> None:
        high_harm, criteria = cleaned.get("high_harm"), cleaned.get("criteria")
        # Any assessment, met or not met, was made against some version of the criteria.
        if high_harm and criteria is None:
            self.add_error("criteria", NO_NATIONAL_CRITERIA)
        if criteria is not None and criteria.document.kind != DocumentKind.HIGH_HARM_CRITERIA:
            self.add_error("criteria", "This document is not a set of high-harm criteria.")
        if cleaned.get("high_harm_basis") and high_harm != YesNo.YES:
            self.add_error("high_harm_basis", "Only a case that meets the criteria has a basis.")

    def _check_referral(self, cleaned: dict[str, Any]) -> None:
        referred = cleaned.get("referred_to_hoie") == YesNo.YES
        # Seed 000: ICCE forms "will only be referred to HOIE if they meet criteria of High
        # Harm Foreign Convictions or High Harm UK Conviction".
        if referred and cleaned.get("high_harm") != YesNo.YES:
            self.add_error(
                "referred_to_hoie",
                "Only a case that meets the high-harm criteria is referred to Immigration "
                "Enforcement (seed 000).",
            )
        if referred and not cleaned.get("referred_on"):
            self.add_error("referred_on", "Give the date of the referral.")
        only_when_referred = (
            "referred_on",
            "referral_consideration",
            "referral_disclosure",
            "referral_outcome",
            "referral_outcome_on",
        )
        for field in only_when_referred:
            if not referred and cleaned.get(field):
                self.add_error(field, "Only a case referred to Immigration Enforcement has this.")
        if cleaned.get("referral_outcome_on") and not cleaned.get("referral_outcome"):
            self.add_error("referral_outcome_on", "Give the outcome this date is of.")
        referred_on, outcome_on = cleaned.get("referred_on"), cleaned.get("referral_outcome_on")
        if referred_on and outcome_on and outcome_on < referred_on:
            self.add_error("referral_outcome_on", "The outcome cannot come before the referral.")
