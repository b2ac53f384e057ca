"""A case question that a published statistics table answers is offered an s25 answer with
the table's address, and the Commissioner's quarterly return counts the s25 cited (issue 18,
part 3)."""

from datetime import date

import pytest
from casework_helpers import make_case, officer
from django.test import Client
from django.urls import reverse
from statistics_releases_support import manager, publish, register, series  # noqa: F401

from answerable.casework.models import RequestQuestion
from answerable.casework.models.choices import AnswerKind, Notice
from answerable.casework.published import published_table
from answerable.casework.statistics import parse_quarter, quarterly_return
from answerable.roles.assign import assign_role
from answerable.roles.roles import Role

pytestmark = pytest.mark.django_db

Q2_BY_STATION = {
    "question": "custody-count",
    "from": "2026-04-01",
    "to": "2026-06-30",
    "by": ["station"],
}


@pytest.fixture
def case(series, manager):
    publish(series, manager, "2026-Q2")
    case = make_case(received_on=date(2026, 8, 3))
    RequestQuestion.objects.create(
        request=case, number=1, text="Q2 by centre?", answer_kind="figures", ask=Q2_BY_STATION
    )
    RequestQuestion.objects.create(
        request=case,
        number=2,
        text="Q2 by time in custody?",
        answer_kind="figures",
        ask={**Q2_BY_STATION, "by": ["duration"]},
    )
    return case


def test_only_the_question_a_published_table_answers_is_offered_it(case):
    first, second = case.questions.order_by("number")
    table = published_table(first)
    assert table is not None and table.edition.slug == "custody-2026-q2"
    assert published_table(second) is None  # no table is broken down by time in custody


def test_the_officer_answers_with_the_tables_address_and_the_return_counts_it(case):
    user = officer("foi")
    assign_role(user, Role.FOI_OFFICER)
    client = Client()
    client.force_login(user)
    page = client.get(reverse("casework:case_detail", kwargs={"reference": case.reference}))
    text = page.content.decode()
    assert "A published statistics table answers this question" in text
    assert text.count("Answer with the table's address") == 1

    url = reverse("casework:question_published", kwargs={"reference": case.reference, "number": 1})
    assert client.post(url).status_code == 302
    question = case.questions.get(number=1)
    assert question.answer_kind == AnswerKind.EXEMPT and question.exemption.section == "25"
    assert "/statistics/custody-2026-q2/#table-" in question.answer_text
    # Question 2 has no table: nothing to point to.
    other = reverse(
        "casework:question_published", kwargs={"reference": case.reference, "number": 2}
    )
    assert client.post(other).status_code == 404

    case.responded_on, case.notice, case.status = date(2026, 8, 20), Notice.PARTIAL, "responded"
    case.save()
    report = quarterly_return(parse_quarter("2026-Q3"))
    assert report.value("25", "FOI") == 1
