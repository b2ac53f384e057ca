"""Cells of the CSV export that are safe to open in a spreadsheet.

Officers open the export in Excel. A cell that starts with = + - or @ (or a tab or carriage
return, which Excel skips before reading one of those) is read as a formula, and a title
or exemption typed by anyone can then run one (CSV/formula injection, OWASP). Such a cell
gets a leading apostrophe, which makes Excel and LibreOffice read it as text.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str) -> str:
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell
