"""Cells that are safe to open in a spreadsheet: the one neutralising function for every
CSV and XLSX the product writes (answers, the disclosure log, the audit export, the
statistics return).

Officers open these files in Excel or LibreOffice. A cell that starts with = + - or @ (or a
tab, carriage return or line feed, which a spreadsheet skips before reading one of those)
is read as a formula, and a label typed by anyone (a station name, an offence code, a
request's title) could then run one: CSV or formula injection (OWASP, "CSV Injection").
Such a cell gets a leading apostrophe, which Excel and LibreOffice read as "this is text".
Numbers are numbers, and written as they are. Line breaks within a cell are kept, as
line feeds, so that a carriage return cannot start a forged row.

In XLSX every cell from data is also written as text (openpyxl's data type "s"), never as a
formula, whatever it starts with.
"""

from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")

Cell = str | int | float | None


def neutralise(value: Any) -> Cell:
    """A cell for a CSV or XLSX file: text that cannot be read as a formula. Numbers and
    empty cells are kept as they are; anything else is written as its text."""
    if value is None or (isinstance(value, int | float) and not isinstance(value, bool)):
        return value
    # One kind of line break, which every CSV writer quotes (a lone carriage return is not
    # quoted by a writer whose lines end in "\n", and would start a row of its own).
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def neutralised_row(row: Iterable[Any]) -> list[Cell]:
    return [neutralise(value) for value in row]


def text_cell(sheet: Any, row: int, column: int, value: Any) -> Any:
    """Put `value` in an openpyxl sheet's cell, neutralised, text always as text."""
    cell = sheet.cell(row=row, column=column)
    cell.value = neutralise(value)
    if isinstance(cell.value, str):
        cell.data_type = "s"  # openpyxl makes a formula of any string starting with "="
    return cell


def append_row(sheet: Any, values: Iterable[Any]) -> None:
    """openpyxl's sheet.append(), with every cell through text_cell()."""
    sheet.append(neutralised_row(values))
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"  # never "f", whatever the text
