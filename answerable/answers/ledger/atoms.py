"""The finest cells that a set of tables distinguishes, and how many records each holds.

Tables asked of one kind of record (custody episodes, disclosures, ...) cut the same records
in different ways: by period, by filters, by breakdowns and by band schemes. A reader who
holds several of them can combine them (ICO anonymisation guidance, the "mosaic effect";
register_notes.md: a total with and without a filter, a division and its stations, two
periods a day apart, two band schemes). So the joint audit works on the common refinement
of all the tables: every attribute a table uses (the event's day, time in custody, age, and
each category such as station or sex) is split only where some table splits it, parts that
no table tells apart are merged, and the cells ("atoms") are the combinations of parts.

A reader does not know which combinations are empty, so every combination is a cell the
audit must allow for, except what is public knowledge: a custody centre belongs to its
division. When the combinations are too many to enumerate, only the combinations that hold
records are kept: that assumes the reader knows which are empty, which can only make the
audit stricter (never lets a disclosure through).

Counting people, a figure counts a person once if any of their records is in it, so the
atoms are kinds of person (the set of figures a person is counted in), as observed.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Case, Count, IntegerField, Value, When
from django.db.models.functions import Coalesce

from answerable.answers import bands, periods
from answerable.answers.catalogue import Question
from answerable.answers.dimensions import Dimension, Options
from answerable.answers.engine import (
    PEOPLE,
    TIME_DIMENSION_NAMES,
    Ask,
    group_of,
    question_named,
    where_values,
)
from answerable.answers.ledger.specs import Spec
from answerable.lazy import lazy_module
from answerable.register.models import Station

if TYPE_CHECKING:
    import numpy as np
else:
    np = lazy_module("numpy")  # imported when first used: a quick start (lazy.py)

AGE_DIMENSIONS = frozenset({"age_band", "child"})
DURATION_COLUMN, AGE_COLUMN = "duration_minutes", "age"
# Above this many combinations, only the combinations that hold records are kept.
PRODUCT_LIMIT = 40_000
OTHER = "\x00other"  # a value of an open-ended dimension that no table names

Label = str


@dataclass
class Attribute:
    """One thing records are split by, and its parts after merging what no table tells apart.

    parts: every part's key; part_of: a data row's raw value(s) -> part key; for each spec,
    `keep[spec][part]` (does the spec count records in that part) and `labels[spec][dim]
    [part]` (the label the spec gives it, for each `by` dimension on this attribute).
    """

    name: str
    expressions: dict[str, Any]  # alias -> SQL expression grouped by
    parts: list[Any]
    part_of: Callable[[tuple[Any, ...]], Any]
    keep: list[list[bool]] = field(default_factory=list)
    labels: list[dict[str, list[Label]]] = field(default_factory=list)
    # filled by `merge`: part index -> class, and per class its first part
    class_of: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    n_classes: int = 0


@dataclass
class Atoms:
    """The finest cells and their true counts, with each spec's view of them."""

    counts: np.ndarray  # int64, one per atom
    keep: np.ndarray  # bool, (specs, atoms): the spec counts the atom's records
    labels: list[dict[str, np.ndarray]]  # per spec, per `by` dimension: label per atom
    exhaustive: bool  # every combination (True) or only those holding records (False)

    def figure(self, spec: int, fixed: Iterable[tuple[str, str]]) -> np.ndarray:
        """The atoms a figure of spec `spec` counts (its labels fixed)."""
        mask = self.keep[spec].copy()
        for dimension, label in fixed:
            mask &= self.labels[spec][dimension] == label
        return np.flatnonzero(mask)


def _question(spec: Spec) -> Question:
    return question_named(spec.ask.question)


def _options(ask: Ask, dimension: Dimension) -> Options:
    lookups = {dimension.name: dimension.lookup()} if dimension.lookup is not None else {}
    return Options(
        duration_bounds=ask.duration_bounds,
        age_bounds=ask.age_bounds,
        first_day=ask.first_day,
        last_day=ask.last_day,
        lookups=lookups,
    )


