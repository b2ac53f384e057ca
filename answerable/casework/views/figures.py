"""A figures answer (the `ask` JSON document kept on the question) as a page's table."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from answerable.casework.letters.figures import FiguresError, FigureTable, figure_table


@dataclass(frozen=True)
class PageTable:
    table: FigureTable
    value_columns: int  # the columns of figures after the row headers
    group_span: int  # a cross-tab's value columns, under its second dimension's heading


def dimension_titles(document: Mapping[str, Any]) -> dict[str, str]:
    """The catalogue's titles of the document's dimensions, as the letter names them."""
    from answerable.answers.catalogue import CATALOGUE

    question = CATALOGUE.get(str(document.get("question")))
    if question is None:
        return {}
    return {name: dimension.title for name, dimension in question.dimensions.items()}


def page_table(document: Mapping[str, Any] | None) -> PageTable | None:
    """The table the letter gives (letters/figures.py), withheld cells shown as [c]; None
    when there is no result, or one that is not a table."""
    if not document:
        return None
    try:
        table = figure_table(document, dimension_titles(document))
    except FiguresError:
        return None
    values = len(table.columns) - table.header_columns
    return PageTable(table, values, values - 1 if table.column_group else 0)
