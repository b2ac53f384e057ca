"""An answer as a file to download: CSV and XLSX as `answerable ask` writes them
(answers/output), and PDF from an HTML table by core/pdf.py's html_to_pdf.

Exact figures (no disclosure control) are for internal use only (answer.py, NO_SUPPRESSION):
their files say NOT FOR PUBLICATION in the file name and in the content itself, so that a
copy forwarded without its covering e-mail still says so.
"""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from answerable.answers.answer import Answer
from answerable.answers.output.formats import as_csv, write_xlsx
from answerable.answers.output.grid import notes
from answerable.answers.views.tables import result_table
from answerable.core.pdf import html_to_pdf
from answerable.core.spreadsheet import neutralised_row, text_cell

NOT_FOR_PUBLICATION = "NOT FOR PUBLICATION"
EXACT_WARNING = (
    f"{NOT_FOR_PUBLICATION}: exact figures without disclosure control, for internal use only"
)

# The notes a CSV or PDF says at its head (the title and the period), not again below.
SAID_ABOVE = ("Question", "Period")


@dataclass(frozen=True)
class Format:
    extension: str
    content_type: str
    write: Callable[[Answer, bool], bytes]


def filename(answer: Answer, exact: bool, extension: str) -> str:
    """e.g. custody-count_2017-04-01_to_2018-03-31_by_station.csv; names from the catalogue
    and ISO dates only, so nothing needs quoting."""
    ask = answer.counts.ask
    parts = [ask.question]
    if ask.first_day or ask.last_day:
        first = ask.first_day.isoformat() if ask.first_day else "start"
        last = ask.last_day.isoformat() if ask.last_day else "latest"
        parts.append(f"{first}_to_{last}")
    if ask.by:
        parts.append("by_" + "_".join(ask.by))
    if exact:
        parts.append(NOT_FOR_PUBLICATION.replace(" ", "-"))
    return "_".join(parts) + "." + extension


def _lines(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(neutralised_row(row) for row in rows)
    return out.getvalue()


def csv_bytes(answer: Answer, exact: bool) -> bytes:
    """The table as `answerable ask --format csv` writes it, under its title and period,
    and followed by its notes (the disclosure control and [c] explained once)."""
    context = notes(answer)
    period = dict(context)["Period"]
    head = _lines([[answer.counts.question.title], ["Period", period], []])
    below = [[heading, text] for heading, text in context if heading not in SAID_ABOVE]
    tail = _lines([[], ["Notes"], *below])
    text = head + as_csv(answer) + tail
    if exact:
        text = f"{EXACT_WARNING}\n{text}"
    return text.encode("utf-8")


def xlsx_bytes(answer: Answer, exact: bool) -> bytes:
    out = io.BytesIO()
    write_xlsx(answer, out)  # openpyxl saves to a file object as to a path
    if not exact:
        return out.getvalue()
    from openpyxl import load_workbook  # when first used: a quick start (lazy.py)
    from openpyxl.styles import Font

    book = load_workbook(io.BytesIO(out.getvalue()))
    for sheet in book.worksheets:
        sheet.insert_rows(1)
        text_cell(sheet, 1, 1, EXACT_WARNING)
        sheet["A1"].font = Font(bold=True, color="D4351C")
        # Printed on every page, however the sheet is cut or copied.
        for printed in (sheet.oddHeader, sheet.oddFooter):
            assert printed is not None  # every sheet has them (openpyxl makes them empty)
            printed.center.text = NOT_FOR_PUBLICATION
    marked = io.BytesIO()
    book.save(marked)
    return marked.getvalue()


def css_string(text: str) -> str:
    """Text as a CSS string literal (quotes and backslashes escaped)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def pdf_html(answer: Answer, exact: bool) -> str:
    marking = str(settings.ANSWERABLE_PROTECTIVE_MARKING)
    if exact:
        marking += f" \N{EN DASH} {NOT_FOR_PUBLICATION}"
    # The marking is printed once on each page, by the page's own header (@top-center):
    # never again in the body, where page 1 would show it twice.
    stylesheet = render_to_string(
        "answers/answer_pdf.css", {"marking": mark_safe(css_string(marking))}
    )
    context = notes(answer)
    return render_to_string(
        "answers/answer_pdf.html",
        {
            # Built here: page templates carry no <style> element (the site's CSP); this
            # document is never served as a page, only printed.
            "stylesheet": mark_safe(f"<style>{stylesheet}</style>"),
            "answer": answer,
            "question": answer.counts.question,
            "period": dict(context)["Period"],
            "table": result_table(answer),
            "notes": [(heading, text) for heading, text in context if heading not in SAID_ABOVE],
            "exact": exact,
            "warning": EXACT_WARNING,
            "authority_name": settings.ANSWERABLE_AUTHORITY_NAME,
            "marking": marking,
        },
    )


def pdf_bytes(answer: Answer, exact: bool) -> bytes:
    return html_to_pdf(pdf_html(answer, exact))


FORMATS: dict[str, Format] = {
    "csv": Format("csv", "text/csv; charset=utf-8", csv_bytes),
    "xlsx": Format(
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        xlsx_bytes,
    ),
    "pdf": Format("pdf", "application/pdf", pdf_bytes),
}
