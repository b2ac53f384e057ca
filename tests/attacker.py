"""A black-box attacker of released tables, for the release-ledger tests (issue 12).

It reads only what an outsider receives: the JSON documents (API answers, `answerable ask
--format json`, an issued response's figures), with the definitions they carry (question,
period, where, by, bands, ages), and public knowledge: which division each custody centre is
in. It does not use the product's disclosure control (answers/disclosure_control): a check
that shared its code would share its blind spots.

From every definition received it builds the finest partition of the records that they
distinguish (per attribute: intervals of days, of minutes in custody and of years of age,
categorical values, custody centres within their divisions), then merges the pieces that no
released figure tells apart: those merged pieces are the regions. Every shown figure is an
equation over the regions, every withheld figure ([c]) says its count is at least 1 (zeros
are shown), and every count is a whole number of at least 0. scipy.optimize.milp then gives
the least and the most each region and each withheld figure could be. A count pinned inside
1..T-1 (least >= 1, most < T) is a disclosure: that is what the ICO's "motivated intruder"
would do with the tables (register_notes.md, "Disclosure control of published tables").

It also runs the simple attacks as the issue writes them: the difference of two released
totals of nested sets of records, and the difference of two released averages (the time to
disclose) over nested sets, which gives the average of the few records between them.

The attacker does not know the truth. Each finding can count its region in a list of records
(`Finding.true_count`), so that a test with a register of known truth can check the attacker
itself is right, and that the product let nothing through.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from answerable.answers import periods
from answerable.register.choices import IMMIGRATION_BASES, REFERRAL_PURPOSES

NOT_RECORDED = "not_recorded"
IN_CUSTODY = "in_custody"
OTHER = "<any other value>"
INF = math.inf
# A product of the attributes' pieces larger than this is a test written too wide.
MAX_PIECES = 3_000_000


# Conditions: what one released figure (or one `where`) says about one attribute.


@dataclass(frozen=True)
class Numeric:
    """Half-open intervals [low, high) of a whole-number attribute, and whether a record
    without a value (not recorded; still in custody) is in."""

    intervals: tuple[tuple[float, float], ...]
    null: bool = False

    def union(self, other: Numeric) -> Numeric:
        return Numeric(self.intervals + other.intervals, self.null or other.null)


@dataclass(frozen=True)
class Values:
    values: frozenset[str]

    def union(self, other: Values) -> Values:
        return Values(self.values | other.values)


@dataclass(frozen=True)
class Place:
    """Custody centres, or whole divisions (a centre lies in its division: public)."""

    stations: frozenset[str] = frozenset()
    divisions: frozenset[str] = frozenset()

    def union(self, other: Place) -> Place:
        return Place(self.stations | other.stations, self.divisions | other.divisions)


Condition = Numeric | Values | Place
Conditions = tuple[tuple[str, Condition], ...]  # (attribute, condition), all must hold

# Questions: which records (universe) and which of them (base condition).
UNIVERSES: dict[str, tuple[str, Conditions]] = {
    "custody-count": (
        "custody",
        (("detention_basis", Values(frozenset(str(b) for b in IMMIGRATION_BASES))),),
    ),
    "custody-all": ("custody", ()),
    "disclosures": ("disclosures", ()),
    "referrals": (
        "disclosures",
        (("purpose", Values(frozenset(str(p) for p in REFERRAL_PURPOSES))),),
    ),
    "nccu-contacts": ("nccu", ()),
    "icce-requests": ("icce", ()),
}
# The attribute a dimension is about, where it is not the dimension itself.
ATTRIBUTE = {
    "station": "place",
    "division": "place",
    "duration": "minutes",
    "age_band": "age",
    "child": "age",
    "year": "day",
    "financial_year": "day",
    "month": "day",
}
NUMERIC = ("minutes", "age", "day")
FLOOR = {"minutes": 0, "age": 0}  # no record has less


def _days(first: date, last: date) -> Numeric:
    return Numeric(((first.toordinal(), last.toordinal() + 1),))


def _duration(label: str, bounds: Sequence[int]) -> Numeric:
    """custody-episodes-v1: `24-48` is over 24 hours up to and including 48 (in minutes)."""
    if label == IN_CUSTODY:
        return Numeric((), null=True)
    if label.endswith("+"):
        return Numeric(((int(label[:-1]) * 60 + 1, INF),))
    low, high = (int(part) for part in label.split("-"))
    if low not in (0, *bounds) or high not in bounds:
        raise ValueError(f"duration band {label!r} is not one of bands {list(bounds)}")
    return Numeric(((low * 60 + 1 if low else -INF, high * 60 + 1),))


def _age(label: str) -> Numeric:
    if label == NOT_RECORDED:
        return Numeric((), null=True)
    if label.endswith("+"):
        return Numeric(((int(label[:-1]), INF),))
    low, high = (int(part) for part in label.split("-"))
    return Numeric(((low, high + 1),))


def condition(dimension: str, label: str, document: Mapping[str, Any]) -> tuple[str, Condition]:
    """What a figure's label (or a `where` value) says about its attribute."""
    if dimension == "station":
        return "place", Place(stations=frozenset([label]))
    if dimension == "division":
        return "place", Place(divisions=frozenset([label]))
    if dimension == "duration":
        return "minutes", _duration(label, document.get("bands") or (24, 48))
    if dimension == "age_band":
        return "age", _age(label)
    if dimension == "child":
        child = {"yes": Numeric(((0, 18),)), "no": Numeric(((18, INF),))}
        return "age", child.get(label, Numeric((), null=True))
    days_of = {
        "year": periods.days_of_year,
        "financial_year": periods.days_of_financial_year,
        "month": periods.days_of_month,
    }
    if dimension in days_of:
        return "day", _days(*days_of[dimension](label))
    return dimension, Values(frozenset([label]))


