"""Exact secondary suppression: the fewest further figures to withhold (issue 12, point 4).

The heuristic in secondary.py adds one figure at a time where the audit finds a problem; on
random FOI-sized tables it withholds about a sixth more figures than needed. Here the further
figures are chosen by an exact model after Fischetti and Salazar-Gonzalez (register_notes.md,
"Optimal secondary suppression": minimise the cost of withheld cells subject to protection
requirements, with cuts added as needed):

- Choice: one yes/no per figure that may be withheld (a non-zero figure not already withheld:
  zeros are always shown, which is what tells a reader a withheld figure is at least 1).
  Cost: the number of withheld figures, each distinct figure once even where it is published
  in several tables (it is one number a reader loses). Ties go to finer figures (cells before
  margins), then smaller counts, which cost a reader the least information (tau-ARGUS's
  practice); the tie-break weights add up to less than one figure, so never buy an extra one.
- Requirements, for every figure that must stay withheld: below its threshold T, the reader's
  maximum must reach T (which also means it is not determined); at T or more (a figure the
  caller forced), it must not be determined. These are the audit's rules (audit.py), with
  every shown figure an equation over base cells, counts non-negative and withheld figures at
  least 1. A further figure needs no requirement of its own: if a reader could work one out,
  showing it would change nothing a reader can learn, so a pattern of fewest figures never
  has one (and any found is shown, see `_checked`).
- Constraint generation: solve the choice (MILP, HiGHS), attack the pattern with one
  LP per protected figure, and for every requirement the attack finds unmet add the cut the
  LP's dual solution proves every good pattern satisfies: the figures now shown whose
  withholding would let the figure move, weighted by how far. Repeat until the attack finds
  nothing. The LP attack is a relaxation; for linked or 3-way tables the integer range can be
  narrower, so an accepted pattern is audited exactly (the caller's audit of the rendered
  tables, or audit_raw of the figures), and a figure failing that gets a combinatorial cut
  (a pattern that fails, fails with any figure shown again, so one of the figures now shown
  must be withheld).

The model reads only each figure's base cells, count, threshold and fineness, so it serves any
set of published sums, not just a grid. Relations, where the layout gives them and they check
out as sums, only seed it with the cuts a published sum implies.

A time limit keeps a response quick; if it runs out before a pattern passes, the caller falls
back to the heuristic (protect.py), and the independent audit of the rendered tables is the
release gate either way.
"""

from __future__ import annotations

import math
import time
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from answerable.answers.disclosure_control.audit import WithheldSum, audit_raw
from answerable.answers.disclosure_control.highs import Program, Rows
from answerable.answers.disclosure_control.layout import Layout
from answerable.answers.disclosure_control.primary import WITHHELD_STATUSES, Status
from answerable.answers.disclosure_control.secondary import Verifier
from answerable.lazy import lazy_module

if TYPE_CHECKING:
    import numpy as np
else:
    np = lazy_module("numpy")  # imported when first used: a quick start (lazy.py)

# Seconds the exact model may take for one response before the heuristic is used instead.
# FOI-sized tables (up to a few hundred figures) are solved well within it.
EXACT_TIME_LIMIT_SECONDS = 4.0
# HiGHS works in floating point: a dual within this of 0 is 0, and a reader's LP range within
# this of a requirement meets it (counts are integers, so nothing real is this close).
TOLERANCE = 1e-6
# A cut's right-hand side is eased by this, relative to its size, against rounding in duals.
CUT_SLACK = 1e-7
# A batch LP (maximise several protected figures at once) must settle this many to repeat.
BATCH_MINIMUM = 3
# Rounds of the master's LP relaxation (and attack) at most before the integer rounds.
RELAXATION_ROUNDS = 200


@dataclass(frozen=True)
class ExactOutcome:
    """What the exact model found.

    statuses: the pattern (None when no pattern passed before the time limit); optimal: it is
    proven to withhold the fewest figures; lower_bound: the fewest any passing pattern can
    withhold, as far as the model proved; rounds: master problems solved; cuts: cuts added.
    """

    statuses: list[Status] | None
    optimal: bool
    withheld: int | None
    lower_bound: int
    rounds: int
    cuts: int
    seconds: float


