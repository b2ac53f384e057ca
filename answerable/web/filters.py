"""The filters of the staff and public lists, as django-filter FilterSets.

A list's query string is bound to a FilterSet (always: every filter is optional, so no
query lists everything); its form is rendered by the site's GOV.UK form renderer
(web/forms.py) like any other form, and its `qs` is the list. The filters here give each
field exactly the options, words and messages the page shows.
"""

import django_filters
from django import forms

from answerable.web.dates import GovukDateField


class GovukDateFilter(django_filters.DateFilter):
    """A date typed as day, month and year (web/dates.py), compared by `lookup_expr`."""

    field_class = GovukDateField


class ChoiceFilter(django_filters.Filter):
    """One of the choices given, whole, as the select shows them (its first choice, the
    empty one, selects everything): a plain Django ChoiceField, no options added."""

    field_class = forms.ChoiceField
