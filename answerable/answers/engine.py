"""Answering a catalogue question from the register: the exact table of counts.

Records are filtered and grouped in the database; Python only turns the grouped values into
labels. Disclosure control and the cost estimate are applied by answers/answer.py.

Only what the register holds is counted: a record type held from a day (`answerable
coverage`, register/coverage.py) is counted from that day, and a period, or a year or month
of a breakdown, wholly before it is not held (HeldPart), never a zero.

A dimension both filtered and broken down has exactly the values asked for, in the order
asked, each shown even when none is counted; `--where` values may be codes or their labels,
in any case, and are read back as codes.
"""

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from django.db.models import Case, Count, F, QuerySet, Sum, Value, When

from answerable.answers.catalogue import CATALOGUE, Question
from answerable.answers.dimensions import Dimension, Options
from answerable.answers.disclosure_control.table import Table
from answerable.answers.output.labels import reader_label
from answerable.register.coverage import holding, split_period
from answerable.register.coverage_records import held_from as first_day_held

EPISODES, PEOPLE = "episodes", "people"
# The breakdowns by the event's date (dimensions.time_dimensions): not grouped, and one
# attribute (the day) for the release ledger.
TIME_DIMENSION_NAMES = frozenset({"year", "financial_year", "month"})


class AskError(ValueError):
    """The question cannot be asked as put; the message says what to change."""


class NothingToBreakDown(AskError):
    """A time breakdown over an open period in which no record is held: its values are the
    years or months observed, and there are none (a closed period lists each, with 0)."""


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
    # Coarser groupings of a breakdown's values: dimension -> {new label: [values merged]};
    # a value in no group keeps its own row (disclosure_control/grouping.py offers them).
    groups: Mapping[str, Mapping[str, Sequence[str]]] = field(default_factory=dict)


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
class HeldPart:
    """What of an answer the register holds (register/coverage.py).

    held_from: the first day the register holds the question's record type (None: not
    set, all held); starts_before: the period asked starts before it, so only the part from
    it is counted; wholly_not_held: none of the period is held; not_held: for a time
    breakdown, its values wholly before held_from; partly_held: its values counted only
    from held_from.
    """

    kind: str = ""
    held_from: date | None = None
    starts_before: bool = False
    wholly_not_held: bool = False
    not_held: Mapping[str, frozenset[str]] = field(default_factory=dict)
    partly_held: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def held(self, dimensions: Sequence[str], labels: Sequence[str]) -> bool:
        """Whether the figure fixing these labels of these dimensions is held."""
        if self.wholly_not_held:
            return False
        return not any(
            label in self.not_held.get(dimension, ())
            for dimension, label in zip(dimensions, labels, strict=True)
        )


@dataclass(frozen=True)
class Counts:
    question: Question
    ask: Ask  # as asked, its `where` read back as codes
    table: Table  # every value shown, those not held included (with nothing counted);
    # counting people: people per cell (which do not add up to the total)
    time_to_disclose: TimeToDisclose | None
    kinds: Kinds | None = None  # counting people only
    coverage: HeldPart = field(default_factory=HeldPart)

    def figure(self, fixed: Mapping[str, str]) -> int:
        """The count of the figure fixing these labels (a cell, a margin or the total)."""
        dimensions = self.table.dimensions
        positions = [(dimensions.index(d), label) for d, label in fixed.items()]

        def matches(labels: tuple[str, ...]) -> bool:
            return all(labels[p] == label for p, label in positions)

        if self.kinds is None:
            return sum(n for labels, n in self.table.counts.items() if matches(labels))
        return sum(n for kind, n in self.kinds.items() if any(matches(c) for c in kind))

    def held_table(self) -> Table | None:
        """The table of what the register holds: the values not held left out (they are no
        figures at all, not zeros), or None when nothing asked is held. This is the table
        disclosure control is applied to."""
        if self.coverage.wholly_not_held:
            return None
        not_held = self.coverage.not_held
        values = tuple(
            tuple(v for v in labels if v not in not_held.get(dimension, ()))
            for dimension, labels in zip(self.table.dimensions, self.table.values, strict=True)
        )
        return Table(self.table.dimensions, values, self.table.counts)


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


