"""The staff pages' ICCE request: recorded and updated by the ICCE coordinator (seed 000).

The admin's form (icce.py) holds the checks on high harm and referral; this one keeps them
and drops what the service links itself (the referral's disclosure) and what a plain page
cannot offer as a list (a million people, a million custody episodes). The division is the
coordinator's own.
"""

from typing import Any

from answerable.register.forms.corrections import CorrectionMixin
from answerable.register.forms.icce import IcceRequestForm
from answerable.register.forms.wording import StaffWordingMixin
from answerable.register.models import Division
from answerable.web.dates import GovukDateField

FIELDS = (
    "reference",
    "division",
    "sent_on",
    "returned_on",
    "countries",
    "result",
    "high_harm",
    "high_harm_basis",
    "criteria",
    "referred_to_hoie",
    "referred_on",
    "referral_consideration",
    "referral_outcome",
    "referral_outcome_on",
    "notes",
)
DATES = ("sent_on", "returned_on", "referred_on", "referral_outcome_on")


class IcceRequestEntryForm(StaffWordingMixin, IcceRequestForm):
    """`division` is the coordinator's division (a new request) or the record's (an
    update); None only for a force-wide user (a superuser), who chooses it."""

    field_order = ["reference", "division", "person_ref", *FIELDS[2:], "reason"]

    class Meta(IcceRequestForm.Meta):
        fields: tuple[str, ...] = FIELDS

    def __init__(self, *args: Any, division: Division | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.division = division
        if division is not None:
            self.fields.pop("division")
            self.instance.division = division
        for name in DATES:
            typed = self.fields[name]
            self.fields[name] = GovukDateField(
                label=typed.label,
                required=typed.required,
                help_text=typed.help_text,
                initial=typed.initial,
            )
        self.fields[
            "countries"
        ].help_text = (
            "The countries the request was sent to. Hold Ctrl (or Cmd) to choose more than one."
        )

    def person_force_name(self, cleaned: dict[str, Any]) -> str | None:
        if self.division is not None:
            return self.division.force.name
        return super().person_force_name(cleaned)


class IcceRequestCorrectionForm(CorrectionMixin, IcceRequestEntryForm):
    field_order = IcceRequestEntryForm.field_order