def _wanted(ask: Ask, dimension: Dimension, options: Options) -> list[str]:
    """The spec's `where` values for a dimension, read as the engine reads them."""
    return where_values(question_named(ask.question), ask, dimension.name, options)


def _regrouped(ask: Ask, dimension: str, label: str) -> str:
    """The label a table with coarser groups (`--group`) gives a value."""
    return group_of(ask, dimension).get(label, label)


# -- the event's day ---------------------------------------------------------------------------


def _day_attribute(
    specs: Sequence[Spec], day: str, observed: tuple[date, date] | None
) -> Attribute:
    label_of: dict[str, Callable[[date], str]] = {
        "year": lambda d: str(d.year),
        "financial_year": periods.financial_year,
        "month": periods.month,
    }
    cuts: set[date] = set()
    if observed is not None:
        cuts.update((observed[0], observed[1] + timedelta(days=1)))
    for spec in specs:
        ask = spec.ask
        if ask.first_day:
            cuts.add(ask.first_day)
        if ask.last_day:
            cuts.add(ask.last_day + timedelta(days=1))
        used = [name for name in (*ask.by, *ask.where) if name in TIME_DIMENSION_NAMES]
        if used and observed is not None:
            low = ask.first_day or observed[0]
            high = ask.last_day or observed[1]
            for start in _boundaries(low, high, used):
                cuts.add(start)
    ordered = sorted(cuts)
    # Part i holds the days from ordered[i-1] (inclusive) to ordered[i] (exclusive); part 0
    # everything before the first cut, the last part everything from the last cut on.
    starts: list[date | None] = [None, *ordered]

    def representative(part: int) -> date:
        start = starts[part]
        return start if start is not None else ordered[0] - timedelta(days=1)

    attribute = Attribute(
        name="day",
        expressions={"atom_day": models.F(day)},
        parts=list(range(len(starts))),
        part_of=lambda raw: bisect.bisect_right(ordered, raw[0]),
    )
    for spec in specs:
        ask = spec.ask
        keep = []
        for part in attribute.parts:
            first = starts[part]
            last = ordered[part] - timedelta(days=1) if part < len(ordered) else None
            inside = (ask.first_day is None or (first is not None and first >= ask.first_day)) and (
                ask.last_day is None or (last is not None and last <= ask.last_day)
            )
            keep.append(inside)
        labels: dict[str, list[Label]] = {}
        for name in TIME_DIMENSION_NAMES:
            if name in ask.by or name in ask.where:
                labels[name] = [label_of[name](representative(p)) for p in attribute.parts]
        for name, wanted in ask.where.items():
            if name in TIME_DIMENSION_NAMES:
                keep = [k and labels[name][p] in set(wanted) for p, k in enumerate(keep)]
        attribute.keep.append(keep)
        attribute.labels.append({name: labels[name] for name in ask.by if name in labels})
    return attribute


def _boundaries(low: date, high: date, used: Sequence[str]) -> Iterable[date]:
    """The first day of every year, financial year and month from low to high (+1)."""
    year, month = low.year, low.month
    while date(year, month, 1) <= high + timedelta(days=1):
        first = date(year, month, 1)
        if "month" in used or (month == 1 and "year" in used):
            yield first
        if month == 4 and "financial_year" in used:
            yield first
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    yield high + timedelta(days=1)


# -- time in custody and age: bands ------------------------------------------------------------


