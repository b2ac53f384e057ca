"""The dimensions a catalogue question can be broken down or filtered by.

Each dimension says how the database groups records by it (so that millions of records are
counted in SQL, not in Python), how a grouped value becomes its label, how `--where` keeps
records with given labels, and every label it can take (so a true zero is shown as 0 rather
than left out). "Not recorded" is a label of its own, `not_recorded`, never folded into "no".
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import reduce
from operator import or_
from typing import Any

from django.db import models
from django.db.models import Case, Func, Q, Value, When

from answerable.answers import bands, periods
from answerable.register.choices import NOT_RECORDED
from answerable.register.nationality import parse_nationality


@dataclass(frozen=True)
class Options:
    """What shapes the labels: the band bounds and the period's range of dates."""

    duration_bounds: tuple[int, ...] = (24, 48)
    age_bounds: tuple[int, ...] = (18,)
    first_day: date | None = None
    last_day: date | None = None
    # dimension name -> {stored id: label}, read once per answer (Dimension.lookup)
    lookups: Mapping[str, Mapping[Any, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Dimension:
    name: str
    title: str
    # alias -> expression grouped by in SQL
    group: Callable[[Options], dict[str, Any]]
    # the grouped values (in `group`'s order) -> label
    label: Callable[[tuple[Any, ...], Options], str]
    # labels -> a filter keeping the records with one of them
    where: Callable[[Sequence[str], Options], Q]
    # every label, in display order (a callable, since some come from the database)
    values: Callable[[Options], list[str]]
    # labels that may appear although `values` does not list them (e.g. a closed station)
    open_ended: bool = False
    # for dimensions labelled by another record: {stored id: label}, in display order
    lookup: Callable[[], dict[Any, str]] | None = None
    # reads a `--where` value as a label, raising ValueError for one that is not; by default
    # a value must be one of `values` (a typo must not silently count nothing)
    accepts: Callable[[str], str] | None = None
    # what the labels mean, in a sentence a requester understands, when the title alone
    # does not say (answers/counting.py puts it in the answer's counting statement)
    meaning: str = ""
    # other names a reader may give a value, to its label: a register choice's label
    # ("Modern slavery" for `modern_slavery`), a division's name for its code
    names: Callable[[Options], Mapping[str, str]] | None = None
    # for a time dimension: a label's first and last day (what is held of it: coverage)
    days: Callable[[str], tuple[date, date]] | None = None
    # bands of one column (duration, age): `values` lists every label and `where` of each
    # label keeps its records, so the engine may count each band with a filtered count in
    # one pass instead of grouping by a CASE, which SQLite can only do by sorting every row
    # (answers/engine.py: checked against the total of each group)
    banded: bool = False


def _alias(name: str) -> str:
    return f"dim_{name}"


def choice(
    name: str,
    title: str,
    column: str,
    choices: type[models.TextChoices],
    *,
    nullable: bool = True,
    only: Sequence[str] | None = None,
) -> Dimension:
    """A dimension whose labels are a field's stored values (the interchange vocabulary),
    or `only` those of them the question can count."""
    shown = [str(value) for value in (only if only is not None else choices.values)]
    labels = [*shown, *([NOT_RECORDED] if nullable else [])]

    def where(wanted: Sequence[str], options: Options) -> Q:
        real = [value for value in wanted if value != NOT_RECORDED]
        query = Q(**{f"{column}__in": real})
        if NOT_RECORDED in wanted:
            query |= Q(**{f"{column}__isnull": True})
        return query

    names = {str(label): str(value) for value, label in choices.choices if value in shown}

    return Dimension(
        name=name,
        title=title,
        group=lambda options: {_alias(name): models.F(column)},
        label=lambda raw, options: raw[0] if raw[0] else NOT_RECORDED,
        where=where,
        values=lambda options: labels,
        names=lambda options: names,
    )


def related_name(
    name: str,
    title: str,
    column: str,
    lookup: Callable[[], dict[int, str]],
    *,
    nullable: bool,
    names: Callable[[], Mapping[str, str]] | None = None,
) -> Dimension:
    """A dimension labelled by a related record (a station's name, a division's code);
    `names` gives other names of its labels (a division's name for its code)."""

    def label(raw: tuple[Any, ...], options: Options) -> str:
        return NOT_RECORDED if raw[0] is None else options.lookups[name][raw[0]]

    def where(wanted: Sequence[str], options: Options) -> Q:
        ids = [pk for pk, text in options.lookups[name].items() if text in wanted]
        query = Q(**{f"{column}__in": ids})
        if NOT_RECORDED in wanted:
            query |= Q(**{f"{column}__isnull": True})
        return query

    return Dimension(
        name=name,
        title=title,
        group=lambda options: {_alias(name): models.F(column)},
        label=label,
        where=where,
        values=lambda options: [
            *options.lookups[name].values(),
            *([NOT_RECORDED] if nullable else []),
        ],
        lookup=lookup,
        names=(lambda options: names()) if names is not None else None,
    )


def duration(name: str, title: str, minutes: str) -> Dimension:
    """Duration bands, grouped in SQL by a CASE so that only a handful of groups return."""

    def case(options: Options) -> Case:
        labels = bands.duration_labels(options.duration_bounds)
        whens = [When(**{f"{minutes}__isnull": True}, then=Value(bands.IN_CUSTODY))]
        whens += [
            When(**{f"{minutes}__lte": hours * 60}, then=Value(label))
            for label, hours in zip(labels, options.duration_bounds, strict=False)
        ]
        return Case(
            *whens,
            default=Value(labels[len(options.duration_bounds)]),
            output_field=models.CharField(),
        )

    def where(wanted: Sequence[str], options: Options) -> Q:
        labels = bands.duration_labels(options.duration_bounds)
        edges = [0, *options.duration_bounds]
        parts = []
        for index, label in enumerate(labels):
            if label not in wanted:
                continue
            if label == bands.IN_CUSTODY:
                parts.append(Q(**{f"{minutes}__isnull": True}))
            elif index == 0:
                parts.append(Q(**{f"{minutes}__lte": edges[1] * 60}))
            elif index < len(options.duration_bounds):
                parts.append(
                    Q(
                        **{
                            f"{minutes}__gt": edges[index] * 60,
                            f"{minutes}__lte": edges[index + 1] * 60,
                        }
                    )
                )
            else:
                parts.append(Q(**{f"{minutes}__gt": edges[-1] * 60}))
        return reduce(or_, parts, Q(pk__in=[]))

    return Dimension(
        name=name,
        title=title,
        group=lambda options: {_alias(name): case(options)},
        label=lambda raw, options: raw[0],
        where=where,
        values=lambda options: bands.duration_labels(options.duration_bounds),
        banded=True,
    )


def conditions(
    name: str,
    title: str,
    labelled: Sequence[tuple[str, Q]],
    otherwise: str,
    *,
    meaning: str = "",
) -> Dimension:
    """A dimension whose label is the first of `labelled` whose condition a record meets,
    else `otherwise`: grouped in SQL by one CASE (the conditions may be Exists subqueries
    over other records), so that only a handful of groups return. Labels are shown in the
    order listed, then `otherwise`."""
    shown = [*(label for label, _ in labelled), otherwise]
    if len(set(shown)) != len(shown):
        raise ValueError(f"{name}: a label is listed twice")

    def case(options: Options) -> Case:
        return Case(
            *(When(condition, then=Value(label)) for label, condition in labelled),
            default=Value(otherwise),
            output_field=models.CharField(),
        )

    def only(label: str) -> Q:
        """The records labelled `label`: its condition and none before it."""
        earlier = Q()
        for each, condition in labelled:
            if each == label:
                return earlier & condition
            earlier &= ~condition
        return earlier  # `otherwise`: no condition met

    def where(wanted: Sequence[str], options: Options) -> Q:
        return reduce(or_, [only(label) for label in wanted], Q(pk__in=[]))

    return Dimension(
        name=name,
        title=title,
        group=lambda options: {_alias(name): case(options)},
        label=lambda raw, options: raw[0],
        where=where,
        values=lambda options: shown,
        meaning=meaning,
    )


def _age_where(
    column: str, ranges: Sequence[tuple[int | None, int | None]], not_recorded: bool
) -> Q:
    parts = [
        Q(**{f"{column}__gte": low, **({f"{column}__lt": high} if high is not None else {})})
        for low, high in ranges
    ]
    if not_recorded:
        parts.append(Q(**{f"{column}__isnull": True}))
    return reduce(or_, parts, Q(pk__in=[]))


def age_band(name: str, title: str, column: str) -> Dimension:
    def where(wanted: Sequence[str], options: Options) -> Q:
        labels = bands.age_labels(options.age_bounds)
        edges = [0, *options.age_bounds, None]
        ranges = [
            (edges[i], edges[i + 1]) for i, label in enumerate(labels[:-1]) if label in wanted
        ]
        return _age_where(column, ranges, NOT_RECORDED in wanted)

    return Dimension(
        name=name,
        title=title,
        group=lambda options: {_alias(name): models.F(column)},
        label=lambda raw, options: bands.age_band(raw[0], options.age_bounds),
        where=where,
        values=lambda options: bands.age_labels(options.age_bounds),
        banded=True,
    )


def child(name: str, title: str, column: str) -> Dimension:
    """Under 18 at the time of the event (home-office-disclosures-v1, Meaning)."""

    def where(wanted: Sequence[str], options: Options) -> Q:
        ranges = [r for label, r in (("yes", (0, 18)), ("no", (18, None))) if label in wanted]
        return _age_where(column, ranges, NOT_RECORDED in wanted)

    return Dimension(
        name=name,
        title=title,
        group=lambda options: {_alias(name): models.F(column)},
        label=lambda raw, options: bands.child(raw[0]),
        where=where,
        values=lambda options: ["yes", "no", NOT_RECORDED],
        banded=True,
    )


def recorded(name: str, title: str, column: str) -> Dimension:
    """yes when a date is recorded (e.g. `corrected`: the shared data was later corrected)."""

    def where(wanted: Sequence[str], options: Options) -> Q:
        query = Q(pk__in=[])
        if "yes" in wanted:
            query |= Q(**{f"{column}__isnull": False})
        if "no" in wanted:
            query |= Q(**{f"{column}__isnull": True})
        return query

    return Dimension(
        name=name,
        title=title,
        group=lambda options: {
            _alias(name): Case(
                When(**{f"{column}__isnull": True}, then=Value("no")),
                default=Value("yes"),
                output_field=models.CharField(),
            )
        },
        label=lambda raw, options: raw[0],
        where=where,
        values=lambda options: ["yes", "no"],
    )


def text_value(name: str, title: str, column: str) -> Dimension:
    """A free-text reference (e.g. the sharing agreement); empty or NULL is not recorded.

    Its values are those observed among the records counted (and `not_recorded`, so that a
    table says so when every record has one): listing every value the register has ever
    held would read the whole table, and a row of zeros for each says nothing.
    """

    def where(wanted: Sequence[str], options: Options) -> Q:
        query = Q(**{f"{column}__in": [w for w in wanted if w != NOT_RECORDED]})
        if NOT_RECORDED in wanted:
            query |= Q(**{column: ""}) | Q(**{f"{column}__isnull": True})
        return query

    return Dimension(
        name=name,
        title=title,
        group=lambda options: {_alias(name): models.F(column)},
        label=lambda raw, options: raw[0] or NOT_RECORDED,
        where=where,
        values=lambda options: [NOT_RECORDED],
        open_ended=True,
        accepts=lambda text: text,  # a reference nobody quoted counts 0
    )


def country(name: str, title: str, column: str) -> Dimension:
    """Self-declared nationality: ISO 3166-1 alpha-2 codes (XX stateless), as observed;
    `--where` takes codes or names (`--where nationality=Albania,IRQ`)."""
    base = text_value(name, title, column)
    return Dimension(
        name=name,
        title=title,
        group=base.group,
        label=base.label,
        where=base.where,
        values=base.values,
        open_ended=True,
        accepts=lambda text: text if text == NOT_RECORDED else parse_nationality(text),
    )


class _DayPart(Func):
    """A part of a stored date (a UK local date, core/uk_time.py) as an integer, computed
    by the database itself: Django's ExtractYear is, on SQLite, a Python function called for
    every row (`django_date_extract`), which made time breakdowns 50-130 times slower than
    DuckDB over the same rows (issue 16). SQLite stores a DateField as ISO text `YYYY-MM-DD`,
    so its parts are substrings; PostgreSQL reads them with date_part (double precision,
    cheaper than EXTRACT's numeric). The argument must be a column (it appears more than
    once in the SQL, so it must carry no parameters). `of_iso` is the same part in Python."""

    arity = 1
    output_field = models.IntegerField()
    sqlite_template = ""
    postgresql_template = ""

    def __init__(self, day: str | models.Expression | models.F) -> None:
        super().__init__(models.F(day) if isinstance(day, str) else day)

    def template_for(self, vendor: str) -> str:
        template = getattr(self, f"{vendor}_template", "")
        if not template:
            raise NotImplementedError(f"{type(self).__name__}: no SQL for {vendor}")
        return template

    def as_sql(
        self,
        compiler: Any,
        connection: Any,
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra: Any,
    ) -> tuple[str, tuple[Any, ...]]:
        template = template or self.template_for(connection.vendor)
        sql, params = super().as_sql(
            compiler,
            connection,
            function=function,
            template=template,
            arg_joiner=arg_joiner,
            **extra,
        )
        if params:
            raise ValueError(f"{type(self).__name__} takes a column, not an expression with values")
        return sql, params

    @staticmethod
    def of_iso(day: str) -> int:
        raise NotImplementedError


class YearOf(_DayPart):
    """The calendar year: 2018 for 2018-12-31."""

    sqlite_template = "CAST(substr(%(expressions)s, 1, 4) AS INTEGER)"
    postgresql_template = "CAST(date_part('year', %(expressions)s) AS integer)"

    @staticmethod
    def of_iso(day: str) -> int:
        return int(day[:4])


class MonthOf(_DayPart):
    """The month as year * 100 + month: 202004 for 2020-04-30."""

    sqlite_template = (
        "CAST(substr(%(expressions)s, 1, 4) || substr(%(expressions)s, 6, 2) AS INTEGER)"
    )
    postgresql_template = (
        "CAST(date_part('year', %(expressions)s) * 100 + date_part('month', %(expressions)s)"
        " AS integer)"
    )

    @staticmethod
    def of_iso(day: str) -> int:
        return int(day[:4]) * 100 + int(day[5:7])


class FinancialYearOf(_DayPart):
    """The year the UK financial year (1 April to 31 March, periods.financial_year) starts:
    2017 for 2017-04-01 and for 2018-03-31."""

    sqlite_template = (
        "(CAST(substr(%(expressions)s, 1, 4) AS INTEGER) - (substr(%(expressions)s, 6, 2) < '04'))"
    )
    postgresql_template = (
        "CAST(date_part('year', %(expressions)s) AS integer)"
        " - CAST(date_part('month', %(expressions)s) < 4 AS integer)"
    )

    @staticmethod
    def of_iso(day: str) -> int:
        return int(day[:4]) - (day[5:7] < "04")


class TimeGroup(Func):
    """What a time breakdown groups by. On PostgreSQL, the part itself (a hash aggregate
    over a few groups). On SQLite, the stored day: SQLite groups by sorting, unless the rows
    already come in the GROUP BY's order from an index; grouping by the day (with any other
    breakdown's column) reads an index on the day, or on that column and the day, in order,
    with no sort (5 times faster at 1,000,000 episodes, benchmarks/time_dims_benchmark.py),
    and the few thousand days (per other value) are folded into their year or month in
    Python by `key`. That pays only where such indexes exist (custody episodes): elsewhere
    (`by_day=False`) the rows are sorted whatever is grouped, and grouping by the day would
    only multiply the groups read into Python (days x ages: 60,480 groups for 76,663
    disclosures), so SQLite groups by the part, as PostgreSQL does. The value is an int (the
    part) or an ISO date (a day)."""

    arity = 1

    def __init__(self, part: type[_DayPart], day: str, *, by_day: bool = True) -> None:
        self.part = part
        self.by_day = by_day
        super().__init__(models.F(day), output_field=models.IntegerField())

    def as_sql(
        self,
        compiler: Any,
        connection: Any,
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra: Any,
    ) -> tuple[str, tuple[Any, ...]]:
        if connection.vendor == "sqlite" and self.by_day:
            template = "%(expressions)s"
        else:
            template = self.part(models.F("x")).template_for(connection.vendor)
        return super().as_sql(
            compiler,
            connection,
            function=function,
            template=template,
            arg_joiner=arg_joiner,
            **extra,
        )

    def get_db_converters(self, connection: Any) -> list[Any]:
        return []  # an ISO date on SQLite is not an int: `key` reads either

    def key(self, value: int | str | date) -> int:
        if isinstance(value, int):
            return value
        return self.part.of_iso(value if isinstance(value, str) else value.isoformat())


def _time(
    name: str,
    title: str,
    day: str,
    part: type[_DayPart],
    label: Callable[[int], str],
    all_labels: Callable[[date, date], list[str]],
    days_of: Callable[[str], tuple[date, date]],
    by_day: bool,
) -> Dimension:
    def where(wanted: Sequence[str], options: Options) -> Q:
        return reduce(or_, [Q(**{f"{day}__range": days_of(text)}) for text in wanted], Q(pk__in=[]))

    def values(options: Options) -> list[str]:
        if options.first_day is None or options.last_day is None:
            return []  # an open period: the labels observed are the labels
        return all_labels(options.first_day, options.last_day)

    grouping = TimeGroup(part, day, by_day=by_day)
    labels: dict[Any, str] = {}  # each day (or part) grouped, to its label: read once

    def label_of(raw: tuple[Any, ...], options: Options) -> str:
        value = raw[0]
        found = labels.get(value)
        if found is None:
            if len(labels) > 100_000:  # days of a few centuries: never in practice
                labels.clear()
            found = labels[value] = label(grouping.key(value))
        return found

    return Dimension(
        name=name,
        title=title,
        group=lambda options: {_alias(name): TimeGroup(part, day, by_day=by_day)},
        label=label_of,
        where=where,
        values=values,
        open_ended=True,
        accepts=lambda text: days_of(text) and text,
        days=days_of,
    )


def time_dimensions(day: str, *, by_day: bool = True) -> list[Dimension]:
    """Calendar year, UK financial year and month of the record's event date; `by_day`: on
    SQLite, grouped by the day where indexes on (column, day) give the rows in that order
    (TimeGroup)."""
    return [
        _time(
            "year",
            "Calendar year",
            day,
            YearOf,
            str,
            periods.years_between,
            periods.days_of_year,
            by_day,
        ),
        _time(
            "financial_year",
            "Financial year",
            day,
            FinancialYearOf,
            lambda start: periods.financial_year(date(start, 4, 1)),
            periods.financial_years_between,
            periods.days_of_financial_year,
            by_day,
        ),
        _time(
            "month",
            "Month",
            day,
            MonthOf,
            lambda key: f"{key // 100}-{key % 100:02d}",
            periods.months_between,
            periods.days_of_month,
            by_day,
        ),
    ]
