"""The suppressor's map of a response: every distinct figure and how figures add up.

A response publishes several tables cut from one base table (the finest cross-classification
of the records). Each table's cells, one-way margins and total are figures; a figure that
appears in several tables (the grand total always does) is one figure here, so it is withheld
everywhere or nowhere. "Relations" record which figures add up to which (a margin is the sum
of its row, the total the sum of a dimension's margins): a reader can subtract along any of
them, so they are where secondary suppression looks for cells to withhold.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from answerable.answers.disclosure_control.policy import Policy
from answerable.answers.disclosure_control.table import FigureKey, Table, figure_key
from answerable.lazy import lazy_module

if TYPE_CHECKING:
    import numpy as np
else:
    np = lazy_module("numpy")  # imported when first used: a quick start (lazy.py)


@dataclass
class Figure:
    """One distinct published number."""

    index: int
    key: FigureKey
    cells: tuple[int, ...]  # the base cells it sums
    count: int
    # The strictest threshold of the tables it is published in: one number, one decision.
    threshold: int
    # How many dimensions it fixes: interior cells of a fine table are "finer" than margins,
    # and secondary suppression prefers them (register_notes.md, tau-ARGUS practice).
    fineness: int
    relations: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Relation:
    """aggregate = sum(components), all figures of one published table."""

    aggregate: int
    components: tuple[int, ...]

    @property
    def members(self) -> tuple[int, ...]:
        return (self.aggregate, *self.components)


@dataclass
class TableLayout:
    """Where one published table's cells, margins and total sit among the figures."""

    dimensions: tuple[str, ...]
    values: tuple[tuple[str, ...], ...]
    threshold: int
    cells: list[tuple[tuple[str, ...], int]]  # (labels, figure index), row-major
    margins: dict[str, list[tuple[str, int]]]  # dimension -> (value, figure index)
    total: int


@dataclass
class Layout:
    base: Table
    figures: list[Figure]
    relations: list[Relation]
    tables: list[TableLayout]
    total: int  # the grand total's figure index
    base_counts: np.ndarray

    def relations_of(self, figure: int) -> list[Relation]:
        return [self.relations[index] for index in self.figures[figure].relations]


def build_layout(base: Table, breakdowns: Sequence[Sequence[str]], policy: Policy) -> Layout:
    sizes = base.sizes()
    shape = tuple(len(labels) for labels in base.values)
    n_cells = int(np.prod(shape)) if shape else 1
    base_counts = np.array([base.count(labels) for labels in base.combinations()], dtype=np.int64)
    grid = np.indices(shape).reshape(len(shape), -1).T if shape else np.zeros((1, 0), int)
    positions = [{label: place for place, label in enumerate(labels)} for labels in base.values]

    figures: list[Figure] = []
    by_key: dict[FigureKey, int] = {}

    def figure_for(fixed: dict[str, str], threshold: int) -> int:
        key = figure_key(fixed, sizes)
        index = by_key.get(key)
        if index is None:
            mask = np.ones(n_cells, dtype=bool)
            for dimension, label in fixed.items():
                column = base.dimensions.index(dimension)
                mask &= grid[:, column] == positions[column][label]
            cells = tuple(int(cell) for cell in np.flatnonzero(mask))
            count = int(base_counts[list(cells)].sum())
            index = len(figures)
            figures.append(Figure(index, key, cells, count, threshold, len(key)))
            by_key[key] = index
        else:
            figures[index].threshold = max(figures[index].threshold, threshold)
        return index

    relations: dict[tuple[int, tuple[int, ...]], Relation] = {}

    def relate(aggregate: int, components: Sequence[int]) -> None:
        parts = tuple(sorted(set(components)))
        if parts == (aggregate,):
            return  # a dimension with one value: the "sum" is the figure itself
        relations.setdefault((aggregate, parts), Relation(aggregate, parts))

    tables: list[TableLayout] = []
    for breakdown in breakdowns:
        dimensions = tuple(breakdown)
        if len(set(dimensions)) != len(dimensions):
            raise ValueError(f"breakdown repeats a dimension: {dimensions}")
        for dimension in dimensions:
            if dimension not in base.dimensions:
                raise ValueError(f"{dimension!r} is not a dimension of the base table")
        values = tuple(base.values_of(dimension) for dimension in dimensions)
        threshold = policy.threshold_for(dimensions)
        total = figure_for({}, threshold)
        # A table with no dimensions is just its total: no cells repeating it.
        cells = [
            (labels, figure_for(dict(zip(dimensions, labels, strict=True)), threshold))
            for labels in itertools.product(*values)
            if dimensions
        ]
        margins: dict[str, list[tuple[str, int]]] = {}
        if len(dimensions) >= 2:
            for place, dimension in enumerate(dimensions):
                row: list[tuple[str, int]] = []
                for value in values[place]:
                    margin = figure_for({dimension: value}, threshold)
                    row.append((value, margin))
                    relate(margin, [index for labels, index in cells if labels[place] == value])
                relate(total, [margin for _, margin in row])
                margins[dimension] = row
        elif dimensions:
            relate(total, [index for _, index in cells])
        tables.append(TableLayout(dimensions, values, threshold, cells, margins, total))

    total_index = figure_for({}, policy.threshold_for(()))
    relation_list = list(relations.values())
    for number, relation in enumerate(relation_list):
        for member in relation.members:
            figures[member].relations.append(number)
    return Layout(base, figures, relation_list, tables, total_index, base_counts)
