"""The HiGHS binding disclosure control solves with (disclosure_control/highs.py).

Checked against brute force and SciPy's `linprog` (an independent wrapper of the same
solver), plus what the callers rely on: a kept programme re-solved with another objective
gives what a fresh one gives, row duals have SciPy's sign (the exact model's cuts are built
from them), and nothing is printed (an `ask --format csv` is read by programs).
"""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from answerable.answers.disclosure_control import Policy, Table
from answerable.answers.disclosure_control.highs import Program, Rows, solve
from answerable.answers.disclosure_control.layout import build_layout
from answerable.answers.disclosure_control.optimal import _Reader


@st.composite
def programmes(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """A feasible LP: 0/1 rows, equalities and lower limits met by a positive point."""
    n = draw(st.integers(2, 8))
    m = draw(st.integers(1, 6))
    matrix = np.array(
        draw(st.lists(st.lists(st.booleans(), min_size=n, max_size=n), min_size=m, max_size=m)),
        dtype=float,
    )
    point = np.array(draw(st.lists(st.integers(1, 9), min_size=n, max_size=n)), dtype=float)
    values = matrix @ point
    equal = np.array(draw(st.lists(st.booleans(), min_size=m, max_size=m)))
    lower = np.where(equal, values, np.minimum(values, 1.0))
    upper = np.where(equal, values, np.inf)
    objective = np.array(draw(st.lists(st.integers(-3, 3), min_size=n, max_size=n)), dtype=float)
    return matrix, lower, upper, objective


@settings(max_examples=150)
@given(programmes())
def test_lp_optimum_and_duals_match_scipy(
    programme: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
) -> None:
    matrix, lower, upper, objective = programme
    caps = 30.0
    ours = solve(objective, Rows.dense(matrix), lower, upper, 0.0, caps)
    equal = lower == upper
    theirs = linprog(
        objective,
        A_ub=-matrix[~equal] if (~equal).any() else None,
        b_ub=-lower[~equal] if (~equal).any() else None,
        A_eq=matrix[equal] if equal.any() else None,
        b_eq=lower[equal] if equal.any() else None,
        bounds=(0, caps),
        method="highs",
    )
    assert theirs.status == 0 and ours.status == "optimal"
    assert ours.value == pytest.approx(theirs.fun, abs=1e-7)
    assert ours.x is not None and ours.row_duals is not None
    # The duals' sign is SciPy's (a marginal: the optimum's change per unit of a row's
    # limit): a positive dual holds its row at its lower limit, a negative one at its upper,
    # and the reduced costs c - A'y hold each column at the limit they push it to. With the
    # other sign these fail whenever a dual is not 0.
    activity = matrix @ ours.x
    for dual, value, low, high in zip(ours.row_duals, activity, lower, upper, strict=True):
        if dual > 1e-9:
            assert value == pytest.approx(low, abs=1e-7)
        if dual < -1e-9:
            assert value == pytest.approx(high, abs=1e-7)
    reduced = objective - matrix.T @ ours.row_duals
    for cost, value in zip(reduced, ours.x, strict=True):
        if cost > 1e-9:
            assert value == pytest.approx(0.0, abs=1e-7)
        if cost < -1e-9:
            assert value == pytest.approx(caps, abs=1e-7)
    duals = ours.row_duals
    limits = np.where(duals > 1e-9, lower, np.where(duals < -1e-9, upper, 0.0))
    column_part = np.where(reduced < -1e-9, reduced * caps, 0.0).sum()
    assert duals @ limits + column_part == pytest.approx(ours.value, abs=1e-6)


@settings(max_examples=60)
@given(programmes(), st.lists(st.integers(-3, 3), min_size=8, max_size=8))
def test_a_kept_programme_re_solved_matches_a_fresh_one(
    programme: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray], other: list[int]
) -> None:
    matrix, lower, upper, objective = programme
    rows = Rows.dense(matrix)
    kept = Program(rows, lower, upper, 0.0, 30.0)
    kept.solve(objective)
    second = np.array(other[: len(objective)], dtype=float)
    again = kept.solve(second)
    fresh = solve(second, rows, lower, upper, 0.0, 30.0)
    assert again.status == fresh.status == "optimal"
    assert again.value == pytest.approx(fresh.value, abs=1e-7)