@dataclass(frozen=True)
class _Cut:
    """sum(coefficients[f] * x_f for free figures f) >= rhs."""

    coefficients: dict[int, float]
    rhs: float


@dataclass(frozen=True)
class _Attack:
    """One LP optimum of the reader's system: value, point, and the dual bound's weights."""

    value: float
    point: np.ndarray
    # Per figure: the weight of its equation (shown) or minus that of its "at least 1"
    # (withheld), so the value equals sum(weights[shown] * counts) + sum(weights[withheld]).
    weights: np.ndarray


class _Reader:
    """The reader's system: every figure as a sum of unknowns (merged base cells).

    Base cells in exactly the same figures are one unknown; cells in a figure of 0 are 0 in
    every pattern (zeros are always shown) and drop out, as do figures left with no unknowns.
    """

    def __init__(self, layout: Layout) -> None:
        figures = layout.figures
        zero_cells = {cell for figure in figures if figure.count == 0 for cell in figure.cells}
        membership: dict[int, list[int]] = {}
        for figure in figures:
            for cell in figure.cells:
                if cell not in zero_cells:
                    membership.setdefault(int(cell), []).append(figure.index)
        signatures: dict[tuple[int, ...], list[int]] = {}
        for cell in sorted(membership):
            signatures.setdefault(tuple(membership[cell]), []).append(cell)
        self.n_unknowns = len(signatures)
        self.matrix = np.zeros((len(figures), self.n_unknowns))
        for unknown, members in enumerate(signatures):
            self.matrix[list(members), unknown] = 1.0
        base = np.asarray(layout.base_counts, dtype=float)
        self.true_point = np.array([base[cells].sum() for cells in signatures.values()])
        self.counts = np.array([figure.count for figure in figures], dtype=float)
        self.live = [figure.index for figure in figures if self.matrix[figure.index].any()]
        self._programs: dict[bytes, Program] = {}
        self._order: list[int] = []

    def unbounded(self, target: int, withheld: np.ndarray) -> bool:
        """Whether the figure has an unknown in no shown figure (no upper limit at all)."""
        shown_rows = self.matrix[~withheld]
        covered = shown_rows.any(axis=0) if len(shown_rows) else np.zeros(self.n_unknowns, bool)
        return bool((self.matrix[target].astype(bool) & ~covered).any())

    def program(self, withheld: np.ndarray) -> Program:
        """The reader's LP for this pattern: shown figures are equations, withheld ones at
        least 1 (written -row <= -1, so the duals read as before); built once per pattern and
        re-solved for each figure attacked."""
        key = withheld.tobytes()
        program = self._programs.get(key)
        if program is None:
            hidden = [index for index in self.live if withheld[index]]
            rows = [index for index in self.live if not withheld[index]]
            order = hidden + rows
            matrix = self.matrix[order]
            matrix[: len(hidden)] *= -1.0
            lower = np.concatenate([np.full(len(hidden), -np.inf), self.counts[rows]])
            upper = np.concatenate([-np.ones(len(hidden)), self.counts[rows]])
            program = Program(Rows.dense(matrix), lower, upper, 0.0, np.inf)
            self._programs = {key: program}  # one pattern at a time
            self._order = order
        return program

    def optimise(self, objective: np.ndarray, withheld: np.ndarray) -> _Attack | None:
        """Maximise objective . y over the reader's LP for this pattern (None: no optimum)."""
        result = self.program(withheld).solve(-objective)
        if result.status != "optimal" or result.x is None or result.row_duals is None:
            return None
        weights = np.zeros(len(self.counts))
        # Shown figures' weights are minus their equations' duals, withheld figures' those of
        # their "at least 1" rows (as SciPy's marginals were).
        hidden_count = int(withheld[self.live].sum())
        duals = result.row_duals
        order = np.array(self._order, dtype=np.int64)
        if len(order):
            weights[order[:hidden_count]] = duals[:hidden_count]
            weights[order[hidden_count:]] = -duals[hidden_count:]
        assert result.value is not None  # solved, so it has its objective value
        return _Attack(-result.value, result.x, weights)


@dataclass(frozen=True)
class _Requirement:
    """A protected figure: reach its threshold (upward) or just not be determined."""

    figure: int
    upward: bool  # True: the maximum must reach `goal`; False: must not be determined
    goal: float