def _union(parts: Iterable[tuple[str, Condition]]) -> tuple[str, Condition] | None:
    """Any of several conditions on one attribute (None for none at all)."""
    joined: tuple[str, Condition] | None = None
    for attribute, part in parts:
        joined = (attribute, part if joined is None else joined[1].union(part))  # type: ignore[arg-type]
    return joined


def _where(document: Mapping[str, Any]) -> Conditions:
    conditions = [
        _union(condition(dimension, label, document) for label in labels)
        for dimension, labels in (document.get("where") or {}).items()
    ]
    return tuple(c for c in conditions if c is not None)


def _period(document: Mapping[str, Any]) -> Conditions:
    period = document.get("period") or {}
    first, last = period.get("from"), period.get("to")
    if not first and not last:
        return ()
    low = date.fromisoformat(first).toordinal() if first else -INF
    high = date.fromisoformat(last).toordinal() + 1 if last else INF
    return (("day", Numeric(((low, high),))),)


# What was released.


@dataclass(frozen=True)
class Figure:
    universe: str
    conditions: Conditions
    count: int | None  # None: withheld
    at_least: int  # for a withheld figure: 1, or 0 when nothing at all was shown
    source: str


@dataclass(frozen=True)
class Average:
    universe: str
    conditions: Conditions
    based_on: int
    hours: float
    source: str


def _status(figure: Mapping[str, Any]) -> str:
    """shown, withheld, or unknown (not held, or anything else without a count)."""
    if figure.get("count") is not None and figure.get("status", "shown") == "shown":
        return "shown"
    if figure.get("display") == "[c]" or figure.get("status") == "withheld":
        return "withheld"
    return "unknown"


