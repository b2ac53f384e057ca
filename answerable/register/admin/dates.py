"""A date hierarchy that stays fast on a million rows (custody episodes, disclosures)."""

from datetime import date, timedelta
from typing import Literal

from django.db.models import QuerySet
from django.http import HttpRequest


class IndexedDatesQuerySet(QuerySet):
    """A queryset whose dates() probes a date index instead of truncating every row.

    The admin's date hierarchy lists the years (then months, then days) holding records
    with `dates()`, which truncates the date of every row: about two seconds over a million
    custody episodes on SQLite. Asking "is there any record in this year?" of an indexed
    date column for each year between the first and the last record gives the same list
    in milliseconds.
    """

    # A list, not a queryset: the admin's date hierarchy only iterates what dates() gives.
    def dates(  # type: ignore[override]
        self,
        field_name: str,
        kind: Literal["year", "month", "week", "day"],
        order: Literal["ASC", "DESC"] = "ASC",
    ) -> list[date]:
        if kind not in PERIOD_STARTS:
            return list(super().dates(field_name, kind, order))
        # Two index lookups: SQLite reads a lone MIN or MAX from the index, not both at once.
        dated = self.exclude(**{field_name: None}).values_list(field_name, flat=True)
        first, last = dated.order_by(field_name).first(), dated.order_by(f"-{field_name}").first()
        if first is None or last is None:
            return []
        found = [
            start
            for start, end in _periods(first, last, kind)
            if self.filter(**{f"{field_name}__gte": start, f"{field_name}__lt": end}).exists()
        ]
        return found if order == "ASC" else found[::-1]


def _year_start(day: date) -> date:
    return day.replace(month=1, day=1)


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _next_year(start: date) -> date:
    return start.replace(year=start.year + 1)


def _next_month(start: date) -> date:
    return (start + timedelta(days=32)).replace(day=1)


PERIOD_STARTS = {
    "year": (_year_start, _next_year),
    "month": (_month_start, _next_month),
    "day": (lambda day: day, lambda day: day + timedelta(days=1)),
}


def _periods(first: date, last: date, kind: str) -> list[tuple[date, date]]:
    """The (start, end) of each period of `kind` from the one holding `first` to `last`."""
    start_of, next_start = PERIOD_STARTS[kind]
    periods, start = [], start_of(first)
    while start <= last:
        end = next_start(start)
        periods.append((start, end))
        start = end
    return periods


class IndexedDateHierarchyMixin:
    """For a ModelAdmin whose date_hierarchy is an indexed DateField on a large table."""

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = super().get_queryset(request)  # type: ignore[misc]  # a ModelAdmin mixin
        return IndexedDatesQuerySet(
            model=queryset.model,
            query=queryset.query,
            # The queryset's own database and hints, as QuerySet._chain copies them.
            using=queryset._db,
            hints=queryset._hints,
        )
