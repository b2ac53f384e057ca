"""The pre-release audit catches leaking patterns (register_notes.md: tau-ARGUS audit).

Hand-made patterns, fed either as explicit linear systems (audit_raw) or as published tables
(audit), including ones a naive check misses: two withheld cells in a row pinned by column
margins, an integer-only leak that an LP range hides, and two linked tables that are each safe
alone but leak together.
"""

import itertools

import pytest

from answerable.answers.disclosure_control import (
    WITHHELD_MARKER,
    ProtectedTable,
    PublishedCell,
    Table,
    audit,
    audit_raw,
    protect,
    protect_all,
)


def brute_force_range(
    n_cells: int, published: list[tuple[list[int], int]], withheld: list[list[int]], cell: int
) -> tuple[int, int]:
    """Every non-negative integer solution up to the largest published value, by enumeration."""
    top = max(value for _, value in published)
    values = []
    for counts in itertools.product(range(top + 1), repeat=n_cells):
        if all(sum(counts[i] for i in cells) == value for cells, value in published) and all(
            sum(counts[i] for i in cells) >= 1 for cells in withheld
        ):
            values.append(counts[cell])
    return min(values), max(values)


# 2 x 2 base cells, row-major: 0 = (x, p), 1 = (x, q), 2 = (y, p), 3 = (y, q).
ROW_X, ROW_Y, COL_P, COL_Q = [0, 1], [2, 3], [0, 2], [1, 3]


def test_one_withheld_cell_with_published_margins_is_determined() -> None:
    # Counts 3, 9 / 8, 7: withholding only the 3 leaves it as row total minus the 9.
    published = [([1], 9), ([2], 8), ([3], 7), (ROW_X, 12), (ROW_Y, 15), (COL_P, 11), (COL_Q, 16)]
    report = audit_raw(4, published, [[0]])
    assert not report.passed
    assert report.bounds[0].determined and report.bounds[0].lower == 3
    assert {problem.kind for problem in report.problems} == {"determined", "below_threshold"}


def test_two_withheld_cells_in_a_row_are_pinned_by_their_column_margins() -> None:
    # 3 x 3 table; row x withholds (x,p)=3 and (x,q)=9, but no other cell in columns p or q is
    # withheld, so each column margin minus its visible cells gives the withheld one.
    counts = {("x", "p"): 3, ("x", "q"): 9, ("x", "r"): 6, ("y", "p"): 8, ("y", "q"): 7}
    counts |= {("y", "r"): 5, ("z", "p"): 10, ("z", "q"): 11, ("z", "r"): 12}
    rows, cols = ("x", "y", "z"), ("p", "q", "r")
    cells = list(itertools.product(rows, cols))
    index = {labels: number for number, labels in enumerate(cells)}
    withheld = [[index[("x", "p")]], [index[("x", "q")]]]
    published = [([index[c]], counts[c]) for c in cells if c not in {("x", "p"), ("x", "q")}]
    for row in rows:
        published.append(([index[(row, col)] for col in cols], sum(counts[(row, c)] for c in cols)))
    for col in cols:
        published.append(([index[(row, col)] for row in rows], sum(counts[(r, col)] for r in rows)))
    report = audit_raw(9, published, withheld)
    assert not report.passed
    assert [bounds.lower for bounds in report.bounds] == [3, 9]
    assert all(bounds.determined for bounds in report.bounds)


def test_withheld_cells_whose_range_stays_below_the_threshold_fail() -> None:
    # Two withheld cells (1 and 2) whose row shows 3 between them: each is 1 or 2.
    report = audit_raw(3, [([0, 1, 2], 10), ([2], 7)], [[0], [1]])
    assert [(b.lower, b.upper) for b in report.bounds] == [(1, 2), (1, 2)]
    assert [problem.kind for problem in report.problems] == ["below_threshold"] * 2


def test_the_display_tells_a_reader_withheld_figures_are_at_least_one() -> None:
    # x + y = 2 with both withheld: since zeros would have been shown, x = y = 1.
    report = audit_raw(2, [([0, 1], 2)], [[0], [1]], threshold=1)
    assert all(b.determined and b.lower == 1 for b in report.bounds)
    # If zeros could be hidden too (lower_bound=0) the same figures would be 0 to 2.
    relaxed = audit_raw(2, [([0, 1], 2)], [[0], [1]], threshold=1, lower_bound=0)
    assert [(b.lower, b.upper) for b in relaxed.bounds] == [(0, 2), (0, 2)]


def test_a_safe_pattern_passes_with_exact_bounds() -> None:
    # Counts 6, 9 / 8, 7, all four withheld, margins published: one degree of freedom.
    published = [(ROW_X, 15), (ROW_Y, 15), (COL_P, 14), (COL_Q, 16)]
    report = audit_raw(4, published, [[0], [1], [2], [3]])
    assert report.passed
    assert [(b.lower, b.upper) for b in report.bounds] == [(1, 13), (2, 14), (1, 13), (2, 14)]
    for cell, bounds in enumerate(report.bounds):
        assert (bounds.lower, bounds.upper) == brute_force_range(
            4, published, [[0], [1], [2], [3]], cell
        )


def test_an_integer_only_leak_is_caught_by_the_milp() -> None:
    # Base cells 0..4 with counts 2, 0, 3, 0, 2. The LP relaxation lets cell 0 range over
    # [1, 2] (cell 3 can be 0.5), but in whole numbers cell 3 must be 0 and cell 0 must be 2.
    published = [([3, 4], 2), ([2, 4], 5), ([0, 2, 3], 5)]
    withheld = [[0], [2], [4]]
    report = audit_raw(5, published, withheld, threshold=1)
    first = report.bounds[0]
    assert (first.lower, first.upper) == (2, 2) == brute_force_range(5, published, withheld, 0)
    assert first.determined and not report.passed
    assert report.milp_solves >= 1


