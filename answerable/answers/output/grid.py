"""An answer laid out as a grid of rows, as a published table shows it.

One dimension: a row per value, then the total. Two: rows by the first, columns by the
second, with row and column totals (the margins). Three or more: a row per combination,
then each dimension's totals and the grand total.
"""

from answerable.answers.answer import Answer, Figure
from answerable.answers.counting import counted_line

TOTAL = "Total"
Cell = str | int


def _value(figure: Figure) -> Cell:
    return figure.count if figure.count is not None else figure.display


def grid(answer: Answer) -> list[list[Cell]]:
    published, by = answer.published, answer.by
    titles = [answer.counts.question.dimensions[name].title for name in by]
    if not by:
        return [[TOTAL, _value(published.total)]]
    if len(by) == 2:
        rows_of, columns_of = answer.counts.table.values
        cells = {figure.labels: figure for figure in published.cells}
        row_totals = {f.labels[0]: f for f in published.margins[by[0]]}
        column_totals = {f.labels[0]: f for f in published.margins[by[1]]}
        rows: list[list[Cell]] = [[f"{titles[0]} / {titles[1]}", *columns_of, TOTAL]]
        for row in rows_of:
            rows.append(
                [row, *(_value(cells[(row, col)]) for col in columns_of), _value(row_totals[row])]
            )
        rows.append(
            [TOTAL, *(_value(column_totals[col]) for col in columns_of), _value(published.total)]
        )
        return rows
    rows = [[*titles, "Count"]]
    rows += [[*figure.labels, _value(figure)] for figure in published.cells]
    for position, dimension in enumerate(by):
        for figure in published.margins.get(dimension, []):
            labels = [TOTAL] * len(by)
            labels[position] = figure.labels[0]
            rows.append([*labels, _value(figure)])
    rows.append([*([TOTAL] * len(by)), _value(published.total)])
    return rows


def notes(answer: Answer) -> list[tuple[str, str]]:
    """The context a reader needs, as (heading, text) pairs."""
    ask, question, published = answer.counts.ask, answer.counts.question, answer.published
    period = f"{ask.first_day or 'the first record'} to {ask.last_day or 'the latest record'}"
    lines = [
        ("Question", question.title),
        ("Period", period),
        (
            "Counting",
            f"people, each counted once in each row, column and total ({question.unit})"
            if ask.count == "people"
            else question.unit,
        ),
        ("Counted", counted_line(question, ask).removeprefix("Counted: ")),
    ]
    for name, values in ask.where.items():
        lines.append((f"Only where {name}", ", ".join(values)))
    if published.threshold is None:
        lines.append(("Disclosure control", published.method))
    else:
        lines.append(
            ("Disclosure control", f"{published.method}; {published.withheld} figure(s) withheld")
        )
    for footnote in published.footnotes:
        lines.append(("Note", footnote))
    estimate = answer.cost
    lines.append(
        (
            "Estimated cost of compliance",
            f"{estimate.hours} hours, GBP {estimate.gbp} (limit GBP {estimate.limit_gbp}; "
            "Fees Regulations SSI 2004/467)",
        )
    )
    return lines
