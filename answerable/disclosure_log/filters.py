"""Searching and filtering the disclosure log: one FilterSet for the list and the CSV export.

Search is plain case-insensitive containment, every word of the query in the title, summary,
letter text or reference, which reads the same on SQLite and PostgreSQL.
"""

from typing import Any

import django_filters
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
from answerable.web.filters import ChoiceFilter

DATE_HINT = "For example, 27/03/2024"


class LogFilterForm(forms.Form):
    """The form the filters are fields of: only published topics; a period in order."""

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


class LogFilter(django_filters.FilterSet):
    """The log's search and filters (a django-filter FilterSet), for the list and the CSV."""

    q = django_filters.CharFilter(label="Search", method="search", max_length=200, strip=True)
    topic = django_filters.ModelChoiceFilter(
        label="Topic",
        field_name="topics",
        queryset=Topic.objects.all(),
        to_field_name="slug",
        empty_label="All topics",
        error_messages={"invalid_choice": "Choose a topic from the list"},
    )
    regime = ChoiceFilter(
        label="Act or regulations",
        choices=[("", "All"), *Regime.choices],
        error_messages={"invalid_choice": "Choose an Act or regulations from the list"},
    )
    outcome = ChoiceFilter(
        label="Outcome",
        choices=[("", "All outcomes"), *Outcome.choices],
        error_messages={"invalid_choice": "Choose an outcome from the list"},
    )
    issued_from = django_filters.DateFilter(
        label="Responded from",
        field_name="issued_on",
        lookup_expr="gte",
        input_formats=DATE_FORMATS,
        help_text=DATE_HINT,
        error_messages={
            "invalid": "Enter the 'responded from' date as a real date, like 27/03/2024"
        },
    )
    issued_to = django_filters.DateFilter(
        label="Responded to",
        field_name="issued_on",
        lookup_expr="lte",
        input_formats=DATE_FORMATS,
        help_text=DATE_HINT,
        error_messages={"invalid": "Enter the 'responded to' date as a real date, like 27/03/2024"},
    )

    class Meta:
        model = Publication
        fields: tuple[str, ...] = ()
        form = LogFilterForm

    def search(
        self, publications: PublicationQuerySet, name: str, value: str
    ) -> PublicationQuerySet:
        """Every word of the query in the title, summary, letter text or reference."""
        for word in value.split():
            publications = publications.filter(
                Q(title__icontains=word)
                | Q(summary__icontains=word)
                | Q(body_text__icontains=word)
                | Q(reference__icontains=word)
            )
        return publications


_WIDGET_CLASSES = {forms.Select: "govuk-select", forms.TextInput: "govuk-input"}


def style_for_govuk(form: forms.Form) -> None:
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
