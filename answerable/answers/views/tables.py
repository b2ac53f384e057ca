"""An answer as a page shows it: the published grid (output/grid.py) split into its header,
rows and total, and the rows of the bar chart drawn beside it (web/charts.py)."""

from dataclasses import dataclass

from answerable.answers.answer import Answer
from answerable.answers.filters import words_of
from answerable.answers.output.grid import Cell, grid
from answerable.web.wording import in_sentence

ChartRows = list[tuple[str, int | None]]


@dataclass(frozen=True)
class ResultTable:
    header: list[Cell]  # empty for a bare total
    rows: list[list[Cell]]  # each starts with its row's label
    total: list[Cell]
    two_way: bool


def _readable(row: list[Cell], labels: int) -> list[Cell]:
    """The row with its first `labels` cells as a reader sees them; the figures unchanged."""
    return [
        words_of(cell) if i < labels and isinstance(cell, str) else cell
        for i, cell in enumerate(row)
    ]


def result_table(answer: Answer) -> ResultTable:
    """The figures of the CSV and XLSX (withheld ones as [c]), labelled for a reader:
    `Domestic abuse` where the CSV keeps the vocabulary's `domestic_abuse`."""
    rows = grid(answer)
    if not answer.by:
        return ResultTable(header=[], rows=[], total=rows[0], two_way=False)
    two_way = len(answer.by) == 2
    header = rows[0]
    if two_way:  # the corner cell is the dimensions' titles; the rest are column labels
        header = [header[0], *_readable(header[1:], len(header) - 1)]
    labels = 1 if two_way else len(answer.by)
    body = [_readable(row, labels) for row in rows[1:-1]]
    return ResultTable(header=header, rows=body, total=rows[-1], two_way=two_way)


@dataclass(frozen=True)
class ChartData:
    title: str
    rows: ChartRows


def chart_data(answer: Answer) -> ChartData:
    """One bar per value of the first breakdown: a one-way table's cells, a two-way table's
    row totals; the total alone when there is no breakdown. A withheld figure is None; a
    figure not held (before the register holds its records) has no bar, as it is no figure."""
    question, published, by = answer.counts.question, answer.published, answer.by
    if not by:
        figures = [published.total]
        title = question.title
    elif len(by) == 1:
        figures = published.cells
        title = f"{question.title} by {in_sentence(question.dimensions[by[0]].title)}"
    else:
        figures = published.margins[by[0]]
        title = f"{question.title} by {in_sentence(question.dimensions[by[0]].title)} (row totals)"
    return ChartData(
        title,
        [
            ("Total" if not by else words_of(figure.labels[0]), figure.count)
            for figure in figures
            if figure.status != "not_held"
        ],
    )
