"""Tables of people: each person counted once in every cell they have a record in.

register_notes.md: people counts do not add up to their total (a person held at two custody
centres is one person in each, and one person in the total), so the audit uses
inequalities, not equalities: a total (or margin) is at most the sum of its cells and at
least each of them. The suppression works as for any table (answers/disclosure_control/
secondary.py) on the kinds of person the register holds (the set of cells a person is in),
and the gate is this audit of the published figures under those inequalities alone.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING

from answerable.answers.disclosure_control.audit import (
    AuditReport,
    CellBounds,
    Problem,
)
from answerable.answers.disclosure_control.highs import Program, Rows
from answerable.answers.disclosure_control.layout import Figure, Layout, Relation, TableLayout
from answerable.answers.disclosure_control.policy import Policy
from answerable.answers.disclosure_control.primary import (
    WITHHELD_STATUSES,
    Status,
    primary_statuses,
)
from answerable.answers.disclosure_control.published import ProtectedTable, render
from answerable.answers.disclosure_control.secondary import SuppressionFailed, suppress_secondary
from answerable.answers.disclosure_control.table import FigureKey, Table, figure_key
from answerable.lazy import lazy_module

if TYPE_CHECKING:
    import numpy as np
else:
    np = lazy_module("numpy")  # imported when first used: a quick start (lazy.py)

Kinds = Mapping[frozenset[tuple[str, ...]], int]
TOLERANCE = 1e-6


def build_people_layout(
    dimensions: Sequence[str],
    values: Sequence[Sequence[str]],
    kinds: Kinds,
    policy: Policy,
) -> Layout:
    """One table's figures over kinds of person: a figure counts the kinds with a cell in it."""
    dimensions = tuple(dimensions)
    labels_by: tuple[tuple[str, ...], ...] = tuple(tuple(v) for v in values)
    # Besides the kinds the register holds, a person in one cell only is always possible (a
    # reader cannot rule one out), so every cell has at least that kind, perhaps of nobody.
    every = dict(kinds)
    for labels in itertools.product(*labels_by):
        every.setdefault(frozenset({tuple(labels)}), 0)
    ordered = list(every)
    base_counts = np.array([every[kind] for kind in ordered], dtype=np.int64)
    sizes = {d: len(v) for d, v in zip(dimensions, labels_by, strict=True)}
    threshold = policy.threshold_for(dimensions)
    figures: list[Figure] = []
    by_key: dict[FigureKey, int] = {}

    def figure_for(fixed: dict[str, str]) -> int:
        key = figure_key(fixed, sizes)
        if key in by_key:
            return by_key[key]
        positions = [(dimensions.index(d), label) for d, label in fixed.items()]
        cells = tuple(
            index
            for index, kind in enumerate(ordered)
            if any(all(cell[p] == label for p, label in positions) for cell in kind)
        )
        count = int(base_counts[list(cells)].sum()) if cells else 0
        by_key[key] = len(figures)
        figures.append(Figure(len(figures), key, cells, count, threshold, len(key)))
        return by_key[key]

    relations: list[Relation] = []
    total = figure_for({})
    cells = [
        (labels, figure_for(dict(zip(dimensions, labels, strict=True))))
        for labels in itertools.product(*labels_by)
        if dimensions
    ]
    margins: dict[str, list[tuple[str, int]]] = {}
    if len(dimensions) >= 2:
        for place, dimension in enumerate(dimensions):
            row = []
            for value in labels_by[place]:
                margin = figure_for({dimension: value})
                row.append((value, margin))
                relations.append(
                    Relation(margin, tuple(i for labels, i in cells if labels[place] == value))
                )
            relations.append(Relation(total, tuple(i for _, i in row)))
            margins[dimension] = row
    elif dimensions:
        relations.append(Relation(total, tuple(i for _, i in cells)))
    relations = [r for r in relations if r.components != (r.aggregate,)]
    for number, relation in enumerate(relations):
        for member in relation.members:
            figures[member].relations.append(number)
    table = TableLayout(dimensions, labels_by, threshold, cells, margins, total)
    base = Table(dimensions, labels_by, {})
    return Layout(base, figures, relations, [table], total, base_counts)


