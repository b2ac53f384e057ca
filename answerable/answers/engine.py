"""Answering a catalogue question from the register: the exact table of counts.

Records are filtered and grouped in the database; Python only turns the grouped values into
labels. Disclosure control and the cost estimate are applied by answers/answer.py.
"""

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, QuerySet, Sum

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


# Counting people: each kind of person (the set of cells a person has a counted record in)
# and how many people are of that kind. A person counts once in each of their cells, and
# once in a margin or the total however many of their cells it covers.
Kinds = dict[frozenset[tuple[str, ...]], int]


@dataclass(frozen=True)
class Counts:
    question: Question
    ask: Ask
    table: Table  # counting people: people per cell (which do not add up to the total)
    time_to_disclose: TimeToDisclose | None
    kinds: Kinds | None = None  # counting people only

    def figure(self, fixed: Mapping[str, str]) -> int:
        """The count of the figure fixing these labels (a cell, a margin or the total)."""
        dimensions = self.table.dimensions
        positions = [(dimensions.index(d), label) for d, label in fixed.items()]

        def matches(labels: tuple[str, ...]) -> bool:
            return all(labels[p] == label for p, label in positions)

        if self.kinds is None:
            return sum(n for labels, n in self.table.counts.items() if matches(labels))
        return sum(n for kind, n in self.kinds.items() if any(matches(c) for c in kind))


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
    # Two queries, each the first row of an index in one direction: asked together in one
    # aggregate, min and max would read every record of the period.
    days = records.order_by().values_list(question.day, flat=True)
    return Options(
        duration_bounds=options.duration_bounds,
        age_bounds=options.age_bounds,
        first_day=options.first_day or days.order_by(question.day).first(),
        last_day=options.last_day or days.order_by(f"-{question.day}").first(),
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
    timing = _Timing() if question.time_to_disclose else None
    kinds: Kinds | None = None
    if ask.count == PEOPLE:
        # Each person is counted once in every cell in which they have a counted record;
        # margins and the total count distinct people (register_notes.md: such tables do
        # not add up, and their disclosure control knows it). A record with no person is a
        # person of its own: nobody is merged by guesswork.
        cells_of: dict[Any, set[tuple[str, ...]]] = {}
        rows = records.annotate(**groups).order_by()
        values = rows.values_list("person_id", "pk", *aliases).iterator(chunk_size=20_000)
        for person, pk, *raw in values:
            key = person if person is not None else ("record", pk)
            cells_of.setdefault(key, set()).add(labels(raw))
        kinds = dict(Counter(frozenset(cells) for cells in cells_of.values()))
        for kind, people in kinds.items():
            for cell in kind:
                counts[cell] += people
        if timing is not None:
            timing.add_all(records)
    else:
        # The time to disclose is summed in the same pass, group by group (one read of the
        # covering index, not two).
        sums = timing.sums() if timing is not None else {}
        # count(*), not count(id): PostgreSQL reads a covering index without the table only
        # when the count needs no column the index lacks (SQLite's indexes carry the rowid).
        if aliases:
            grouped = records.annotate(**groups).values(*aliases)
            rows = grouped.annotate(n=Count("*"), **sums).order_by()
        else:  # the total alone
            rows = [records.aggregate(n=Count("*"), **sums)]
        for row in rows:
            counts[labels([row[alias] for alias in aliases])] += row["n"]
            if timing is not None:
                timing.add(row)

    values = []
    for dimension in by:
        listed = list(dimension.values(options))
        seen_labels = {key[by.index(dimension)] for key in counts}
        listed += sorted(seen_labels - set(listed))  # e.g. a station since closed
        values.append(tuple(listed))
    table = Table(tuple(ask.by), tuple(values), dict(counts))
    return Counts(question, ask, table, timing.result() if timing is not None else None, kinds)


class _Timing:
    """The average time to disclose (disclosed_at - requested_at, in the seconds the
    register derives on save) over the records counted: a sum and a count."""

    COLUMN = "seconds_to_disclose"

    def __init__(self) -> None:
        self.seconds = 0
        self.based_on = 0

    def sums(self) -> dict[str, Any]:
        return {"timed_n": Count(self.COLUMN), "timed_seconds": Sum(self.COLUMN)}

    def add(self, row: Mapping[str, Any]) -> None:
        self.based_on += row["timed_n"]
        self.seconds += int(row["timed_seconds"] or 0)  # PostgreSQL sums bigint as numeric

    def add_all(self, records: QuerySet[Any]) -> None:
        self.add(records.aggregate(**self.sums()))

    def result(self) -> TimeToDisclose:
        if not self.based_on:
            return TimeToDisclose(average=None, based_on=0)
        return TimeToDisclose(
            average=timedelta(seconds=self.seconds / self.based_on), based_on=self.based_on
        )


def records_of(ask: Ask) -> QuerySet[Any]:
    """The records `ask` counts (its question, period and filters), for derived figures."""
    question = question_named(ask.question)
    used = [_dimension(question, name) for name in ask.where]
    return _filtered(question, ask, _options(question, ask, used))


def where_values(question: Question, ask: Ask, name: str, options: Options) -> list[str]:
    """The values `ask` filters dimension `name` by, read and checked as the engine reads them."""
    return _check_values(_dimension(question, name), list(ask.where[name]), options)