def _banded_attribute(
    specs: Sequence[Spec], name: str, column: str, dimensions: frozenset[str]
) -> Attribute:
    """Duration (upper bounds inclusive, hours) or age (lower bounds, years): the edges of
    every scheme in use, each part labelled by each spec's own scheme."""
    duration = name == "duration"
    edges: set[int] = set()
    for spec in specs:
        used = {n for n in (*spec.ask.by, *spec.ask.where) if n in dimensions}
        if duration and used:
            edges.update(hours * 60 for hours in spec.ask.duration_bounds)
        if not duration and "age_band" in used:
            edges.update(spec.ask.age_bounds)
        if not duration and "child" in used:
            edges.add(18)
    ordered = sorted(edges)
    whens = [When(**{f"{column}__isnull": True}, then=Value(-1))]
    if duration:
        whens += [When(**{f"{column}__lte": edge}, then=Value(i)) for i, edge in enumerate(ordered)]
    else:
        whens += [When(**{f"{column}__lt": edge}, then=Value(i)) for i, edge in enumerate(ordered)]
    expression = Case(*whens, default=Value(len(ordered)), output_field=IntegerField())
    parts = [-1, *range(len(ordered) + 1)]

    def representative(part: int) -> int | None:
        if part == -1:
            return None
        if duration:  # minutes: the part's upper edge (inclusive), or past the last edge
            return ordered[part] if part < len(ordered) else (ordered[-1] + 1 if ordered else 0)
        return 0 if part == 0 else ordered[part - 1]  # years: the part's lower edge

    def label(dimension: str, ask: Ask, part: int) -> str:
        value = representative(part)
        if dimension == "duration":
            minutes = value
            return bands.duration_band(minutes, ask.duration_bounds)
        if dimension == "age_band":
            return bands.age_band(value, ask.age_bounds)
        return bands.child(value)

    attribute = Attribute(
        name=name,
        expressions={f"atom_{name}": expression},
        parts=parts,
        part_of=lambda raw: raw[0],
    )
    for spec in specs:
        ask = spec.ask
        keep = [True] * len(parts)
        for dimension, wanted in ask.where.items():
            if dimension in dimensions:
                allowed = {str(value) for value in wanted}
                keep = [
                    k and label(dimension, ask, p) in allowed
                    for k, p in zip(keep, parts, strict=True)
                ]
        attribute.keep.append(keep)
        attribute.labels.append(
            {
                d: [_regrouped(ask, d, label(d, ask, p)) for p in parts]
                for d in ask.by
                if d in dimensions
            }
        )
    return attribute


# -- categories ------------------------------------------------------------------------------


def _category_attribute(specs: Sequence[Spec], name: str) -> Attribute:
    """A category (station, sex, role, nationality, ...): its labels, as every table gives
    them, plus one part for values no table names where the list is open-ended."""
    owner = next(s for s in specs if name in _question(s).dimensions)
    dimension = _question(owner).dimensions[name]
    options = _options(owner.ask, dimension)
    labels: dict[str, None] = dict.fromkeys(dimension.values(options))
    for spec in specs:
        question = _question(spec)
        if name in spec.ask.where and name in question.dimensions:
            labels.update(dict.fromkeys(_wanted(spec.ask, question.dimensions[name], options)))
        for figure in spec.figures:
            for fixed_name, label in figure.fixed:
                if fixed_name == name:
                    labels[label] = None
    if dimension.open_ended:
        labels[OTHER] = None
    parts = list(labels)

    def part_of(raw: tuple[Any, ...]) -> Any:
        label = dimension.label(tuple(raw), options)
        if label not in labels:
            labels[label] = None
            parts.append(label)
        return label

    grouped = dimension.group(options)
    attribute = Attribute(
        name=name,
        expressions={f"atom_{name}_{i}": grouped[alias] for i, alias in enumerate(grouped)},
        parts=parts,
        part_of=part_of,
    )
    return attribute


def _finish_category(attribute: Attribute, specs: Sequence[Spec]) -> None:
    """Each spec's view of a category, once every observed label is known."""
    name = attribute.name
    for spec in specs:
        question = _question(spec)
        keep = [True] * len(attribute.parts)
        if name in spec.ask.where and name in question.dimensions:
            dimension = question.dimensions[name]
            wanted = set(_wanted(spec.ask, dimension, _options(spec.ask, dimension)))
            keep = [part in wanted for part in attribute.parts]
        attribute.keep.append(keep)
        attribute.labels.append(
            {name: [_regrouped(spec.ask, name, str(p)) for p in attribute.parts]}
            if name in spec.ask.by
            else {}
        )


