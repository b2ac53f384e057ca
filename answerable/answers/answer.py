"""An answer as it is published: counts under disclosure control, with the cost estimate.

The exact counts come from answers/engine.py; answers/disclosure_control decides what may be
published (on by default; `--no-suppression` gives exact figures for internal use only);
answers/cost.py gives the statutory cost estimate that shows a s12 refusal is unnecessary.

A figure for a period the register does not hold (engine.HeldPart) is no figure at all: it
is left out of the table given to disclosure control (which would otherwise take it for a
true zero) and published as "not held" (FOISA s17(1): information not held is said to be
not held, not counted as none).
"""

from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

from django.conf import settings

from answerable.answers import cost
from answerable.answers.disclosure_control import Policy, protect
from answerable.answers.disclosure_control.people import protect_people
from answerable.answers.disclosure_control.published import PublishedCell
from answerable.answers.disclosure_control.table import FigureKey, Table
from answerable.answers.engine import Ask, Counts, HeldPart, count
from answerable.register.coverage import KIND_TITLES

NO_SUPPRESSION = "none: exact figures for internal use only, not for publication"
NOT_HELD = "not held"
NOT_HELD_METHOD = "not applied: the register does not hold these records for the period asked"
PEOPLE_NOTE = (
    "Each person is counted once in every row or column in which they have a record, and "
    "once in each total, so the figures do not add up to the totals."
)

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
    # The average time to disclose is withheld when it could single out one record: over
    # fewer than T records, or over records that differ from an earlier published average's
    # by 1 to T-1 (answers/ledger/release.py).
    average_withheld: bool = False

    @property
    def by(self) -> tuple[str, ...]:
        return self.counts.table.dimensions


class ThresholdError(ValueError):
    """A threshold below the installation's policy was asked for."""


def installation_policy() -> Policy:
    """The policy in settings: the authority's recorded thresholds and reason."""
    return Policy(
        threshold=settings.ANSWERABLE_SUPPRESSION_THRESHOLD,
        sensitive_threshold=settings.ANSWERABLE_SENSITIVE_THRESHOLD,
        reason=settings.ANSWERABLE_SUPPRESSION_REASON or Policy().reason,
    )


def default_policy(threshold: int | None = None) -> Policy:
    """The installation's policy, raised (never lowered) to `threshold` for one answer."""
    policy = installation_policy()
    if threshold is not None and threshold < policy.threshold:
        raise ThresholdError(
            f"a threshold of {threshold} is below the policy's {policy.threshold}: a "
            "threshold can be raised for one answer, never lowered (set "
            "ANSWERABLE_SUPPRESSION_THRESHOLD to change the policy)"
        )
    return policy.raised_to(threshold)


def policy_for(ask: Ask, threshold: int | None = None) -> Policy:
    """The policy for one table: raised for this answer if asked, and sensitive wherever
    its records are chosen by child or disability (`--where` as well as `--by`)."""
    return default_policy(threshold).for_population(list(ask.where))


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


def _held(counts: Counts) -> Table | None:
    return counts.held_table()


def _exact(counts: Counts) -> Published:
    held = _held(counts)
    if held is None:
        return _wholly_not_held(counts)

    def figure(labels: tuple[str, ...], fixed: dict[str, str]) -> Figure:
        value = counts.figure(fixed)
        return Figure(labels, value, str(value))

    cells = [
        figure(labels, dict(zip(held.dimensions, labels, strict=True)))
        for labels in held.combinations()
    ]
    margins: dict[str, list[Figure]] = {}
    if len(held.dimensions) >= 2:
        for dimension in held.dimensions:
            margins[dimension] = [figure((v,), {dimension: v}) for v in held.values_of(dimension)]
    notes = [PEOPLE_NOTE] if counts.kinds is not None else []
    exact = Published(cells, margins, figure((), {}), None, 0, NO_SUPPRESSION, "", notes)
    return _with_not_held(counts, exact)


class ReleaseRefused(RuntimeError):
    """The audit did not pass: the table must not be published."""


def protected(counts: Counts, policy: Policy, forced: Collection[FigureKey] = ()) -> Published:
    """The figures of `counts` under disclosure control, `forced` figures withheld whatever
    their count: control is applied to what the register holds, and "not held" published for
    the rest. A table of people is protected as one that does not add up
    (disclosure_control/people.py)."""
    held = _held(counts)
    if held is None:
        return _wholly_not_held(counts)
    if counts.kinds is not None:
        result = protect_people(held.dimensions, held.values, counts.kinds, policy, forced=forced)
    else:
        result = protect(held, policy, forced=forced)
    # protect() loops until its audit passes; this is the release gate all the same.
    if result.audit_report is None or not result.audit_report.passed:
        raise ReleaseRefused("the disclosure audit did not pass; nothing is released")

    def figure(cell: PublishedCell) -> Figure:
        status: FigureStatus = "withheld" if cell.count is None else "shown"
        return Figure(tuple(cell.labels), cell.count, cell.display, status)

    published = Published(
        cells=[figure(cell) for cell in result.cells],
        margins={dim: [figure(cell) for cell in cells] for dim, cells in result.margins.items()},
        total=figure(result.total),
        threshold=result.threshold,
        withheld=result.withheld,
        method=result.method,
        reason=policy.reason,
        footnotes=[*([PEOPLE_NOTE] if counts.kinds is not None else []), *result.footnotes],
    )
    return _with_not_held(counts, published)


def exact(counts: Counts) -> Published:
    """Exact figures, for internal use only (`--no-suppression`)."""
    return _exact(counts)


def publish(counts: Counts, *, suppress: bool = True, threshold: int | None = None) -> Published:
    """The figures of `counts` as published on their own (no ledger): disclosure control
    applied to what the register holds (or exact figures, for internal use)."""
    if not suppress:
        return _exact(counts)
    return protected(counts, policy_for(counts.ask, threshold))


def estimate_for(ask: Ask) -> cost.CostEstimate:
    return cost.estimate(
        settings.ANSWERABLE_MINUTES_PER_QUESTION,
        settings.ANSWERABLE_MINUTES_PER_BREAKDOWN,
        breakdowns=len(ask.by) + len(ask.where),
    )


def answer(
    ask: Ask, *, suppress: bool = True, threshold: int | None = None, counts: Counts | None = None
) -> Answer:
    """One table on its own, under disclosure control (or exact, for internal use), from
    `counts` when the caller has counted `ask` already (the register is counted once).

    This does not read the release ledger: anything shown to a requester, the API or in a
    response goes through answers/ledger/release.py, which audits it against every earlier
    release.
    """
    counts = count(ask) if counts is None else counts
    return Answer(
        counts, publish(counts, suppress=suppress, threshold=threshold), estimate_for(ask)
    )
