"""An answer as a page shows it: the published grid (output/grid.py) split into its header,
rows and total, and the rows of the bar chart drawn beside it (web/charts.py)."""

from dataclasses import dataclass

from answerable.answers.answer import Answer
from answerable.answers.output.grid import Cell, grid

ChartRows = list[tuple[str, int | None]]


@dataclass(frozen=True)
class ResultTable:
    header: list[Cell]  # empty for a bare total
    rows: list[list[Cell]]  # each starts with its row's label
    total: list[Cell]
    two_way: bool


def result_table(answer: Answer) -> ResultTable:
    """The table exactly as the CSV and XLSX give it: withheld figures as [c]."""
    rows = grid(answer)
    if not answer.by:
        return ResultTable(header=[], rows=[], total=rows[0], two_way=False)
    return ResultTable(header=rows[0], rows=rows[1:-1], total=rows[-1], two_way=len(answer.by) == 2)


@dataclass(frozen=True)
class ChartData:
    title: str
    rows: ChartRows


def chart_data(answer: Answer) -> ChartData:
    """One bar per value of the first breakdown: a one-way table's cells, a two-way table's
    row totals; the total alone when there is no breakdown. A withheld figure is None."""
    question, published, by = answer.counts.question, answer.published, answer.by
    if not by:
        return ChartData(question.title, [("Total", published.total.count)])
    title = f"{question.title} by {question.dimensions[by[0]].title.lower()}"
    if len(by) == 1:
        return ChartData(title, [(cell.labels[0], cell.count) for cell in published.cells])
    return ChartData(
        f"{title} (row totals)",
        [(figure.labels[0], figure.count) for figure in published.margins[by[0]]],
    )
