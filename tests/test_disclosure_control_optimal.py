"""Exact secondary suppression (optimal.py): fewest withheld figures, every pattern audited.

register_notes.md, "Optimal secondary suppression": Fischetti and Salazar-Gonzalez's model
minimises the withheld cells subject to protection requirements, with cuts added as needed;
heuristics typically withhold 15-20% more. The optimum here is checked against an
independent brute force (every subset of figures, smallest first, audited by audit_raw), and
every pattern against the audit's rules.
"""

import dataclasses
import itertools

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from answerable.answers.disclosure_control import (
    Policy,
    ProtectedTable,
    Table,
    audit,
    audit_raw,
    protect,
    protect_all,
)
from answerable.answers.disclosure_control.audit import WithheldSum
from answerable.answers.disclosure_control.layout import Layout, build_layout
from answerable.answers.disclosure_control.optimal import ExactOutcome, _Model, suppress_exact
from answerable.answers.disclosure_control.primary import Status, primary_statuses
from answerable.answers.disclosure_control.published import render


def grid(rows: list[list[int]]) -> Table:
    """A rows x columns table named a0.. by b0.. from a list of rows."""
    row_labels = tuple(f"a{i}" for i in range(len(rows)))
    column_labels = tuple(f"b{j}" for j in range(len(rows[0])))
    counts = {
        (row_labels[i], column_labels[j]): count
        for i, row in enumerate(rows)
        for j, count in enumerate(row)
    }
    return Table(("a", "b"), (row_labels, column_labels), counts)


def exact(table: Table, policy: Policy | None = None) -> tuple[Layout, ExactOutcome]:
    layout = build_layout(table, [table.dimensions], policy or Policy())
    return layout, suppress_exact(layout, primary_statuses(layout), time_limit=None)


def withheld_set(layout: Layout, statuses: list[Status]) -> set[tuple]:
    return {
        layout.figures[index].key
        for index, status in enumerate(statuses)
        if status in ("primary", "secondary")
    }


def passes(layout: Layout, withheld: set[int]) -> bool:
    """The audit's rules for this set of withheld figures (by figure index)."""
    shown = [figure for figure in layout.figures if figure.index not in withheld]
    hidden = [figure for figure in layout.figures if figure.index in withheld]
    report = audit_raw(
        len(layout.base_counts),
        [(figure.cells, figure.count) for figure in shown],
        [WithheldSum(figure.cells, figure.threshold, figure.index) for figure in hidden],
        lower_bound=1 if shown else 0,
    )
    return report.passed


def brute_force_fewest(layout: Layout) -> int:
    """The fewest withheld figures of any passing pattern, trying every subset, smallest first."""
    statuses = primary_statuses(layout)
    primary = {index for index, status in enumerate(statuses) if status == "primary"}
    free = [f.index for f in layout.figures if f.count > 0 and f.index not in primary]
    for size in range(len(free) + 1):
        for extra in itertools.combinations(free, size):
            if passes(layout, primary | set(extra)):
                return len(primary) + size
    raise AssertionError("not even withholding every figure passes")


def figures_withheld(table: ProtectedTable) -> int:
    """Withheld figures of one table: cells, margins and the total."""
    margins = [cell for row in table.margins.values() for cell in row]
    return sum(cell.withheld for cell in [*table.cells, *margins, table.total])


# -- hand-checked optima -------------------------------------------------------------------------


def test_a_two_by_two_with_one_small_cell_withholds_exactly_its_four_cells() -> None:
    # The 3 is below 5. Every row and column holding a withheld figure needs a second one,
    # so the fewest is the 2 x 2 rectangle of cells: the margins and total stay shown.
    table = grid([[3, 9], [8, 7]])
    layout, outcome = exact(table)
    assert outcome.optimal and outcome.withheld == 4
    assert withheld_set(layout, outcome.statuses) == {
        (("a", "a0"), ("b", "b0")),
        (("a", "a0"), ("b", "b1")),
        (("a", "a1"), ("b", "b0")),
        (("a", "a1"), ("b", "b1")),
    }
    assert brute_force_fewest(layout) == 4
    report = audit(render(layout, outcome.statuses, Policy()))
    assert report.passed
    # The 3 could be 3 up to 3 + min(9, 8) - 1 = 10, as a reader of the margins sees it.
    first = next(bounds for bounds in report.bounds if bounds.label.endswith("a0 / b0"))
    assert (first.lower, first.upper) == (1, 10)


