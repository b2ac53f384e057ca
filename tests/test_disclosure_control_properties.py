"""Property tests: whatever the counts, what is released passes an independent audit.

The independent audit here shares no code with the package: it reads only the displayed
text, labels and thresholds of the released tables, writes the equations itself and solves
each withheld figure's minimum and maximum with scipy.optimize.milp (integer programme, so
exact for linked and 3-way tables too), as register_notes.md's tau-ARGUS audit describes.
"""

import itertools
import math
from collections.abc import Iterator

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import Bounds, LinearConstraint, milp

from answerable.answers.disclosure_control import Policy, ProtectedTable, Table, protect_all

MARKER = "[c]"
CAP = 1e6
PROPERTY_SETTINGS = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

# Mostly small counts, where disclosure control has work to do, with zeros and some large.
COUNTS = st.one_of(st.just(0), st.integers(1, 4), st.integers(1, 4), st.integers(5, 25))


def figures_of(tables: list[ProtectedTable]) -> Iterator[tuple[dict[str, str], str, int]]:
    """(fixed categories, displayed text, threshold) of every figure in the tables."""
    for table in tables:
        for cell in table.cells:
            yield (
                dict(zip(table.dimensions, cell.labels, strict=True)),
                cell.display,
                table.threshold,
            )
        for dimension, cells in table.margins.items():
            for cell in cells:
                yield {dimension: cell.labels[0]}, cell.display, table.threshold
        yield {}, table.total.display, table.threshold


def independent_audit(tables: list[ProtectedTable]) -> list[str]:
    """Problems a reader could exploit, from the released tables alone (empty if safe)."""
    categories: dict[str, list[str]] = {}
    for fixed, _, _ in figures_of(tables):
        for dimension, label in fixed.items():
            if label not in categories.setdefault(dimension, []):
                categories[dimension].append(label)
    dimensions = list(categories)
    base = list(itertools.product(*(categories[d] for d in dimensions)))

    def row(fixed: dict[str, str]) -> tuple[int, ...]:
        return tuple(
            int(all(labels[dimensions.index(d)] == v for d, v in fixed.items())) for labels in base
        )

    equations: dict[tuple[int, ...], int] = {}
    withheld: dict[tuple[int, ...], int] = {}
    for fixed, display, threshold in figures_of(tables):
        if display == MARKER:
            withheld[row(fixed)] = max(threshold, withheld.get(row(fixed), 0))
        else:
            equations[row(fixed)] = int(display)
    if not withheld:
        return []
    lower = 1 if equations else 0  # zeros are shown unless nothing at all is
    n = len(base)
    a = np.array([*equations, *withheld], dtype=float)
    lo = np.array([*equations.values(), *[lower] * len(withheld)], dtype=float)
    hi = np.array([*equations.values(), *[np.inf] * len(withheld)], dtype=float)
    constraint = LinearConstraint(a, lo, hi)
    problems = []
    for figure, threshold in withheld.items():
        objective = np.array(figure, dtype=float)
        ends = []
        for sign in (1.0, -1.0):
            result = milp(
                sign * objective,
                constraints=constraint,
                integrality=np.ones(n),
                # A huge cap instead of none: HiGHS can answer "infeasible or unbounded"
                # to an unbounded MILP. A maximum near the cap means "no upper limit".
                bounds=Bounds(0, CAP),
                options={"mip_rel_gap": 0},
            )
            assert result.status == 0, result.message
            ends.append(sign * result.fun)
        least = round(ends[0])
        most = math.inf if ends[1] > CAP / 2 else round(ends[1])
        if least == most:
            problems.append(f"withheld figure {figure} is determined: {least}")
        if most < threshold:
            problems.append(f"withheld figure {figure} is at most {most} < {threshold}")
    return problems


def true_count(base: Table, fixed: dict[str, str]) -> int:
    return sum(
        count
        for labels, count in base.counts.items()
        if all(labels[base.dimensions.index(d)] == v for d, v in fixed.items())
    )


