"""HiGHS, the LP and MILP solver disclosure control uses, through its own binding (highspy).

Disclosure control solves many small programmes per response: an LP per withheld figure in
the audit, one per protected figure in each round of the exact model, and the exact model's
master MILP. Through SciPy's `linprog`/`milp` each solve rebuilt and re-checked the whole
programme (about 1 ms of Python on FOI-sized tables before HiGHS started), and importing
`scipy.optimize` took 0.47 CPU s of a 1.45 s `answerable ask` (issue 16). highspy is the same
HiGHS (it is what SciPy wraps), imported in under 0.1 s, and it keeps a programme between
solves: `Program` is built once and re-solved with another objective, which HiGHS starts
from the last optimal basis instead of from scratch.

Conventions are SciPy's, so the callers' algebra is unchanged: minimise `objective . x`
subject to `row_lower <= A x <= row_upper` and `col_lower <= x <= col_upper`; `row_duals` are
HiGHS's row duals, which SciPy reports as `marginals` (the objective's derivative with
respect to each row's bound).

The binding's base class (`highspy._core._Highs`) is used rather than `highspy.Highs`: the
subclass only adds Python callbacks, which this module does not use, and constructing it
prints HiGHS's banner on standard output before any option can switch it off (HiGHS issue
1702), which would corrupt `answerable ask --format csv`. The version is pinned in
pyproject.toml; tests/test_highs.py checks the solutions, the duals against SciPy's and that
nothing is printed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from answerable.lazy import lazy_module

if TYPE_CHECKING:
    import highspy
    import numpy as np
    from numpy.typing import ArrayLike
else:
    highspy = lazy_module("highspy")  # imported when first used: a quick start (lazy.py)
    np = lazy_module("numpy")

Status = Literal["optimal", "infeasible", "unbounded", "time_limit", "failed"]


@dataclass(frozen=True)
class Rows:
    """A constraint matrix by rows (compressed sparse rows): row r's entries are
    indices[starts[r]:starts[r + 1]] with values[...]; n_columns columns."""

    starts: np.ndarray
    indices: np.ndarray
    values: np.ndarray
    n_columns: int

    @property
    def n_rows(self) -> int:
        return len(self.starts) - 1

    @classmethod
    def dense(cls, matrix: np.ndarray) -> Rows:
        matrix = np.asarray(matrix, dtype=float)
        if matrix.ndim != 2:
            raise ValueError("a constraint matrix has two dimensions")
        rows, columns = np.nonzero(matrix)
        starts = np.zeros(matrix.shape[0] + 1, dtype=np.int32)
        np.cumsum(np.bincount(rows, minlength=matrix.shape[0]), out=starts[1:])
        return cls(starts, columns.astype(np.int32), matrix[rows, columns], matrix.shape[1])

    @classmethod
    def from_lists(
        cls, rows: Sequence[Sequence[int]], n_columns: int, values: Sequence[float] | None = None
    ) -> Rows:
        """0/1 rows given as lists of column indices (each row's entries `values[r]`, or 1)."""
        lengths = np.array([len(row) for row in rows], dtype=np.int64)
        starts = np.zeros(len(rows) + 1, dtype=np.int32)
        np.cumsum(lengths, out=starts[1:])
        indices = np.fromiter(
            (column for row in rows for column in row), dtype=np.int32, count=int(lengths.sum())
        )
        if values is None:
            data = np.ones(len(indices))
        else:
            data = np.repeat(np.asarray(values, dtype=float), lengths)
        return cls(starts, indices, data, n_columns)

    def select(self, chosen: Sequence[int], scale: float = 1.0) -> Rows:
        """These rows only (in this order), each entry times scale."""
        pieces = [np.arange(self.starts[r], self.starts[r + 1]) for r in chosen]
        take = np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.int64)
        lengths = np.array([len(piece) for piece in pieces], dtype=np.int64)
        starts = np.zeros(len(chosen) + 1, dtype=np.int32)
        np.cumsum(lengths, out=starts[1:])
        return Rows(starts, self.indices[take], self.values[take] * scale, self.n_columns)

    def times(self, vector: np.ndarray) -> np.ndarray:
        """Each row's sum of entries times the vector's (exact integers for integer input)."""
        row_of = np.repeat(np.arange(self.n_rows), np.diff(self.starts))
        if np.issubdtype(np.asarray(vector).dtype, np.integer):
            sums = np.zeros(self.n_rows, dtype=np.int64)
            np.add.at(sums, row_of, self.values.astype(np.int64) * vector[self.indices])
            return sums
        return np.bincount(
            row_of, weights=self.values * vector[self.indices], minlength=self.n_rows
        )

    def stack(self, other: Rows) -> Rows:
        """These rows, then the other's (same columns)."""
        if other.n_columns != self.n_columns:
            raise ValueError("stacked rows need the same columns")
        starts = np.concatenate([self.starts[:-1], other.starts + self.starts[-1]])
        return Rows(
            starts.astype(np.int32),
            np.concatenate([self.indices, other.indices]),
            np.concatenate([self.values, other.values]),
            self.n_columns,
        )