# -- a question's own records (custody-count within custody-all) ------------------------------


def _base_attribute(specs: Sequence[Spec], question: Question) -> Attribute:
    attribute = Attribute(
        name=f"base:{question.name}",
        expressions={
            f"atom_base_{question.name.replace('-', '_')}": Case(
                When(question.base, then=Value(1)), default=Value(0), output_field=IntegerField()
            )
        },
        parts=[0, 1],
        part_of=lambda raw: raw[0],
    )
    for spec in specs:
        own = spec.ask.question == question.name
        attribute.keep.append([not own, True])
        attribute.labels.append({})
    return attribute


# -- putting it together ---------------------------------------------------------------------


def _attributes(specs: Sequence[Spec], observed: tuple[date, date] | None) -> list[Attribute]:
    questions = {spec.ask.question: _question(spec) for spec in specs}
    day = {question.day for question in questions.values()}
    if len(day) != 1:
        raise ValueError(f"tables placed in periods by different dates: {sorted(day)}")
    attributes = [_day_attribute(specs, day.pop(), observed)]
    used = {name for spec in specs for name in (*spec.ask.by, *spec.ask.where)}
    if used & {"duration"}:
        attributes.append(
            _banded_attribute(specs, "duration", DURATION_COLUMN, frozenset({"duration"}))
        )
    if used & AGE_DIMENSIONS:
        attributes.append(_banded_attribute(specs, "age", AGE_COLUMN, AGE_DIMENSIONS))
    for name in sorted(used - TIME_DIMENSION_NAMES - AGE_DIMENSIONS - {"duration"}):
        attributes.append(_category_attribute(specs, name))
    for question in questions.values():
        if question.base.children:
            attributes.append(_base_attribute(specs, question))
    return attributes


def _merge(attribute: Attribute, n_specs: int) -> None:
    """Merge the parts no spec tells apart (same keep and same labels in every spec)."""
    signatures: dict[tuple[Any, ...], int] = {}
    classes = []
    for part in range(len(attribute.parts)):
        signature = tuple(
            (attribute.keep[s][part], *(labels[part] for labels in attribute.labels[s].values()))
            for s in range(n_specs)
        )
        classes.append(signatures.setdefault(signature, len(signatures)))
    attribute.class_of = np.array(classes, dtype=np.int64)
    attribute.n_classes = len(signatures)


def _class_table(attribute: Attribute, values: Sequence[Sequence[Any]]) -> np.ndarray:
    """values[s][part] -> an array over classes (every part of a class agrees)."""
    result = np.empty(attribute.n_classes, dtype=object)
    for part, klass in enumerate(attribute.class_of):
        result[klass] = values[part]
    return result


def _observed_days(question: Question, specs: Sequence[Spec]) -> tuple[date, date] | None:
    days = question.model._default_manager.order_by().values_list(question.day, flat=True)
    first = days.order_by(question.day).first()
    if first is None:
        return None
    last = days.order_by(f"-{question.day}").first()
    assert last is not None  # there is a first
    return first, last


def _data(
    question: Question, specs: Sequence[Spec], attributes: Sequence[Attribute], people: bool
) -> list[tuple[Any, ...]]:
    """The register's records, grouped by every attribute's raw value (people: one row per
    record, with its person)."""
    records = question.model._default_manager.all()
    firsts = [spec.ask.first_day for spec in specs]
    lasts = [spec.ask.last_day for spec in specs]
    if all(firsts):
        records = records.filter(**{f"{question.day}__gte": min(d for d in firsts if d)})
    if all(lasts):
        records = records.filter(**{f"{question.day}__lte": max(d for d in lasts if d)})
    expressions = {alias: e for a in attributes for alias, e in a.expressions.items()}
    aliases = list(expressions)
    annotated = records.annotate(**expressions)
    if people:
        rows = annotated.annotate(atom_person=Coalesce("person_id", -models.F("pk")))
        return list(rows.values_list("atom_person", *aliases).iterator(chunk_size=20_000))
    grouped = annotated.values(*aliases).annotate(atom_n=Count("*")).order_by()
    return [(row["atom_n"], *(row[alias] for alias in aliases)) for row in grouped]


