"""protect / protect_all: primary and secondary suppression, then the audit, before release.

Secondary suppression is chosen by the exact model (optimal.py: the fewest further figures)
within its time limit, and by the heuristic (secondary.py) when the exact model finds no
passing pattern in time, or when the caller asks for it (method="heuristic").

Nothing leaves here unaudited: whichever chose the pattern, `audit` (which reads the rendered
tables as a reader would, not the suppressor's bookkeeping) must pass it, and the tables
returned carry that passing report. An exact pattern the audit rejects is not released: the
heuristic, whose loop ends only when the audit passes, is used instead.
"""

from collections.abc import Collection, Sequence
from typing import Literal

from answerable.answers.disclosure_control.audit import AuditReport, audit
from answerable.answers.disclosure_control.layout import Layout, build_layout
from answerable.answers.disclosure_control.optimal import EXACT_TIME_LIMIT_SECONDS, suppress_exact
from answerable.answers.disclosure_control.policy import Policy
from answerable.answers.disclosure_control.primary import Status, primary_statuses
from answerable.answers.disclosure_control.published import ProtectedTable, Selection, render
from answerable.answers.disclosure_control.secondary import SuppressionFailed, suppress_secondary
from answerable.answers.disclosure_control.table import FigureKey, Table

# "exact": the exact model first, the heuristic if it finds nothing in time; "heuristic":
# the heuristic alone (for comparison, and as it was before the exact model).
Method = Literal["exact", "heuristic"]
METHODS: tuple[Method, ...] = ("exact", "heuristic")


def protect(
    table: Table,
    policy: Policy | None = None,
    *,
    method: Method = "exact",
    time_limit: float | None = EXACT_TIME_LIMIT_SECONDS,
    forced: Collection[FigureKey] = (),
) -> ProtectedTable:
    """One table with its margins and total, protected and audited."""
    return protect_all(
        table, [table.dimensions], policy, method=method, time_limit=time_limit, forced=forced
    )[0]


def protect_all(
    base: Table,
    breakdowns: Sequence[Sequence[str]],
    policy: Policy | None = None,
    *,
    method: Method = "exact",
    time_limit: float | None = EXACT_TIME_LIMIT_SECONDS,
    forced: Collection[FigureKey] = (),
) -> list[ProtectedTable]:
    """Several tables cut from the same records, protected and audited together.

    base: the finest cross-classification of the records (every dimension any table uses).
    breakdowns: for each table to publish, the base dimensions it breaks down by, in display
    order (() for a bare total). Each table's cells, margins and total are sums of the base.
    Suppression is joint: a figure published in several tables (a shared margin, the total)
    is withheld in all or none, and the audit solves one system for all the tables, because a
    reader holding the whole response can combine them (register_notes.md).

    method: "exact" (the default) or "heuristic", see the module's docstring; time_limit:
    the exact model's seconds (None: until it proves its pattern withholds the fewest).
    forced: figures (by key) that must be withheld whatever their count, because the release
    ledger found that showing them would let a reader combine them with earlier releases
    (answers/ledger/release.py); secondary suppression then protects them like any other.
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}, not {method!r}")
    policy = policy or Policy()
    layout = build_layout(base, breakdowns, policy)
    auditor = _Auditor(layout, policy)
    start = primary_statuses(layout)
    for key in forced:
        index = auditor.index_of_key.get(key)
        if index is not None and start[index] == "shown" and layout.figures[index].count > 0:
            start[index] = "secondary"
    selection: Selection = "heuristic"
    last_resort = False
    statuses: list[Status] | None = None
    if method == "exact":
        outcome = suppress_exact(layout, start, time_limit=time_limit, verify=auditor.verify)
        if outcome.statuses is not None and auditor.passes(outcome.statuses):
            statuses = outcome.statuses
            selection = "exact" if outcome.optimal else "exact_time_limit"
    if statuses is None:
        statuses, last_resort = suppress_secondary(layout, start, auditor.verify)
        if method == "exact":
            selection = "heuristic_fallback"
    report = auditor.reports.get(tuple(statuses))
    if report is None or not report.passed:
        raise SuppressionFailed("the released pattern has no passing audit")
    return render(
        layout, statuses, policy, report=report, last_resort=last_resort, selection=selection
    )


class _Auditor:
    """The release audit of candidate patterns, each audited once and its report kept."""

    def __init__(self, layout: Layout, policy: Policy) -> None:
        self.layout = layout
        self.policy = policy
        self.index_of_key = {figure.key: figure.index for figure in layout.figures}
        self.reports: dict[tuple[Status, ...], AuditReport] = {}

    def verify(self, statuses: list[Status]) -> list[int] | None:
        """The figures the audit of the rendered tables finds a problem with.

        secondary.py's Verifier: None when a problem is not a figure's (contradictory figures,
        a solver failure), which only the last resort can answer.
        """
        report = audit(render(self.layout, statuses, self.policy))
        self.reports[tuple(statuses)] = report
        problems: list[int] = []
        for problem in report.problems:
            if problem.key not in self.index_of_key:
                return None
            problems.append(self.index_of_key[problem.key])
        return problems

    def passes(self, statuses: list[Status]) -> bool:
        """The audit of these statuses passed (audited now unless it already was)."""
        if tuple(statuses) not in self.reports:
            self.verify(statuses)
        return self.reports[tuple(statuses)].passed
