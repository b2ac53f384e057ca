"""The staff dashboard (dashboard:index): the register's headline figures, each a table with
its chart beside it, the same figures the answer page (and so an FOI response) gives; and
for those who do casework, the cases awaiting a response by deadline."""

import json
from datetime import date

import pytest
from answer_page_support import entries, grid_of, signed_in
from casework_helpers import make_case
from dashboard_support import (
    DASHBOARD,
    REFERRALS,
    REQUESTER,
    at,
    block_figures,
    block_grid,
    register,  # noqa: F401  (fixtures)
)
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from seed_001 import BAND_COUNTS, STATION_COUNTS

from answerable.dashboard.figures import blocks, last_complete_months, months_back
from answerable.roles.roles import Role
from answerable.web.wording import MONTHS

pytestmark = pytest.mark.django_db


# --- access -----------------------------------------------------------------------------------


def test_the_public_is_sent_to_sign_in():
    response = Client().get(DASHBOARD)
    assert response.status_code == 302 and reverse("web:login") in response["Location"]


@pytest.mark.parametrize("role", list(Role))
def test_every_staff_role_sees_the_figures_and_only_caseworkers_the_cases(role):
    response = signed_in(role).get(DASHBOARD)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Immigration-related custody episodes by custody centre" in page
    caseworker = role in (Role.FOI_OFFICER, Role.DISCLOSURE_MANAGER)
    assert ("Cases awaiting a response" in page) == caseworker
    assert response.context["casework"] == caseworker


def test_a_signed_in_user_without_a_role_is_refused():
    assert signed_in(None, "nobody").get(DASHBOARD).status_code == 403


# --- the figures --------------------------------------------------------------------------------


def test_the_figures_are_the_answer_pages_under_disclosure_control(register):
    analyst = signed_in(Role.ANALYST, "analyst")
    # The last 12 complete months on 2 April 2018 are the financial year 2017/18.
    with at("2018-04-02T12:00:00"):
        response = analyst.get(DASHBOARD)
        assert response.status_code == 200
        fy = {"from": "2017-04-01", "to": "2018-03-31"}
        same_asks = {
            "by-month": {"question": "custody-count", "by": "month", **fy},
            "by-year": {"question": "custody-count", "by": "year", "to": "2017-12-31"},
            "by-station": {"question": "custody-count", "by": "station", **fy},
            "by-duration": {"question": "custody-count", "by": "duration", **fy},
            "referrals-by-crime-type": {"question": "referrals", "by": "crime_type", **fy},
        }
        for key, query in same_asks.items():
            page = analyst.get(reverse("answers:index"), query)
            assert block_grid(response, key) == grid_of(page), key

    stations = block_figures(response, "by-station")
    assert stations["Dundee"] == "[c]" and stations["Total"] == 537
    assert all(stations[s] in (n, "[c]") for s, n in STATION_COUNTS.items())
    assert {band: block_figures(response, "by-duration")[band] for band in BAND_COUNTS} == (
        BAND_COUNTS
    )
    months = block_figures(response, "by-month")
    # Months in words, the last 12 complete months.
    assert list(months)[:12] == [f"{m} 2017" for m in MONTHS[3:]] + [
        "January 2018",
        "February 2018",
        "March 2018",
    ]
    assert list(block_figures(response, "by-year")) == ["2017", "Total"]  # complete years
    referrals = block_figures(response, "referrals-by-crime-type")
    # Shown to a reader as "Human trafficking", not the interchange code.
    assert "human_trafficking" not in referrals
    assert referrals["Human trafficking"] == "[c]"  # 3: fewer than 5
    assert referrals["Total"] in (sum(REFERRALS.values()), "[c]")  # never the status checks
    shown = {code.replace("_", " ").capitalize(): n for code, n in REFERRALS.items()}
    assert all(referrals[k] in (n, "[c]") for k, n in shown.items())


def test_each_figure_has_its_table_and_chart_side_by_side(register):
    with at("2018-04-02T12:00:00"):
        response = signed_in(Role.ANALYST, "analyst").get(DASHBOARD)
    page = response.content.decode()
    for figures in response.context["blocks"]:
        key = figures.block.key
        section = page[page.index(f'id="{key}"') :]
        section = section[: section.find("<h2", 1)]
        assert section.count('class="govuk-grid-column-one-half"') == 2, key
        assert section.index('<table class="govuk-table">') < section.index(
            f'aria-labelledby="{key}-title {key}-desc"'
        ), key
        rows = dict(figures.chart_rows)
        table = block_figures(response, key)
        assert rows == {k: (None if v == "[c]" else v) for k, v in table.items() if k != "Total"}
    assert ">[c]</text>" in page  # a withheld figure in a chart


