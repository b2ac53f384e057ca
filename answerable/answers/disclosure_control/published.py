"""What is published: figures as displayed, with [c] for withheld ones, and the footnotes.

The Government Statistical Service marks a figure withheld for confidentiality `[c]`
(register_notes.md). Every withheld figure displays the same way, and a table's footnote
gives both reasons ("fewer than T" and "so that another withheld figure cannot be worked
out") without saying which applies to which figure: a "fewer than 5" label tells a reader the
figure is 1 to 4 (register_notes.md), which would defeat the audit's requirement that a
withheld figure could be T or more. So `status` is the casework record of why a figure is
withheld, not something to print next to it: print `display` and the footnotes.
"""

from dataclasses import dataclass, field
from typing import Literal

from answerable.answers.disclosure_control.audit import WITHHELD_MARKER, AuditReport
from answerable.answers.disclosure_control.layout import Layout, TableLayout
from answerable.answers.disclosure_control.policy import Policy
from answerable.answers.disclosure_control.primary import WITHHELD_STATUSES, Status

# How the further withheld figures were chosen (protect.py): by the exact model, proven to
# withhold the fewest; by the exact model stopped at its time limit; by the heuristic because
# the exact model found no passing pattern in time; or by the heuristic on request.
Selection = Literal["exact", "exact_time_limit", "heuristic_fallback", "heuristic"]

SELECTION_TEXT: dict[str, str] = {
    "exact": "further figures withheld chosen by an exact model (fewest withheld)",
    "exact_time_limit": (
        "further figures withheld chosen by an exact model, stopped at its time limit "
        "(the fewest it found)"
    ),
    "heuristic_fallback": (
        "further figures withheld chosen one at a time where the audit found a problem "
        "(the exact model found no pattern in time)"
    ),
    "heuristic": "further figures withheld chosen one at a time where the audit found a problem",
}


@dataclass(frozen=True)
class PublishedCell:
    """One published figure. labels: the cell's labels, a margin's (value,), or () for a total."""

    labels: tuple[str, ...]
    count: int | None  # None when withheld
    display: str  # "[c]" or the count as text
    status: Status

    @property
    def withheld(self) -> bool:
        return self.count is None


@dataclass(frozen=True)
class ProtectedTable:
    """A table ready to publish, with disclosure control applied and audited."""

    dimensions: tuple[str, ...]
    threshold: int
    # One per combination of values, row-major display order (none for a bare total).
    cells: list[PublishedCell]
    # For 2 or more dimensions: each dimension's one-way totals over all the others.
    margins: dict[str, list[PublishedCell]]
    total: PublishedCell
    withheld: int  # withheld figures among cells and margins
    method: str
    footnotes: list[str]
    values: tuple[tuple[str, ...], ...] = ()
    # The joint audit of every table released with this one (the same report for all).
    audit_report: AuditReport | None = field(default=None, compare=False)


def render(
    layout: Layout,
    statuses: list[Status],
    policy: Policy,
    *,
    report: AuditReport | None = None,
    last_resort: bool = False,
    selection: Selection = "heuristic",
) -> list[ProtectedTable]:
    """The published tables for these statuses (report: the audit to attach, once passed).

    selection: how the further withheld figures were chosen, for the method text.
    """
    return [
        _render_table(layout, table, statuses, policy, report, last_resort, selection)
        for table in layout.tables
    ]


def _render_table(
    layout: Layout,
    table: TableLayout,
    statuses: list[Status],
    policy: Policy,
    report: AuditReport | None,
    last_resort: bool,
    selection: Selection,
) -> ProtectedTable:
    def cell(labels: tuple[str, ...], figure: int) -> PublishedCell:
        status = statuses[figure]
        if status in WITHHELD_STATUSES:
            return PublishedCell(labels, None, WITHHELD_MARKER, status)
        count = layout.figures[figure].count
        return PublishedCell(labels, count, str(count), status)

    cells = [cell(labels, figure) for labels, figure in table.cells]
    margins = {
        dimension: [cell((value,), figure) for value, figure in row]
        for dimension, row in table.margins.items()
    }
    total = cell((), table.total)
    every_figure = [*cells, *(margin for row in margins.values() for margin in row)]
    withheld = sum(published.withheld for published in every_figure)
    figure_indices = [
        *(figure for _, figure in table.cells),
        *(figure for row in table.margins.values() for _, figure in row),
        table.total,
    ]
    thresholds = sorted({layout.figures[figure].threshold for figure in figure_indices})
    return ProtectedTable(
        dimensions=table.dimensions,
        threshold=table.threshold,
        cells=cells,
        margins=margins,
        total=total,
        withheld=withheld,
        method=_method(layout, table, statuses, last_resort, selection),
        footnotes=_footnotes([*every_figure, total], table.threshold, thresholds, policy),
        values=table.values,
        audit_report=report,
    )


def _method(
    layout: Layout,
    table: TableLayout,
    statuses: list[Status],
    last_resort: bool,
    selection: Selection,
) -> str:
    parts = [f"primary threshold {table.threshold}"]
    if statuses[table.total] == "total_below_threshold":
        parts.append("grand total below the threshold, so the whole breakdown is withheld")
    else:
        parts.append(SELECTION_TEXT[selection])
        if last_resort:
            parts.append("no smaller pattern passed the audit: every non-zero figure withheld")
    parts.append("audited by MILP (HiGHS)")
    if len(layout.tables) > 1:
        parts.append(f"audited together with the other {len(layout.tables) - 1} table(s) sent")
    return "; ".join(parts)


def _footnotes(
    figures: list[PublishedCell], threshold: int, thresholds: list[int], policy: Policy
) -> list[str]:
    notes: list[str] = []
    if any(figure.withheld for figure in figures):
        fewer = f"fewer than {threshold}"
        stricter = [limit for limit in thresholds if limit > threshold]
        if stricter:
            sensitive = " or ".join(sorted(policy.sensitive_dimensions))
            fewer += (
                f" (fewer than {stricter[-1]} for a figure also published in a table broken "
                f"down by {sensitive})"
            )
        notes.append(
            f"{WITHHELD_MARKER} Withheld: either the figure is {fewer} but not 0, or it is "
            "withheld so that another withheld figure cannot be worked out from the figures "
            "shown. Which reason applies to a figure is not shown, because that would narrow "
            "what it could be."
        )
        if all(figure.withheld for figure in figures):
            notes.append(
                "Every figure in this table is withheld: publishing any of it could let a "
                "reader work out a small count."
            )
    if any(figure.count == 0 for figure in figures):
        notes.append("0 means none: true zeros are shown, because a zero identifies no one.")
    notes.append(f"Disclosure control: {policy.reason}")
    return notes
