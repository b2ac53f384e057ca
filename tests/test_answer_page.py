"""The answer page (answers:index) and its downloads (answers:download): a catalogue question
asked through a GET form, answered under disclosure control (exact figures only for those
allowed them), with its chart, notes, cost and audit entry."""

import csv
import io
import json
import re

import pytest
from answer_page_support import (  # noqa: F401  (fixtures)
    BY_STATION,
    FY_2017,
    PAGE,
    download_url,
    entries,
    figures_of,
    foi,
    grid_of,
    manager,
    register,
    signed_in,
)
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader
from seed_001 import STATION_COUNTS

from answerable.answers.output.formats import TABLE_FIRST_ROW
from answerable.audit.models import AuditEntry
from answerable.roles.roles import Role

pytestmark = pytest.mark.django_db


def test_the_public_is_sent_to_sign_in_and_custody_staff_are_refused():
    response = Client().get(PAGE)
    assert response.status_code == 302 and reverse("web:login") in response["Location"]
    custody = signed_in(Role.CUSTODY)
    assert custody.get(PAGE).status_code == 403
    assert custody.get(download_url("csv"), BY_STATION).status_code == 403
    assert signed_in(Role.DATA_PROTECTION_OFFICER).get(PAGE).status_code == 403


def test_the_empty_form_runs_nothing(foi):
    response = foi.get(PAGE)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="question"' in page and 'name="by"' in page and 'name="and_by"' in page
    assert 'name="exact"' not in page  # not offered to an FOI officer
    assert response.context["answer"] is None and not entries()


# --- the form's errors ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"question": "shoe-sizes"}, "question", "shoe-sizes is not in the catalogue"),
        ({"period": "2017/18"}, "question", "Choose a question"),
        (
            {"question": "referrals", "by": "station"},
            "by",
            "Custody centre (station) does not apply to “Referrals to the Home Office”",
        ),
        (
            {"question": "custody-count", "by": "station", "and_by": "recipient"},
            "and_by",
            "Recipient (recipient) does not apply",
        ),
        ({"question": "custody-count", "by": "colour"}, "by", "colour is not one"),
        (
            {"question": "custody-count", "from": "2018-03-31", "to": "2017-04-01"},
            "from",
            "The start (31/03/2018) is after the end (01/04/2017)",
        ),
        ({"question": "custody-count", "from": "31 Smarch 2018"}, "from", "Enter a valid date"),
        ({"question": "custody-count", "period": "2017/19"}, "period", "not a financial year"),
        ({"question": "custody-count", "period": "last year"}, "period", "is not a period"),
        (
            {"question": "custody-count", "period": "2018", "from": "2018-01-01"},
            "period",
            "either a named period or dates",
        ),
        ({"question": "custody-count", "by": "sex", "and_by": "sex"}, "and_by", "different"),
        ({"question": "custody-count", "and_by": "sex"}, "by", "first breakdown"),
        ({"question": "custody-count", "bands": "48,24"}, "bands", "increasing"),
    ],
)
def test_a_question_that_cannot_be_asked_says_what_and_where(foi, query, field, message):
    response = foi.get(PAGE, query)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert message in " ".join(errors.get(field, [])), errors
    page = response.content.decode()
    assert "There is a problem" in page and f'href="#id_{field}"' in page
    assert response.context["answer"] is None
    assert not entries()  # nothing was counted


def test_an_unknown_value_is_reported_on_its_field(foi, register):
    """The page's first form of a filter (`where=DIM&equals=V1,V2`) is still read."""
    response = foi.get(PAGE, {**FY_2017, "where": "station", "equals": "Govan,Govn"})
    assert response.status_code == 400
    errors = " ".join(response.context["form"].errors["where_station"])
    assert "Custody centre: “Govn” is not one of its values" in errors
    assert 'href="#id_where_station_0"' in response.content.decode()


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"where": "station"}, "where_station", "Custody centre: give the values to keep"),
        ({"equals": "Govan"}, "__all__", "need a dimension in “where”"),
        ({"where": "colour=red"}, "__all__", "'colour' is not a dimension"),
    ],
)
def test_a_filter_in_the_first_form_without_its_other_half_is_refused(foi, query, field, message):
    response = foi.get(PAGE, {"question": "custody-count", **query})
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert "There is a problem" in response.content.decode() and not entries()


