"""The staff form for an ICCE request's transfer of data abroad (models/transfers.py)."""

from typing import Any

from django import forms
from django_countries import countries
from django_countries.fields import (  # type: ignore[attr-defined]  # not in its fields.pyi
    LazyTypedChoiceField,
)

from answerable.core.dates import DATE_FORMATS
from answerable.register.models.transfers import TransferBasis, TransferredData


class IcceTransferForm(forms.Form):
    recipient_country = LazyTypedChoiceField(
        label="Recipient country",
        choices=[("", "Choose a country"), *countries],
        error_messages={"required": "Choose the country the data was sent to"},
    )
    recipient_authority = forms.CharField(
        label="Recipient authority",
        max_length=200,
        help_text="The relevant authority that received it (s73(5)), e.g. the central "
        "authority for criminal records.",
        error_messages={"required": "Enter the authority that received the data"},
    )
    legal_basis = forms.ChoiceField(
        label="Legal basis for the transfer (DPA 2018 s73)",
        choices=TransferBasis.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the legal basis for the transfer"},
    )
    transferred_on = forms.DateField(
        label="Date of transfer",
        input_formats=DATE_FORMATS,
        help_text="For example 27/03/2026",
        error_messages={
            "required": "Enter the date of transfer",
            "invalid": "Enter the date of transfer as a real date, for example 27/03/2026",
        },
    )
    categories = forms.MultipleChoiceField(
        label="Categories of data sent",
        choices=TransferredData.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select the categories of data sent"},
    )
    authorised_by = forms.CharField(
        label="Authorised by",
        max_length=100,
        help_text="The officer who authorised the transfer, by rank and number.",
        error_messages={"required": "Enter who authorised the transfer"},
    )

    def __init__(self, *args: Any, sent_on: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sent_on = sent_on

    def clean_transferred_on(self) -> Any:
        day = self.cleaned_data["transferred_on"]
        if self.sent_on is not None and day < self.sent_on:
            raise forms.ValidationError(
                f"The date of transfer must be on or after the day the request was sent "
                f"({self.sent_on:%d/%m/%Y})"
            )
        return day
