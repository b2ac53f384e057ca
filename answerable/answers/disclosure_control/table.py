"""Count tables, and how a published figure is named by the categories it fixes.

A figure in any published table (a cell, a margin or a total) is the number of records whose
categories match some of the base table's dimensions, e.g. {station: Govan, band: over 48
hours}. Naming figures this way lets several tables cut from the same records be audited as
one system (register_notes.md: "audit each response's tables together").
"""

import itertools
import operator
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

# A figure's name: the (dimension, value) pairs it fixes, sorted by dimension, leaving out
# dimensions with a single value (fixing those changes nothing). Two figures with the same key
# count the same records, so they are the same number wherever they are published.
FigureKey = tuple[tuple[str, str], ...]


def figure_key(fixed: Mapping[str, str], sizes: Mapping[str, int]) -> FigureKey:
    """The canonical key of the figure fixing these categories; sizes: values per dimension."""
    return tuple(sorted((dim, value) for dim, value in fixed.items() if sizes[dim] > 1))


@dataclass(frozen=True)
class Table:
    """An n-dimensional table of counts.

    dimensions: names, e.g. ("station", "band"); values: every category label of each
    dimension in display order, zeros included (a category with no records is still a row);
    counts: from a tuple of labels (one per dimension) to a count, a missing key meaning 0.
    A table with no dimensions is just a total, held under the key ().
    """

    dimensions: tuple[str, ...]
    values: tuple[tuple[str, ...], ...]
    counts: dict[tuple[str, ...], int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        dimensions = tuple(self.dimensions)
        values = tuple(tuple(labels) for labels in self.values)
        if len(set(dimensions)) != len(dimensions):
            raise ValueError(f"dimension names repeat: {dimensions}")
        if len(values) != len(dimensions):
            raise ValueError(f"{len(dimensions)} dimensions but {len(values)} lists of values")
        for dimension, labels in zip(dimensions, values, strict=True):
            if not labels:
                raise ValueError(f"dimension {dimension!r} has no values")
            if len(set(labels)) != len(labels):
                raise ValueError(f"dimension {dimension!r} repeats a value: {labels}")
        known = [set(labels) for labels in values]
        counts: dict[tuple[str, ...], int] = {}
        for labels, raw in self.counts.items():
            labels = tuple(labels)
            if len(labels) != len(dimensions):
                raise ValueError(f"key {labels} does not name one value per dimension")
            for dimension, label, allowed in zip(dimensions, labels, known, strict=True):
                if label not in allowed:
                    raise ValueError(f"{label!r} is not a value of dimension {dimension!r}")
            if isinstance(raw, bool):
                raise ValueError(f"count for {labels} is a bool, not a count")
            count = operator.index(raw)  # accepts numpy integers, rejects floats
            if count < 0:
                raise ValueError(f"count for {labels} is negative: {count}")
            counts[labels] = counts.get(labels, 0) + count
        object.__setattr__(self, "dimensions", dimensions)
        object.__setattr__(self, "values", values)
        object.__setattr__(self, "counts", counts)

    def combinations(self) -> Iterator[tuple[str, ...]]:
        """Every combination of labels in row-major display order (one, (), for no dimensions)."""
        return itertools.product(*self.values)

    def count(self, labels: Sequence[str]) -> int:
        """The count for one combination of labels (0 when absent)."""
        return self.counts.get(tuple(labels), 0)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def values_of(self, dimension: str) -> tuple[str, ...]:
        return self.values[self.dimensions.index(dimension)]

    def sizes(self) -> dict[str, int]:
        return {dim: len(labels) for dim, labels in zip(self.dimensions, self.values, strict=True)}

    def marginal(self, dimensions: Sequence[str]) -> "Table":
        """The table of these dimensions, summing the others out."""
        positions = [self.dimensions.index(dimension) for dimension in dimensions]
        counts: dict[tuple[str, ...], int] = {}
        for labels, count in self.counts.items():
            key = tuple(labels[position] for position in positions)
            counts[key] = counts.get(key, 0) + count
        return Table(
            tuple(dimensions), tuple(self.values[position] for position in positions), counts
        )
