"""An answer laid out as a grid of rows, as a published table shows it.

One dimension: a row per value, then the total. Two: rows by the first, columns by the
second, with row and column totals (the margins). Three or more: a row per combination,
then each dimension's totals and the grand total.
"""

import re

from answerable.answers.answer import Answer, Figure, Published
from answerable.answers.counting import counted_line
from answerable.web.wording import in_sentence, period_between, pounds

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


def control_words(published: Published) -> str:
    """The disclosure control applied, in words a reader of the table follows: what is
    withheld and how many, never how the pattern was found (the solver is the disclosure
    manager's business: the JSON document's `suppression.method` keeps it)."""
    method, threshold = published.method, published.threshold
    if threshold is None:
        return method  # exact figures, or nothing held: already in words
    parts = [
        f"figures from 1 to {threshold - 1} are withheld, with any other figure that would "
        "let one be worked out"
    ]
    if "grand total below the threshold" in method:
        parts.append("the total is below the threshold, so the whole breakdown is withheld")
    elif "every non-zero figure withheld" in method:
        parts.append("every figure above 0 is withheld")
    together = re.search(r"audited together with the other (\d+) table", method)
    if together:
        others = int(together.group(1))
        parts.append(f"checked together with the other {others} table{'s' if others != 1 else ''}")
    withheld = published.withheld
    parts.append(f"{withheld} figure{'s' if withheld != 1 else ''} withheld ([c])")
    return "; ".join(parts)


def notes(answer: Answer) -> list[tuple[str, str]]:
    """The context a reader needs, as (heading, text) pairs, each said once."""
    ask, question, published = answer.counts.ask, answer.counts.question, answer.published
    lines = [
        ("Question", question.title),
        ("Period", period_between(ask.first_day, ask.last_day)),
        (
            "Counting",
            f"people, each counted once in each row, column and total ({question.unit})"
            if ask.count == "people"
            else question.unit,
        ),
        ("Counted", counted_line(question, ask).removeprefix("Counted: ")),
    ]
    for name, values in ask.where.items():
        dimension = question.dimensions.get(name)
        title = in_sentence(dimension.title) if dimension else name.replace("_", " ")
        lines.append((f"Only where {title}", ", ".join(values)))
    lines.append(("Disclosure control", control_words(published)))
    for footnote in dict.fromkeys(published.footnotes):
        lines.append(("Note", footnote))
    estimate = answer.cost
    lines.append(
        (
            "Estimated cost of compliance",
            f"{estimate.hours} hours, {pounds(estimate.gbp)} (limit "
            f"{pounds(estimate.limit_gbp)}; Fees Regulations SSI 2004/467)",
        )
    )
    return lines