class _Model:
    def __init__(
        self,
        layout: Layout,
        statuses: Sequence[Status],
        keep_shown: Collection[int],
        verify: Verifier | None,
    ) -> None:
        self.layout = layout
        self.statuses = list(statuses)
        self.verify = verify
        self.reader = _Reader(layout)
        figures = layout.figures
        self.forced = np.array([status in WITHHELD_STATUSES for status in statuses])
        for figure in figures:
            if self.forced[figure.index] and figure.count == 0:
                raise ValueError(
                    f"figure {figure.key} is 0 and cannot be withheld: zeros are always shown"
                )
        for index in keep_shown:
            if not 0 <= index < len(figures):
                raise ValueError(f"keep_shown: no figure {index} (0 to {len(figures) - 1})")
            if self.forced[index]:
                raise ValueError(f"figure {figures[index].key} is both withheld and kept shown")
        kept = set(keep_shown)
        self.free = [
            figure.index
            for figure in figures
            if figure.count > 0 and not self.forced[figure.index] and figure.index not in kept
        ]
        self.position = {figure: place for place, figure in enumerate(self.free)}
        self.requirements = [
            _Requirement(f.index, f.count < f.threshold, float(f.threshold))
            for f in figures
            if self.forced[f.index]
        ]
        self.cuts: list[_Cut] = []
        self.costs = self._costs()

    def _costs(self) -> np.ndarray:
        """1 per figure, plus a tie-break towards finer figures and smaller counts.

        The tie-break weights are distinct ranks scaled so that any set of them adds up to
        less than one half: never worth a figure more, and a gap below one half proves the
        count optimal.
        """
        figures = self.layout.figures
        order = sorted(self.free, key=lambda f: (-figures[f].fineness, figures[f].count, f))
        n = len(self.free)
        costs = np.ones(n)
        for rank, figure in enumerate(order):
            costs[self.position[figure]] += rank / (n * (n + 1)) if n else 0.0
        return costs

    # -- cuts -------------------------------------------------------------------------------

    def add(self, coefficients: dict[int, float], rhs: float) -> bool:
        """Add sum(c_f x_f) >= rhs over all figures, folding in fixed ones. False if empty."""
        free: dict[int, float] = {}
        for figure, coefficient in coefficients.items():
            if coefficient <= TOLERANCE:
                continue
            capped = min(coefficient, rhs)
            if self.forced[figure]:
                rhs -= capped
            elif figure in self.position:
                free[figure] = capped
        if rhs <= TOLERANCE:
            return False
        free = {figure: min(value, rhs) for figure, value in free.items()}
        if not free:
            return False  # no choice can meet it: the caller's pattern cannot be protected
        self.cuts.append(_Cut(free, rhs))
        return True

    def seed_with_relations(self) -> None:
        """The cuts each published sum implies: a reader subtracts along it."""
        figures = self.layout.figures
        for relation in self.layout.relations:
            if not _is_exact_sum(self.layout, relation.aggregate, relation.components):
                continue  # only a hint: the attack finds whatever it really implies
            for requirement in self.requirements:
                target = requirement.figure
                if target not in relation.members:
                    continue
                others = [member for member in relation.members if member != target]
                if not requirement.upward:
                    self.add(dict.fromkeys(others, 1.0), 1.0)  # a lone withheld member
                    continue
                room = requirement.goal - figures[target].count
                if target == relation.aggregate:
                    # A sum rises only if a member can: one withheld member of the sum.
                    self.add(dict.fromkeys(relation.components, room), room)
                else:
                    # A member rises only if another falls (to 1 at least), or the sum rises.
                    coefficients = {
                        member: float(figures[member].count - 1)
                        for member in relation.components
                        if member != target
                    }
                    coefficients[relation.aggregate] = room
                    self.add(coefficients, room)

    def cut_from(self, attack: _Attack, goal: float) -> tuple[dict[int, float], float]:
        """The dual bound of an attack as a cut: what any pattern must give the figure.

        For any pattern, the same dual weights bound the reader's optimum by
        sum(weight * count) over every figure, plus (count - 1) * (minus the weight) for each
        withheld figure with a negative weight (withholding it loosens its equation to "at
        least 1"), unless a figure with a positive weight is withheld (then no bound: that
        figure alone may give the room). The requirement is bound >= goal.
        """
        counts = self.reader.counts
        weights = attack.weights
        constant = float(weights @ counts)
        rhs = goal - constant
        rhs -= CUT_SLACK * (1.0 + abs(goal) + float(np.abs(weights) @ counts))
        coefficients: dict[int, float] = {}
        for found in np.flatnonzero(np.abs(weights) > TOLERANCE):
            figure = int(found)
            if weights[figure] > 0:
                coefficients[figure] = math.inf
            else:
                coefficients[figure] = -weights[figure] * (counts[figure] - 1)
        return coefficients, rhs

    def no_good(self, withheld: np.ndarray) -> bool:
        """One figure shown in this failing pattern must be withheld."""
        shown = [figure for figure in self.free if not withheld[figure]]
        return self.add(dict.fromkeys(shown, 1.0), 1.0)

    # -- the master problem ---------------------------------------------------------------

    def solve(
        self, time_limit: float | None, start: np.ndarray | None = None
    ) -> tuple[np.ndarray | None, bool, int]:
        """The cheapest choice meeting every cut.

        Returns the pattern (None if HiGHS found none in time), whether its number of further
        figures is proven least, and the least number of further figures any pattern meeting
        the cuts (so any passing pattern) withholds. start: a pattern meeting every cut, for
        HiGHS to start from.
        """
        base = self.forced.copy()
        if not self.cuts:
            return base, True, 0
        # Costs are 1 plus tie-breaks adding up to less than 1/2: a pattern of k figures
        # costs k to k + 1/2, so a bound within 0.45 of the best point's cost proves no
        # pattern has fewer figures (it need not prove the best tie-break, which would cost
        # far more branching; the relative gap 0.3 / (n + 1) used before asked for that).
        master = self._master(integer=True, mip_abs_gap=0.45)
        result = master.solve(
            self.costs,
            time_limit=None if time_limit is None else max(time_limit, 0.01),
            start=None if start is None else start[self.free].astype(float),
        )
        dual_bound = result.dual_bound or 0.0
        # Any pattern's cost is its count plus less than 1/2: count > dual bound - 1/2.
        least = max(0, math.floor(dual_bound - 0.5 + TOLERANCE) + 1) if dual_bound > 0 else 0
        if result.x is None:
            return None, False, least
        chosen = result.x > 0.5
        pattern = base.copy()
        pattern[self.free] = chosen
        if result.status == "optimal":
            return pattern, True, int(chosen.sum())
        return pattern, False, least

    def _master(self, *, integer: bool, mip_abs_gap: float | None = None) -> Program:
        """The choice's programme: 0 <= x <= 1 per free figure, every cut a row."""
        matrix = np.zeros((len(self.cuts), len(self.free)))
        for row, cut in enumerate(self.cuts):
            for figure, coefficient in cut.coefficients.items():
                matrix[row, self.position[figure]] = coefficient
        return Program(
            Rows.dense(matrix),
            [cut.rhs for cut in self.cuts],
            np.full(len(self.cuts), np.inf),
            0.0,
            1.0,
            integer=integer,
            mip_rel_gap=0.0 if integer else None,
            mip_abs_gap=mip_abs_gap,
        )

    def relaxation_pattern(self) -> np.ndarray | None:
        """The pattern withholding every figure the master's LP relaxation uses at all.

        Cuts found by attacking it cut off the relaxation's optimum x: a cut is violated by
        the pattern it was found on, and x is nowhere above that pattern (0 off it, at most
        1 on it) while every coefficient is at least 0. So rounds of relaxation and attack
        strengthen the master cheaply before the integer rounds (Fischetti and
        Salazar-Gonzalez separate at fractional points the same way). None: no LP optimum.
        """
        pattern = self.forced.copy()
        if not self.cuts:
            return pattern
        result = self._master(integer=False).solve(self.costs)
        if result.x is None:
            return None
        pattern[self.free] = result.x > TOLERANCE
        return pattern

    # -- the attack -----------------------------------------------------------------------

    def attack(self, withheld: np.ndarray) -> int:
        """LP-attack every protected figure; add a cut for each unmet one. Returns cuts added."""
        reader = self.reader
        pool = [reader.true_point]
        open_requirements = [
            requirement
            for requirement in self.requirements
            if not reader.unbounded(requirement.figure, withheld)
        ]

        def met(requirement: _Requirement) -> bool:
            row = reader.matrix[requirement.figure]
            values = [float(row @ point) for point in pool]
            if requirement.upward:
                return max(values) >= requirement.goal - TOLERANCE
            return max(values) - min(values) > TOLERANCE

        open_requirements = [r for r in open_requirements if not met(r)]
        # One LP lifting every open figure at once often settles many (different rows and
        # columns do not compete); stop batching when a batch stops paying for itself.
        while len(open_requirements) > BATCH_MINIMUM:
            objective = reader.matrix[[r.figure for r in open_requirements]].sum(axis=0)
            batch = reader.optimise(objective, withheld)
            if batch is None:
                break
            pool.append(batch.point)
            still_open = [r for r in open_requirements if not met(r)]
            if len(open_requirements) - len(still_open) < BATCH_MINIMUM:
                open_requirements = still_open
                break
            open_requirements = still_open

        added = 0
        for requirement in open_requirements:
            if met(requirement):
                continue
            added += self._attack_one(requirement, withheld, pool)
        return added

    def _attack_one(
        self, requirement: _Requirement, withheld: np.ndarray, pool: list[np.ndarray]
    ) -> int:
        reader = self.reader
        row = reader.matrix[requirement.figure]
        count = float(reader.counts[requirement.figure])
        upward = reader.optimise(row, withheld)
        if upward is None:
            return 0  # no LP optimum: leave it to the exact audit
        pool.append(upward.point)
        if requirement.upward:
            if upward.value >= requirement.goal - TOLERANCE:
                return 0
            coefficients, rhs = self.cut_from(upward, requirement.goal)
            return int(self.add(coefficients, rhs))
        if upward.value >= count + 1 - TOLERANCE:
            return 0
        downward = reader.optimise(-row, withheld)
        if downward is None:
            return 0
        pool.append(downward.point)
        if -downward.value <= count - 1 + TOLERANCE:
            return 0
        # Either direction will do, so the cut is the sum of the two cuts, each scaled to 1.
        combined: dict[int, float] = {}
        for attack, goal in ((upward, count + 1), (downward, -(count - 1))):
            coefficients, rhs = self.cut_from(attack, goal)
            if rhs <= TOLERANCE:
                return 0
            for figure, coefficient in coefficients.items():
                combined[figure] = combined.get(figure, 0.0) + min(coefficient / rhs, 1.0)
        return int(self.add(combined, 1.0))

    # -- the exact audit --------------------------------------------------------------------

    def statuses_for(self, withheld: np.ndarray) -> list[Status]:
        """The statuses of a pattern: given ones kept, chosen figures "secondary"."""
        return [
            status if self.forced[index] or not withheld[index] else "secondary"
            for index, status in enumerate(self.statuses)
        ]

    def exact_problems(self, withheld: np.ndarray) -> tuple[list[int], list[int]] | None:
        """(protected figures failing, further figures determined) by the integer audit.

        None when a problem cannot be pinned to a figure (contradictory figures, a solver
        failure): no cut can follow from it, so the exact model gives up.

        The caller's verifier if given (protect.py: the audit of the rendered tables, so the
        pattern is audited once), else audit_raw of the figures as sums of base cells.
        """
        figures = self.layout.figures
        hidden = [f.index for f in figures if withheld[f.index]]
        problems: list[int] | None
        if self.verify is not None:
            problems = self.verify(self.statuses_for(withheld))
        else:
            shown = [f for f in figures if not withheld[f.index]]
            report = audit_raw(
                len(self.layout.base_counts),
                [(f.cells, f.count) for f in shown],
                [WithheldSum(figures[i].cells, figures[i].threshold, i) for i in hidden],
                lower_bound=1 if shown else 0,
            )
            keys = [problem.key for problem in report.problems]
            numbered = [key for key in keys if isinstance(key, int)]
            problems = numbered if len(numbered) == len(keys) else None
        if problems is None:
            return None
        failing = sorted({index for index in problems if self.forced[index]})
        determined = sorted({index for index in problems if not self.forced[index]})
        return failing, determined