def test_a_three_by_three_takes_the_rectangle_of_smallest_cells() -> None:
    # The 2 needs a rectangle of four cells; of the four rectangles through it, the one with
    # the smallest partners (20, 25 and 6) is preferred on ties: it costs a reader least.
    table = grid([[2, 20, 30], [25, 6, 40], [35, 45, 50]])
    layout, outcome = exact(table)
    assert outcome.optimal and outcome.withheld == 4
    assert withheld_set(layout, outcome.statuses) == {
        (("a", "a0"), ("b", "b0")),
        (("a", "a0"), ("b", "b1")),
        (("a", "a1"), ("b", "b0")),
        (("a", "a1"), ("b", "b1")),
    }
    statuses = primary_statuses(layout)
    primary = {index for index, status in enumerate(statuses) if status == "primary"}
    free = [f.index for f in layout.figures if f.count > 0 and f.index not in primary]
    assert not any(passes(layout, primary | set(pair)) for pair in itertools.combinations(free, 2))


def test_where_the_heuristic_withholds_everything_the_exact_model_withholds_the_fewest() -> None:
    # The heuristic's last resort withholds all 12 non-zero figures; 9 are enough.
    table = grid([[2, 3, 0], [5, 5, 0], [1, 1, 0]])
    heuristic = protect(table, method="heuristic")
    assert "every non-zero figure withheld" in heuristic.method
    assert figures_withheld(heuristic) == 12
    layout, outcome = exact(table)
    assert outcome.optimal and outcome.withheld == 9 == brute_force_fewest(layout)
    production = protect(table)
    assert figures_withheld(production) == 9
    assert "exact model (fewest withheld)" in production.method
    assert production.audit_report is not None and production.audit_report.passed


@pytest.mark.parametrize(
    "rows",
    [
        [[1, 6, 7], [8, 2, 9]],
        [[4, 4], [4, 12]],
        [[0, 3, 11], [7, 0, 2]],
        [[6, 1], [1, 6], [9, 9]],
    ],
)
def test_small_tables_match_the_brute_force_optimum(rows: list[list[int]]) -> None:
    layout, outcome = exact(grid(rows))
    assert outcome.optimal
    assert outcome.withheld == brute_force_fewest(layout)
    assert audit(render(layout, outcome.statuses, Policy())).passed


def test_a_three_way_table_matches_the_brute_force_optimum() -> None:
    values = (("x", "y"), ("p", "q"), ("m", "f"))
    counts = dict(zip(itertools.product(*values), [3, 9, 12, 8, 7, 2, 15, 11], strict=True))
    layout, outcome = exact(Table(("a", "b", "c"), values, counts))
    assert outcome.optimal
    assert outcome.withheld == brute_force_fewest(layout)
    assert audit(render(layout, outcome.statuses, Policy())).passed


@pytest.mark.parametrize(
    ("rows", "breakdowns"),
    [
        ([[3, 9, 6], [8, 2, 12]], [("a", "b")]),
        ([[1, 7, 4], [6, 5, 9]], [("a", "b"), ("a",)]),
    ],
)
def test_every_cut_holds_for_every_pattern_that_passes_the_audit(
    rows: list[list[int]], breakdowns: list[tuple[str, ...]]
) -> None:
    # The cuts from LP duals claim what every good pattern satisfies: check the claim against
    # all of them, after attacking many patterns (good and bad) to collect cuts.
    table = grid(rows)
    layout = build_layout(table, breakdowns, Policy())
    statuses = primary_statuses(layout)
    model = _Model(layout, statuses, (), None)
    model.seed_with_relations()
    rng = np.random.default_rng(5)
    for _ in range(40):
        pattern = model.forced.copy()
        pattern[model.free] = rng.random(len(model.free)) < 0.4
        model.attack(pattern)
    assert len(model.cuts) > 5
    # Cut coefficients are not negative, so a pattern holding a good one meets every cut the
    # good one meets: only the smallest good patterns need checking.
    primary = {i for i, status in enumerate(statuses) if status == "primary"}
    smallest: list[set[int]] = []
    for size in range(len(model.free) + 1):
        for extra in map(set, itertools.combinations(model.free, size)):
            if any(good <= extra for good in smallest) or not passes(layout, primary | extra):
                continue
            smallest.append(extra)
            for cut in model.cuts:
                total = sum(c for figure, c in cut.coefficients.items() if figure in extra)
                assert total >= cut.rhs - 1e-9, (extra, cut)
    assert smallest


# -- the exact model against the heuristic -------------------------------------------------------