def check_release(base: Table, breakdowns: list[tuple[str, ...]], policy: Policy) -> None:
    tables = protect_all(base, breakdowns, policy)
    assert len(tables) == len(breakdowns)
    assert independent_audit(tables) == []
    assert all(table.audit_report is not None and table.audit_report.passed for table in tables)

    thresholds = [policy.threshold_for(breakdown) for breakdown in breakdowns]
    total = base.total
    total_too_small = 1 <= total < max(thresholds)
    # The strictest threshold of any table a figure is in applies to it everywhere.
    strictest: dict[tuple, int] = {}
    for table in tables:
        for fixed, _, _ in figures_of([table]):
            key = tuple(sorted(fixed.items()))
            strictest[key] = max(strictest.get(key, 0), table.threshold)
    any_small = any(1 <= true_count(base, dict(key)) < limit for key, limit in strictest.items())

    for table in tables:
        figures = [
            *((dict(zip(table.dimensions, c.labels, strict=True)), c) for c in table.cells),
            *(({d: c.labels[0]}, c) for d, cells in table.margins.items() for c in cells),
            ({}, table.total),
        ]
        for fixed, cell in figures:
            count = true_count(base, fixed)
            limit = strictest[tuple(sorted(fixed.items()))]
            if total_too_small:
                assert cell.display == MARKER and cell.status == "total_below_threshold"
                continue
            if count == 0:
                assert cell.display == "0"  # true zeros are always shown
            if not cell.withheld:
                assert cell.display == str(count) == str(cell.count)  # never a recomputed total
            if 1 <= count < limit:
                assert cell.status == "primary" and cell.display == MARKER
            if cell.status == "secondary":
                assert count >= 1  # never a zero: the reader knows withheld figures are >= 1
            if not any_small:
                assert cell.display == str(count)  # nothing to protect: everything shown
        assert table.withheld == sum(
            c.withheld for c in [*table.cells, *(m for ms in table.margins.values() for m in ms)]
        )


@st.composite
def tables(draw: st.DrawFn, sizes: list[int], names: tuple[str, ...]) -> Table:
    values = tuple(
        tuple(f"{name}{i}" for i in range(size)) for name, size in zip(names, sizes, strict=True)
    )
    cells = list(itertools.product(*values))
    counts = draw(st.lists(COUNTS, min_size=len(cells), max_size=len(cells)))
    return Table(names, values, dict(zip(cells, counts, strict=True)))


@st.composite
def one_way(draw: st.DrawFn) -> Table:
    return draw(tables([draw(st.integers(1, 8))], ("a",)))


@st.composite
def two_way(draw: st.DrawFn) -> Table:
    return draw(tables([draw(st.integers(1, 4)), draw(st.integers(1, 4))], ("a", "b")))


@st.composite
def three_way(draw: st.DrawFn) -> Table:
    sizes = [draw(st.integers(2, 3)) for _ in range(3)]
    return draw(tables(sizes, ("a", "b", "c")))


POLICIES = st.sampled_from([Policy(), Policy(threshold=3, sensitive_threshold=3)])


@PROPERTY_SETTINGS
@given(one_way(), POLICIES)
def test_one_way_tables_release_only_safe_patterns(base: Table, policy: Policy) -> None:
    check_release(base, [("a",)], policy)


@PROPERTY_SETTINGS
@given(two_way(), POLICIES)
def test_two_way_tables_release_only_safe_patterns(base: Table, policy: Policy) -> None:
    check_release(base, [("a", "b")], policy)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(three_way())
def test_three_way_tables_release_only_safe_patterns(base: Table) -> None:
    check_release(base, [("a", "b", "c")], Policy())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    two_way(),
    st.sampled_from([[("a", "b"), ("a",)], [("a",), ("b",)], [("a", "b"), ("a",), ("b",)]]),
)
def test_linked_two_way_releases_pass_the_joint_audit(
    base: Table, breakdowns: list[tuple[str, ...]]
) -> None:
    check_release(base, breakdowns, Policy())


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    three_way(),
    st.sampled_from([[("a", "b"), ("b", "c")], [("a", "b"), ("c",)], [("a", "b"), ("a", "c")]]),
)
def test_linked_three_way_releases_pass_the_joint_audit(
    base: Table, breakdowns: list[tuple[str, ...]]
) -> None:
    check_release(base, breakdowns, Policy())


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(two_way())
def test_a_table_by_child_uses_the_sensitive_threshold(base: Table) -> None:
    by_child = Table(("child", "b"), base.values, base.counts)
    check_release(by_child, [("child", "b")], Policy())
    (released,) = protect_all(by_child, [("child", "b")], Policy())
    assert released.threshold == 10
    for cell in released.cells:
        if 1 <= by_child.count(cell.labels) < 10:
            assert cell.display == MARKER