def test_the_dashboard_is_a_handful_of_queries_and_one_audit_entry_per_view(register):
    foi = signed_in(Role.FOI_OFFICER, "foi")
    make_case(date(2018, 3, 1))
    with at("2018-04-02T12:00:00"), CaptureQueriesContext(connection) as queries:
        assert foi.get(DASHBOARD).status_code == 200
    reads = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT")]
    # One count per figure: grouped, or a band scheme counted band by band in one query.
    figures = [sql for sql in reads if 'COUNT(*) AS "n"' in sql]
    assert len(figures) == 5
    # With the session, the user, the audit chain, and per figure one read of the release
    # ledger and one of the first day the register holds its records (`answerable coverage`).
    assert len(reads) <= 30, "\n".join(reads)
    assert sum('"register_recordcoverage"' in sql for sql in reads) == 5
    logged = entries("dashboard")
    assert len(logged) == 1  # one consultation, one entry
    detail = json.loads(logged[0].detail)
    assert [(ask["question"], ask["by"]) for ask in detail["asks"]] == [
        ("custody-count", ["month"]),
        ("custody-count", ["year"]),
        ("custody-count", ["station"]),
        ("custody-count", ["duration"]),
        ("referrals", ["crime_type"]),
    ]
    assert detail["exact"] is False


def test_an_empty_register_has_zeros_and_no_years_yet():
    with at("2018-03-31T12:00:00"):
        response = signed_in(Role.ANALYST, "analyst").get(DASHBOARD)
    assert response.status_code == 200
    year = next(f for f in response.context["blocks"] if f.block.key == "by-year")
    assert year.answer is None and year.problem == "No records in a complete calendar year yet."
    assert block_figures(response, "by-station")["Total"] == 0


def test_the_last_12_complete_months_and_the_years_to_the_last_complete_one():
    assert months_back(date(2018, 3, 31), 11) == date(2017, 4, 1)
    assert months_back(date(2018, 1, 15), 11) == date(2017, 2, 1)
    assert months_back(date(2018, 12, 1), 12) == date(2017, 12, 1)
    asks = {block.key: block.ask for block in blocks(date(2018, 3, 31))}
    assert (asks["by-month"].first_day, asks["by-month"].last_day) == (
        date(2017, 3, 1),
        date(2018, 2, 28),
    )
    assert last_complete_months(date(2026, 1, 1)) == (date(2025, 1, 1), date(2025, 12, 31))
    # A part year's total beside its months would give away a withheld month.
    assert asks["by-year"].last_day == date(2017, 12, 31)
    assert asks["by-year"].first_day is None


# --- the cases ----------------------------------------------------------------------------------


def test_open_cases_by_deadline_with_the_overdue_flagged_and_no_requester():
    late = make_case(date(2026, 6, 1), title="Received first", requester_name=REQUESTER)
    later = make_case(date(2026, 7, 20), title="Received last", requester_name=REQUESTER)
    middle = make_case(date(2026, 7, 1), title="In between", requester_name=REQUESTER)
    answered = make_case(date(2026, 6, 2), status="responded", requester_name=REQUESTER)
    answered.responded_on = date(2026, 6, 20)
    answered.save()
    closed = make_case(date(2026, 6, 3), status="closed", requester_name=REQUESTER)
    foi = signed_in(Role.FOI_OFFICER, "foi")
    with at("2026-07-10T12:00:00"):
        response = foi.get(DASHBOARD)
    rows = response.context["cases"]
    expected = sorted((late, later, middle), key=lambda c: (c.due_on, c.reference))
    assert [row.reference for row in rows] == [c.reference for c in expected]
    assert response.context["cases_total"] == 3
    page = response.content.decode()
    assert REQUESTER not in page and "requester@private.example" not in page
    assert answered.reference not in page and closed.reference not in page
    flagged = [row.reference for row in rows if row.overdue]
    assert flagged == [late.reference]
    assert late.due_on < date(2026, 7, 10) <= middle.due_on
    red = page.split("govuk-tag--red")
    assert len(red) == 2 and late.reference in red[0].rsplit("<tr", 1)[1]
    assert "working days overdue" in page
    row = next(r for r in rows if r.reference == middle.reference)
    assert row.days_left == middle.working_days_left(date(2026, 7, 10)) > 0
    link = reverse("casework:case_detail", kwargs={"reference": late.reference})
    assert f'href="{link}"' in page
