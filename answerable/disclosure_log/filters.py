"""Searching and filtering the disclosure log: one GET form for the list and the CSV export.

Search is plain case-insensitive containment, every word of the query in the title, summary,
letter text or reference, which reads the same on SQLite and PostgreSQL.
"""

from typing import Any

from django import forms
from django.db.models import Q

from answerable.core.dates import DATE_FORMATS
from answerable.disclosure_log.models import (
    Outcome,
    Publication,
    PublicationQuerySet,
    Regime,
    Topic,
)

DATE_HINT = "For example, 27/03/2024"


class LogFilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=200, strip=True)
    topic = forms.ModelChoiceField(
        label="Topic",
        queryset=Topic.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="All topics",
        error_messages={"invalid_choice": "Choose a topic from the list"},
    )
    regime = forms.ChoiceField(
        label="Act or regulations",
        choices=[("", "All"), *Regime.choices],
        required=False,
        error_messages={"invalid_choice": "Choose an Act or regulations from the list"},
    )
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=[("", "All outcomes"), *Outcome.choices],
        required=False,
        error_messages={"invalid_choice": "Choose an outcome from the list"},
    )
    issued_from = forms.DateField(
        label="Responded from",
        required=False,
        input_formats=DATE_FORMATS,
        help_text=DATE_HINT,
        error_messages={
            "invalid": "Enter the 'responded from' date as a real date, like 27/03/2024"
        },
    )
    issued_to = forms.DateField(
        label="Responded to",
        required=False,
        input_formats=DATE_FORMATS,
        help_text=DATE_HINT,
        error_messages={"invalid": "Enter the 'responded to' date as a real date, like 27/03/2024"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only topics of published responses: a topic used only by a scheduled or withdrawn
        # one would announce it.
        topic = self.fields["topic"]
        assert isinstance(topic, forms.ModelChoiceField)
        topic.queryset = Topic.objects.filter(
            publications__in=Publication.objects.published()
        ).distinct()

    def clean(self) -> dict:
        super().clean()
        data = self.cleaned_data
        start, end = data.get("issued_from"), data.get("issued_to")
        if start and end and start > end:
            self.add_error(
                "issued_to", "The 'responded to' date must be on or after 'responded from'"
            )
        return data

    def filter(self, publications: PublicationQuerySet) -> PublicationQuerySet:
        """`publications` narrowed by the form's cleaned data (call after is_valid())."""
        data = self.cleaned_data
        for word in data.get("q", "").split():
            publications = publications.filter(
                Q(title__icontains=word)
                | Q(summary__icontains=word)
                | Q(body_text__icontains=word)
                | Q(reference__icontains=word)
            )
        if data.get("topic"):
            publications = publications.filter(topics=data["topic"])
        if data.get("regime"):
            publications = publications.filter(regime=data["regime"])
        if data.get("outcome"):
            publications = publications.filter(outcome=data["outcome"])
        if data.get("issued_from"):
            publications = publications.filter(issued_on__gte=data["issued_from"])
        if data.get("issued_to"):
            publications = publications.filter(issued_on__lte=data["issued_to"])
        return publications


_WIDGET_CLASSES = {forms.Select: "govuk-select", forms.TextInput: "govuk-input"}


def style_for_govuk(form: LogFilterForm) -> None:
    """Give each control its GOV.UK Frontend class, an error class when it has an error,
    and aria-describedby naming its hint and error message (read out with the control)."""
    for name, field in form.fields.items():
        widget = field.widget
        base = next((css for kind, css in _WIDGET_CLASSES.items() if isinstance(widget, kind)), "")
        classes = [base]
        described_by = []
        if field.help_text:
            described_by.append(f"id_{name}_helptext")
        if form.is_bound and name in form.errors:
            classes.append(f"{base}--error")
            described_by.append(f"id_{name}_error")
        if isinstance(field, forms.DateField):
            classes.append("govuk-input--width-10")
        widget.attrs["class"] = " ".join(css for css in classes if css)
        if described_by:
            widget.attrs["aria-describedby"] = " ".join(described_by)