def test_milp_optimum_equals_brute_force() -> None:
    rng = np.random.default_rng(5)
    for _ in range(40):
        n, m = int(rng.integers(2, 7)), int(rng.integers(1, 5))
        matrix = (rng.random((m, n)) < 0.6).astype(float)
        needs = rng.integers(0, 3, m).astype(float)
        costs = rng.integers(1, 5, n).astype(float)
        result = solve(costs, Rows.dense(matrix), needs, np.full(m, np.inf), 0.0, 1.0, integer=True)
        feasible = [
            float(costs @ np.array(choice))
            for choice in itertools.product((0, 1), repeat=n)
            if (matrix @ np.array(choice) >= needs).all()
        ]
        if not feasible:
            assert result.status == "infeasible"
            continue
        assert result.status == "optimal"
        assert result.value == pytest.approx(min(feasible))
        assert result.dual_bound == pytest.approx(min(feasible))


def test_only_the_first_columns_integral() -> None:
    # x0 integral, x1 not: minimise x0 + x1 with x0 + x1 >= 1.5 and x0 >= 0.2.
    rows = Rows.dense(np.array([[1.0, 1.0], [1.0, 0.0]]))
    result = solve(
        np.array([1.0, 1.01]),
        rows,
        [1.5, 0.2],
        [np.inf, np.inf],
        0.0,
        5.0,
        integer=True,
        integral=1,
    )
    assert result.x is not None
    assert result.x[0] == pytest.approx(1.0) and result.x[1] == pytest.approx(0.5)


def test_infeasible_and_unbounded_are_reported() -> None:
    rows = Rows.dense(np.array([[1.0, 1.0]]))
    assert solve(np.zeros(2), rows, [5.0], [5.0], 0.0, 1.0).status == "infeasible"
    assert solve(-np.ones(2), rows, [1.0], [np.inf], 0.0, np.inf).status == "unbounded"
    with pytest.raises(ValueError, match="3 costs for 2 variables"):
        Program(rows, [1.0], [2.0], 0.0, 1.0).solve(np.zeros(3))


def test_rows_built_three_ways_agree() -> None:
    dense = np.array([[1.0, 0.0, 1.0], [0.0, 0.0, 0.0], [0.0, 2.0, 0.0]])
    by_dense = Rows.dense(dense)
    by_lists = Rows.from_lists([[0, 2], [], [1]], 3, values=[1.0, 0.0, 2.0])
    vector = np.array([3, 4, 5], dtype=np.int64)
    assert by_dense.times(vector).tolist() == [8, 0, 8]
    assert by_lists.times(vector).tolist() == [8, 0, 8]
    stacked = by_dense.select([2, 0]).stack(by_dense.select([1], scale=-1.0))
    assert stacked.n_rows == 3
    assert stacked.times(vector).tolist() == [8, 8, 0]


def test_attack_value_is_its_dual_bound() -> None:
    """The identity the exact model's cuts rest on (optimal.py, `_Attack`): an attack's value
    is its weights times the shown figures plus its weights of the withheld ones."""
    rng = np.random.default_rng(11)
    checked = 0
    for _ in range(25):
        rows, columns = int(rng.integers(2, 6)), int(rng.integers(2, 5))
        counts = {
            (f"a{i}", f"b{j}"): int(rng.choice([0, 1, 2, 4, 7, 12]))
            for i in range(rows)
            for j in range(columns)
        }
        table = Table(
            ("a", "b"),
            (tuple(f"a{i}" for i in range(rows)), tuple(f"b{j}" for j in range(columns))),
            counts,
        )
        layout = build_layout(table, [("a", "b")], Policy())
        reader = _Reader(layout)
        withheld = np.array([f.count > 0 and rng.random() < 0.4 for f in layout.figures])
        for figure in reader.live:
            for sign in (1.0, -1.0):
                attack = reader.optimise(sign * reader.matrix[figure], withheld)
                if attack is None:
                    continue
                shown = ~withheld
                bound = (
                    attack.weights[shown] @ reader.counts[shown] + attack.weights[withheld].sum()
                )
                assert attack.value == pytest.approx(bound, abs=1e-6)
                checked += 1
    assert checked > 100


def test_nothing_is_printed(capfd: pytest.CaptureFixture[str]) -> None:
    rows = Rows.dense(np.array([[1.0, 1.0, 0.0], [0.0, 1.0, 1.0]]))
    solve(np.ones(3), rows, [1.5, 1.5], [np.inf, np.inf], 0.0, 1.0, integer=True)
    solve(np.ones(3), rows, [1.0, 1.0], [np.inf, np.inf], 0.0, 1.0)
    out, err = capfd.readouterr()
    assert out == "" and err == ""
