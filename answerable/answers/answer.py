"""An answer as it is published: counts under disclosure control, with the cost estimate.

The exact counts come from answers/engine.py; answers/disclosure_control decides what may be
published (on by default; `--no-suppression` gives exact figures for internal use only);
answers/cost.py gives the statutory cost estimate that shows a s12 refusal is unnecessary.

A figure for a period the register does not hold (engine.HeldPart) is no figure at all: it
is left out of the table given to disclosure control (which would otherwise take it for a
true zero) and published as "not held" (FOISA s17(1): information not held is said to be
not held, not counted as none).
"""

from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

from django.conf import settings

from answerable.answers import cost
from answerable.answers.disclosure_control import Policy, protect
from answerable.answers.disclosure_control.table import Table
from answerable.answers.engine import Ask, Counts, HeldPart, count
from answerable.register.coverage import KIND_TITLES

NO_SUPPRESSION = "none: exact figures for internal use only, not for publication"
NOT_HELD = "not held"
NOT_HELD_METHOD = "not applied: the register does not hold these records for the period asked"

FigureStatus = Literal["shown", "withheld", "not_held"]


@dataclass(frozen=True)
class Figure:
    """One published number: its labels (one per dimension it fixes), the count (None when
    withheld or not held), the text a published table prints, and whether it is shown,
    withheld (disclosure control) or not held (before the register holds its records)."""

    labels: tuple[str, ...]
    count: int | None
    display: str
    status: FigureStatus = "shown"


@dataclass(frozen=True)
class Published:
    cells: list[Figure]
    margins: dict[str, list[Figure]]  # for two or more dimensions: one-way totals
    total: Figure
    threshold: int | None
    withheld: int
    method: str
    reason: str
    footnotes: list[str]


@dataclass(frozen=True)
class Answer:
    counts: Counts
    published: Published
    cost: cost.CostEstimate

    @property
    def by(self) -> tuple[str, ...]:
        return self.counts.table.dimensions


def default_policy(threshold: int | None = None) -> Policy:
    """The installation's policy; an explicit threshold applies to every table."""
    if threshold is not None:
        return Policy(
            threshold=threshold,
            sensitive_threshold=threshold,
            reason=f"threshold {threshold} chosen for this answer",
        )
    return Policy(
        threshold=settings.ANSWERABLE_SUPPRESSION_THRESHOLD,
        sensitive_threshold=settings.ANSWERABLE_SENSITIVE_THRESHOLD,
        reason=settings.ANSWERABLE_SUPPRESSION_REASON or Policy().reason,
    )


def _exact(table: Table) -> Published:
    def figure(labels: tuple[str, ...], value: int) -> Figure:
        return Figure(labels, value, str(value))

    cells = [figure(labels, table.count(labels)) for labels in table.combinations()]
    margins: dict[str, list[Figure]] = {}
    if len(table.dimensions) >= 2:
        for dimension in table.dimensions:
            one_way = table.marginal([dimension])
            margins[dimension] = [figure((v,), one_way.count((v,))) for v in one_way.values[0]]
    return Published(cells, margins, figure((), table.total), None, 0, NO_SUPPRESSION, "", [])


class ReleaseRefused(RuntimeError):
    """The audit did not pass: the table must not be published."""


def _protected(table: Table, policy: Policy) -> Published:
    result = protect(table, policy)
    # protect() loops until its audit passes; this is the release gate all the same.
    if result.audit_report is None or not result.audit_report.passed:
        raise ReleaseRefused("the disclosure audit did not pass; nothing is released")

    def figure(cell) -> Figure:
        status: FigureStatus = "withheld" if cell.count is None else "shown"
        return Figure(tuple(cell.labels), cell.count, cell.display, status)

    return Published(
        cells=[figure(cell) for cell in result.cells],
        margins={dim: [figure(cell) for cell in cells] for dim, cells in result.margins.items()},
        total=figure(result.total),
        threshold=result.threshold,
        withheld=result.withheld,
        method=result.method,
        reason=policy.reason,
        footnotes=list(result.footnotes),
    )


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def coverage_notes(coverage: HeldPart) -> list[str]:
    """What a reader must be told of what the register does not hold, once per answer."""
    if coverage.held_from is None:
        return []
    kind = KIND_TITLES.get(coverage.kind, coverage.kind).lower()
    held_from = _day(coverage.held_from)
    notes = []
    if coverage.wholly_not_held or coverage.not_held:
        notes.append(
            f"Not held: the register holds {kind} from {held_from}; earlier periods are not "
            "held in it, so no figure can be given for them (not held is not 0)."
        )
    partly = [label for labels in coverage.partly_held.values() for label in labels]
    if partly:
        notes.append(
            f"{', '.join(partly)} counted from {held_from} only: the register does not hold "
            f"{kind} before then."
        )
    elif coverage.starts_before and not (coverage.wholly_not_held or coverage.not_held):
        notes.append(f"Counted from {held_from}: the register does not hold {kind} before then.")
    return notes


def _not_held(labels: tuple[str, ...]) -> Figure:
    return Figure(labels, None, NOT_HELD, "not_held")


def _wholly_not_held(counts: Counts) -> Published:
    table = counts.table
    margins: dict[str, list[Figure]] = {}
    if len(table.dimensions) >= 2:
        margins = {dim: [_not_held((v,)) for v in table.values_of(dim)] for dim in table.dimensions}
    return Published(
        # a bare total has no cells (as disclosure control publishes one)
        cells=[_not_held(tuple(labels)) for labels in table.combinations()]
        if table.dimensions
        else [],
        margins=margins,
        total=_not_held(()),
        threshold=None,
        withheld=0,
        method=NOT_HELD_METHOD,
        reason="",
        footnotes=coverage_notes(counts.coverage),
    )


def _with_not_held(counts: Counts, held: Published) -> Published:
    """The published held figures, with the figures not held put back in display order."""
    table, coverage = counts.table, counts.coverage
    cells = {figure.labels: figure for figure in held.cells}
    margins: dict[str, list[Figure]] = {}
    for dimension, figures in held.margins.items():
        shown = {figure.labels: figure for figure in figures}
        margins[dimension] = [
            shown.get((value,)) or _not_held((value,)) for value in table.values_of(dimension)
        ]
    if not table.dimensions:  # a bare total: held, or it would have been wholly not held
        return replace(held, footnotes=[*coverage_notes(coverage), *held.footnotes])
    return replace(
        held,
        cells=[
            cells[tuple(labels)]
            if coverage.held(table.dimensions, labels)
            else _not_held(tuple(labels))
            for labels in table.combinations()
        ],
        margins=margins,
        footnotes=[*coverage_notes(coverage), *held.footnotes],
    )


def publish(counts: Counts, *, suppress: bool = True, threshold: int | None = None) -> Published:
    """The figures of `counts` as published: disclosure control applied to what the register
    holds (or exact figures, for internal use), and "not held" for the rest."""
    held = counts.held_table()
    if held is None:
        return _wholly_not_held(counts)
    published = _protected(held, default_policy(threshold)) if suppress else _exact(held)
    return _with_not_held(counts, published)


def answer(ask: Ask, *, suppress: bool = True, threshold: int | None = None) -> Answer:
    counts = count(ask)
    published = publish(counts, suppress=suppress, threshold=threshold)
    estimate = cost.estimate(
        settings.ANSWERABLE_MINUTES_PER_QUESTION,
        settings.ANSWERABLE_MINUTES_PER_BREAKDOWN,
        breakdowns=len(ask.by) + len(ask.where),
    )
    return Answer(counts, published, estimate)