def _is_exact_sum(layout: Layout, aggregate: int, components: Sequence[int]) -> bool:
    """Whether the components' base cells split the aggregate's exactly (no overlap)."""
    parts = [set(layout.figures[component].cells) for component in components]
    union = set().union(*parts)
    return union == set(layout.figures[aggregate].cells) and sum(map(len, parts)) == len(union)


def suppress_exact(
    layout: Layout,
    statuses: Sequence[Status],
    *,
    time_limit: float | None = EXACT_TIME_LIMIT_SECONDS,
    keep_shown: Collection[int] = (),
    verify: Verifier | None = None,
) -> ExactOutcome:
    """The fewest further figures to withhold so that the audit passes.

    statuses: each figure's status after primary suppression; every figure already withheld
    ("primary", or "secondary" set by the caller, e.g. withheld in an earlier release) stays
    withheld and is protected. keep_shown: indices of figures that must stay shown (e.g.
    published in an earlier release: a reader has them whatever this release does).
    time_limit: seconds (None: until proven optimal). verify: the exact audit of a pattern
    (secondary.py's Verifier; default: audit_raw of the figures). A response whose grand
    total is below its threshold is returned as it is.
    """
    start = time.perf_counter()
    statuses = list(statuses)
    if len(statuses) != len(layout.figures):
        raise ValueError(f"{len(statuses)} statuses for {len(layout.figures)} figures")
    forced = sum(status in WITHHELD_STATUSES for status in statuses)
    if any(status == "total_below_threshold" for status in statuses):
        return ExactOutcome(statuses, True, forced, forced, 0, 0, 0.0)
    model = _Model(layout, statuses, keep_shown, verify)
    if not model.requirements:
        return ExactOutcome(statuses, True, 0, 0, 0, 0, time.perf_counter() - start)
    deadline = math.inf if time_limit is None else start + time_limit
    model.seed_with_relations()
    # Cheap rounds first: the relaxation's pattern attacked until it stands (each round's
    # cuts exclude the last relaxed optimum, so this ends; the bound is a backstop).
    standing: np.ndarray | None = None  # a pattern the attack found nothing against
    for _ in range(RELAXATION_ROUNDS):
        if time.perf_counter() > deadline:
            break
        relaxed = model.relaxation_pattern()
        if relaxed is None:
            break
        if not model.attack(relaxed):
            standing = relaxed  # it meets every cut: the master's first integer point
            break
    best: np.ndarray | None = None
    further_bound = 0
    rounds = 0
    optimal = False
    seen: set[bytes] = set()
    while (remaining := deadline - time.perf_counter()) > 0:
        pattern, proven, bound = model.solve(
            None if time_limit is None else remaining, start=standing
        )
        standing = None
        rounds += 1
        if pattern is None:
            break
        further_bound = max(further_bound, bound)
        # A pattern seen before got cuts too weak to exclude it (a violation within rounding):
        # the exact audit decides it, and a no-good cut excludes it if it fails.
        repeated = pattern.tobytes() in seen
        seen.add(pattern.tobytes())
        if not repeated and model.attack(pattern):
            if proven:
                continue
            break  # out of time with a pattern the attack broke
        audited = _checked(model, pattern)
        if audited is None:
            break
        checked, failing = audited
        if not failing:
            best, optimal = checked, proven
            break
        if not proven or not model.no_good(pattern):
            break
    seconds = time.perf_counter() - start
    lower = forced + further_bound
    if best is None:
        return ExactOutcome(None, False, None, lower, rounds, len(model.cuts), seconds)
    withheld = int(best.sum())
    return ExactOutcome(
        model.statuses_for(best),
        optimal,
        withheld,
        withheld if optimal else lower,
        rounds,
        len(model.cuts),
        seconds,
    )


def _checked(model: _Model, pattern: np.ndarray) -> tuple[np.ndarray, list[int]] | None:
    """The pattern after the exact audit, and the protected figures it fails (None: unknown).

    Further figures a reader can work out are shown: showing a figure every reader can
    already work out changes nothing a reader can learn, so every other range stays as it was.
    """
    pattern = pattern.copy()
    while True:
        problems = model.exact_problems(pattern)
        if problems is None:
            return None
        failing, determined = problems
        if failing or not determined:
            return pattern, failing
        pattern[determined] = False
