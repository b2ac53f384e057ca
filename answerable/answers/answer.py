"""An answer as it is published: counts under disclosure control, with the cost estimate.

The exact counts come from answers/engine.py; answers/disclosure_control decides what may be
published (on by default; `--no-suppression` gives exact figures for internal use only);
answers/cost.py gives the statutory cost estimate that shows a s12 refusal is unnecessary.
"""

from dataclasses import dataclass

from django.conf import settings

from answerable.answers import cost
from answerable.answers.disclosure_control import Policy, protect
from answerable.answers.disclosure_control.table import Table
from answerable.answers.engine import Ask, Counts, count

NO_SUPPRESSION = "none: exact figures for internal use only, not for publication"


@dataclass(frozen=True)
class Figure:
    """One published number: its labels (one per dimension it fixes), the count (None when
    withheld) and the text a published table prints."""

    labels: tuple[str, ...]
    count: int | None
    display: str


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
        return Figure(tuple(cell.labels), cell.count, cell.display)

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


def answer(ask: Ask, *, suppress: bool = True, threshold: int | None = None) -> Answer:
    counts = count(ask)
    published = (
        _protected(counts.table, default_policy(threshold)) if suppress else _exact(counts.table)
    )
    estimate = cost.estimate(
        settings.ANSWERABLE_MINUTES_PER_QUESTION,
        settings.ANSWERABLE_MINUTES_PER_BREAKDOWN,
        breakdowns=len(ask.by) + len(ask.where),
    )
    return Answer(counts, published, estimate)
