"""The public request form's question pages: one question a page (GOV.UK pattern)."""

from django import forms
from django.core.exceptions import ValidationError


class NameForm(forms.Form):
    name = forms.CharField(
        label="What is your name?",
        max_length=200,
        help_text="The law asks for a name to make a valid request (FOISA s8(1)(b)).",
        error_messages={"required": "Enter your name"},
    )


class ContactForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        required=False,
        max_length=254,
        help_text="We will send the response here. For example, name@example.com",
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com"
        },
    )
    address = forms.CharField(
        label="Postal address",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Only if you want the response by post.",
    )

    def clean(self) -> dict:
        super().clean()
        data = self.cleaned_data
        if not data.get("email") and not (data.get("address") or "").strip() and not self.errors:
            raise ValidationError("Enter an email address or a postal address")
        return data


class RequestForm(forms.Form):
    request = forms.CharField(
        label="What information do you want?",
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Describe the information as clearly as you can: dates, places, subjects.",
        error_messages={"required": "Enter the information you want"},
    )
    # The honeypot: hidden from people (visually and from assistive technology), filled by
    # programs that fill every field (spam.check_honeypot).
    website = forms.CharField(required=False, label="Leave this blank")
    token = forms.CharField(required=False, widget=forms.HiddenInput)
