"""An `answerable ask --format json` document laid out as a table for a letter.

The same layout as a published table (answers/output/grid.py), built from the JSON document
the casework keeps rather than from an Answer: one dimension gives a list table, two a
cross-tab (the first dimension as rows, the second as columns, the margins as the total
column and row), three or more a long table followed by each dimension's totals. Cells show
the published `display` text, so a withheld figure shows as [c], never its count.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from answerable.answers.output.labels import reader_label as label

TOTAL = "Total"


@dataclass(frozen=True)
class Row:
    headers: tuple[str, ...]  # the row's header cells (what the figures are of)
    cells: tuple[str, ...]  # the figures, as published
    total: bool = False  # a row of totals


@dataclass(frozen=True)
class FigureTable:
    caption: str
    columns: tuple[str, ...]  # every column's header, the row-header columns first
    header_columns: int  # how many of the columns are row headers
    rows: tuple[Row, ...]
    column_group: str = ""  # a cross-tab's second dimension, spanning its value columns
    notes: tuple[str, ...] = ()
    cost: str = ""


class FiguresError(ValueError):
    """An `ask` document that lacks what a table needs."""


def _day(text: str | None) -> str | None:
    if not text:
        return None
    day = date.fromisoformat(text)
    return f"{day.day} {day:%B %Y}"


def period(document: Mapping[str, Any]) -> str:
    span = document.get("period") or {}
    first, last = _day(span.get("from")), _day(span.get("to"))
    if first and last:
        return f"{first} to {last}"
    if first:
        return f"from {first}"
    if last:
        return f"up to {last}"
    return "all records held"


def _title(name: str, titles: Mapping[str, str]) -> str:
    return titles.get(name) or label(name)


def _money(value: Any) -> str:
    amount = float(value)
    return f"£{amount:,.0f}" if amount.is_integer() else f"£{amount:,.2f}"


def _unit_and_filters(document: Mapping[str, Any], titles: Mapping[str, str]) -> list[str]:
    notes = []
    unit = document.get("unit")
    if document.get("counting") == "people":
        notes.append(
            f"Each person is counted once ({unit})." if unit else "Each person is counted once."
        )
    elif unit:
        notes.append(f"The figures count {unit}.")
    for name, values in (document.get("where") or {}).items():
        shown = ", ".join(label(value) for value in values)
        notes.append(f"Counted only where {_title(name, titles).lower()} is: {shown}.")
    return notes


def _notes(document: Mapping[str, Any], titles: Mapping[str, str]) -> tuple[str, ...]:
    notes = []
    if document.get("counted"):
        # What was counted, with its filters, in plain words (answers/counting.py).
        notes.append(str(document["counted"]))
    else:  # a document frozen before answers said what they counted
        notes += _unit_and_filters(document, titles)
    suppression = document.get("suppression") or {}
    threshold = suppression.get("threshold")
    if threshold is not None:
        notes.append(
            f"[c] withheld: counts from 1 to {threshold - 1} are not published, and nor are any "
            "further figures from which a withheld count could be worked out, so that no one "
            "can be identified from the table (statistical disclosure control)."
        )
        if suppression.get("reason"):
            notes.append(str(suppression["reason"]))
    timing = document.get("time_to_disclose")
    if timing:
        notes.append(f"Average time to disclose: {timing.get('display')}.")
    notes += [str(footnote) for footnote in document.get("footnotes") or []]
    return tuple(notes)


def _cost(document: Mapping[str, Any]) -> str:
    cost = document.get("cost")
    if not cost:
        return ""
    return (
        f"Estimated cost of compliance: {cost['hours']} hours, {_money(cost['gbp'])} "
        f"(cost limit {_money(cost['limit_gbp'])})."
    )


def _by_labels(figure: Mapping[str, Any], by: Sequence[str]) -> tuple[str, ...]:
    try:
        return tuple(figure[name] for name in by)
    except KeyError as error:
        raise FiguresError(f"a figure lacks its {error.args[0]!r} label: {dict(figure)}") from None


def figure_table(
    document: Mapping[str, Any], titles: Mapping[str, str] | None = None
) -> FigureTable:
    """The table of an `ask` document; `titles` names its dimensions (catalogue titles)."""
    titles = titles or {}
    for key in ("title", "by", "cells", "total"):
        if key not in document:
            raise FiguresError(f"the `ask` document lacks {key!r}")
    by = list(document["by"])
    dimension_titles = [_title(name, titles) for name in by]
    caption = f"{document['title']}, {period(document)}"
    if by:
        caption += ", by " + " and ".join(title.lower() for title in dimension_titles)
    total = str(document["total"]["display"])
    common = {"caption": caption, "notes": _notes(document, titles), "cost": _cost(document)}
    if not by:
        return FigureTable(
            columns=("", "Count"), header_columns=1, rows=(Row((TOTAL,), (total,), True),), **common
        )
    if len(by) == 1:
        rows = [
            Row((label(figure[by[0]]),), (str(figure["display"]),)) for figure in document["cells"]
        ]
        rows.append(Row((TOTAL,), (total,), True))
        return FigureTable(
            columns=(dimension_titles[0], "Count"), header_columns=1, rows=tuple(rows), **common
        )
    margins = document.get("margins") or {}
    if any(name not in margins for name in by):
        raise FiguresError(f"the `ask` document lacks the margins of {by}")
    cells = {_by_labels(figure, by): str(figure["display"]) for figure in document["cells"]}
    if len(by) == 2:
        row_totals = {figure[by[0]]: str(figure["display"]) for figure in margins[by[0]]}
        column_totals = {figure[by[1]]: str(figure["display"]) for figure in margins[by[1]]}
        columns = list(column_totals)
        rows = [
            Row(
                (label(row),),
                (*(cells.get((row, column), "") for column in columns), row_totals[row]),
            )
            for row in row_totals
        ]
        rows.append(Row((TOTAL,), (*(column_totals[c] for c in columns), total), True))
        return FigureTable(
            columns=(dimension_titles[0], *(label(c) for c in columns), TOTAL),
            header_columns=1,
            rows=tuple(rows),
            column_group=dimension_titles[1],
            **common,
        )
    rows = [
        Row(tuple(label(value) for value in labels), (shown,)) for labels, shown in cells.items()
    ]
    for position, name in enumerate(by):
        for figure in margins[name]:
            headers = [TOTAL] * len(by)
            headers[position] = label(figure[name])
            rows.append(Row(tuple(headers), (str(figure["display"]),), True))
    rows.append(Row(tuple([TOTAL] * len(by)), (total,), True))
    return FigureTable(
        columns=(*dimension_titles, "Count"), header_columns=len(by), rows=tuple(rows), **common
    )
