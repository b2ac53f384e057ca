"""Secondary suppression: withhold more figures until no withheld figure can be worked out.

The approach follows the tau-ARGUS practice in register_notes.md: propose a pattern, audit it
with minimum/maximum programmes for every withheld figure, and add suppressions where the
audit finds a problem, until the audit passes.

1. The line rule (a cheap start): in any published sum, a single withheld member can be
   recovered by subtraction, so every relation (margin = its row, total = its margins) must
   have none or at least two withheld members.
2. The audit loop: an LP screen using the true counts (fast; an LP range that is already too
   narrow is a definite problem, because the integer range lies inside it), then the exact
   audit of the published tables themselves (the caller's `verify`). Each problem figure gets
   one more withheld figure from a published sum that contains it, tightest sum first: the
   finest (interior cells before margins, margins before the total), then the smallest
   non-zero count, because it costs the reader least information. Never a zero: zeros are
   always shown, which is what tells a reader that a withheld figure is at least 1. A sum
   with no such cell left that still caps the figure below its threshold is itself withheld
   (a margin; at the top, the grand total).
3. The last resort: withhold every non-zero figure, the grand total included. With nothing
   but zeros published, no withheld figure has an upper limit, so the audit always passes.
"""

import math
from collections.abc import Callable

from answerable.answers.disclosure_control.layout import Layout, Relation
from answerable.answers.disclosure_control.primary import WITHHELD_STATUSES, Status
from answerable.answers.disclosure_control.system import TOLERANCE, ReducedSystem

# A batch LP in the screen must settle at least this many figures to be worth another one.
BATCH_MINIMUM = 3

# The exact audit of a pattern: the figures it found problems with, or None when a problem
# cannot be pinned to a figure (contradictory figures, a solver failure).
Verifier = Callable[[list[Status]], list[int] | None]


class SuppressionFailed(RuntimeError):
    """No pattern passed the audit, not even withholding everything: nothing is released."""


def suppress_secondary(
    layout: Layout, statuses: list[Status], verify: Verifier
) -> tuple[list[Status], bool]:
    """The statuses after secondary suppression, and whether the last resort was needed."""
    statuses = list(statuses)
    if all(status == "total_below_threshold" for status in statuses):
        found = verify(statuses)
        if found is None or found:
            raise SuppressionFailed("the audit rejected a fully withheld response")
        return statuses, False
    last_resort = False
    _apply_line_rule(layout, statuses)
    # Every round withholds at least one more figure, so this ends; the bound is a backstop.
    for _ in range(len(layout.figures) + 2):
        problems: list[int] | None = _screen_lp(layout, statuses)
        if not problems:
            problems = verify(statuses)
            if problems is not None and not problems:
                return statuses, last_resort
        if last_resort:
            raise SuppressionFailed("the audit rejected the pattern that withholds everything")
        if problems is None or not _resolve(layout, statuses, problems):
            _withhold_everything(layout, statuses)
            last_resort = True
            continue
        _apply_line_rule(layout, statuses)
    raise SuppressionFailed("secondary suppression did not converge")


def _withheld(statuses: list[Status], figure: int) -> bool:
    return statuses[figure] in WITHHELD_STATUSES


def _apply_line_rule(layout: Layout, statuses: list[Status]) -> None:
    changed = True
    while changed:
        changed = False
        for relation in layout.relations:
            hidden = [member for member in relation.members if _withheld(statuses, member)]
            if len(hidden) != 1:
                continue
            choice = _best(layout, statuses, [relation], hidden[0])
            if choice is not None:
                statuses[choice] = "secondary"
                changed = True


def _best(
    layout: Layout,
    statuses: list[Status],
    relations: list[Relation],
    problem: int,
    *,
    escalate: bool = True,
) -> int | None:
    """The figure to withhold to protect `problem`, looking along these relations.

    First choice: a visible, non-zero component of a relation (finest, then smallest, then
    the one that also completes another relation left with a single withheld member). Only
    if there is none (and escalate), move up a level: withhold the relation's own aggregate
    (a margin, or at the very top the grand total).
    """
    figures = layout.figures
    components = {
        component
        for relation in relations
        for component in relation.components
        if component != problem
        and not _withheld(statuses, component)
        and figures[component].count > 0
    }
    if components:

        def preference(figure: int) -> tuple[int, int, int, int]:
            completes = sum(
                1
                for relation in layout.relations_of(figure)
                if sum(_withheld(statuses, member) for member in relation.members) == 1
            )
            return (-figures[figure].fineness, figures[figure].count, -completes, figure)

        return min(components, key=preference)
    if not escalate:
        return None
    aggregates = {
        relation.aggregate
        for relation in relations
        if relation.aggregate != problem
        and not _withheld(statuses, relation.aggregate)
        and figures[relation.aggregate].count > 0
    }
    if aggregates:
        return min(aggregates, key=lambda f: (-figures[f].fineness, figures[f].count, f))
    return None