def random_table(rng: np.random.Generator, sizes: list[int]) -> Table:
    names = ("a", "b", "c")[: len(sizes)]
    values = tuple(
        tuple(f"{name}{i}" for i in range(size)) for name, size in zip(names, sizes, strict=True)
    )
    cells = list(itertools.product(*values))
    draws = rng.choice([0, 1, 2, 3, 4, 5, 8, 12, 20, 40], size=len(cells))
    return Table(names, values, dict(zip(cells, (int(n) for n in draws), strict=True)))


@pytest.mark.parametrize("seed", range(12))
def test_exact_never_withholds_more_than_the_heuristic_and_passes_the_audit(seed: int) -> None:
    rng = np.random.default_rng(seed)
    sizes = [int(rng.integers(3, 8)), int(rng.integers(3, 6))]
    if seed % 3 == 2:
        sizes = [int(rng.integers(2, 4)), int(rng.integers(2, 4)), 2]
    table = random_table(rng, sizes)
    heuristic = protect(table, method="heuristic")
    production = protect(table)
    layout, outcome = exact(table)
    assert outcome.statuses is not None and outcome.optimal
    assert audit(render(layout, outcome.statuses, Policy())).passed
    assert production.audit_report is not None and production.audit_report.passed
    assert figures_withheld(production) == outcome.withheld <= figures_withheld(heuristic)


def test_linked_tables_are_protected_jointly_with_no_more_than_the_heuristic() -> None:
    table = random_table(np.random.default_rng(40), [5, 4])
    breakdowns = [("a", "b"), ("a",), ("b",)]
    production = protect_all(table, breakdowns)
    heuristic = protect_all(table, breakdowns, method="heuristic")
    assert production[0].audit_report is not None and production[0].audit_report.passed
    assert figures_withheld(production[0]) <= figures_withheld(heuristic[0])
    # The one-way tables repeat the margins: withheld in both or shown in both.
    margins = {cell.labels: cell.display for cell in production[0].margins["a"]}
    assert margins == {cell.labels: cell.display for cell in production[1].cells}


def test_relations_are_only_hints_the_optimum_is_the_same_without_them() -> None:
    # A layout whose figures are arbitrary sums need not list how they add up: the attack
    # finds what the published figures imply from their base cells alone.
    table = random_table(np.random.default_rng(7), [4, 4])
    layout = build_layout(table, [table.dimensions], Policy())
    bare = dataclasses.replace(
        layout,
        relations=[],
        figures=[dataclasses.replace(figure, relations=[]) for figure in layout.figures],
    )
    with_hints = suppress_exact(layout, primary_statuses(layout), time_limit=None)
    without = suppress_exact(bare, primary_statuses(bare), time_limit=None)
    assert with_hints.optimal and without.optimal
    assert with_hints.withheld == without.withheld
    assert passes(bare, {i for i, s in enumerate(without.statuses) if s != "shown"})


# -- forced figures, the time limit, the method text ---------------------------------------------


def test_figures_the_caller_withholds_stay_withheld_and_are_protected() -> None:
    table = grid([[3, 9, 14], [8, 7, 20], [30, 25, 40]])
    layout = build_layout(table, [table.dimensions], Policy())
    statuses = primary_statuses(layout)
    forced = next(f.index for f in layout.figures if f.key == (("a", "a2"), ("b", "b2")))
    statuses[forced] = "secondary"  # e.g. withheld in an earlier release
    outcome = suppress_exact(layout, statuses, time_limit=None)
    assert outcome.statuses is not None and outcome.optimal
    assert outcome.statuses[forced] == "secondary"
    assert all(
        outcome.statuses[index] == status
        for index, status in enumerate(statuses)
        if status != "shown"
    )
    report = audit(render(layout, outcome.statuses, Policy()))
    assert report.passed
    forty = next(bounds for bounds in report.bounds if bounds.label.endswith("a2 / b2"))
    assert not forty.determined
    # Forcing one more figure can only cost more: the free choice is a lower bound.
    free = suppress_exact(layout, primary_statuses(layout), time_limit=None)
    assert free.withheld is not None and outcome.withheld >= free.withheld


