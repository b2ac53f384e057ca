"""Writing an answer as a text table, JSON, CSV or XLSX.

Labels come from the register (station names, offence codes), which anyone with a write
scope or an import file can set: every CSV and XLSX cell goes through web/spreadsheet.py,
so that none is read as a formula.
"""

import csv
import io
import json
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from answerable.answers.answer import Answer
from answerable.answers.output.document import as_document
from answerable.answers.output.grid import grid, notes
from answerable.web.spreadsheet import append_row, neutralised_row

FORMATS = ("table", "json", "csv", "xlsx")


def as_text(answer: Answer) -> str:
    rows = [[str(cell) for cell in row] for row in grid(answer)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [answer.counts.question.title, ""]
    for index, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        lines.append("  ".join(cells).rstrip())
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    lines.append("")
    lines += [f"{heading}: {text}" for heading, text in notes(answer)]
    return "\n".join(lines) + "\n"


def as_json(answer: Answer) -> str:
    return json.dumps(as_document(answer), indent=2, ensure_ascii=False) + "\n"


def as_csv(answer: Answer) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(neutralised_row(row) for row in grid(answer))
    return out.getvalue()


def write_xlsx(answer: Answer, path: Path) -> None:
    """A workbook as the Government Statistical Service lays one out: the table on its own
    sheet, and a cover sheet with the notes ([c] explained there)."""
    book = Workbook()
    cover = book.active
    cover.title = "Cover"
    append_row(cover, [answer.counts.question.title])
    cover["A1"].font = Font(bold=True, size=14)
    for heading, text in notes(answer):
        append_row(cover, [heading, text])
    cover.column_dimensions["A"].width = 30
    cover.column_dimensions["B"].width = 100
    table = book.create_sheet("Table")
    for row in grid(answer):
        append_row(table, row)
    for cell in table[1]:
        cell.font = Font(bold=True)
    table.column_dimensions["A"].width = 30
    book.save(path)


def render(answer: Answer, format_name: str) -> str:
    if format_name == "table":
        return as_text(answer)
    if format_name == "json":
        return as_json(answer)
    if format_name == "csv":
        return as_csv(answer)
    raise ValueError(f"{format_name} is written to a file, not printed")