def _resolve(layout: Layout, statuses: list[Status], problems: list[int]) -> int:
    """Withhold one more figure per problem; returns how many were added.

    A problem's sums are tried tightest first: the published sum whose withheld components
    add up to least is the likeliest reason a reader can pin the figure down, and one more
    non-zero cell in it widens the range of every withheld figure in it. If that sum alone
    caps the figure below its threshold and has no visible non-zero cell left, only
    withholding the sum itself (a margin, moving up a level) can help, so that is done
    rather than withholding cells elsewhere. A later problem whose tightest sum already
    gained a cell this round waits for the next audit, rather than withholding two cells
    where one may do.
    """
    figures = layout.figures
    touched: set[int] = set()
    added = 0
    for problem in dict.fromkeys(problems):
        choice: int | None = None
        acted_on: set[int] = set()
        waiting = False
        for number in _sums_tightest_first(layout, statuses, problem):
            if number in touched:
                waiting = True
                break
            relation = layout.relations[number]
            choice = _best(layout, statuses, [relation], problem, escalate=False)
            if choice is not None:
                acted_on = {number}
                break
            aggregate = relation.aggregate
            if aggregate != problem and not _withheld(statuses, aggregate):
                hidden = [c for c in relation.components if _withheld(statuses, c)]
                most = sum(figures[c].count for c in hidden) - (len(hidden) - 1)
                if most < figures[problem].threshold:
                    choice = aggregate  # this sum alone caps the figure: withhold the sum
                    acted_on = {number}
                    break
        if waiting:
            continue
        if choice is None:  # no visible non-zero cell in any of its sums: move up a level
            choice = _best(layout, statuses, layout.relations_of(problem), problem)
            acted_on = set(figures[problem].relations)
        if choice is None:
            continue
        statuses[choice] = "secondary"
        touched.update(acted_on)
        added += 1
    return added


def _sums_tightest_first(layout: Layout, statuses: list[Status], problem: int) -> list[int]:
    """The relations holding `problem`: published sums (and its own breakdown) first."""
    figures = layout.figures

    def order(number: int) -> tuple[bool, int, int]:
        relation = layout.relations[number]
        published = relation.aggregate == problem or not _withheld(statuses, relation.aggregate)
        slack = sum(
            figures[component].count
            for component in relation.components
            if _withheld(statuses, component)
        )
        return (not published, slack, number)

    return sorted(figures[problem].relations, key=order)


def _withhold_everything(layout: Layout, statuses: list[Status]) -> None:
    for figure in layout.figures:
        if figure.count > 0 and not _withheld(statuses, figure.index):
            statuses[figure.index] = "secondary"


def _screen_lp(layout: Layout, statuses: list[Status]) -> list[int]:
    """Figures whose LP range is already unsafe (a sure problem), using the true counts.

    The true counts are a feasible point, and every LP solution is kept as another: a figure
    whose known points already span a range reaching its threshold needs no solve at all.
    """
    figures = layout.figures
    shown = [figure for figure in figures if not _withheld(statuses, figure.index)]
    hidden = [figure for figure in figures if _withheld(statuses, figure.index)]
    if not hidden:
        return []
    system = ReducedSystem(
        len(layout.base_counts),
        [(figure.cells, figure.count) for figure in shown],
        [figure.cells for figure in hidden],
        lower_bound=1,
    )
    pool = [system.point_from_cells(layout.base_counts).astype(float)]

    def settled(target: int) -> bool:
        """Known points already show this figure can reach its threshold and can vary."""
        if system.is_unbounded(target):
            return True  # no upper limit: reaches any threshold and is not determined
        seen = [system.value_at(target, point) for point in pool]
        threshold = hidden[target].threshold
        return max(seen) >= threshold - TOLERANCE and max(seen) > min(seen) + TOLERANCE

    # Batches first: one LP maximising the sum of every unsettled figure often lifts many of
    # them at once (figures in different rows and columns do not compete), settling them for
    # the price of one solve. Stop batching when a batch stops paying for itself.
    open_targets = [target for target in range(len(hidden)) if not settled(target)]
    while len(open_targets) > BATCH_MINIMUM:
        point = system.optimise_sum(open_targets).point
        pool.append(point)
        still_open = [target for target in open_targets if not settled(target)]
        if len(open_targets) - len(still_open) < BATCH_MINIMUM:
            break
        open_targets = still_open

    problems: list[int] = []
    for target, figure in enumerate(hidden):
        if settled(target):
            continue
        highest = system.optimise(target, maximise=True, integer=False)
        pool.append(highest.point)
        upper = math.floor(highest.value + TOLERANCE)
        if upper < figure.threshold:
            problems.append(figure.index)
            continue
        if upper > figure.count:
            continue
        lowest = system.optimise(target, maximise=False, integer=False)
        pool.append(lowest.point)
        if math.ceil(lowest.value - TOLERANCE) >= figure.count:
            problems.append(figure.index)
    return problems
