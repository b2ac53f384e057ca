"""The equations a reader can write from published figures, reduced and solved with HiGHS.

Unknowns are counts of the base table's cells (non-negative integers). Each published figure
is an equation (a sum of base cells equals the figure); each withheld figure is a target whose
minimum and maximum the audit needs, and, because true zeros are always shown (Ofqual's
practice, register_notes.md), the reader also knows each withheld figure is at least 1.

Before solving, the system is shrunk without changing any bound:
- base cells that appear in exactly the same equations and targets are merged into one
  unknown (a sum of non-negative integers can be any non-negative integer), so base
  dimensions nobody published, or published only jointly, cost nothing;
- unknowns pinned by an equation (a figure of 0, or an equation left with one unknown) are
  fixed and substituted, so a 2-way table's visible cells drop out and the programmes only
  carry the withheld cells.
An unknown that is in no equation can grow without limit, so a target containing one has no
maximum; every other unknown is capped by the smallest equation it is in. With those caps no
programme is unbounded, which keeps HiGHS's answers unambiguous.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from answerable.lazy import lazy_module

if TYPE_CHECKING:
    import numpy as np
else:
    np = lazy_module("numpy")  # imported when first used: a quick start (lazy.py)

if TYPE_CHECKING:
    from scipy.optimize import Bounds, LinearConstraint
    from scipy.optimize._milp import _OptionsMILP  # the stubs' type of milp's options
    from scipy.sparse import csr_array

# HiGHS works in floating point; its default feasibility tolerance is 1e-7. Anything within
# this of an integer is read as that integer, and every point is re-checked exactly in
# integer arithmetic before it is trusted as evidence.
TOLERANCE = 1e-6
# Dense matrices are faster for HiGHS's scipy wrapper at the sizes FOI tables have.
DENSE_LIMIT = 250_000
# An exact answer matters more than a quick one, but a runaway branch and bound must not hang
# a response: a MILP that times out is reported as an audit failure, never as a pass.
MILP_TIME_LIMIT_SECONDS = 60.0
# Vertices of the linear relaxation tried for a whole point before an integer programme.
RELAXED_TRIES = 4


class InconsistentFigures(ValueError):
    """No non-negative integer counts reproduce the published figures."""


class SolverFailure(RuntimeError):
    """HiGHS stopped without an optimum (time limit or numerical trouble)."""


@dataclass(frozen=True)
class Solution:
    """An optimum of one programme: its value and a point attaining it (LP or integer)."""

    value: float
    point: np.ndarray


class ReducedSystem:
    """Published equations and withheld targets over merged, partly fixed unknowns."""

    def __init__(
        self,
        n_cells: int,
        equations: Sequence[tuple[Sequence[int], int]],
        targets: Sequence[Sequence[int]],
        lower_bound: int | Sequence[int],
    ) -> None:
        # One least value for every target, or one each (a target from a table whose zeros
        # are shown is at least 1; from a fully withheld table, or a finest cell, 0).
        floors_wanted = (
            [lower_bound] * len(targets) if isinstance(lower_bound, int) else list(lower_bound)
        )
        if len(floors_wanted) != len(targets):
            raise ValueError("one lower bound per target")
        cell_sets: list[frozenset[int]] = []
        for cells, _ in equations:
            cell_sets.append(_checked_cells(cells, n_cells))
        for cells in targets:
            cell_sets.append(_checked_cells(cells, n_cells))
        values = [int(value) for _, value in equations]
        if any(value < 0 for value in values):
            raise InconsistentFigures("a published figure is negative")
        n_equations = len(equations)

        # Merge base cells by the set of equations and targets they appear in.
        membership: dict[int, list[int]] = {}
        for index, cell_set in enumerate(cell_sets):
            for cell in cell_set:
                membership.setdefault(cell, []).append(index)
        signatures: dict[tuple[int, ...], list[int]] = {}
        for cell in sorted(membership):
            signatures.setdefault(tuple(membership[cell]), []).append(cell)
        self.groups: list[tuple[int, ...]] = [tuple(cells) for cells in signatures.values()]
        members: list[list[int]] = [[] for _ in cell_sets]
        for unknown, signature in enumerate(signatures):
            for index in signature:
                members[index].append(unknown)

        # Fix unknowns that an equation pins down, until nothing changes.
        fixed: dict[int, int] = {}
        changed = True
        while changed:
            changed = False
            for index in range(n_equations):
                free = [unknown for unknown in members[index] if unknown not in fixed]
                rest = values[index] - sum(fixed.get(unknown, 0) for unknown in members[index])
                if rest < 0 or (not free and rest != 0):
                    raise InconsistentFigures("the published figures contradict each other")
                if free and rest == 0:
                    fixed.update(dict.fromkeys(free, 0))
                    changed = True
                elif len(free) == 1:
                    fixed[free[0]] = rest
                    changed = True
        self.fixed = fixed
        free_unknowns = [unknown for unknown in range(len(self.groups)) if unknown not in fixed]
        self.free_unknowns = free_unknowns
        position = {unknown: place for place, unknown in enumerate(free_unknowns)}
        n = len(free_unknowns)
        self.n = n

        rows: list[list[int]] = []
        lower: list[float] = []
        upper: list[float] = []
        caps = np.full(n, np.inf)
        for index in range(n_equations):
            free = [position[unknown] for unknown in members[index] if unknown not in fixed]
            if not free:
                continue
            rest = values[index] - sum(fixed.get(unknown, 0) for unknown in members[index])
            rows.append(free)
            lower.append(rest)
            upper.append(rest)
            caps[free] = np.minimum(caps[free], rest)
        self.n_equations = len(rows)

        # Each target: the free unknowns it sums, and the fixed part added to them.
        self.target_unknowns: list[np.ndarray] = []
        self.target_constants: list[int] = []
        self.target_floors: list[int] = []  # the free part's least value (0 or more)
        for index in range(n_equations, len(cell_sets)):
            free = [position[unknown] for unknown in members[index] if unknown not in fixed]
            constant = sum(fixed.get(unknown, 0) for unknown in members[index])
            floor = max(0, floors_wanted[index - n_equations] - constant)
            if not free and floor > 0:
                raise InconsistentFigures(
                    "a withheld figure works out below the least value it can take"
                )
            if free and floor > 0:
                rows.append(free)
                lower.append(floor)
                upper.append(np.inf)
            self.target_unknowns.append(np.array(free, dtype=np.int64))
            self.target_constants.append(constant)
            self.target_floors.append(floor)

        self.caps = caps
        self._lower = np.array(lower, dtype=float)
        self._upper = np.array(upper, dtype=float)
        self._constraints: list[LinearConstraint] = []
        self._integer_matrix: np.ndarray | csr_array
        if not rows:
            # Nothing left to solve (every figure shown, so every unknown is pinned): no
            # programme is built, and SciPy is not imported for it (a quick `ask`, issue 16).
            self._integer_matrix = np.zeros((0, n), dtype=np.int64)
            return
        from scipy.optimize import LinearConstraint
        from scipy.sparse import csr_array

        # Built sparse: a joint audit against the release ledger can have thousands of
        # unknowns and equations, most of them empty.
        row_index = np.repeat(np.arange(len(rows)), [len(free) for free in rows])
        column_index = np.array([column for free in rows for column in free], dtype=np.int64)
        sparse = csr_array(
            (np.ones(len(column_index)), (row_index, column_index)), shape=(len(rows), n)
        )
        self._integer_matrix = sparse.astype(np.int64)
        solver_matrix = sparse.toarray() if len(rows) * n <= DENSE_LIMIT else sparse
        self._constraints.append(LinearConstraint(solver_matrix, self._lower, self._upper))

    @functools.cached_property
    def _bounds(self) -> Bounds:
        """Every unknown between 0 and its cap (built when a programme is first solved)."""
        from scipy.optimize import Bounds

        return Bounds(np.zeros(self.n), self.caps)

    # -- questions about one target -------------------------------------------------------

    def is_unbounded(self, target: int) -> bool:
        """True if the target contains an unknown that no published figure limits."""
        return bool(np.isinf(self.caps[self.target_unknowns[target]]).any())

    def trivial_lower(self, target: int) -> int:
        return self.target_constants[target] + self.target_floors[target]

    def trivial_upper(self, target: int) -> float:
        return self.target_constants[target] + float(self.caps[self.target_unknowns[target]].sum())

    def value_at(self, target: int, point: np.ndarray) -> float:
        return self.target_constants[target] + float(point[self.target_unknowns[target]].sum())

    def optimise(self, target: int, maximise: bool, integer: bool) -> Solution:
        """Minimise or maximise a target by LP (integer=False) or MILP (integer=True)."""
        if self.n == 0 or len(self.target_unknowns[target]) == 0:
            point = np.zeros(self.n)
            return Solution(self.value_at(target, point), point)
        if maximise and self.is_unbounded(target):
            raise ValueError("the target has no maximum; ask is_unbounded first")
        objective = np.zeros(self.n)
        objective[self.target_unknowns[target]] = -1.0 if maximise else 1.0
        return self._solve(objective, integer, target)

    def optimise_sum(self, targets: Sequence[int]) -> Solution:
        """Maximise the sum of several bounded targets (LP): one point that lifts many."""
        objective = np.zeros(self.n)
        for target in targets:
            if not self.is_unbounded(target):
                objective[self.target_unknowns[target]] -= 1.0
        if self.n == 0 or not objective.any():
            return Solution(0.0, np.zeros(self.n))
        return self._solve(objective, False, None)

    def reaching(
        self, target: int, low: float, high: float, time_limit: float = 3.0
    ) -> np.ndarray | None:
        """An integer point at which the target lies between low and high, or None when
        there is none (a feasibility MILP: far quicker than the target's exact optimum when
        all that matters is whether it can reach a level). SolverFailure if HiGHS cannot
        tell in time: the caller must not take that for either answer."""
        unknowns = self.target_unknowns[target]
        constant = self.target_constants[target]
        if self.n == 0 or len(unknowns) == 0:
            return np.zeros(self.n) if low <= constant <= high else None
        from scipy.optimize import LinearConstraint, milp

        row = np.zeros((1, self.n))
        row[0, unknowns] = 1.0
        constraints = [*self._constraints, LinearConstraint(row, low - constant, high - constant)]
        # The linear relaxation first: if it has no point, neither has the integer programme;
        # a vertex it finds that is whole (as most are on these 0/1 systems) is the answer.
        # A few vertices in other directions are tried before branching (seeded, so the
        # same figures always get the same answer).
        rng = np.random.default_rng(target)
        for attempt in range(RELAXED_TRIES):
            objective = np.zeros(self.n) if attempt == 0 else rng.standard_normal(self.n)
            relaxed = milp(
                objective,
                constraints=constraints,
                bounds=self._bounds,
                options={"disp": False, "presolve": False},
            )
            if relaxed.status == 2:
                return None
            if relaxed.status != 0 or relaxed.x is None:
                break
            point = self.integer_point(np.asarray(relaxed.x, dtype=float))
            if point is not None:
                return point
        result = milp(
            np.zeros(self.n),
            constraints=constraints,
            bounds=self._bounds,
            integrality=np.ones(self.n, dtype=np.int64),
            options={"disp": False, "time_limit": time_limit},
        )
        if result.status == 2:
            return None
        if result.status != 0 or result.x is None:
            raise SolverFailure(f"HiGHS: {result.message}")
        point = self.integer_point(np.asarray(result.x, dtype=float))
        if point is None:
            raise SolverFailure("the MILP point does not satisfy the figures exactly")
        return point

    def lift_towards(
        self, targets: Sequence[int], levels: Sequence[int], time_limit: float = 5.0
    ) -> np.ndarray | None:
        """One integer point that takes as many targets as it can up to their levels: a
        MILP maximising the sum of min(target, level), so that each target reaching its
        level is shown to be able to, all in one solve (a target's level is its threshold:
        a small count that can be T or more is safe). None if HiGHS found no point in time.
        """
        k, n = len(targets), self.n
        if k == 0 or n == 0:
            return None
        from scipy.optimize import Bounds, LinearConstraint, milp
        from scipy.sparse import csr_array

        # Variables: the unknowns x, then one y per target with y <= target(x), y <= level.
        rows: list[np.ndarray] = []
        columns: list[np.ndarray] = []
        for place, target in enumerate(targets):
            unknowns = self.target_unknowns[target]
            rows.append(np.full(len(unknowns) + 1, place))
            columns.append(np.concatenate([unknowns, [n + place]]))
        data = np.concatenate(
            [np.concatenate([-np.ones(len(self.target_unknowns[t])), [1.0]]) for t in targets]
        )
        link = csr_array((data, (np.concatenate(rows), np.concatenate(columns))), shape=(k, n + k))
        upper = np.array([self.target_constants[t] for t in targets], dtype=float)
        constraints = [LinearConstraint(link, -np.inf, upper)]
        for constraint in self._constraints:
            given = constraint.A
            if isinstance(given, np.ndarray):
                matrix = csr_array(given)
            else:
                assert isinstance(given, csr_array)  # built sparse in __init__
                matrix = given
            padded = csr_array(
                (matrix.data, matrix.indices, matrix.indptr), shape=(matrix.shape[0], n + k)
            )
            constraints.append(LinearConstraint(padded, constraint.lb, constraint.ub))
        objective = np.concatenate([np.zeros(n), -np.ones(k)])
        bounds = Bounds(np.zeros(n + k), np.concatenate([self.caps, np.array(levels, dtype=float)]))
        relaxed = milp(objective, constraints=constraints, bounds=bounds, options={"disp": False})
        if relaxed.x is not None:
            point = self.integer_point(np.asarray(relaxed.x[:n], dtype=float))
            if point is not None:
                return point
        result = milp(
            objective,
            constraints=constraints,
            bounds=bounds,
            integrality=np.concatenate([np.ones(n, dtype=np.int64), np.zeros(k, dtype=np.int64)]),
            options={"disp": False, "time_limit": time_limit},
        )
        if result.x is None:
            return None
        return self.integer_point(np.asarray(result.x[:n], dtype=float))

    def feasible_point(self) -> Solution:
        """Any point satisfying the published figures (LP), to test their consistency."""
        if self.n == 0:
            return Solution(0.0, np.zeros(0))
        return self._solve(np.zeros(self.n), False, None)

    def _solve(self, objective: np.ndarray, integer: bool, target: int | None) -> Solution:
        from scipy.optimize import milp

        options: _OptionsMILP = {"disp": False}
        if integer:
            # HiGHS stops a MILP at a 0.01% relative gap by default: on a count of 10,000
            # that could be one person out. Exactness is the point of the MILP here.
            options["mip_rel_gap"] = 0.0
            options["time_limit"] = MILP_TIME_LIMIT_SECONDS
        else:
            # Presolve costs more than it saves on these small LPs.
            options["presolve"] = False
        result = milp(
            objective,
            constraints=self._constraints,
            bounds=self._bounds,
            integrality=np.ones(self.n, dtype=np.int64) if integer else None,
            options=options,
        )
        if result.status == 2:
            raise InconsistentFigures("no counts reproduce the published figures")
        if result.status != 0 or result.x is None:
            raise SolverFailure(f"HiGHS: {result.message}")
        point = np.asarray(result.x, dtype=float)
        value = self.value_at(target, point) if target is not None else 0.0
        return Solution(value, point)

    # -- checking evidence exactly ----------------------------------------------------------

    def integer_point(self, point: np.ndarray) -> np.ndarray | None:
        """The point rounded to integers if it then satisfies every constraint exactly."""
        rounded = np.rint(point)
        if self.n and np.abs(point - rounded).max() > TOLERANCE:
            return None
        candidate: np.ndarray = rounded.astype(np.int64)
        if (candidate < 0).any() or (candidate > self.caps).any():
            return None
        sums = self._integer_matrix @ candidate
        if (sums < self._lower).any() or (sums > self._upper).any():
            return None
        return candidate

    def point_from_cells(self, cell_counts: Sequence[int] | np.ndarray) -> np.ndarray:
        """The free unknowns' values for given base-cell counts (e.g. the true counts)."""
        counts = np.asarray(cell_counts, dtype=np.int64)
        return np.array(
            [counts[list(self.groups[unknown])].sum() for unknown in self.free_unknowns],
            dtype=np.int64,
        )


def _checked_cells(cells: Sequence[int], n_cells: int) -> frozenset[int]:
    checked = frozenset(int(cell) for cell in cells)
    if not checked:
        raise ValueError("a published or withheld figure must sum at least one base cell")
    if min(checked) < 0 or max(checked) >= n_cells:
        raise ValueError(f"base-cell index out of range 0..{n_cells - 1}")
    return checked
