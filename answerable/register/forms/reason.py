"""Why the data protection officer opens a person's record (minimisation: the DPO oversees
the processing, and reads a record only for a stated purpose, which the audit trail keeps)."""

from django import forms
from django.db import models


class Reason(models.TextChoices):
    SUBJECT_ACCESS = "subject_access", "A subject access request (DPA 2018 s45)"
    RECTIFICATION = "rectification", "A request to rectify, erase or restrict (s46, s47)"
    COMPLAINT = "complaint", "A complaint or a suspected personal data breach (s67)"
    LAWFULNESS = "lawfulness", "Checking the lawfulness of processing (s62(4))"
    OTHER = "other", "Another data protection purpose (say which below)"


class ConsultationReasonForm(forms.Form):
    reason = forms.ChoiceField(
        label="Why are you opening this record?",
        choices=Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select why you are opening this record"},
    )
    details = forms.CharField(
        label="Your reference, or what you are checking",
        help_text=(
            "For example a case or request reference. Kept in the audit trail: do not write "
            "the person's name or other personal details here."
        ),
        min_length=5,
        max_length=200,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "required": "Enter your reference, or what you are checking",
            "min_length": "Enter at least 5 characters: your reference, or what you are checking",
            "max_length": "Enter 200 characters or fewer",
        },
    )

    def purpose(self) -> str:
        return f"data protection officer: {Reason(self.cleaned_data['reason']).value}"