def _names(dimension: Dimension, known: Sequence[str], options: Options) -> dict[str, str]:
    """Every name a value may be given in, case folded, to its label (code)."""
    names: dict[str, str] = {}
    for value in known:
        names[reader_label(value).casefold()] = value
    for other, value in (dimension.names(options) if dimension.names else {}).items():
        names[other.casefold()] = value
    for value in known:  # a code itself wins over another value's label
        names[value.casefold()] = value
    return names


def _check_values(dimension: Dimension, wanted: Sequence[str], options: Options) -> list[str]:
    """The wanted values as labels (codes), each once in the order asked, checked: a typo
    must not silently count nothing. A code or its label is accepted, in any case."""
    known = dimension.values(options)
    names = _names(dimension, known, options)
    found: list[str] = []
    unknown: list[str] = []
    for text in wanted:
        value = names.get(text.strip().casefold())
        if value is None and dimension.accepts is not None:
            try:
                value = dimension.accepts(text)
            except ValueError as error:
                raise AskError(f"--where {dimension.name}: {error}") from None
        if value is None:
            unknown.append(text)
        elif value not in found:
            found.append(value)
    if unknown:
        raise AskError(
            f"--where {dimension.name}: {', '.join(map(repr, unknown))} is not a value; "
            f"the values are: {', '.join(known)}"
        )
    return found


def _options(question: Question, ask: Ask, used: list[Dimension]) -> Options:
    return Options(
        duration_bounds=ask.duration_bounds,
        age_bounds=ask.age_bounds,
        first_day=ask.first_day,
        last_day=ask.last_day,
        lookups={dim.name: dim.lookup() for dim in used if dim.lookup is not None},
    )


def _normalised_where(question: Question, ask: Ask, options: Options) -> dict[str, list[str]]:
    return {
        name: _check_values(_dimension(question, name), wanted, options)
        for name, wanted in ask.where.items()
    }


def _filtered(
    question: Question, ask: Ask, options: Options, first_day: date | None = None
) -> QuerySet[Any]:
    """The records asked for (`ask.where` already read as codes), from `first_day` (the
    first day held, when later than the period's) or the period's first day."""
    records = question.queryset()
    first_day = first_day or ask.first_day
    if first_day:
        records = records.filter(**{f"{question.day}__gte": first_day})
    if ask.last_day:
        records = records.filter(**{f"{question.day}__lte": ask.last_day})
    for name, wanted in ask.where.items():
        dimension = _dimension(question, name)
        records = records.filter(dimension.where(wanted, options))
    return records


def _asked_span(question: Question, ask: Ask) -> tuple[date | None, date | None]:
    """The days asked: the period, narrowed by any `--where` on a year, financial year or
    month to the span of the values asked."""
    first, last = ask.first_day, ask.last_day
    for name, wanted in ask.where.items():
        days = question.dimensions[name].days
        if days is None or not wanted:
            continue
        spans = [days(label) for label in wanted]
        start, end = min(span[0] for span in spans), max(span[1] for span in spans)
        first = max(first, start) if first else start
        last = min(last, end) if last else end
    return first, last


def _held_part(
    question: Question,
    ask: Ask,
    held_from: date | None,
    by: Sequence[Dimension],
    values: Sequence[tuple[str, ...]],
) -> HeldPart:
    """What of the answer the register holds, given the values each breakdown shows."""
    if held_from is None:
        return HeldPart(question.kind)
    first, last = _asked_span(question, ask)
    split = split_period(first, last, held_from)
    not_held: dict[str, frozenset[str]] = {}
    partly_held: dict[str, tuple[str, ...]] = {}
    for dimension, labels in zip(by, values, strict=True):
        if dimension.days is None:
            continue
        holdings = {}
        for label in labels:
            start, end = dimension.days(label)
            holdings[label] = holding(max(start, ask.first_day or start), end, held_from)
        not_held[dimension.name] = frozenset(v for v, h in holdings.items() if h == "not_held")
        partly_held[dimension.name] = tuple(v for v, h in holdings.items() if h == "partly_held")
    wholly = split.wholly_not_held or any(
        bool(labels) and len(not_held.get(dimension.name, ())) == len(labels)
        for dimension, labels in zip(by, values, strict=True)
    )
    return HeldPart(
        kind=question.kind,
        held_from=held_from,
        starts_before=split.starts_before,
        wholly_not_held=wholly,
        not_held={name: labels for name, labels in not_held.items() if labels},
        partly_held={name: labels for name, labels in partly_held.items() if labels},
    )