def test_a_withheld_figure_that_is_also_published_is_determined() -> None:
    # Cell 5 is withheld but published elsewhere as 4; the rest is the integer-gap system.
    published = [([3, 4], 2), ([2, 4], 5), ([0, 2, 3], 5), ([5], 4)]
    report = audit_raw(6, published, [[0], [2], [4], [5]], threshold=1)
    assert report.bounds[3].determined and report.bounds[3].lower == 4


def test_contradictory_figures_are_reported_not_passed() -> None:
    report = audit_raw(2, [([0, 1], 5), ([0], 2), ([1], 2)], [])
    assert not report.passed and report.problems[0].kind == "inconsistent"
    # No whole numbers fit a + b = b + c = a + c = 1, though halves do.
    report = audit_raw(3, [([0, 1], 1), ([1, 2], 1), ([0, 2], 1)], [[0]], threshold=1)
    assert not report.passed and report.problems[0].kind == "inconsistent"


def test_a_withheld_figure_without_an_upper_limit_passes() -> None:
    report = audit_raw(3, [([0], 4)], [[1], [1, 2]])
    assert report.passed
    assert all(bounds.upper is None for bounds in report.bounds)


# -- auditing published tables --------------------------------------------------------------------


def cell(labels: tuple[str, ...], display: str) -> PublishedCell:
    withheld = display == WITHHELD_MARKER
    count = None if withheld or not display.isdigit() else int(display)
    return PublishedCell(labels, count, display, "primary" if withheld else "shown")


def published_table(
    dimensions: tuple[str, ...],
    cells: dict[tuple[str, ...], str],
    margins: dict[str, dict[str, str]],
    total: str,
    threshold: int = 5,
) -> ProtectedTable:
    """A table as a reader sees it, typed in by hand."""
    published = [cell(labels, display) for labels, display in cells.items()]
    rows = {
        dim: [cell((value,), shown) for value, shown in row.items()] for dim, row in margins.items()
    }
    every = [*published, *(margin for row in rows.values() for margin in row)]
    return ProtectedTable(
        dimensions=dimensions,
        threshold=threshold,
        cells=published,
        margins=rows,
        total=cell((), total),
        withheld=sum(figure.withheld for figure in every),
        method="typed in by hand",
        footnotes=[],
    )


C = WITHHELD_MARKER

# Station x band (true counts s1: 3, 9; s2: 6, 8; s3: 20, 30): s1 and s2 withhold their band
# "b1" cell and their station total. Alone, the two withheld b1 cells share 29 - 20 = 9.
STATION_BAND = published_table(
    ("station", "band"),
    {
        ("s1", "b1"): C, ("s1", "b2"): "9",
        ("s2", "b1"): C, ("s2", "b2"): "8",
        ("s3", "b1"): "20", ("s3", "b2"): "30",
    },
    {"station": {"s1": C, "s2": C, "s3": "50"}, "band": {"b1": "29", "b2": "47"}},
    "76",
)  # fmt: skip
BY_STATION = published_table(("station",), {("s1",): "12", ("s2",): "14", ("s3",): "50"}, {}, "76")


def test_linked_tables_each_safe_alone_leak_together() -> None:
    alone = audit([STATION_BAND])
    assert alone.passed
    s1_b1 = alone.bounds_for((("band", "b1"), ("station", "s1")))
    assert (s1_b1.lower, s1_b1.upper) == (1, 8)
    assert audit([BY_STATION]).passed  # nothing withheld
    together = audit([STATION_BAND, BY_STATION])
    assert not together.passed
    leaked = together.bounds_for((("band", "b1"), ("station", "s1")))
    assert leaked.determined and leaked.lower == 3  # station total 12 minus the visible 9
    labels = {problem.label for problem in together.problems}
    assert "table 1 (station x band): s1 / b1" in labels


def test_protect_all_withholds_consistently_so_the_linked_pair_cannot_leak() -> None:
    base = Table(
        ("station", "band"),
        (("s1", "s2", "s3"), ("b1", "b2")),
        {("s1", "b1"): 3, ("s1", "b2"): 9, ("s2", "b1"): 6, ("s2", "b2"): 8}
        | {("s3", "b1"): 20, ("s3", "b2"): 30},
    )
    tables = protect_all(base, [("station", "band"), ("station",)])
    assert audit(tables).passed
    one_alone = protect(base)
    assert audit([one_alone]).passed


def test_the_audit_reads_the_display_not_the_suppressors_bookkeeping() -> None:
    honest = audit([STATION_BAND])
    # Lie in the status and count fields: the audit must not care.
    lying = ProtectedTable(
        dimensions=STATION_BAND.dimensions,
        threshold=STATION_BAND.threshold,
        cells=[PublishedCell(c.labels, 999, c.display, "shown") for c in STATION_BAND.cells],
        margins=STATION_BAND.margins,
        total=STATION_BAND.total,
        withheld=0,
        method="",
        footnotes=[],
    )
    assert audit([lying]) == honest


def test_a_figure_shown_in_one_table_and_withheld_in_another_is_caught() -> None:
    withheld_total = published_table(("band",), {("b1",): "29", ("b2",): "47"}, {}, C)
    shown_total = published_table((), {}, {}, "76")
    report = audit([withheld_total, shown_total])
    assert not report.passed
    assert report.problems[0].kind == "determined"


def test_unreadable_display_text_is_an_error() -> None:
    table = published_table(("band",), {("b1",): "29", ("b2",): "*"}, {}, "76")
    with pytest.raises(ValueError, match="cannot read"):
        audit([table])
