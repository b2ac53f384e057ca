"""The pre-release audit: how far could a reader narrow each withheld figure?

register_notes.md ("Disclosure control of published tables", tau-ARGUS anchor): for every
withheld cell, minimise and maximise it subject to every published cell, margin and total,
non-negativity, and what the display reveals. Here the display reveals that a withheld figure
is at least 1, because true zeros are always shown as 0. A pattern is safe when no withheld
figure is determined exactly (min == max) and each could be the threshold or more (max >= T).

The audit does not trust the suppression code it checks. `audit` reads only what a reader
sees in the published tables (the displayed text, the labels and the stated threshold),
rebuilds the cross-classification itself and solves from that. It does not read the
suppressor's statuses: it cannot tell a "fewer than T" cell from a secondary one (neither can
a reader), so it requires max >= T of every withheld figure. That is no stricter than the
rule, because a secondary figure is T or more and its true value is always a feasible point.

Bounds are exact integer bounds. Each is first solved as an LP (HiGHS, highs.py); when the LP
optimum is attained at an integer point that satisfies every figure exactly, that is the
integer optimum too. Otherwise (linked or 3-way tables, where the constraint matrix is not
totally unimodular) HiGHS solves it as a MILP with a zero gap.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol, cast

from answerable.answers.disclosure_control.system import (
    TOLERANCE,
    InconsistentFigures,
    ReducedSystem,
    SolverFailure,
)
from answerable.answers.disclosure_control.table import FigureKey, figure_key
from answerable.lazy import lazy_module

if TYPE_CHECKING:
    import numpy as np

else:
    np = lazy_module("numpy")  # imported when first used: a quick start (lazy.py)


class ShownFigure(Protocol):
    """A figure as a reader sees it: its labels and its displayed text ("[c]" or a number)."""

    @property
    def labels(self) -> tuple[str, ...]: ...

    @property
    def display(self) -> str: ...


class ShownTable(Protocol):
    """What the audit reads of a published table (published.ProtectedTable is one): its
    dimensions, stated threshold, cells, margins and total, as displayed."""

    @property
    def dimensions(self) -> tuple[str, ...]: ...

    @property
    def threshold(self) -> int: ...

    @property
    def cells(self) -> Sequence[ShownFigure]: ...

    @property
    def margins(self) -> Mapping[str, Sequence[ShownFigure]]: ...

    @property
    def total(self) -> ShownFigure: ...


# The Government Statistical Service's marker for a figure withheld for confidentiality.
WITHHELD_MARKER = "[c]"

ProblemKind = Literal["determined", "below_threshold", "inconsistent", "solver"]

AUDIT_METHOD = (
    "minimum and maximum of every withheld figure given every published figure, "
    "non-negative integer counts and withheld figures of at least 1; LP (HiGHS) bounds, "
    "made exact by MILP (HiGHS) wherever the LP optimum was not an integer point"
)


@dataclass(frozen=True)
class PublishedSum:
    """A published figure: the base cells it sums and the value shown."""

    cells: tuple[int, ...]
    value: int


@dataclass(frozen=True)
class WithheldSum:
    """A withheld figure: the base cells it sums and the threshold it must be able to reach."""

    cells: tuple[int, ...]
    threshold: int
    key: Hashable = None
    label: str = ""


@dataclass(frozen=True)
class CellBounds:
    """What a reader can work out about one withheld figure: lower <= value <= upper."""

    key: Hashable
    label: str
    threshold: int
    lower: int
    upper: int | None  # None: no upper limit at all

    @property
    def determined(self) -> bool:
        return self.upper is not None and self.lower == self.upper

    @property
    def reaches_threshold(self) -> bool:
        return self.upper is None or self.upper >= self.threshold


@dataclass(frozen=True)
class Problem:
    """Why a pattern must not be released: which figure, and what a reader could learn."""

    key: Hashable
    label: str
    kind: ProblemKind
    detail: str


@dataclass(frozen=True)
class AuditReport:
    bounds: tuple[CellBounds, ...]
    problems: tuple[Problem, ...]
    method: str = AUDIT_METHOD
    lp_solves: int = 0
    milp_solves: int = 0

    @property
    def passed(self) -> bool:
        return not self.problems

    def bounds_for(self, key: Hashable) -> CellBounds:
        for bounds in self.bounds:
            if bounds.key == key:
                return bounds
        raise KeyError(key)


def audit_raw(
    n_cells: int,
    published: Sequence[PublishedSum | tuple[Sequence[int], int]],
    withheld: Sequence[WithheldSum | tuple[Sequence[int], int] | Sequence[int]],
    *,
    threshold: int = 5,
    lower_bound: int = 1,
) -> AuditReport:
    """Audit an explicit linear system over n_cells base cells.

    published: (base-cell indices, value) for every figure a reader can see.
    withheld: every withheld figure, as a WithheldSum, (base-cell indices, threshold), or just
    base-cell indices (then `threshold` applies). The suppressor's status of a withheld figure
    is deliberately not an input: the audit checks every withheld figure the same way.
    lower_bound: what the display tells a reader about a withheld figure (1, because true
    zeros are shown; 0 when nothing at all is published, so zeros may be hidden too).
    """
    equations = [_as_published(item) for item in published]
    targets = [_as_withheld(index, item, threshold) for index, item in enumerate(withheld)]
    return _audit_system(n_cells, equations, targets, lower_bound)


def audit(
    published: Sequence[ShownTable],
    base_values: Mapping[str, Sequence[str]] | None = None,
) -> AuditReport:
    """Audit published tables together, from what a reader of them can see.

    Every table is read as sums over one cross-classification of all the dimensions the tables
    use (or base_values, if given: dimension -> every category label). Only each figure's
    labels and displayed text ("[c]" or the number) and each table's stated threshold are
    read. A figure published in several tables (e.g. a total, or a station count that is also
    a margin of the station x band table) is one number: if it is shown anywhere, it is known.
    """
    figures = list(_read_figures(published))
    values = _dimension_values(figures, base_values)
    dimensions = tuple(values)
    sizes = {dimension: len(labels) for dimension, labels in values.items()}
    shape = tuple(sizes[dimension] for dimension in dimensions)
    n_cells = math.prod(shape)
    # Row i of `grid` holds base cell i's label positions, one column per dimension.
    grid = np.indices(shape).reshape(len(shape), -1).T if shape else np.zeros((1, 0), int)
    position = {
        dimension: {label: place for place, label in enumerate(labels)}
        for dimension, labels in values.items()
    }

    def cells_of(fixed: Mapping[str, str]) -> tuple[int, ...]:
        mask = np.ones(n_cells, dtype=bool)
        for dimension, label in fixed.items():
            column = dimensions.index(dimension)
            mask &= grid[:, column] == position[dimension][label]
        return tuple(int(cell) for cell in np.flatnonzero(mask))

    shown: dict[tuple[FigureKey, int], PublishedSum] = {}
    hidden: dict[FigureKey, WithheldSum] = {}
    for figure in figures:
        key = figure_key(figure.fixed, sizes)
        text = figure.display.strip()
        if text == WITHHELD_MARKER:
            previous = hidden.get(key)
            if previous is None:
                cells = cells_of(figure.fixed)
                hidden[key] = WithheldSum(cells, figure.threshold, key, figure.label)
            elif figure.threshold > previous.threshold:
                # The same number in a more sensitive table must meet that table's threshold.
                hidden[key] = WithheldSum(previous.cells, figure.threshold, key, previous.label)
        elif text.isascii() and text.isdigit():
            shown.setdefault((key, int(text)), PublishedSum(cells_of(figure.fixed), int(text)))
        else:
            raise ValueError(f"{figure.label}: cannot read {figure.display!r} as a figure")
    lower_bound = 1 if shown else 0
    return _audit_system(n_cells, list(shown.values()), list(hidden.values()), lower_bound)


# -- the solving loop ---------------------------------------------------------------------------


def _audit_system(
    n_cells: int,
    equations: Sequence[PublishedSum],
    targets: Sequence[WithheldSum],
    lower_bound: int,
) -> AuditReport:
    try:
        system = ReducedSystem(
            n_cells,
            [(item.cells, item.value) for item in equations],
            [item.cells for item in targets],
            lower_bound,
        )
        solver = _ExactBounds(system)
        ranges = solver.all_bounds()
    except InconsistentFigures as error:
        problem = Problem(None, "published figures", "inconsistent", str(error))
        return AuditReport((), (problem,))
    except SolverFailure as error:
        problem = Problem(None, "published figures", "solver", str(error))
        return AuditReport((), (problem,))

    bounds: list[CellBounds] = []
    problems: list[Problem] = []
    for target, (lower, upper) in zip(targets, ranges, strict=True):
        cell = CellBounds(target.key, target.label, target.threshold, lower, upper)
        bounds.append(cell)
        if cell.determined:
            problems.append(
                Problem(
                    target.key,
                    target.label,
                    "determined",
                    f"{target.label} can be worked out exactly from the published figures: "
                    f"it is {lower}",
                )
            )
        if not cell.reaches_threshold:
            problems.append(
                Problem(
                    target.key,
                    target.label,
                    "below_threshold",
                    f"{target.label} can be at most {upper}, so a reader knows it is "
                    f"fewer than {target.threshold}",
                )
            )
    return AuditReport(
        tuple(bounds), tuple(problems), lp_solves=solver.lp_solves, milp_solves=solver.milp_solves
    )


class _ExactBounds:
    """Exact integer min and max of every target, with as few solves as evidence allows.

    Every integer point found on the way (checked exactly) is kept: if one already reaches a
    target's trivial bound (its floor of 1, or the sum of its caps), that bound is attained
    and needs no solve of its own.
    """

    def __init__(self, system: ReducedSystem) -> None:
        self.system = system
        self.pool: list[np.ndarray] = []
        self.lp_solves = 0
        self.milp_solves = 0

    def all_bounds(self) -> list[tuple[int, int | None]]:
        system = self.system
        n_targets = len(system.target_unknowns)
        # One LP first, so contradictory figures are reported as such even with no targets.
        start = system.feasible_point()
        self.lp_solves += 1
        self._keep(start.point)
        uppers: list[int | None] = []
        for target in range(n_targets):
            if len(system.target_unknowns[target]) == 0:
                uppers.append(system.target_constants[target])  # published figures fix it
            elif system.is_unbounded(target):
                uppers.append(None)
            elif self._attained(target, system.trivial_upper(target)):
                uppers.append(round(system.trivial_upper(target)))
            else:
                uppers.append(self._optimum(target, maximise=True))
        lowers: list[int] = []
        for target in range(n_targets):
            if len(system.target_unknowns[target]) == 0:
                lowers.append(system.target_constants[target])
            elif self._attained(target, system.trivial_lower(target)):
                lowers.append(system.trivial_lower(target))
            else:
                lowers.append(self._optimum(target, maximise=False))
        return list(zip(lowers, uppers, strict=True))

    def _keep(self, point: np.ndarray) -> np.ndarray | None:
        integer = self.system.integer_point(point)
        if integer is not None:
            self.pool.append(integer)
        return integer

    def _attained(self, target: int, bound: float) -> bool:
        value_at = self.system.value_at
        return any(abs(value_at(target, point) - bound) < TOLERANCE for point in self.pool)

    def _optimum(self, target: int, maximise: bool) -> int:
        relaxed = self.system.optimise(target, maximise, integer=False)
        self.lp_solves += 1
        point = self._keep(relaxed.point)
        if point is not None:
            value = self.system.value_at(target, point)
            if abs(value - relaxed.value) < TOLERANCE:
                return round(value)
        exact = self.system.optimise(target, maximise, integer=True)
        self.milp_solves += 1
        point = self._keep(exact.point)
        if point is None:
            raise SolverFailure("the MILP optimum does not satisfy the figures exactly")
        return round(self.system.value_at(target, point))


# -- reading published tables ---------------------------------------------------------------


@dataclass(frozen=True)
class _Figure:
    fixed: dict[str, str]
    display: str
    threshold: int
    label: str


def _read_figures(published: Sequence[ShownTable]) -> list[_Figure]:
    figures: list[_Figure] = []
    for number, table in enumerate(published, start=1):
        dimensions = tuple(table.dimensions)
        name = f"table {number} ({' x '.join(dimensions) or 'total only'})"
        for cell in table.cells:
            if len(cell.labels) != len(dimensions):
                raise ValueError(f"{name}: cell {cell.labels} does not match the dimensions")
            fixed = dict(zip(dimensions, cell.labels, strict=True))
            label = f"{name}: " + " / ".join(cell.labels)
            figures.append(_Figure(fixed, cell.display, table.threshold, label))
        for dimension, cells in table.margins.items():
            if dimension not in dimensions:
                raise ValueError(f"{name}: margin for unknown dimension {dimension!r}")
            for cell in cells:
                (value,) = cell.labels
                label = f"{name}: {dimension} {value}, all {_others(dimensions, dimension)}"
                figures.append(_Figure({dimension: value}, cell.display, table.threshold, label))
        figures.append(_Figure({}, table.total.display, table.threshold, f"{name}: total"))
    return figures


def _others(dimensions: tuple[str, ...], dimension: str) -> str:
    return " and ".join(other for other in dimensions if other != dimension)


def _dimension_values(
    figures: Sequence[_Figure], base_values: Mapping[str, Sequence[str]] | None
) -> dict[str, tuple[str, ...]]:
    """Each dimension's categories: given, or as the tables list them (all of them, zeros too)."""
    seen: dict[str, dict[str, None]] = {}  # insertion-ordered sets
    for figure in figures:
        for dimension, label in figure.fixed.items():
            seen.setdefault(dimension, {})[label] = None
    if base_values is not None:
        values = {dimension: tuple(labels) for dimension, labels in base_values.items()}
        for dimension, labels in seen.items():
            if dimension not in values or not set(labels) <= set(values[dimension]):
                raise ValueError(f"published labels of {dimension!r} are not in base_values")
        return values
    return {dimension: tuple(labels) for dimension, labels in seen.items()}


def _as_published(item: PublishedSum | tuple[Sequence[int], int]) -> PublishedSum:
    if isinstance(item, PublishedSum):
        return item
    cells, value = item
    return PublishedSum(tuple(int(cell) for cell in cells), int(value))


def _as_withheld(
    index: int, item: WithheldSum | tuple[Sequence[int], int] | Sequence[int], threshold: int
) -> WithheldSum:
    if isinstance(item, WithheldSum):
        return item
    if len(item) == 2 and not isinstance(item[0], int | np.integer):
        cells, own_threshold = item
        # (cells, threshold): the first is no cell number, so the pair is no list of cells.
        assert not isinstance(cells, int) and not isinstance(own_threshold, Sequence)
        return WithheldSum(
            tuple(int(cell) for cell in cells), int(own_threshold), index, f"withheld {index}"
        )
    cells_only = cast(Sequence[int], item)  # the pair was read above: a list of cell numbers
    return WithheldSum(
        tuple(int(cell) for cell in cells_only), threshold, index, f"withheld {index}"
    )
