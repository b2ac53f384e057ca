"""An `answerable ask --format json` document laid out as a table for a letter.

The same layout as a published table (answers/output/grid.py), built from the JSON document
the casework keeps rather than from an Answer: one dimension gives a list table, two a
cross-tab (the first dimension as rows, the second as columns, the margins as the total
column and row), three or more a long table followed by each dimension's totals. Cells show
the published `display` text, so a withheld figure shows as [c], never its count.

A table carries only what is its own: the caption (what is counted, any filter, the period
and the date the records are held from, the breakdown) and notes that apply to it alone.
What every table of a response shares (what [c], 0 and "not held" mean, and why small
figures are withheld) is said once for the whole response (notes.py), so the engine's
footnotes that say it are left off the table. The cost and average time lines are kept
apart for the letter to show only where they matter (render.py).
"""

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from answerable.answers.output.labels import reader_label as label

TOTAL = "Total"
WITHHELD = "[c]"
NOT_HELD = "not held"
# The rows of a table that fit on an A4 page of a letter below its caption and header, with
# room left for the text above it (letter.css: 9pt rows).
ROWS_ON_A_PAGE = 30

# The engine's footnotes (disclosure_control/published.py) that every table of a response
# shares: they are explained once per response (notes.py), not under each table.
_SHARED_FOOTNOTES = (WITHHELD, "0 means", "Disclosure control:")


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
    notes: tuple[str, ...] = ()  # what applies to this table alone
    cost: str = ""  # the estimated cost of answering, for the letter to show where it matters
    average: str = ""  # the average time to disclose, for the letter to show where asked

    @property
    def fits_a_page(self) -> bool:
        """Short enough to keep whole on one A4 page (the print stylesheet never splits it)."""
        return len(self.rows) <= ROWS_ON_A_PAGE


class FiguresError(ValueError):
    """An `ask` document that lacks what a table needs."""


def _day(text: str | None) -> str | None:
    if not text:
        return None
    try:
        day = date.fromisoformat(text)
    except (TypeError, ValueError):
        raise FiguresError(f"the `ask` document's period has {text!r}, not a date") from None
    return f"{day.day} {day:%B %Y}"


def held_from(document: Mapping[str, Any]) -> str | None:
    """The first day the register holds the document's records from, written out."""
    return _day((document.get("period") or {}).get("held_from"))


def _starts_before_held(document: Mapping[str, Any]) -> bool:
    """Whether the period asked for starts before the register holds its records (or has
    no start): only then does the caption need the date they are held from."""
    span = document.get("period") or {}
    held, first = span.get("held_from"), span.get("from")
    return bool(held) and (not first or str(first) < str(held))


def period(document: Mapping[str, Any]) -> str:
    """The period the figures cover, e.g. "1 April 2017 to 31 March 2018"."""
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


def _or(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]


def filters(document: Mapping[str, Any], titles: Mapping[str, str]) -> str:
    """The document's `where`, in words: "where custody centre is Govan or Ayr"."""
    parts = [
        f"{_title(name, titles).lower()} is {_or([label(value) for value in values])}"
        for name, values in (document.get("where") or {}).items()
        if values
    ]
    return "where " + " and ".join(parts) if parts else ""


def caption(document: Mapping[str, Any], titles: Mapping[str, str] | None = None) -> str:
    """What is counted, any filter, the period (and the date held from), the breakdown."""
    titles = titles or {}
    text = str(document["title"])
    where = filters(document, titles)
    if where:
        text += f" {where}"
    text += f", {period(document)}"
    if _starts_before_held(document):
        text += f" (records held from {held_from(document)})"
    by = list(document.get("by") or [])
    if by:
        text += ", by " + " and ".join(_title(name, titles).lower() for name in by)
    return text


def all_figures(document: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    """Every published figure of the document: cells, margins and the total."""
    yield from document.get("cells") or []
    for margin in (document.get("margins") or {}).values():
        yield from margin
    if document.get("total"):
        yield document["total"]


def is_not_held(figure: Mapping[str, Any]) -> bool:
    return figure.get("status") == "not_held" or str(figure.get("display")) == NOT_HELD


def shows(document: Mapping[str, Any], display: str) -> bool:
    """Whether any figure of the document is shown as `display` ("[c]", "0")."""
    return any(str(figure.get("display")) == display for figure in all_figures(document))


def has_not_held(document: Mapping[str, Any]) -> bool:
    return any(is_not_held(figure) for figure in all_figures(document))


def _shared(footnote: str, document: Mapping[str, Any]) -> bool:
    if footnote.startswith(_SHARED_FOOTNOTES):
        return True
    return has_not_held(document) and NOT_HELD in footnote.lower()


def _notes(document: Mapping[str, Any]) -> tuple[str, ...]:
    notes = []
    if document.get("counted"):
        # What was counted, with its filters, in plain words (answers/counting.py).
        notes.append(str(document["counted"]))
    # Counting people, the table's own footnote says how (answers/answer.py PEOPLE_NOTE).
    notes += [
        str(footnote)
        for footnote in document.get("footnotes") or []
        if not _shared(str(footnote), document)
    ]
    return tuple(notes)


def _cost(document: Mapping[str, Any]) -> str:
    cost = document.get("cost")
    if not cost:
        return ""
    return (
        f"Estimated cost of compliance: {cost['hours']} hours, {_money(cost['gbp'])} "
        f"(cost limit {_money(cost['limit_gbp'])})."
    )


def _average(document: Mapping[str, Any]) -> str:
    timing = document.get("time_to_disclose")
    if not timing:
        return ""
    return f"Average time to disclose: {timing.get('display')}."


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
    total = str(document["total"]["display"])
    common: dict[str, Any] = {
        "caption": caption(document, titles),
        "notes": _notes(document),
        "cost": _cost(document),
        "average": _average(document),
    }
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
