"""The joint audit: tables about to be released, read together with every earlier release.

register_notes.md, "Disclosure control of published tables": a figure that is safe in its
own table can be recovered from two answers that differ by it (the ICO's "mosaic effect");
query systems defend against it by auditing each new release against what was released
before. This is that audit. From the atoms (answers/ledger/atoms.py), every shown figure of
every table is an equation over the atoms' counts, every withheld figure (`[c]`) is known
to be at least 1 where its table shows zeros, and a reader knows counts are whole and not
negative. The release is safe when:

- no withheld figure counting 1 to T-1 can be determined exactly or pinned below T (each
  table on its own is also audited as the single-table audit requires), and
- no finest cell holding from 1 to T-1 records can be pinned below T (its maximum reaches
  T), T being the strictest threshold of the tables counting it. Any count a reader could
  define from the tables (a day, a band between two schemes, a station outside a filter)
  is a sum of finest cells, so if a small count could be pinned below T, so could one of
  its finest cells.

Each question (can this count reach T; can it take another value) is answered exactly, for
whole counts: by an integer point already known, else by a linear programme on HiGHS whose
vertex is whole, else by an integer programme. For each problem the audit names the figures
of the new release that the reader's argument uses (the equations with a non-zero dual value
in the LP that bounds it), so that the release can withhold one of them and be audited
again.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from answerable.answers.disclosure_control.highs import Rows, solve
from answerable.answers.disclosure_control.system import (
    TOLERANCE,
    InconsistentFigures,
    ReducedSystem,
    SolverFailure,
)
from answerable.answers.ledger import atoms as atoms_module
from answerable.answers.ledger.specs import Spec
from answerable.lazy import lazy_module

if TYPE_CHECKING:
    import numpy as np
else:
    np = lazy_module("numpy")  # imported when first used: a quick start (lazy.py)

ProblemKind = Literal["determined", "below_threshold"]
FigureRef = tuple[int, int]  # (spec index, figure index)


@dataclass(frozen=True)
class JointProblem:
    kind: ProblemKind
    detail: str
    # The new release's shown figures that the reader's argument uses, best first.
    culprits: tuple[FigureRef, ...]
    # Whether the problem exists without the new release (then it cannot be undone here).
    earlier: bool = False


@dataclass
class JointReport:
    problems: list[JointProblem] = field(default_factory=list)
    atoms: int = 0
    exhaustive: bool = True
    solves: int = 0  # integer programmes (and their linear relaxations) solved

    @property
    def passed(self) -> bool:
        return not [problem for problem in self.problems if not problem.earlier]


@dataclass(frozen=True)
class _Equation:
    ref: FigureRef
    classes: tuple[int, ...]
    value: int


@dataclass(frozen=True)
class _Target:
    classes: tuple[int, ...]
    threshold: int
    floor: int
    label: str
    withheld: FigureRef | None  # None: a finest cell


class AuditTimeout(RuntimeError):
    """The joint audit did not finish within its time: nothing may be released on it."""


def audit_jointly(specs: Sequence[Spec], *, deadline: float | None = None) -> JointReport:
    """Audit these tables together (all of one kind of record and one count unit).

    deadline: a time.monotonic() value after which AuditTimeout is raised rather than a
    release held up indefinitely (the caller withholds more, or refuses).
    """
    built = atoms_module.build(specs)
    n_atoms = len(built.counts)
    report = JointReport(atoms=n_atoms, exhaustive=built.exhaustive)
    if n_atoms == 0:
        return report

    memberships: list[tuple[FigureRef, np.ndarray, bool]] = []  # ref, atoms, shown
    floors: dict[int, int] = {}
    for s, spec in enumerate(specs):
        floors[s] = 1 if any(f.value is not None for f in spec.figures) else 0
        for f, figure in enumerate(spec.figures):
            if figure.not_held:
                continue
            memberships.append(((s, f), built.figure(s, figure.fixed), figure.value is not None))

    # Atoms that every figure treats alike are one unknown (a reader cannot tell them apart).
    rng = np.random.default_rng(20261204)
    weights = rng.integers(1, 2**62, size=len(memberships) + 1, dtype=np.int64)
    signature = np.zeros(n_atoms, dtype=np.int64)
    for number, (_, members, _) in enumerate(memberships):
        np.add.at(signature, members, weights[number])
    kept = built.keep.any(axis=0)
    signature = np.where(kept, signature, weights[-1])
    _, class_of = np.unique(signature, return_inverse=True)
    n_classes = int(class_of.max()) + 1
    class_counts = np.bincount(class_of, weights=built.counts, minlength=n_classes).astype(np.int64)
    thresholds = np.zeros(n_classes, dtype=np.int64)
    for s, spec in enumerate(specs):
        inside = np.unique(class_of[built.keep[s]])
        thresholds[inside] = np.maximum(thresholds[inside], spec.threshold)

    equations: list[_Equation] = []
    seen: set[tuple[tuple[int, ...], int]] = set()
    targets: list[_Target] = []
    for ref, members, shown in memberships:
        classes = tuple(sorted({int(c) for c in class_of[members]}))
        if not classes:
            continue  # a figure counting no possible records: it says nothing
        value = int(class_counts[list(classes)].sum())
        if shown:
            if (classes, value) not in seen:
                seen.add((classes, value))
                equations.append(_Equation(ref, classes, value))
        elif 0 < value < specs[ref[0]].threshold:
            # Only a withheld count of 1 to T-1 is one to protect: a [c] that now counts
            # none, or one withheld to protect another (T or more), identifies no one if a
            # reader works it out (the release's own tables are audited for that apart).
            spec = specs[ref[0]]
            label = _label(spec, ref[1])
            # At least 1 where its table shows zeros, unless the register has changed since
            # and it now counts none (earlier figures are modelled at today's register).
            floor = min(floors[ref[0]], value)
            targets.append(_Target(classes, spec.threshold, floor, label, ref))
    for klass in range(n_classes):
        count, threshold = int(class_counts[klass]), int(thresholds[klass])
        if 1 <= count < threshold:
            targets.append(_Target((klass,), threshold, 0, "a finest cell", None))
    if not targets:
        return report

    try:
        system = ReducedSystem(
            n_classes,
            [(e.classes, e.value) for e in equations],
            [t.classes for t in targets],
            [t.floor for t in targets],
        )
    except InconsistentFigures as error:  # the true counts always fit: a bug if reached
        raise SolverFailure(f"the ledger's figures do not fit the register: {error}") from error
    solver = _Bounds(system, class_counts)
    # Most finest cells can reach their threshold: show it for many at once (one MILP each
    # round) before solving for the few that cannot, one by one.
    solver.lift(list(range(len(targets))), targets, deadline)
    for number, target in enumerate(targets):
        if deadline is not None and time.monotonic() > deadline:
            raise AuditTimeout("the check against earlier releases did not finish in time")
        try:
            problem = _check(system, solver, number, target)
        except SolverFailure as error:
            # Not shown to be safe: treat it as a problem, so more is withheld.
            problem = ("below_threshold", f"{target.label} could not be checked ({error})", True)
        if problem is None:
            continue
        kind, detail, maximise = problem
        culprits, earlier = _culprits(specs, equations, targets, number, n_classes, maximise)
        report.problems.append(JointProblem(kind, detail, culprits, earlier))
    report.solves = solver.solves
    return report


def _label(spec: Spec, figure: int) -> str:
    fixed = spec.figures[figure].fixed
    what = ", ".join(f"{d} {v}" for d, v in fixed) or "total"
    return f"{spec.label or spec.ask.question}: {what}"


def _check(
    system: ReducedSystem, solver: _Bounds, number: int, target: _Target
) -> tuple[ProblemKind, str, bool] | None:
    """(kind, detail, whether the maximum is what pins it), or None when safe.

    Each question is a feasibility question (can the target reach its threshold; can it
    take another value than its true one), answered by a known integer point when one
    shows it, else by one feasibility MILP.
    """
    if solver.settled(number, target):
        return None  # known points show it can reach its threshold and take two values
    if system.is_unbounded(number):
        if target.withheld is None:
            return None
    elif not solver.can_be(number, target.threshold, np.inf):
        return (
            "below_threshold",
            f"{target.label} cannot be {target.threshold} or more given everything released, "
            f"so a reader knows it is fewer than {target.threshold}",
            True,
        )
    if target.withheld is None:
        return None
    true = round(system.value_at(number, solver.pool[0]))
    if solver.can_be(number, true + 1, np.inf) or solver.can_be(number, -np.inf, true - 1):
        return None
    return (
        "determined",
        f"{target.label} can be worked out exactly from everything released",
        False,
    )


class _Bounds:
    """Whether targets can reach a level, exactly (whole counts), reusing every integer
    point found: the true counts first, then the batch points of `lift`, then each point a
    feasibility question found. A target a known point already shows needs no solve."""

    def __init__(self, system: ReducedSystem, class_counts: np.ndarray) -> None:
        self.system = system
        self.pool = [system.point_from_cells(class_counts)]
        self.solves = 0

    def lift(
        self, numbers: list[int], targets: Sequence[_Target], deadline: float | None = None
    ) -> None:
        """Add integer points that take small cells up to their thresholds, in batches."""
        system = self.system
        open_ = [
            n
            for n in numbers
            if len(system.target_unknowns[n])
            and not system.is_unbounded(n)
            and not self._reaches(n, self.level(n, targets[n]))
        ]
        while len(open_) > 2:
            if deadline is not None and time.monotonic() > deadline:
                raise AuditTimeout("the check against earlier releases did not finish in time")
            point = system.lift_towards(open_, [self.level(n, targets[n]) for n in open_])
            self.solves += 1
            if point is None:
                return
            self.pool.append(point)
            still = [n for n in open_ if not self._reaches(n, self.level(n, targets[n]))]
            if len(open_) - len(still) < max(2, len(open_) // 10):
                return
            open_ = still

    def level(self, number: int, target: _Target) -> int:
        """What a known point must show of a target for it to be safe without a solve: its
        threshold; for a withheld figure also more than its true value (so it is not
        determined: two points give it two values)."""
        if target.withheld is None:
            return target.threshold
        true = round(self.system.value_at(number, self.pool[0]))
        return max(target.threshold, true + 1)

    def settled(self, number: int, target: _Target) -> bool:
        return self._reaches(number, self.level(number, target))

    def _reaches(self, number: int, level: int) -> bool:
        value_at = self.system.value_at
        return any(value_at(number, point) >= level - TOLERANCE for point in self.pool)

    def can_be(self, number: int, low: float, high: float) -> bool:
        """Whether the target can lie between low and high (a known point, else a MILP)."""
        value_at = self.system.value_at
        for point in self.pool:
            if low - TOLERANCE <= value_at(number, point) <= high + TOLERANCE:
                return True
        found = self.system.reaching(number, low, high)
        self.solves += 1
        if found is None:
            return False
        self.pool.append(found)
        return True


def _culprits(
    specs: Sequence[Spec],
    equations: Sequence[_Equation],
    targets: Sequence[_Target],
    number: int,
    n_classes: int,
    maximise: bool,
) -> tuple[tuple[FigureRef, ...], bool]:
    """The new release's shown figures in the LP certificate that bounds the target.

    The LP over the merged atoms (not reduced, so every equation keeps its own row) is
    solved for the bound; its dual values say which published figures the bound rests on.
    If none is the new release's, the problem was already there before it (earlier=True).
    """
    target = targets[number]
    rows = [e.classes for e in equations]
    floor_rows = [t.classes for t in targets if t.withheld is not None and t.floor > 0]
    # Equations first (their duals name the figures a bound rests on), then the withheld
    # figures' "at least 1".
    matrix = Rows.from_lists([*rows, *floor_rows], n_classes)
    values = np.array([e.value for e in equations], dtype=float)
    lower = np.concatenate([values, np.ones(len(floor_rows))])
    upper = np.concatenate([values, np.full(len(floor_rows), np.inf)])
    objective = np.zeros(n_classes)
    objective[list(target.classes)] = -1.0 if maximise else 1.0
    result = solve(objective, matrix, lower, upper, 0.0, np.inf)
    all_new = [e.ref for e in equations if specs[e.ref[0]].new]
    if not all_new:
        return (), True  # the new release shows no figure: whatever is known was known
    if result.status != "optimal" or result.value is None or result.row_duals is None:
        new = all_new
    else:
        bound = -result.value if maximise else result.value
        marginals = result.row_duals[: len(rows)]
        involved = [i for i, value in enumerate(marginals) if abs(value) > 1e-9]
        new = [equations[i].ref for i in involved if specs[equations[i].ref[0]].new]
        pinned_by_lp = bound < target.threshold - TOLERANCE if maximise else True
        if not new and involved and pinned_by_lp:
            return (), True  # the earlier releases alone already bound it
        if not new:
            # An integer bound the LP does not show: any new figure may be part of it.
            new = all_new

    def preference(ref: FigureRef) -> tuple[int, int, int]:
        figure = specs[ref[0]].figures[ref[1]]
        value = figure.value or 0
        # Finest first (most categories fixed), then the smallest count, then stable order.
        return (-len(figure.fixed), value, ref[1])

    return tuple(sorted(dict.fromkeys(new), key=preference)), False