def figures_of(document: Mapping[str, Any], source: str) -> tuple[list[Figure], list[Average]]:
    """Every figure a released document gives, as conditions on the records it counts."""
    universe, base = UNIVERSES[document["question"]]
    if document.get("counting", "episodes") != "episodes":
        universe = f"{universe}:{document['counting']}"
    common = base + _period(document) + _where(document)
    by = list(document.get("by") or [])
    cells = document.get("cells") or []
    # A table lists every label of its dimensions that a counted record has (zeros too), so
    # its cells add up to its total: a margin or the total covers the listed labels only.
    listed = {dim: _union(condition(dim, cell[dim], document) for cell in cells) for dim in by}
    labelled: list[tuple[Conditions, Mapping[str, Any], str]] = []
    for cell in cells:
        own = tuple(condition(dim, cell[dim], document) for dim in by)
        labelled.append((own, cell, "cell " + ", ".join(f"{d}={cell[d]}" for d in by)))
    for dimension, margin in (document.get("margins") or {}).items():
        rest = tuple(listed[dim] for dim in by if dim != dimension and listed[dim])
        for cell in margin:
            own = (condition(dimension, cell[dimension], document), *rest)
            labelled.append((own, cell, f"margin {dimension}={cell[dimension]}"))
    total = tuple(listed[dim] for dim in by if listed[dim])
    labelled.append((total, document["total"], "total"))
    shown_any = any(_status(figure) == "shown" for _, figure, _ in labelled)
    figures = [
        Figure(
            universe,
            common + own,
            figure["count"] if _status(figure) == "shown" else None,
            1 if shown_any else 0,
            f"{source}: {name}",
        )
        for own, figure, name in labelled
        if _status(figure) != "unknown"
    ]
    averages = []
    timing = document.get("time_to_disclose")
    if timing and timing.get("average_hours") is not None and timing.get("based_on"):
        averages.append(
            Average(
                universe,
                common,
                int(timing["based_on"]),
                float(timing["average_hours"]),
                f"{source}: average time to disclose",
            )
        )
    return figures, averages


# The partition.


@dataclass(frozen=True)
class Piece:
    """One piece of one attribute: an interval, a value, or a place."""

    attribute: str
    value: Any  # (low, high) | None (no value) | a label | (station or None, division or None)

    def within(self, wanted: Condition) -> bool:
        if isinstance(wanted, Numeric):
            if self.value is None:
                return wanted.null
            low, high = self.value
            point = low if low != -INF else (high - 1 if high != INF else 0)
            point = max(point, FLOOR.get(self.attribute, -INF))
            return any(a <= point < b for a, b in wanted.intervals)
        if isinstance(wanted, Place):
            station, division = self.value
            return station in wanted.stations or division in wanted.divisions
        return self.value in wanted.values

    def text(self) -> str:
        if self.attribute == "day" and self.value is not None:
            low, high = self.value
            first = date.fromordinal(int(low)).isoformat() if low != -INF else "..."
            last = date.fromordinal(int(high) - 1).isoformat() if high != INF else "..."
            return f"{first} to {last}"
        if self.attribute == "place":
            station, division = self.value
            if station:
                return station
            return f"other centres of {division}" if division else "any other centre"
        if self.attribute in NUMERIC and self.value is not None:
            low, high = self.value
            return f"{low:g} to {high - 1:g}" if high != INF else f"{low:g} or more"
        return str(self.value)


def _pieces(attribute: str, wanted: list[Condition], stations: Mapping[str, str]) -> list[Piece]:
    if attribute in NUMERIC:
        cuts = sorted(
            {edge for w in wanted for pair in w.intervals for edge in pair if abs(edge) != INF}  # type: ignore[union-attr]
        )
        lowest = FLOOR.get(attribute, -INF)
        edges = [lowest, *(cut for cut in cuts if cut > lowest), INF]
        return [Piece(attribute, pair) for pair in itertools.pairwise(edges)] + [
            Piece(attribute, None)
        ]
    if attribute == "place":
        named = sorted({s for w in wanted for s in w.stations})  # type: ignore[union-attr]
        divisions = sorted(
            {d for w in wanted for d in w.divisions}  # type: ignore[union-attr]
            | {stations[s] for s in named if s in stations}
        )
        return [
            *(Piece(attribute, (s, stations.get(s))) for s in named),
            *(Piece(attribute, (None, d)) for d in divisions),
            Piece(attribute, (None, None)),
        ]
    values = sorted({v for w in wanted for v in w.values})  # type: ignore[union-attr]
    return [Piece(attribute, v) for v in values] + [Piece(attribute, OTHER)]