def _with_observed_period(
    by: Sequence[Dimension], options: Options, counts: Mapping[tuple[str, ...], int]
) -> Options:
    """An open period's time labels run from the first to the last record in it: from the
    counts themselves, with no query of their own. Each time breakdown's first and last
    label seen hold the first and last record's day; the latest of their first days and the
    earliest of their last days fall in those same labels of every time breakdown, so each
    lists the labels from the first record's to the last record's (a year breakdown with a
    month one: the months seen bound the years, and the other way round)."""
    if options.first_day and options.last_day:
        return options
    timed = [(i, d.days) for i, d in enumerate(by) if d.days is not None]
    if not timed or not counts:
        return options
    firsts, lasts = [], []
    for position, days_of in timed:
        spans = [days_of(label) for label in {key[position] for key in counts}]
        firsts.append(min(start for start, _ in spans))
        lasts.append(max(end for _, end in spans))
    return replace(
        options,
        first_day=options.first_day or max(firsts),
        last_day=options.last_day or min(lasts),
    )


def count(ask: Ask) -> Counts:
    """The exact counts for `ask`, before any disclosure control."""
    return _count(ask, bands=True)


def _count(ask: Ask, *, bands: bool) -> Counts:
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
    ask = replace(ask, where=_normalised_where(question, ask, options))
    held_from = first_day_held(question.kind) if question.kind else None
    counted_from = max(ask.first_day or held_from, held_from) if held_from else ask.first_day
    records = _filtered(question, ask, options, counted_from)

    timing = _Timing() if question.time_to_disclose else None
    # One banded breakdown counted band by band (filtered counts), not grouped by.
    banded = _banded(ask, by, timing, options) if bands else None
    groups: dict[str, Any] = {}
    spans: list[tuple[Dimension, int, int]] = []
    for dimension in by:
        if dimension is banded:
            continue
        expressions = dimension.group(options)
        spans.append((dimension, len(groups), len(groups) + len(expressions)))
        groups.update(expressions)
    aliases = list(groups)

    # A dimension's label is a function of its grouped values (and the options, fixed here):
    # each distinct value is labelled once. A time breakdown with another groups by the day
    # and that breakdown's column (dimensions.TimeGroup), so tens of thousands of groups may
    # share a few hundred values of each.
    seen: list[dict[tuple[Any, ...], str]] = [{} for _ in spans]

    def labels(raw: Sequence[Any]) -> tuple[str, ...]:
        found = []
        for (dim, start, end), known in zip(spans, seen, strict=True):
            part = tuple(raw[start:end])
            label = known.get(part)
            if label is None:
                label = known[part] = dim.label(part, options)
            found.append(label)
        return tuple(found)

    counts: Counter[tuple[str, ...]] = Counter()
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
    elif banded is not None:
        counted = _count_bands(records, groups, banded, by.index(banded), labels, options)
        if counted is None:  # a record in no band: counted as every other breakdown is
            return _count(ask, bands=False)
        counts = counted
    else:
        # The time to disclose is summed in the same pass, group by group (one read of the
        # covering index, not two).
        sums = timing.sums() if timing is not None else {}
        width = len(aliases)
        for row in _group_rows(records, groups, sums):
            counts[labels(row[:width])] += row[width]
            if timing is not None:
                timing.add_sums(*row[width + 1 :])

    options = _with_observed_period(by, options, counts)
    values = [
        _shown_values(dimension, by.index(dimension), ask, options, counts) for dimension in by
    ]
    empty = [dimension.name for dimension, labels in zip(by, values, strict=True) if not labels]
    if empty:
        raise NothingToBreakDown(
            f"no {question.unit} are held in the period asked, so there is nothing to break "
            f"down by {' and '.join(empty)} (the total is 0); give the period's first and last "
            "day to see each of its values as 0"
        )
    coverage = _held_part(question, ask, held_from, by, values)
    if ask.groups:
        values, counts, kinds = _grouped(ask, values, counts, kinds)
    table = Table(tuple(ask.by), tuple(values), dict(counts))
    timed = timing.result() if timing is not None else None
    return Counts(question, ask, table, timed, kinds=kinds, coverage=coverage)