def test_a_named_period_is_its_dates(foi, register):
    named = foi.get(PAGE, {"question": "custody-count", "period": "2017/18", "by": "station"})
    dated = foi.get(PAGE, BY_STATION)
    assert named.status_code == dated.status_code == 200
    assert figures_of(named) == figures_of(dated)


# --- the answer, under disclosure control -------------------------------------------------------


def test_an_foi_officer_gets_the_published_table_with_c_for_small_figures(foi, register):
    response = foi.get(PAGE, BY_STATION)
    assert response.status_code == 200
    shown = figures_of(response)
    assert shown["Dundee"] == "[c]" and shown["Saltcoats"] == "[c]"  # 1 each
    for station, exact in STATION_COUNTS.items():
        assert shown[station] in (exact, "[c]")  # never a changed figure
        if exact < 5:
            assert shown[station] == "[c]"
    assert shown["Total"] == 537
    page = response.content.decode()
    assert ">[c]</td>" in page and "NOT FOR PUBLICATION" not in page
    # The output module's notes, and the statutory cost estimate.
    assert "[c] Withheld" in page and "Estimated cost of compliance" in page
    assert "within the £600 limit" in page


def test_the_chart_beside_the_table_has_the_same_figures(foi, register):
    response = foi.get(PAGE, BY_STATION)
    rows = dict(response.context["chart_rows"])
    shown = figures_of(response)
    assert rows == {
        label: (None if value == "[c]" else value)
        for label, value in shown.items()
        if label != "Total"
    }
    page = response.content.decode()
    chart = page[page.index('<svg class="app-chart"') :]
    assert 'id="answer-chart-title"' in chart and ">[c]</text>" in chart
    assert page.index('<table class="govuk-table">') < page.index('<svg class="app-chart"')


def test_a_two_way_table_charts_its_row_totals(foi, register):
    response = foi.get(PAGE, {**BY_STATION, "and_by": "duration"})
    assert response.status_code == 200
    table = response.context["table"]
    assert table.two_way and table.header[1:] == ["0-24", "24-48", "48+", "In custody", "Total"]
    row_totals = {row[0]: row[-1] for row in table.rows}
    chart = dict(response.context["chart_rows"])
    assert chart == {k: (None if v == "[c]" else v) for k, v in row_totals.items()}
    assert "row totals" in response.context["chart_title"]


def test_a_disclosure_manager_who_ticks_exact_sees_the_exact_table(manager, register):
    controlled = manager.get(PAGE, BY_STATION)
    assert figures_of(controlled)["Dundee"] == "[c]"
    assert 'name="exact"' in controlled.content.decode()

    response = manager.get(PAGE, {**BY_STATION, "exact": "on"})
    assert response.status_code == 200
    shown = figures_of(response)
    assert {k: v for k, v in shown.items() if k != "Total"} == STATION_COUNTS
    page = response.content.decode()
    assert "govuk-warning-text" in page and "NOT FOR PUBLICATION" in page
    assert "[c]" not in shown.values()
    assert all("exact=on" in url for _, url in response.context["downloads"])
    # A case is never given exact figures: the attach form's query leaves `exact` out.
    assert "exact" not in response.context["attach_url"]


def test_an_foi_officer_cannot_get_exact_figures_by_the_address(foi, register):
    response = foi.get(PAGE, {**BY_STATION, "exact": "1"})
    assert response.status_code == 200
    assert figures_of(response)["Dundee"] == "[c]"
    page = response.content.decode()
    assert "NOT FOR PUBLICATION" not in page and "under disclosure control" in page
    assert all("exact" not in url for _, url in response.context["downloads"])
    assert json.loads(entries("answer page")[0].detail)["exact"] is False

    csv_download = foi.get(download_url("csv"), {**BY_STATION, "exact": "1"})
    assert "NOT-FOR-PUBLICATION" not in csv_download["Content-Disposition"]
    assert "Dundee,[c]" in csv_download.content.decode()