class Partition:
    """The pieces of each attribute that a universe's released figures distinguish.

    Pieces of one attribute that every released condition takes in or leaves out together
    (say the 30 custody centres of a "every centre but Govan" filter) are one block: no
    figure tells them apart, so neither can the attacker.
    """

    def __init__(self, conditions: Iterable[Conditions], stations: Mapping[str, str]) -> None:
        wanted: dict[str, list[Condition]] = {}
        for figure in conditions:
            for attribute, condition_ in figure:
                wanted.setdefault(attribute, []).append(condition_)
        self.attributes = sorted(wanted)
        self.raw: list[list[Piece]] = []  # each attribute's pieces, in their order
        self.block_of: list[list[int]] = []  # piece -> its block
        self.blocks: list[list[tuple[Piece, ...]]] = []
        for attribute in self.attributes:
            pieces = _pieces(attribute, wanted[attribute], stations)
            keys = [tuple(piece.within(w) for w in wanted[attribute]) for piece in pieces]
            order = list(dict.fromkeys(keys))
            self.raw.append(pieces)
            self.block_of.append([order.index(key) for key in keys])
            self.blocks.append(
                [tuple(p for p, k in zip(pieces, keys, strict=True) if k == key) for key in order]
            )
        self.shape = tuple(len(blocks) for blocks in self.blocks)
        self.size = math.prod(self.shape)
        if self.size > MAX_PIECES:
            raise ValueError(f"the partition has {self.size} pieces; ask narrower questions")

    def mask(self, conditions: Conditions) -> np.ndarray:
        """Which of the partition's cells a figure's conditions take in (flat)."""
        result = np.ones(self.shape, dtype=bool)
        for attribute, wanted in conditions:
            axis = self.attributes.index(attribute)
            inside = np.array([block[0].within(wanted) for block in self.blocks[axis]])
            shape = [1] * len(self.shape)
            shape[axis] = len(inside)
            result &= inside.reshape(shape)
        return result.reshape(-1)

    def cell_of(self, record: Mapping[str, Any]) -> int:
        """The cell of a record: {attribute: value}, place as (station, division)."""
        index = []
        for axis, pieces in enumerate(self.raw):
            piece = next(n for n, piece in enumerate(pieces) if _holds(piece, record))
            index.append(self.block_of[axis][piece])
        return int(np.ravel_multi_index(index, self.shape)) if index else 0

    def describe(self, cells: np.ndarray) -> str:
        """The pieces a set of cells spans, attribute by attribute (those not all of it)."""
        where = np.unravel_index(np.flatnonzero(cells), self.shape)
        parts = []
        for attribute, blocks, used in zip(self.attributes, self.blocks, where, strict=True):
            kept = sorted(set(used.tolist()))
            if len(kept) < len(blocks):
                texts = [piece.text() for n in kept for piece in blocks[n]]
                parts.append(f"{attribute} in {{{'; '.join(texts)}}}")
        return ", ".join(parts) or "every record"

    def children_only(self, cells: np.ndarray) -> bool:
        return self._only(cells, "age", lambda v: v is not None and v[1] <= 18)

    def disabled_only(self, cells: np.ndarray) -> bool:
        return self._only(cells, "disability", lambda v: v == "yes")

    def _only(self, cells: np.ndarray, attribute: str, test: Any) -> bool:
        if attribute not in self.attributes or not cells.any():
            return False
        axis = self.attributes.index(attribute)
        used = np.unravel_index(np.flatnonzero(cells), self.shape)[axis]
        blocks = self.blocks[axis]
        return all(test(piece.value) for n in set(used.tolist()) for piece in blocks[n])


def _holds(piece: Piece, record: Mapping[str, Any]) -> bool:
    if piece.attribute == "place":
        station, division = record.get("station"), record.get("division")
        want_station, want_division = piece.value
        if want_station is not None:
            return station == want_station
        return division == want_division or want_division is None
    value = record.get(piece.attribute)
    if piece.attribute == "day" and isinstance(value, date):
        value = value.toordinal()
    if piece.attribute in NUMERIC:
        if piece.value is None or value is None:
            return piece.value is None and value is None
        return piece.value[0] <= value < piece.value[1]
    value = NOT_RECORDED if value in (None, "") else str(value)
    return piece.value == value or piece.value == OTHER


