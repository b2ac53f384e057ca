"""An answer as it is published: counts under disclosure control, with the cost estimate.

The exact counts come from answers/engine.py; answers/disclosure_control decides what may be
published (on by default; `--no-suppression` gives exact figures for internal use only);
answers/cost.py gives the statutory cost estimate that shows a s12 refusal is unnecessary.
"""

from collections.abc import Collection
from dataclasses import dataclass

from django.conf import settings

from answerable.answers import cost
from answerable.answers.disclosure_control import Policy, protect
from answerable.answers.disclosure_control.table import FigureKey, Table
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


def protected(table: Table, policy: Policy, forced: Collection[FigureKey] = ()) -> Published:
    """The table under disclosure control; `forced` figures withheld whatever their count."""
    result = protect(table, policy, forced=forced)
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


def exact(table: Table) -> Published:
    """Exact figures, for internal use only (`--no-suppression`)."""
    return _exact(table)


def estimate_for(ask: Ask) -> cost.CostEstimate:
    return cost.estimate(
        settings.ANSWERABLE_MINUTES_PER_QUESTION,
        settings.ANSWERABLE_MINUTES_PER_BREAKDOWN,
        breakdowns=len(ask.by) + len(ask.where),
    )


def answer(ask: Ask, *, suppress: bool = True, threshold: int | None = None) -> Answer:
    """One table on its own, under disclosure control (or exact, for internal use).

    This does not read the release ledger: anything shown to a requester, the API or in a
    response goes through answers/ledger/release.py, which audits it against every earlier
    release.
    """
    counts = count(ask)
    published = protected(counts.table, policy_for(ask, threshold)) if suppress else _exact(
        counts.table
    )
    return Answer(counts, published, estimate_for(ask))
