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
from answerable.answers.disclosure_control.people import protect_people
from answerable.answers.disclosure_control.published import PublishedCell
from answerable.answers.disclosure_control.table import FigureKey
from answerable.answers.engine import Ask, Counts, count

NO_SUPPRESSION = "none: exact figures for internal use only, not for publication"
PEOPLE_NOTE = (
    "Each person is counted once in every row or column in which they have a record, and "
    "once in each total, so the figures do not add up to the totals."
)


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


def _exact(counts: Counts) -> Published:
    table = counts.table

    def figure(labels: tuple[str, ...], fixed: dict[str, str]) -> Figure:
        value = counts.figure(fixed)
        return Figure(labels, value, str(value))

    cells = [
        figure(labels, dict(zip(table.dimensions, labels, strict=True)))
        for labels in table.combinations()
    ]
    margins: dict[str, list[Figure]] = {}
    if len(table.dimensions) >= 2:
        for dimension in table.dimensions:
            margins[dimension] = [figure((v,), {dimension: v}) for v in table.values_of(dimension)]
    notes = [PEOPLE_NOTE] if counts.kinds is not None else []
    return Published(cells, margins, figure((), {}), None, 0, NO_SUPPRESSION, "", notes)


class ReleaseRefused(RuntimeError):
    """The audit did not pass: the table must not be published."""


def protected(counts: Counts, policy: Policy, forced: Collection[FigureKey] = ()) -> Published:
    """The table under disclosure control; `forced` figures withheld whatever their count.
    A table of people is protected as one that does not add up (disclosure_control/people.py)."""
    table = counts.table
    if counts.kinds is not None:
        result = protect_people(table.dimensions, table.values, counts.kinds, policy, forced=forced)
    else:
        result = protect(table, policy, forced=forced)
    # protect() loops until its audit passes; this is the release gate all the same.
    if result.audit_report is None or not result.audit_report.passed:
        raise ReleaseRefused("the disclosure audit did not pass; nothing is released")

    def figure(cell: PublishedCell) -> Figure:
        return Figure(tuple(cell.labels), cell.count, cell.display)

    return Published(
        cells=[figure(cell) for cell in result.cells],
        margins={dim: [figure(cell) for cell in cells] for dim, cells in result.margins.items()},
        total=figure(result.total),
        threshold=result.threshold,
        withheld=result.withheld,
        method=result.method,
        reason=policy.reason,
        footnotes=[*([PEOPLE_NOTE] if counts.kinds is not None else []), *result.footnotes],
    )


def exact(counts: Counts) -> Published:
    """Exact figures, for internal use only (`--no-suppression`)."""
    return _exact(counts)


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
    published = protected(counts, policy_for(ask, threshold)) if suppress else _exact(counts)
    return Answer(counts, published, estimate_for(ask))
