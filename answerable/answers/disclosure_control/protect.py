"""protect / protect_all: primary and secondary suppression, then the audit, before release.

Nothing leaves here unaudited: the loop in secondary.py ends only when `audit` (which reads
the rendered tables as a reader would, not the suppressor's bookkeeping) passes, and the
tables returned carry that passing report.
"""

from collections.abc import Collection, Sequence

from answerable.answers.disclosure_control.audit import AuditReport, audit
from answerable.answers.disclosure_control.layout import build_layout
from answerable.answers.disclosure_control.policy import Policy
from answerable.answers.disclosure_control.primary import Status, primary_statuses
from answerable.answers.disclosure_control.published import ProtectedTable, render
from answerable.answers.disclosure_control.secondary import SuppressionFailed, suppress_secondary
from answerable.answers.disclosure_control.table import FigureKey, Table


def protect(
    table: Table, policy: Policy | None = None, *, forced: Collection[FigureKey] = ()
) -> ProtectedTable:
    """One table with its margins and total, protected and audited."""
    return protect_all(table, [table.dimensions], policy, forced=forced)[0]


def protect_all(
    base: Table,
    breakdowns: Sequence[Sequence[str]],
    policy: Policy | None = None,
    *,
    forced: Collection[FigureKey] = (),
) -> list[ProtectedTable]:
    """Several tables cut from the same records, protected and audited together.

    base: the finest cross-classification of the records (every dimension any table uses).
    breakdowns: for each table to publish, the base dimensions it breaks down by, in display
    order (() for a bare total). Each table's cells, margins and total are sums of the base.
    Suppression is joint: a figure published in several tables (a shared margin, the total)
    is withheld in all or none, and the audit solves one system for all the tables, because a
    reader holding the whole response can combine them (register_notes.md).
    forced: figures (by key) that must be withheld whatever their count, because the release
    ledger found that showing them would let a reader combine them with earlier releases
    (answers/ledger/release.py); secondary suppression then protects them like any other.
    """
    policy = policy or Policy()
    layout = build_layout(base, breakdowns, policy)
    index_of_key = {figure.key: figure.index for figure in layout.figures}
    reports: dict[tuple[Status, ...], AuditReport] = {}

    def verify(statuses: list[Status]) -> list[int] | None:
        report = audit(render(layout, statuses, policy))
        reports[tuple(statuses)] = report
        problems: list[int] = []
        for problem in report.problems:
            if problem.key not in index_of_key:
                return None  # not a figure's problem: only the last resort can answer it
            problems.append(index_of_key[problem.key])
        return problems

    statuses = primary_statuses(layout)
    for key in forced:
        index = index_of_key.get(key)
        if index is not None and statuses[index] == "shown" and layout.figures[index].count > 0:
            statuses[index] = "secondary"
    statuses, last_resort = suppress_secondary(layout, statuses, verify)
    report = reports.get(tuple(statuses))
    if report is None or not report.passed:
        raise SuppressionFailed("the released pattern has no passing audit")
    return render(layout, statuses, policy, report=report, last_resort=last_resort)