def _group_rows(
    records: QuerySet[Any], groups: Mapping[str, Any], aggregates: Mapping[str, Any]
) -> Iterable[Sequence[Any]]:
    """One row per group, as a tuple: the groups' values, the count, then `aggregates` in
    their order; with no groups, the one row of the total. count(*), not count(id):
    PostgreSQL reads a covering index without the table only when the count needs no column
    the index lacks (SQLite's indexes carry the rowid)."""
    aliases = list(groups)
    if not aliases:
        total = records.aggregate(n=Count("*"), **aggregates)
        return [(total["n"], *(total[name] for name in aggregates))]
    return (
        records.annotate(**groups)
        .values(*aliases)
        .annotate(n=Count("*"), **aggregates)
        .order_by()
        .values_list(*aliases, "n", *aggregates)
    )


def _banded(
    ask: Ask, by: Sequence[Dimension], timing: "_Timing | None", options: Options
) -> Dimension | None:
    """The banded breakdown (dimensions.Dimension.banded) to count band by band: the last
    one asked, when episodes are counted with no time to disclose summed alongside; alone,
    only if grouping by it would group by an expression (an age band alone is grouped by the
    age, read in order from its index)."""
    if ask.count != EPISODES or timing is not None:
        return None
    banded = next((dimension for dimension in reversed(by) if dimension.banded), None)
    if banded is not None and len(by) == 1:
        expressions = list(banded.group(options).values())
        if all(isinstance(expression, F) for expression in expressions):
            return None
    return banded


def _count_bands(
    records: QuerySet[Any],
    groups: Mapping[str, Any],
    banded: Dimension,
    position: int,
    labels: Callable[[Sequence[Any]], tuple[str, ...]],
    options: Options,
) -> Counter[tuple[str, ...]] | None:
    """The counts with `banded` counted band by band: a count per band (its `where`) in each
    group of the other breakdowns, read in one pass in the order of an index on them (SQLite
    groups by a CASE only by sorting every record). None if a group's bands do not add up to
    its records (a record in no band): the caller then groups by the band as usual."""
    bands = list(banded.values(options))
    filtered = {
        # COUNT(CASE ...), not COUNT(id) FILTER: no column a covering index lacks
        f"band_{index}": Count(Case(When(banded.where([label], options), then=Value(1))))
        for index, label in enumerate(bands)
    }
    width = len(groups)
    counts: Counter[tuple[str, ...]] = Counter()
    for row in _group_rows(records, groups, filtered):
        others = labels(row[:width])
        split = row[width + 1 :]
        if sum(split) != row[width]:
            return None
        for label, n in zip(bands, split, strict=True):
            if n:
                counts[(*others[:position], label, *others[position:])] += n
    return counts


def group_of(ask: Ask, dimension: str) -> dict[str, str]:
    """Each grouped value of a breakdown and the label of its group (others: none)."""
    return {
        value: label
        for label, members in (ask.groups.get(dimension) or {}).items()
        for value in members
    }


