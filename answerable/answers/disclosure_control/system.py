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

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from answerable.answers.disclosure_control.highs import Program, Result, Rows
from answerable.lazy import lazy_module

if TYPE_CHECKING:
    import numpy as np
else:
    np = lazy_module("numpy")  # imported when first used: a quick start (lazy.py)

# HiGHS works in floating point; its default feasibility tolerance is 1e-7. Anything within
# this of an integer is read as that integer, and every point is re-checked exactly in
# integer arithmetic before it is trusted as evidence.
TOLERANCE = 1e-6
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
        # Built sparse: a joint audit against the release ledger can have thousands of
        # unknowns and equations, most of them empty. With no rows nothing is solved (every
        # figure shown, so every unknown is pinned) and no solver is imported (issue 16).
        self._rows = Rows.from_lists(rows, n)
        self._programs: dict[bool, Program] = {}

    def _program(self, integer: bool) -> Program:
        """The system as an LP or a MILP, built once and re-solved per objective."""
        program = self._programs.get(integer)
        if program is None:
            program = Program(
                self._rows,
                self._lower,
                self._upper,
                0.0,
                self.caps,
                integer=integer,
                # HiGHS stops a MILP at a 0.01% relative gap by default: on a count of
                # 10,000 that could be one person out. Exactness is the point of the MILP.
                mip_rel_gap=0.0 if integer else None,
            )
            self._programs[integer] = program
        return program

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
        target_row = Rows.from_lists([list(unknowns)], self.n)
        rows = self._rows.stack(target_row)
        lower = np.append(self._lower, low - constant)
        upper = np.append(self._upper, high - constant)
        # The linear relaxation first: if it has no point, neither has the integer programme;
        # a vertex it finds that is whole (as most are on these 0/1 systems) is the answer.
        # A few vertices in other directions are tried before branching (seeded, so the
        # same figures always get the same answer).
        relaxation = Program(rows, lower, upper, 0.0, self.caps)
        rng = np.random.default_rng(target)
        for attempt in range(RELAXED_TRIES):
            objective = np.zeros(self.n) if attempt == 0 else rng.standard_normal(self.n)
            relaxed = relaxation.solve(objective)
            if relaxed.status == "infeasible":
                return None
            if relaxed.x is None:
                break
            point = self.integer_point(relaxed.x)
            if point is not None:
                return point
        result = Program(rows, lower, upper, 0.0, self.caps, integer=True).solve(
            np.zeros(self.n), time_limit=time_limit
        )
        if result.status == "infeasible":
            return None
        if result.status != "optimal" or result.x is None:
            raise SolverFailure(f"HiGHS: {result.message}")
        point = self.integer_point(result.x)
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
        # Variables: the unknowns x, then one y per target with y <= target(x), y <= level:
        # the system's rows (over x only), then a row -target(x) + y <= constant per target.
        link = [
            (
                [int(u) for u in self.target_unknowns[t]] + [n + place],
                [-1.0] * len(self.target_unknowns[t]) + [1.0],
            )
            for place, t in enumerate(targets)
        ]
        own = self._rows
        widened = Rows(own.starts, own.indices, own.values, n + k)
        lengths = np.array([len(columns) for columns, _ in link], dtype=np.int64)
        starts = np.zeros(k + 1, dtype=np.int32)
        np.cumsum(lengths, out=starts[1:])
        linked = Rows(
            starts,
            np.array([c for columns, _ in link for c in columns], dtype=np.int32),
            np.array([v for _, values in link for v in values], dtype=float),
            n + k,
        )
        rows = widened.stack(linked)
        lower = np.concatenate([self._lower, np.full(k, -np.inf)])
        upper = np.concatenate(
            [self._upper, np.array([self.target_constants[t] for t in targets], dtype=float)]
        )
        objective = np.concatenate([np.zeros(n), -np.ones(k)])
        col_upper = np.concatenate([self.caps, np.array(levels, dtype=float)])
        relaxed = Program(rows, lower, upper, 0.0, col_upper).solve(objective)
        if relaxed.x is not None:
            point = self.integer_point(relaxed.x[:n])
            if point is not None:
                return point
        # Only the unknowns are integral; the y are capped by them and need not be.
        result = Program(rows, lower, upper, 0.0, col_upper, integer=True, integral=n).solve(
            objective, time_limit=time_limit
        )
        if result.x is None:
            return None
        return self.integer_point(result.x[:n])

    def feasible_point(self) -> Solution:
        """Any point satisfying the published figures (LP), to test their consistency."""
        if self.n == 0:
            return Solution(0.0, np.zeros(0))
        return self._solve(np.zeros(self.n), False, None)

    def _solve(self, objective: np.ndarray, integer: bool, target: int | None) -> Solution:
        result: Result = self._program(integer).solve(
            objective, time_limit=MILP_TIME_LIMIT_SECONDS if integer else None
        )
        if result.status == "infeasible":
            raise InconsistentFigures("no counts reproduce the published figures")
        if result.status != "optimal" or result.x is None:
            raise SolverFailure(f"HiGHS: {result.message}")
        point = result.x
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
        sums = self._rows.times(candidate)
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
