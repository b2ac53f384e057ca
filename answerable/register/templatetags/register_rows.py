"""`{% load register_rows %}`: what each row of a register list shows, drawn cheaply.

A list page draws 50 rows of several dates and a link each; Django's `date` filter (which
looks its format up per value) and `{% url %}` (which resolves the route per row) were half
the page's time at 1,000,000 episodes (issue 16). These give exactly what they gave:
`list_datetime` is `|date:"j M Y H:i"`, `list_date` is `|date:"j M Y"` (UK local time, as
`date` converts), and `record_url` is `{% url NAME pk=... %}`, its route resolved once.
"""

from datetime import date, datetime
from functools import lru_cache
from typing import Any

from django import template
from django.urls import get_script_prefix, reverse
from django.utils.dates import MONTHS_3

register = template.Library()

# A key no record has, reversed once per route and replaced by each row's key.
_PLACEHOLDER = 987654321987654321


def _month(value: date) -> str:
    return MONTHS_3[value.month].title()  # as the `date` filter's "M" (translated)


@register.filter(expects_localtime=True)
def list_datetime(value: datetime | None) -> str:
    """As `|date:"j M Y H:i"`: "3 Mar 2025 14:05", in UK local time."""
    if value in (None, ""):
        return ""
    return f"{value.day} {_month(value)} {value.year:04d} {value.hour:02d}:{value.minute:02d}"


@register.filter(expects_localtime=True)
def list_date(value: date | None) -> str:
    """As `|date:"j M Y"`: "3 Mar 2025"."""
    if value in (None, ""):
        return ""
    return f"{value.day} {_month(value)} {value.year:04d}"


@lru_cache(maxsize=64)
def _route(name: str, script_prefix: str) -> tuple[str, str]:
    before, _, after = reverse(name, kwargs={"pk": _PLACEHOLDER}).partition(str(_PLACEHOLDER))
    return before, after


@register.filter
def record_url(pk: Any, name: str) -> str:
    """As `{% url name pk=pk %}` for a record's page."""
    before, after = _route(name, get_script_prefix())
    return f"{before}{int(pk)}{after}"


def routes_changed(*, setting: str, **kwargs: Any) -> None:
    """A URL setting changed (a test's override_settings): resolve the routes again.
    Received from setting_changed, which register/apps.py connects."""
    if setting in ("ROOT_URLCONF", "FORCE_SCRIPT_NAME"):
        _route.cache_clear()