def build(specs: Sequence[Spec]) -> Atoms:
    """The atoms of these specs (all of one kind of record and one count unit)."""
    if not specs:
        raise ValueError("no tables")
    questions = {spec.ask.question: _question(spec) for spec in specs}
    models_ = {question.model for question in questions.values()}
    if len(models_) != 1:
        raise ValueError("tables of different kinds of record are audited apart")
    root = next(iter(questions.values()))
    people = specs[0].ask.count == PEOPLE
    observed = _observed_days(root, specs)
    attributes = _attributes(specs, observed)
    rows = _data(root, specs, attributes, people)
    widths = [len(a.expressions) for a in attributes]
    offset = 1  # the count (or the person) comes first
    row_parts: list[tuple[Any, ...]] = []
    for row in rows:
        parts = []
        position = offset
        for attribute, width in zip(attributes, widths, strict=True):
            parts.append(attribute.part_of(tuple(row[position : position + width])))
            position += width
        row_parts.append(tuple(parts))
    for attribute in attributes:
        if attribute.name in {"day", "duration", "age"} or attribute.name.startswith("base:"):
            continue
        _finish_category(attribute, specs)
    index_of = [{part: i for i, part in enumerate(a.parts)} for a in attributes]
    for attribute in attributes:
        _merge(attribute, len(specs))
    row_classes = np.array(
        [
            [
                a.class_of[index_of[k][part]]
                for k, (a, part) in enumerate(zip(attributes, parts, strict=True))
            ]
            for parts in row_parts
        ],
        dtype=np.int64,
    ).reshape(len(row_parts), len(attributes))
    if people:
        return _people_atoms(specs, attributes, rows, row_classes)
    weights = np.array([row[0] for row in rows], dtype=np.int64)
    return _record_atoms(specs, attributes, row_classes, weights)


def _spec_arrays(
    specs: Sequence[Spec], attributes: Sequence[Attribute], grid: np.ndarray
) -> tuple[np.ndarray, list[dict[str, np.ndarray]]]:
    """keep (specs x atoms) and each spec's labels per atom, for atoms given as class tuples."""
    n = grid.shape[0]
    keep = np.ones((len(specs), n), dtype=bool)
    labels: list[dict[str, np.ndarray]] = []
    for s in range(len(specs)):
        mine: dict[str, np.ndarray] = {}
        for k, attribute in enumerate(attributes):
            part_keep = np.zeros(attribute.n_classes, dtype=bool)
            for part, klass in enumerate(attribute.class_of):
                part_keep[klass] = attribute.keep[s][part]
            keep[s] &= part_keep[grid[:, k]]
            for dimension, values in attribute.labels[s].items():
                by_class = _class_table(attribute, values)
                mine[dimension] = by_class[grid[:, k]].astype(str)
        labels.append(mine)
    return keep, labels


def _allowed(attributes: Sequence[Attribute], grid: np.ndarray, observed: np.ndarray) -> np.ndarray:
    """Public knowledge: a custody centre's records are in its division (unless the register
    shows otherwise, or the centre or division is not recorded)."""
    names = [a.name for a in attributes]
    if "station" not in names or "division" not in names:
        return np.ones(grid.shape[0], dtype=bool)
    s, d = names.index("station"), names.index("division")
    station_attr, division_attr = attributes[s], attributes[d]
    home = dict(Station.objects.values_list("name", "division__code"))
    possible: set[tuple[int, int]] = set()
    for s_part, s_label in enumerate(station_attr.parts):
        for d_part, d_label in enumerate(division_attr.parts):
            if s_label not in home or home[s_label] == d_label:
                possible.add(
                    (int(station_attr.class_of[s_part]), int(division_attr.class_of[d_part]))
                )
    for row in observed:
        possible.add((int(row[s]), int(row[d])))
    return np.array([(int(a), int(b)) in possible for a, b in grid[:, [s, d]]], dtype=bool)