def test_figures_kept_shown_are_never_chosen() -> None:
    # The 9 beside the 3 was published before: the rectangle of cells is no longer possible,
    # but withholding the row margins with the cells under the 3 still needs only four.
    table = grid([[3, 9], [8, 7]])
    layout = build_layout(table, [table.dimensions], Policy())
    nine = next(f.index for f in layout.figures if f.key == (("a", "a0"), ("b", "b1")))
    outcome = suppress_exact(layout, primary_statuses(layout), time_limit=None, keep_shown={nine})
    assert outcome.statuses is not None and outcome.optimal
    assert outcome.statuses[nine] == "shown"
    assert outcome.withheld == 4
    assert withheld_set(layout, outcome.statuses) == {
        (("a", "a0"), ("b", "b0")),
        (("a", "a1"), ("b", "b0")),
        (("a", "a0"),),
        (("a", "a1"),),
    }
    assert passes(layout, {i for i, s in enumerate(outcome.statuses) if s != "shown"})
    with pytest.raises(ValueError, match="both withheld and kept shown"):
        three = next(f.index for f in layout.figures if f.count == 3)
        suppress_exact(layout, primary_statuses(layout), keep_shown={three})
    with pytest.raises(ValueError, match="no figure 99"):
        suppress_exact(layout, primary_statuses(layout), keep_shown={99})


def test_a_zero_cannot_be_forced_withheld() -> None:
    table = grid([[3, 0], [8, 7]])
    layout = build_layout(table, [table.dimensions], Policy())
    statuses = primary_statuses(layout)
    zero = next(f.index for f in layout.figures if f.count == 0)
    statuses[zero] = "secondary"
    with pytest.raises(ValueError, match="zeros are always shown"):
        suppress_exact(layout, statuses)
    with pytest.raises(ValueError, match="statuses for"):
        suppress_exact(layout, statuses[:-1])


def test_with_no_time_the_heuristic_is_used() -> None:
    table = grid([[3, 9, 14], [8, 7, 20], [1, 25, 40]])
    layout = build_layout(table, [table.dimensions], Policy())
    outcome = suppress_exact(layout, primary_statuses(layout), time_limit=0)
    assert outcome.statuses is None and not outcome.optimal
    fallback = protect(table, time_limit=0)
    heuristic = protect(table, method="heuristic")
    assert "the exact model found no pattern in time" in fallback.method
    assert [c.display for c in fallback.cells] == [c.display for c in heuristic.cells]
    assert fallback.audit_report is not None and fallback.audit_report.passed


def test_the_method_says_in_words_how_figures_were_chosen() -> None:
    table = grid([[3, 9], [8, 7]])
    chosen = protect(table).method
    assert "exact model (fewest withheld)" in chosen
    assert "one at a time" in protect(table, method="heuristic").method
    # Only the audit is named by its solver; the choice is said in plain words.
    choice = chosen.split(";")[1]
    assert "MILP" not in choice and "HiGHS" not in choice and "LP" not in choice
    with pytest.raises(ValueError, match="method must be one of exact, heuristic"):
        protect(table, method="optimal")  # type: ignore[arg-type]


def test_nothing_to_protect_and_a_small_total_are_left_as_they_are() -> None:
    _, outcome = exact(grid([[5, 9], [8, 7]]))
    assert outcome.optimal and outcome.withheld == 0
    assert set(outcome.statuses) == {"shown"}
    _, outcome = exact(grid([[1, 0], [2, 0]]))  # total 3 < 5
    assert set(outcome.statuses) == {"total_below_threshold"}


# -- property: small random tables ---------------------------------------------------------------

COUNTS = st.one_of(st.just(0), st.integers(1, 4), st.integers(5, 25))


@st.composite
def small_tables(draw: st.DrawFn) -> Table:
    sizes = [draw(st.integers(2, 4)), draw(st.integers(2, 3))]
    rows = [[draw(COUNTS) for _ in range(sizes[1])] for _ in range(sizes[0])]
    return grid(rows)


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(small_tables(), st.sampled_from([Policy(), Policy(threshold=3, sensitive_threshold=3)]))
def test_exact_patterns_pass_the_audit_and_never_exceed_the_heuristic(
    table: Table, policy: Policy
) -> None:
    layout, outcome = exact(table, policy)
    assert outcome.statuses is not None and outcome.optimal
    statuses = outcome.statuses
    primary = primary_statuses(layout)
    for figure in layout.figures:
        if primary[figure.index] != "shown":
            assert statuses[figure.index] == primary[figure.index]  # kept as they were
        if figure.count == 0 and primary[figure.index] == "shown":
            assert statuses[figure.index] == "shown"  # never a zero
    assert audit(render(layout, statuses, policy)).passed
    heuristic = protect(table, policy, method="heuristic")
    assert outcome.withheld <= figures_withheld(heuristic)