def audit_non_additive(layout: Layout, statuses: Sequence[Status]) -> AuditReport:
    """Exact bounds of every withheld figure from the shown ones, when an aggregate is at
    most the sum of its parts and at least each part (and counts are whole, withheld ones
    at least 1 where zeros are shown)."""
    figures = layout.figures
    hidden = [f.index for f in figures if statuses[f.index] in WITHHELD_STATUSES]
    if not hidden:
        return AuditReport((), ())
    position = {index: place for place, index in enumerate(hidden)}
    known = {f.index: f.count for f in figures if f.index not in position}
    floor = 0 if all(statuses[f.index] in WITHHELD_STATUSES for f in figures) else 1
    rows: list[np.ndarray] = []
    lower: list[float] = []
    upper: list[float] = []

    def add(coefficients: dict[int, float], low: float, high: float) -> None:
        row = np.zeros(len(hidden))
        constant = 0.0
        for index, weight in coefficients.items():
            if index in position:
                row[position[index]] += weight
            else:
                constant += weight * known[index]
        if row.any():
            rows.append(row)
            lower.append(low - constant)
            upper.append(high - constant)

    for relation in layout.relations:
        # aggregate <= sum(components)
        add({relation.aggregate: 1.0, **{c: -1.0 for c in relation.components}}, -np.inf, 0.0)
        for component in relation.components:  # aggregate >= each component
            add({relation.aggregate: 1.0, component: -1.0}, 0.0, np.inf)
    caps = np.full(len(hidden), np.inf)
    for relation in layout.relations:
        if relation.aggregate not in position:
            for component in relation.components:
                if component in position:
                    caps[position[component]] = min(
                        caps[position[component]], known[relation.aggregate]
                    )
    matrix = np.array(rows) if rows else np.zeros((0, len(hidden)))
    bounds_list: list[CellBounds] = []
    problems: list[Problem] = []
    # One MILP, re-solved for each figure's minimum and maximum (a new objective each time).
    program = Program(
        Rows.dense(matrix), lower, upper, float(floor), caps, integer=True, mip_rel_gap=0.0
    )
    for place, index in enumerate(hidden):
        figure = figures[index]
        found: list[int | None] = []
        for sign in (1.0, -1.0):  # minimise, then maximise
            if sign < 0 and np.isinf(caps[place]) and not rows:
                found.append(None)
                continue
            objective = np.zeros(len(hidden))
            objective[place] = sign
            result = program.solve(objective, time_limit=30.0)
            if result.status == "unbounded" or (result.status != "optimal" and sign < 0):
                found.append(None)  # unbounded above
            elif result.status != "optimal" or result.x is None:
                problem = Problem(figure.key, str(figure.key), "solver", result.message)
                return AuditReport((), (problem,))
            else:
                found.append(round(float(result.x[place])))
        low, high = found[0] if found[0] is not None else floor, found[1]
        label = " / ".join(f"{d} {v}" for d, v in figure.key) or "total"
        cell = CellBounds(figure.key, label, figure.threshold, low, high)
        bounds_list.append(cell)
        if cell.determined:
            problems.append(
                Problem(figure.key, label, "determined", f"{label} can be worked out: {low}")
            )
        if not cell.reaches_threshold:
            problems.append(
                Problem(
                    figure.key,
                    label,
                    "below_threshold",
                    f"{label} can be at most {high}, fewer than {figure.threshold}",
                )
            )
    return AuditReport(tuple(bounds_list), tuple(problems))


def protect_people(
    dimensions: Sequence[str],
    values: Sequence[Sequence[str]],
    kinds: Kinds,
    policy: Policy,
    *,
    forced: Collection[FigureKey] = (),
) -> ProtectedTable:
    """A people table under primary and secondary suppression, audited as non-additive."""
    layout = build_people_layout(dimensions, values, kinds, policy)
    index_of_key = {figure.key: figure.index for figure in layout.figures}
    reports: dict[tuple[Status, ...], AuditReport] = {}

    def verify(statuses: list[Status]) -> list[int] | None:
        report = audit_non_additive(layout, statuses)
        reports[tuple(statuses)] = report
        found: list[int] = []
        for problem in report.problems:
            if problem.key not in index_of_key:
                return None
            found.append(index_of_key[problem.key])
        return found

    statuses = primary_statuses(layout)
    for key in forced:
        index = index_of_key.get(key)
        if index is not None and statuses[index] == "shown" and layout.figures[index].count > 0:
            statuses[index] = "secondary"
    statuses, last_resort = suppress_secondary(layout, statuses, verify)
    report = reports.get(tuple(statuses))
    if report is None:
        report = audit_non_additive(layout, statuses)
    if not report.passed:
        raise SuppressionFailed("the released pattern has no passing audit")
    return render(layout, statuses, policy, report=report, last_resort=last_resort)[0]
