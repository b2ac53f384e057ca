"""`{% load wording %}`: the service's wording of dates, periods and money (web/wording.py)
as template filters, so that every page says them the same way."""

from datetime import date, datetime
from decimal import Decimal

from django import template

from answerable.web import wording

register = template.Library()


@register.filter
def govuk_date(value: date | datetime | None) -> str:
    return wording.govuk_date(value)


@register.filter
def govuk_datetime(value: datetime | None) -> str:
    return wording.govuk_datetime(value)


@register.filter
def govuk_time(value: datetime) -> str:
    return wording.govuk_time(value)


@register.filter
def period(value: str | None) -> str:
    return wording.period(value)


@register.filter
def sentence_case(value: str | None) -> str:
    return wording.sentence_case(value)


@register.filter
def pounds(value: Decimal | int | float | str | None) -> str:
    return wording.pounds(value)


@register.filter
def in_sentence(value: str | None) -> str:
    return wording.in_sentence(value)
