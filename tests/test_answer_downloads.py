"""Every download of an answer carries its title, period, notes and the disclosure-control
footnote, once (issue 19): the PDF prints the protective marking once a page and the period
on page 1; the CSV has the title and period above the table and the notes below; the XLSX
has a notes sheet. No solver's name in what staff read."""

import csv
import io

import pytest
from answer_page_support import BY_STATION, download_url, foi, register  # noqa: F401
from django.conf import settings
from openpyxl import load_workbook
from pypdf import PdfReader

pytestmark = pytest.mark.django_db

TITLE_WORDS = "custody"
PERIOD = "1 April 2017 to 31 March 2018"
SOLVERS = ("MILP", "HiGHS", " LP ")
WITHHELD_NOTE = "[c] Withheld"


def test_the_pdf_prints_the_marking_once_a_page_and_the_period_on_page_1(foi, register):
    response = foi.get(download_url("pdf"), BY_STATION)
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages]
    marking = settings.ANSWERABLE_PROTECTIVE_MARKING
    assert all(text.count(marking) == 1 for text in pages), [t.count(marking) for t in pages]
    assert f"Period: {PERIOD}" in pages[0]
    text = " ".join(pages)
    assert text.count(WITHHELD_NOTE) == 1
    assert not any(solver in text for solver in SOLVERS)
    assert "£" in text and "GBP" not in text


def test_the_csv_has_title_period_and_notes_once(foi, register):
    response = foi.get(download_url("csv"), BY_STATION)
    text = response.content.decode()
    rows = list(csv.reader(io.StringIO(text)))
    assert TITLE_WORDS in rows[0][0].lower() and rows[1] == ["Period", PERIOD]
    assert ["Notes"] in rows and rows.index(["Notes"]) > rows.index(["Custody centre", "Count"])
    assert text.count(WITHHELD_NOTE) == 1
    notes = dict(row for row in rows[rows.index(["Notes"]) + 1 :] if len(row) == 2)
    assert "Period" not in notes and "Question" not in notes  # said at the head
    assert "withheld ([c])" in notes["Disclosure control"]
    assert not any(solver in text for solver in SOLVERS)


def test_the_xlsx_has_a_notes_sheet_and_the_title_and_period_on_the_table(foi, register):
    response = foi.get(download_url("xlsx"), BY_STATION)
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Cover", "Table", "Notes"]
    table = book["Table"]
    assert TITLE_WORDS in str(table["A1"].value).lower() and PERIOD in str(table["A2"].value)
    notes = dict(book["Notes"].iter_rows(min_row=2, values_only=True))
    assert notes["Period"] == PERIOD and "Disclosure control" in notes
    every = " ".join(
        str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
    )
    assert every.count(WITHHELD_NOTE) == 1
    assert not any(solver in every for solver in SOLVERS)