@dataclass(frozen=True)
class Result:
    """A solve's outcome. x: the optimum (or, for a MILP stopped by its time limit, the best
    integer point found, if any); value: objective . x; row_duals: an LP's row duals;
    dual_bound: a MILP's proven bound on the optimum."""

    status: Status
    x: np.ndarray | None
    value: float | None
    row_duals: np.ndarray | None
    dual_bound: float | None
    message: str


def _finite(values: np.ndarray) -> np.ndarray:
    """HiGHS's infinity for NumPy's (the same float in highspy 1.16, but be explicit)."""
    result = np.array(values, dtype=float)
    result[np.isposinf(result)] = highspy.kHighsInf
    result[np.isneginf(result)] = -highspy.kHighsInf
    return result


class Program:
    """A linear programme held by HiGHS: constraints fixed, objective chosen per solve.

    integer: a MILP, with every variable integral, or only the first `integral` of them.
    time_limit: seconds per solve (None: none).
    mip_rel_gap, mip_abs_gap: the MILP's relative and absolute gaps (best point's objective
    less the proven bound) at which it stops (HiGHS's defaults, 1e-4 and 1e-6, if None).
    presolve: by default on for a MILP (it shrinks the branch and bound) and off for an LP,
    where it costs more than it saves on these small programmes and would discard the basis
    a re-solve starts from.
    """

    def __init__(
        self,
        rows: Rows,
        row_lower: ArrayLike,
        row_upper: ArrayLike,
        col_lower: ArrayLike,
        col_upper: ArrayLike,
        *,
        integer: bool = False,
        integral: int | None = None,
        mip_rel_gap: float | None = None,
        mip_abs_gap: float | None = None,
        presolve: bool | None = None,
    ) -> None:
        n = rows.n_columns
        lower_rows = np.asarray(row_lower, dtype=float)
        upper_rows = np.asarray(row_upper, dtype=float)
        if len(lower_rows) != rows.n_rows or len(upper_rows) != rows.n_rows:
            raise ValueError(f"{rows.n_rows} rows but {len(lower_rows)} row bounds")
        lower_cols = np.broadcast_to(np.asarray(col_lower, dtype=float), (n,))
        upper_cols = np.broadcast_to(np.asarray(col_upper, dtype=float), (n,))
        self.n = n
        self.integer = integer
        self._highs = highspy._core._Highs()
        self._highs.setOptionValue("output_flag", False)
        presolving = integer if presolve is None else presolve
        self._highs.setOptionValue("presolve", "on" if presolving else "off")
        if mip_rel_gap is not None:
            self._highs.setOptionValue("mip_rel_gap", float(mip_rel_gap))
        if mip_abs_gap is not None:
            self._highs.setOptionValue("mip_abs_gap", float(mip_abs_gap))
        lp = highspy.HighsLp()
        lp.num_col_ = n
        lp.num_row_ = rows.n_rows
        lp.col_cost_ = np.zeros(n)
        lp.col_lower_ = _finite(np.array(lower_cols))
        lp.col_upper_ = _finite(np.array(upper_cols))
        lp.row_lower_ = _finite(lower_rows)
        lp.row_upper_ = _finite(upper_rows)
        lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
        lp.a_matrix_.num_col_ = n
        lp.a_matrix_.num_row_ = rows.n_rows
        lp.a_matrix_.start_ = rows.starts.astype(np.int32)
        lp.a_matrix_.index_ = rows.indices.astype(np.int32)
        lp.a_matrix_.value_ = rows.values.astype(float)
        if integer:
            whole = n if integral is None else integral
            kinds = highspy.HighsVarType
            lp.integrality_ = [kinds.kInteger] * whole + [kinds.kContinuous] * (n - whole)
        if self._highs.passModel(lp) == highspy.HighsStatus.kError:
            raise ValueError("HiGHS refused the programme")
        self._everything = np.arange(n, dtype=np.int32)

    def solve(
        self,
        objective: np.ndarray,
        *,
        time_limit: float | None = None,
        start: np.ndarray | None = None,
    ) -> Result:
        """Minimise objective . x (re-solved from the last basis when there is one).

        start: a MILP's known feasible point, which HiGHS starts its search from (it checks
        the point, and ignores one that is not feasible).
        """
        highs = self._highs
        cost = np.asarray(objective, dtype=float)
        if len(cost) != self.n:
            raise ValueError(f"{len(cost)} costs for {self.n} variables")
        highs.changeColsCost(self.n, self._everything, cost)
        if start is not None:
            highs.setSolution(self.n, self._everything, np.asarray(start, dtype=float))
        highs.setOptionValue(
            "time_limit", highspy.kHighsInf if time_limit is None else float(time_limit)
        )
        highs.run()
        model_status = highs.getModelStatus()
        info = highs.getInfo()
        message = highs.modelStatusToString(model_status)
        kinds = highspy.HighsModelStatus
        dual_bound = float(info.mip_dual_bound) if self.integer else None
        if model_status == kinds.kOptimal:
            status: Status = "optimal"
        elif model_status in (kinds.kTimeLimit, kinds.kIterationLimit):
            status = "time_limit"
        elif model_status == kinds.kInfeasible:
            status = "infeasible"
        elif model_status in (kinds.kUnbounded, kinds.kUnboundedOrInfeasible):
            status = "unbounded"
        else:
            status = "failed"
        has_point = status == "optimal" or (
            status == "time_limit" and self.integer and info.primal_solution_status == 2
        )
        if not has_point:
            return Result(status, None, None, None, dual_bound, message)
        solution = highs.getSolution()
        x = np.array(solution.col_value, dtype=float)
        duals = None if self.integer else np.array(solution.row_dual, dtype=float)
        return Result(status, x, float(cost @ x), duals, dual_bound, message)


def solve(
    objective: np.ndarray,
    rows: Rows,
    row_lower: ArrayLike,
    row_upper: ArrayLike,
    col_lower: ArrayLike = 0.0,
    col_upper: ArrayLike = math.inf,
    *,
    integer: bool = False,
    integral: int | None = None,
    time_limit: float | None = None,
    mip_rel_gap: float | None = None,
    presolve: bool | None = None,
) -> Result:
    """One programme solved once (see Program)."""
    program = Program(
        rows,
        row_lower,
        row_upper,
        col_lower,
        col_upper,
        integer=integer,
        integral=integral,
        mip_rel_gap=mip_rel_gap,
        presolve=presolve,
    )
    return program.solve(objective, time_limit=time_limit)
