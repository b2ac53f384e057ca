"""Answering a catalogue question from the register: the exact table of counts.

Records are filtered and grouped in the database; Python only turns the grouped values into
labels. Disclosure control and the cost estimate are applied by answers/answer.py.
"""

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Max, Min, QuerySet

from answerable.answers.catalogue import CATALOGUE, Question
from answerable.answers.dimensions import Dimension, Options
from answerable.answers.disclosure_control.table import Table

EPISODES, PEOPLE = "episodes", "people"


class AskError(ValueError):
    """The question cannot be asked as put; the message says what to change."""


@dataclass(frozen=True)
class Ask:
    question: str
    first_day: date | None = None
    last_day: date | None = None
    where: Mapping[str, Sequence[str]] = field(default_factory=dict)
    by: Sequence[str] = ()
    duration_bounds: tuple[int, ...] = (24, 48)
    age_bounds: tuple[int, ...] = (18,)
    count: str = EPISODES


@dataclass(frozen=True)
class TimeToDisclose:
    """Average of disclosed_at - requested_at (home-office-disclosures-v1, Meaning)."""

    average: timedelta | None
    based_on: int


@dataclass(frozen=True)
class Counts:
    question: Question
    ask: Ask
    table: Table
    time_to_disclose: TimeToDisclose | None


def question_named(name: str) -> Question:
    try:
        return CATALOGUE[name]
    except KeyError:
        raise AskError(
            f"unknown question {name!r}; the catalogue has: {', '.join(CATALOGUE)}"
        ) from None


def _dimension(question: Question, name: str) -> Dimension:
    try:
        return question.dimensions[name]
    except KeyError:
        raise AskError(
            f"{question.name} has no dimension {name!r}; its dimensions are: "
            + ", ".join(question.dimensions)
        ) from None


def _check_values(dimension: Dimension, wanted: Sequence[str], options: Options) -> list[str]:
    """The wanted labels, checked: a typo must not silently count nothing."""
    if dimension.accepts is not None:
        try:
            return [dimension.accepts(text) for text in wanted]
        except ValueError as error:
            raise AskError(f"--where {dimension.name}: {error}") from None
    known = dimension.values(options)
    unknown = [text for text in wanted if text not in known]
    if unknown:
        raise AskError(
            f"--where {dimension.name}: {', '.join(map(repr, unknown))} is not a value; "
            f"the values are: {', '.join(known)}"
        )
    return list(wanted)


def _options(question: Question, ask: Ask, used: list[Dimension]) -> Options:
    return Options(
        duration_bounds=ask.duration_bounds,
        age_bounds=ask.age_bounds,
        first_day=ask.first_day,
        last_day=ask.last_day,
        lookups={dim.name: dim.lookup() for dim in used if dim.lookup is not None},
    )


def _filtered(question: Question, ask: Ask, options: Options) -> QuerySet[Any]:
    records = question.queryset()
    if ask.first_day:
        records = records.filter(**{f"{question.day}__gte": ask.first_day})
    if ask.last_day:
        records = records.filter(**{f"{question.day}__lte": ask.last_day})
    for name, wanted in ask.where.items():
        dimension = _dimension(question, name)
        records = records.filter(
            dimension.where(_check_values(dimension, wanted, options), options)
        )
    return records


def _with_observed_period(question: Question, records: QuerySet[Any], options: Options) -> Options:
    """An open period's time labels run from the first to the last record in it."""
    if options.first_day and options.last_day:
        return options
    span = records.aggregate(first=Min(question.day), last=Max(question.day))
    return Options(
        duration_bounds=options.duration_bounds,
        age_bounds=options.age_bounds,
        first_day=options.first_day or span["first"],
        last_day=options.last_day or span["last"],
        lookups=options.lookups,
    )


def count(ask: Ask) -> Counts:
    """The exact counts for `ask`, before any disclosure control."""
    question = question_named(ask.question)
    if ask.count not in (EPISODES, PEOPLE):
        raise AskError(f"--count must be {EPISODES} or {PEOPLE}, not {ask.count!r}")
    if ask.count == PEOPLE and not question.people:
        raise AskError(f"{question.name} cannot count people")
    if len(set(ask.by)) != len(ask.by):
        raise AskError("--by names a dimension twice")
    by = [_dimension(question, name) for name in ask.by]
    used = by + [_dimension(question, name) for name in ask.where]
    options = _options(question, ask, used)
    records = _filtered(question, ask, options)
    if any(dimension.open_ended for dimension in by):
        options = _with_observed_period(question, records, options)

    groups: dict[str, Any] = {}
    spans: list[tuple[Dimension, int, int]] = []
    for dimension in by:
        expressions = dimension.group(options)
        spans.append((dimension, len(groups), len(groups) + len(expressions)))
        groups.update(expressions)
    aliases = list(groups)

    def labels(raw: Sequence[Any]) -> tuple[str, ...]:
        return tuple(dim.label(tuple(raw[start:end]), options) for dim, start, end in spans)

    counts: Counter[tuple[str, ...]] = Counter()
    if ask.count == PEOPLE:
        # Each person is counted once, in the cell of their first record in the period, so
        # that the cells still add up to the total (which the disclosure audit relies on).
        # A record with no person is a person of its own: nobody is merged by guesswork.
        seen: set[int] = set()
        rows = records.annotate(**groups).order_by(question.moment, "pk")
        for person, *raw in rows.values_list("person_id", *aliases).iterator(chunk_size=20_000):
            if person is not None:
                if person in seen:
                    continue
                seen.add(person)
            counts[labels(raw)] += 1
    else:
        grouped = records.annotate(**groups).values(*aliases).annotate(n=Count("pk")).order_by()
        for row in grouped:
            counts[labels([row[alias] for alias in aliases])] += row["n"]

    values = []
    for dimension in by:
        listed = list(dimension.values(options))
        seen_labels = {key[by.index(dimension)] for key in counts}
        listed += sorted(seen_labels - set(listed))  # e.g. a station since closed
        values.append(tuple(listed))
    table = Table(tuple(ask.by), tuple(values), dict(counts))
    return Counts(question, ask, table, _time_to_disclose(question, records))


def _time_to_disclose(question: Question, records: QuerySet[Any]) -> TimeToDisclose | None:
    if not question.time_to_disclose:
        return None
    asked = records.filter(requested_at__isnull=False)
    result = asked.aggregate(
        n=Count("pk"),
        average=Avg(ExpressionWrapper(F("disclosed_at") - F("requested_at"), DurationField())),
    )
    average = result["average"]
    if average is not None and not isinstance(average, timedelta):
        average = timedelta(microseconds=float(average))  # SQLite returns microseconds
    return TimeToDisclose(average=average, based_on=result["n"])