def _record_atoms(
    specs: Sequence[Spec],
    attributes: Sequence[Attribute],
    row_classes: np.ndarray,
    weights: np.ndarray,
) -> Atoms:
    sizes = [a.n_classes for a in attributes]
    total = int(np.prod(sizes)) if sizes else 1
    exhaustive = total <= PRODUCT_LIMIT
    if exhaustive:
        grid = np.indices(sizes).reshape(len(sizes), -1).T
        grid = grid[_allowed(attributes, grid, row_classes)]
    else:
        grid = (
            np.unique(row_classes, axis=0) if len(row_classes) else np.zeros((0, len(sizes)), int)
        )
    keep, labels = _spec_arrays(specs, attributes, grid)
    relevant = keep.any(axis=0)
    grid, keep = grid[relevant], keep[:, relevant]
    labels = [{d: v[relevant] for d, v in mine.items()} for mine in labels]
    position = {tuple(row): i for i, row in enumerate(grid.tolist())}
    counts = np.zeros(len(grid), dtype=np.int64)
    for row, weight in zip(row_classes.tolist(), weights.tolist(), strict=True):
        atom = position.get(tuple(row))
        if atom is not None:
            counts[atom] += weight
    return Atoms(counts, keep, labels, exhaustive)


def _people_atoms(
    specs: Sequence[Spec],
    attributes: Sequence[Attribute],
    rows: Sequence[tuple[Any, ...]],
    row_classes: np.ndarray,
) -> Atoms:
    """Kinds of person: for each spec, the cells a person has a record in. A figure counts
    the kinds with a record in it. Only kinds that occur are kept (the stricter choice)."""
    keep, labels = _spec_arrays(specs, attributes, row_classes)
    by = [tuple(spec.ask.by) for spec in specs]
    kinds: dict[Any, set[tuple[int, tuple[str, ...]]]] = {}
    for r, row in enumerate(rows):
        person = row[0]
        mine = kinds.setdefault(person, set())
        for s in range(len(specs)):
            if keep[s, r]:
                mine.add((s, tuple(labels[s][d][r] for d in by[s])))
    counted: dict[frozenset[tuple[int, tuple[str, ...]]], int] = {}
    for cells in kinds.values():
        if cells:
            key = frozenset(cells)
            counted[key] = counted.get(key, 0) + 1
    ordered = list(counted)
    contains = np.zeros((len(specs), len(ordered)), dtype=bool)
    for atom, atom_cells in enumerate(ordered):
        for s, _ in atom_cells:
            contains[s, atom] = True
    return PeopleAtoms(
        counts=np.array([counted[k] for k in ordered], dtype=np.int64),
        keep=contains,
        labels=[{} for _ in specs],
        exhaustive=False,
        kinds=ordered,
        by=by,
    )


@dataclass
class PeopleAtoms(Atoms):
    kinds: list[frozenset[tuple[int, tuple[str, ...]]]] = field(default_factory=list)
    by: list[tuple[str, ...]] = field(default_factory=list)

    def figure(self, spec: int, fixed: Iterable[tuple[str, str]]) -> np.ndarray:
        wanted = dict(fixed)
        positions = [(self.by[spec].index(d), label) for d, label in wanted.items()]
        found = [
            atom
            for atom, cells in enumerate(self.kinds)
            if any(
                s == spec and all(labels[i] == label for i, label in positions)
                for s, labels in cells
            )
        ]
        return np.array(found, dtype=np.int64)
