"""The quarterly statistics return: figures for a quarter, the page and the CSV."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from casework_helpers import make_case, officer
from django.core.management import CommandError, call_command

from answerable.casework.models import CitedExemption, CommissionerAppeal, Review
from answerable.casework.models.choices import Notice
from answerable.casework.statistics import (
    Quarter,
    as_csv,
    last_complete_quarter,
    parse_quarter,
    quarterly_return,
)
from answerable.roles.assign import assign_role
from answerable.roles.roles import Role

Q3 = Quarter(2026, 3)


def test_quarters():
    assert parse_quarter("2026-Q3") == Q3
    assert parse_quarter("2026q4") == Quarter(2026, 4)
    assert (Q3.first_day, Q3.last_day) == (date(2026, 7, 1), date(2026, 9, 30))
    assert Quarter(2026, 1).last_day == date(2026, 3, 31)
    assert Quarter(2026, 4).last_day == date(2026, 12, 31)
    assert last_complete_quarter(date(2026, 11, 23)) == Q3
    assert last_complete_quarter(date(2026, 2, 1)) == Quarter(2025, 4)
    with pytest.raises(ValueError, match="YYYY-QN"):
        parse_quarter("2026-Q5")


@pytest.fixture
def quarter_of_cases(db):
    reviewer = officer("reviewer")
    partial = make_case(
        date(2026, 7, 1), status="responded", responded_on=date(2026, 7, 20), notice="partial"
    )
    CitedExemption.objects.create(request=partial, section="s.38(1) (b)", reasons="Personal")
    CitedExemption.objects.create(request=partial, section="35(1)(a)", reasons="Law enforcement")
    late = make_case(
        date(2026, 7, 1), status="responded", responded_on=date(2026, 7, 31), notice="cost"
    )
    make_case(date(2026, 9, 15))  # not yet answered
    make_case(  # received in Q2, answered in Q3 in time
        date(2026, 6, 20), status="responded", responded_on=date(2026, 7, 10), notice="full"
    )
    environmental = make_case(
        date(2026, 7, 2),
        regime="eir-s",
        status="responded",
        responded_on=date(2026, 7, 15),
        notice="partial",
    )
    CitedExemption.objects.create(request=environmental, section="10(5)(b)", reasons="Justice")
    make_case(
        date(2026, 7, 3),
        fee_notice_issued_on=date(2026, 7, 10),
        fee_gbp=Decimal("25.00"),
        fee_paid_on=date(2026, 7, 15),
    )
    make_case(date(2026, 8, 3), status="withdrawn")
    make_case(date(2026, 10, 1))  # next quarter
    review = Review.objects.create(
        request=partial,
        requirement_received_on=date(2026, 8, 4),
        channel="email",
        dissatisfaction="Withheld figures.",
        reviewer=reviewer,
        outcome="confirm",
        responded_on=date(2026, 8, 20),
    )
    CommissionerAppeal.objects.create(
        request=partial, review=review, application_received_on=date(2026, 9, 1)
    )
    CommissionerAppeal.objects.create(
        request=late,
        application_received_on=date(2026, 8, 1),
        decision_on=date(2026, 9, 15),
        decision_number="Decision 123/2026",
        outcome="upheld",
    )


def test_the_figures_of_a_quarter(quarter_of_cases):
    report = quarterly_return(Q3)

    def both(measure: str) -> tuple:
        return report.value(measure, "FOI"), report.value(measure, "EIR")

    assert both("Requests received") == (5, 1)
    assert both("of which withdrawn") == (1, 0)
    assert both("Responses issued") == (3, 1)
    assert both("Responded within the time allowed") == (2, 1)
    assert both("Responded late") == (1, 0)
    assert both("Information supplied in full") == (1, 0)
    assert both("Information supplied in part (s16 notice for the rest)") == (1, 1)
    assert both("Refused: excessive cost (s12, s16(4))") == (1, 0)
    assert both("38(1)(b)") == (1, 0)
    assert both("35(1)(a)") == (1, 0)
    assert both("10(5)(b)") == (0, 1)
    assert both("Fees notices issued") == (1, 0)
    assert both("Fees received") == (1, 0)
    assert both("Fees received (GBP)") == (Decimal("25.00"), Decimal("0.00"))
    assert both("Requirements for review received") == (1, 0)
    assert both("Review responses within the time allowed") == (1, 0)
    assert both("Decision confirmed (s21(4)(a))") == (1, 0)
    assert both("Applications to the Commissioner") == (2, 0)
    assert both("Application upheld (authority failed)") == (1, 0)
    # Exemptions are listed in the order of the Act.
    sections = [r.measure for r in report.rows if r.section.startswith("Exemptions")]
    assert sections == ["10(5)(b)", "35(1)(a)", "38(1)(b)"]


def test_the_csv_has_a_row_per_measure_and_nothing_personal(quarter_of_cases):
    text = as_csv(quarterly_return(Q3))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == ["quarter", "section", "measure", "FOI", "EIR"]
    received = next(row for row in rows if row["measure"] == "Requests received")
    assert received == {
        "quarter": "2026-Q3",
        "section": "Requests",
        "measure": "Requests received",
        "FOI": "5",
        "EIR": "1",
    }
    assert "Requester" not in text and "private.example" not in text


def test_the_command_writes_the_csv(quarter_of_cases, tmp_path, capsys):
    out = tmp_path / "q3.csv"
    call_command("statistics", "--quarter", "2026-Q3", "--out", str(out))
    assert out.read_text() == as_csv(quarterly_return(Q3))
    assert "1 July 2026 to 30 September 2026" in capsys.readouterr().out
    with pytest.raises(CommandError, match="--quarter"):
        call_command("statistics", "--quarter", "Q3-2026")


def test_the_page_is_for_casework_staff_and_offers_the_csv(quarter_of_cases, client):
    url = "/casework/statistics/?quarter=2026-Q3"
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/sign-in/")
    analyst = officer("analyst")
    assign_role(analyst, Role.ANALYST)
    client.force_login(analyst)
    assert client.get(url).status_code == 403
    foi = officer("foi")
    assign_role(foi, Role.FOI_OFFICER)
    client.force_login(foi)
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Requests received" in html and "1 July 2026 to 30 September 2026" in html
    assert 'class="govuk-table"' in html and 'class="app-chart"' in html
    # The chart's figures are the return's outcomes, FOI and EIR together, in a table too.
    report = quarterly_return(Q3)
    outcomes = page.context["outcomes"]
    assert len(outcomes) == len(Notice)
    for notice, (label, foi_count, eir_count, total) in zip(Notice, outcomes, strict=True):
        figures = (report.value(notice.label, "FOI"), report.value(notice.label, "EIR"))
        assert (foi_count, eir_count) == figures and total == sum(figures)
        assert label in html
    assert page.context["chart_rows"] == [(o[0], o[3]) for o in page.context["outcomes"]]
    assert any(total for _, _, _, total in page.context["outcomes"])
    download = client.get(url + "&format=csv")
    assert download["Content-Type"].startswith("text/csv")
    assert download.content.decode() == as_csv(report)
    bad = client.get("/casework/statistics/?quarter=soon&format=csv")
    assert bad.status_code == 400 and bad["Content-Type"].startswith("text/html")
    assert "write it as YYYY-QN" in bad.content.decode()