def test_an_open_period_by_year_with_no_records_says_what_to_do(foi):
    response = foi.get(PAGE, {"question": "custody-count", "by": "year"})
    assert response.status_code == 400
    assert "give the period's dates" in " ".join(response.context["form"].errors["by"])


# --- downloads ----------------------------------------------------------------------------------


def test_the_downloads_have_their_types_and_the_figures_on_the_page(foi, register):
    page = foi.get(PAGE, BY_STATION)
    expected = grid_of(page)
    assert [label for label, _ in page.context["downloads"]] == ["CSV", "XLSX", "PDF"]

    response = foi.get(download_url("csv"), BY_STATION)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="custody-count_2017-04-01_to_2018-03-31_by_station.csv"'
    )
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    start = rows.index(expected[0])  # under the title and period (test_answer_downloads.py)
    assert rows[start : start + len(expected)] == expected

    response = foi.get(download_url("xlsx"), BY_STATION)
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    book = load_workbook(io.BytesIO(response.content))
    table = book["Table"].iter_rows(min_row=TABLE_FIRST_ROW, values_only=True)
    rows = [[str(cell) for cell in row] for row in table]
    assert rows == expected
    notes = " ".join(str(c) for row in book["Notes"].iter_rows(values_only=True) for c in row)
    assert "Estimated cost of compliance" in notes and "NOT FOR PUBLICATION" not in notes

    response = foi.get(download_url("pdf"), BY_STATION)
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    for label, value in (row[:2] for row in expected[1:]):
        assert re.search(rf"{re.escape(label)}\s+{re.escape(value)}(?!\d)", text), (label, value)
    assert "Estimated cost of compliance" in text and "NOT FOR PUBLICATION" not in text


def test_exact_downloads_say_not_for_publication_in_name_and_content(manager, register):
    query = {**BY_STATION, "exact": "on"}
    response = manager.get(download_url("csv"), query)
    assert "NOT-FOR-PUBLICATION" in response["Content-Disposition"]
    lines = response.content.decode().splitlines()
    assert lines[0].startswith("NOT FOR PUBLICATION") and "Dundee,1" in lines

    response = manager.get(download_url("xlsx"), query)
    assert "NOT-FOR-PUBLICATION" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    for sheet in book.worksheets:
        assert str(sheet["A1"].value).startswith("NOT FOR PUBLICATION")
        assert sheet.oddHeader.center.text == "NOT FOR PUBLICATION"
    first = TABLE_FIRST_ROW + 1  # below the warning inserted above the title
    table = {row[0]: row[1] for row in book["Table"].iter_rows(min_row=first, values_only=True)}
    assert table["Dundee"] == 1

    response = manager.get(download_url("pdf"), query)
    assert "NOT-FOR-PUBLICATION" in response["Content-Disposition"]
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "NOT FOR PUBLICATION" in text and re.search(r"Dundee\s+1\b", text)


def test_a_download_of_a_question_that_cannot_be_asked_shows_the_form(foi):
    response = foi.get(download_url("csv"))
    assert response.status_code == 400
    assert "Choose a question" in response.content.decode()
    assert foi.get(download_url("docx"), BY_STATION).status_code == 404
    assert not entries()


# --- the audit trail ----------------------------------------------------------------------------


def test_each_run_writes_one_combination_entry_naming_the_query(foi, manager, register):
    foi.get(PAGE, {**BY_STATION, "where": "sex", "equals": "female"})
    (entry,) = entries()
    assert (entry.record_id, entry.purpose, entry.actor) == ("custody-count", "answer page", "foi")
    assert json.loads(entry.detail) == {
        "question": "custody-count",
        "from": "2017-04-01",
        "to": "2018-03-31",
        "by": ["station"],
        "where": {"sex": ["female"]},
        "exact": False,
    }
    foi.get(download_url("xlsx"), BY_STATION)
    (download,) = entries("answer download")
    assert json.loads(download.detail)["format"] == "xlsx"
    manager.get(PAGE, {**BY_STATION, "exact": "on"})
    exact = AuditEntry.objects.filter(actor="manager").get()
    assert json.loads(exact.detail)["exact"] is True
    assert len(entries()) == 3
    # Figures are never written to the trail, only what was asked.
    assert all("537" not in e.detail for e in entries())