# Findings.


@dataclass
class Finding:
    """A count (or an average) of a set of records that the released figures pin down."""

    kind: str  # "region", "withheld figure", "difference", "average"
    universe: str
    what: str
    low: float
    high: float
    threshold: int
    partition: Partition = field(repr=False)
    cells: np.ndarray = field(repr=False)

    def _in_region(self, records: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
        # A record's cell is found by its first matching piece, so place pieces of a named
        # station come before the rest of its division (as _pieces lists them).
        return [r for r in records if self.cells[self.partition.cell_of(r)]]

    def true_count(self, records: Iterable[Mapping[str, Any]]) -> int:
        return len(self._in_region(records))

    def true_average_hours(self, records: Iterable[Mapping[str, Any]]) -> float:
        seconds = [r["seconds_to_disclose"] for r in self._in_region(records)]
        return sum(seconds) / len(seconds) / 3600

    def __str__(self) -> str:
        value = f"{self.low:g}" if self.low == self.high else f"{self.low:g}..{self.high:g}"
        return f"{self.kind} [{self.universe}] {self.what} = {value} (threshold {self.threshold})"


class Attacker:
    """Collects released documents and works out what they give away together."""

    def __init__(
        self, stations: Mapping[str, str], threshold: int = 5, sensitive_threshold: int = 10
    ) -> None:
        self.stations = dict(stations)
        self.threshold = threshold
        self.sensitive_threshold = sensitive_threshold
        self.figures: list[Figure] = []
        self.averages: list[Average] = []

    def receive(self, document: Mapping[str, Any], source: str = "") -> None:
        figures, averages = figures_of(document, source or document.get("question", ""))
        self.figures += figures
        self.averages += averages

    def findings(self) -> list[Finding]:
        found: list[Finding] = []
        for universe in sorted({f.universe for f in self.figures}):
            found += self._universe(universe)
        return found

    def _threshold(self, partition: Partition, cells: np.ndarray) -> int:
        sensitive = partition.children_only(cells) or partition.disabled_only(cells)
        return self.sensitive_threshold if sensitive else self.threshold

    def _universe(self, universe: str) -> list[Finding]:
        figures = [f for f in self.figures if f.universe == universe]
        averages = [a for a in self.averages if a.universe == universe]
        partition = Partition(
            [f.conditions for f in figures] + [a.conditions for a in averages], self.stations
        )
        masks = np.array([partition.mask(f.conditions) for f in figures])
        found = self._differences(universe, partition, figures, masks)
        found += self._bounds(universe, partition, figures, masks)
        found += self._averages(universe, partition, averages)
        return found

    def _differences(
        self, universe: str, partition: Partition, figures: list[Figure], masks: np.ndarray
    ) -> list[Finding]:
        """The issue's attacks as written: one shown total less another over fewer records."""
        totals = [n for n, f in enumerate(figures) if f.source.endswith(": total")]
        found = []
        for a, b in itertools.permutations(totals, 2):
            big, small = figures[a], figures[b]
            if big.count is None or small.count is None:
                continue
            inside = masks[b] & ~masks[a]
            between = masks[a] & ~masks[b]
            if inside.any() or not between.any():
                continue
            difference = big.count - small.count
            threshold = self._threshold(partition, between)
            if 1 <= difference < threshold:
                what = f"{big.source} less {small.source}: {partition.describe(between)}"
                found.append(
                    Finding(
                        "difference",
                        universe,
                        what,
                        difference,
                        difference,
                        threshold,
                        partition,
                        between,
                    )
                )
        return found

    def _bounds(
        self, universe: str, partition: Partition, figures: list[Figure], masks: np.ndarray
    ) -> list[Finding]:
        """Least and most of every region and every withheld figure, by integer programming."""
        # Cells that every figure takes in or leaves out together are one region.
        packed = np.packbits(masks, axis=0).T.copy()
        keys = packed.view(np.dtype((np.void, packed.shape[1]))).reshape(-1)
        _, first, region_of = np.unique(keys, return_index=True, return_inverse=True)
        region_of = region_of.reshape(-1)
        signatures = masks[:, first].T  # region -> which figures take it in
        used = signatures.any(axis=1)
        matrix = signatures[used].T.astype(float)  # figures x regions
        regions = np.flatnonzero(used)
        system = _System(matrix, figures)
        found = []
        targets: list[tuple[str, np.ndarray, np.ndarray]] = []
        for column, region in enumerate(regions):
            cells = region_of == region
            target = np.zeros(len(regions))
            target[column] = 1
            targets.append(("region", target, cells))
        for n, figure in enumerate(figures):
            if figure.count is None:
                targets.append(("withheld figure", matrix[n], masks[n]))
        for kind, target, cells in targets:
            threshold = self._threshold(partition, cells)
            if not system.could_be_pinned(target, threshold):
                continue
            high = system.most(target)
            if high >= threshold or high < 1:
                continue
            low = system.least(target)
            if low >= 1:
                what = partition.describe(cells)
                if kind == "withheld figure":
                    source = next(
                        f.source
                        for f, m in zip(figures, masks, strict=True)
                        if f.count is None and (m == cells).all()
                    )
                    what = f"{source} ({what})"
                found.append(Finding(kind, universe, what, low, high, threshold, partition, cells))
        return found

    def _averages(
        self, universe: str, partition: Partition, averages: list[Average]
    ) -> list[Finding]:
        """Two shown averages over nested sets give the average of the records between."""
        found = []
        for big, small in itertools.permutations(averages, 2):
            outer, inner = partition.mask(big.conditions), partition.mask(small.conditions)
            between = outer & ~inner
            if (inner & ~outer).any() or not between.any():
                continue
            records = big.based_on - small.based_on
            threshold = self._threshold(partition, between)
            if not 1 <= records < threshold:
                continue
            hours = (big.hours * big.based_on - small.hours * small.based_on) / records
            slack = 0.05 * (big.based_on + small.based_on) / records  # shown to 0.1 hour
            what = (
                f"{big.source} and {small.source}: average hours of {records} record(s), "
                f"{partition.describe(between)}"
            )
            found.append(
                Finding(
                    "average",
                    universe,
                    what,
                    hours - slack,
                    hours + slack,
                    threshold,
                    partition,
                    between,
                )
            )
        return found


class _System:
    """The released figures as constraints on the regions' whole-number counts.

    Every solution found is kept: a target that some solution already puts at 0 (so its
    least is 0) or at T or more (so its most is at least T) cannot be pinned, and needs no
    programme of its own.
    """

    def __init__(self, matrix: np.ndarray, figures: list[Figure]) -> None:
        low = [f.count if f.count is not None else f.at_least for f in figures]
        high = [f.count if f.count is not None else INF for f in figures]
        self.constraint = LinearConstraint(matrix, low, high)
        self.size = matrix.shape[1]
        self.solutions: list[np.ndarray] = []
        self._solve(np.ones(self.size))

    def could_be_pinned(self, target: np.ndarray, threshold: int) -> bool:
        values = np.array(self.solutions) @ target
        return bool(values.min() >= 1 and values.max() < threshold)

    def _solve(self, objective: np.ndarray) -> float:
        result = milp(
            objective,
            integrality=np.ones(self.size),
            bounds=Bounds(0, INF),
            constraints=[self.constraint],
        )
        if result.status == 0:
            self.solutions.append(np.round(result.x))
            return float(round(result.fun))
        if result.status == 3 or (result.status == 4 and "nbounded" in result.message):
            return -INF
        raise RuntimeError(f"the released figures cannot all hold: {result.message}")

    def least(self, target: np.ndarray) -> float:
        return self._solve(target)

    def most(self, target: np.ndarray) -> float:
        return -self._solve(-target)