def _grouped(
    ask: Ask,
    values: Sequence[tuple[str, ...]],
    counts: Counter[tuple[str, ...]],
    kinds: "Kinds | None",
) -> tuple[list[tuple[str, ...]], Counter[tuple[str, ...]], "Kinds | None"]:
    """The breakdown with the asked groups merged: a group takes the place of its first
    value, and counts a record (or a person, once) if it is in any of its values."""
    for name in ask.groups:
        if name not in ask.by:
            raise AskError(f"--group {name}: group only a dimension the table is broken down by")
        if name in TIME_DIMENSION_NAMES:
            raise AskError(f"--group {name}: a time breakdown cannot be grouped; ask by year")
    mapping = [group_of(ask, name) for name in ask.by]
    new_values: list[tuple[str, ...]] = []
    for name, labels, merge in zip(ask.by, values, mapping, strict=True):
        for label, members in (ask.groups.get(name) or {}).items():
            unknown = [m for m in members if m not in labels]
            if unknown:
                raise AskError(
                    f"--group {name}: {', '.join(map(repr, unknown))} is not a value of the "
                    f"breakdown; its values are: {', '.join(labels)}"
                )
            if label in labels and label not in members:
                raise AskError(f"--group {name}: {label!r} is already a value; name it otherwise")
        shown: dict[str, None] = {}
        for label in labels:
            shown[merge.get(label, label)] = None
        new_values.append(tuple(shown))

    def relabel(cell: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(merge.get(label, label) for merge, label in zip(mapping, cell, strict=True))

    if kinds is not None:
        regrouped: Counter[frozenset[tuple[str, ...]]] = Counter()
        for kind, people in kinds.items():
            regrouped[frozenset(relabel(cell) for cell in kind)] += people
        new_kinds = dict(regrouped)
        new_counts: Counter[tuple[str, ...]] = Counter()
        for kind, people in new_kinds.items():
            for cell in kind:
                new_counts[cell] += people
        return new_values, new_counts, new_kinds
    merged: Counter[tuple[str, ...]] = Counter()
    for cell, n in counts.items():
        merged[relabel(cell)] += n
    return new_values, merged, None


def _shown_values(
    dimension: Dimension,
    position: int,
    ask: Ask,
    options: Options,
    counts: Mapping[tuple[str, ...], int],
) -> tuple[str, ...]:
    """A breakdown's values: those asked for, in the order asked, when the dimension is also
    filtered (zeros shown, nothing else); otherwise every value, and any other seen."""
    if dimension.name in ask.where:
        return tuple(ask.where[dimension.name])
    listed = list(dimension.values(options))
    seen_labels = {key[position] for key in counts}
    listed += sorted(seen_labels - set(listed))  # e.g. a station since closed
    return tuple(listed)


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
        self.add_sums(row["timed_n"], row["timed_seconds"])

    def add_sums(self, timed_n: int, timed_seconds: Any) -> None:
        """One group's sums, in the order of `sums()`."""
        self.based_on += timed_n
        self.seconds += int(timed_seconds or 0)  # PostgreSQL sums bigint as numeric

    def add_all(self, records: QuerySet[Any]) -> None:
        self.add(records.aggregate(**self.sums()))

    def result(self) -> TimeToDisclose:
        if not self.based_on:
            return TimeToDisclose(average=None, based_on=0)
        return TimeToDisclose(
            average=timedelta(seconds=self.seconds / self.based_on), based_on=self.based_on
        )


def records_of(ask: Ask) -> QuerySet[Any]:
    """The records `ask` counts (its question, the held part of its period, its filters),
    for derived figures."""
    question = question_named(ask.question)
    used = [_dimension(question, name) for name in ask.where]
    options = _options(question, ask, used)
    ask = replace(ask, where=_normalised_where(question, ask, options))
    return _filtered(question, ask, options, counted_ask(ask).first_day)


def counted_ask(ask: Ask) -> Ask:
    """`ask` as the register counts it: its period starting no earlier than the first day
    the register holds its records (register/coverage.py)."""
    question = question_named(ask.question)
    held_from = first_day_held(question.kind) if question.kind else None
    if held_from is None or (ask.first_day is not None and ask.first_day >= held_from):
        return ask
    return replace(ask, first_day=held_from)


def where_values(question: Question, ask: Ask, name: str, options: Options) -> list[str]:
    """The values `ask` filters dimension `name` by, read and checked as the engine reads them."""
    return _check_values(_dimension(question, name), list(ask.where[name]), options)
