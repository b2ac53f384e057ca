"""Issuing from the admin, the letters as issued, and what cannot be issued."""

from datetime import date
from decimal import Decimal

import pytest
from casework_helpers import approve, make_case
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from answerable.casework.issue import (
    IssueError,
    issue_fees_notice,
    issue_response,
    issue_review_notice,
)
from answerable.casework.models import IssuedLetter, RequestQuestion, Review
from answerable.disclosure_log.models import Publication

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    case = make_case(date(2026, 7, 1), requester_name="Ms Requester Private")
    RequestQuestion.objects.create(
        request=case,
        number=1,
        text="Do you hold a policy on sharing victims' data with the Home Office?",
        answer_kind="text",
        answer_text="Yes: the policy is enclosed.",
    )
    return case


def test_the_admin_action_issues_the_response_with_the_notice_recorded(admin_client, case):
    url = reverse("admin:casework_informationrequest_changelist")
    admin_client.post(url, {"action": "issue_responses", "_selected_action": [case.pk]})
    case.refresh_from_db()
    assert case.responded_on is None  # no notice chosen: nothing issued
    case.notice = "full"
    case.save()
    admin_client.post(url, {"action": "issue_responses", "_selected_action": [case.pk]})
    case.refresh_from_db()
    assert case.responded_on is None  # not signed off: nothing issued
    approve(case)
    admin_client.post(url, {"action": "issue_responses", "_selected_action": [case.pk]})
    case.refresh_from_db()
    assert case.responded_on is not None and case.status == "responded"
    letter = IssuedLetter.objects.get(request=case)
    assert letter.issued_by.username == "admin"
    publication = Publication.objects.get(reference=case.reference)
    assert "Requester Private" not in publication.body_html
    assert (publication.publish_on - publication.issued_on).days == 7


def test_a_letter_is_opened_only_by_those_who_may_see_the_requester(case, django_user_model):
    approve(case)
    issued = issue_response(case, notice="full", issued_on=date(2026, 7, 20))
    staff = django_user_model.objects.create_user("foi", password="x", is_staff=True)
    client = Client()
    client.force_login(staff)
    pdf = reverse("casework:letter", args=[issued.pk, "pdf"])
    assert client.get(pdf).status_code == 403
    staff.user_permissions.add(Permission.objects.get(codename="view_requester"))
    response = client.get(pdf)
    assert response.status_code == 200 and response.content[:4] == b"%PDF"
    html = client.get(reverse("casework:letter", args=[issued.pk, "html"])).content.decode()
    assert "Ms Requester Private" in html and case.reference in html
    assert client.get(reverse("casework:letter", args=[issued.pk, "docx"])).status_code == 404
    assert Client().get(pdf).status_code == 302  # to the login page


def test_what_cannot_be_issued_is_refused_with_the_reason(case):
    with pytest.raises(IssueError, match="not a response"):
        issue_response(case, notice="review", issued_on=date(2026, 7, 20))
    with pytest.raises(IssueError, match="before the request was received"):
        issue_response(case, notice="full", issued_on=date(2026, 6, 30))
    with pytest.raises(IssueError, match="Ask for sign-off before issuing"):
        issue_response(case, notice="full", issued_on=date(2026, 7, 20))
    with pytest.raises(IssueError, match="record the fee"):
        issue_fees_notice(case, issued_on=date(2026, 7, 2))
    unanswered = make_case(date(2026, 7, 1), title="Another")
    RequestQuestion.objects.create(request=unanswered, number=1, text="How many?")
    approve(unanswered)
    with pytest.raises(IssueError, match="question 1 has no answer"):
        issue_response(unanswered, notice="full", issued_on=date(2026, 7, 20))
    assert not IssuedLetter.objects.exists() and not Publication.objects.exists()


def test_a_fees_notice_stops_the_clock_and_a_review_notice_is_kept(case):
    case.manual_search_minutes = 600  # 10 hours at GBP 15: GBP 150, fee 10% of GBP 50
    case.fee_gbp = Decimal("5.00")
    case.save()
    issue_fees_notice(case, issued_on=date(2026, 7, 3))
    case.refresh_from_db()
    assert case.fee_notice_issued_on == date(2026, 7, 3) and case.status == "awaiting_fee"
    fees = IssuedLetter.objects.get(request=case, notice="fees")
    assert "fee of <strong>£5</strong>" in fees.html and "cost £150" in fees.html
    review = Review.objects.create(
        request=case,
        requirement_received_on=date(2026, 8, 3),
        channel="email",
        outcome="confirm",
        reasons="The fee was correctly calculated under regulation 4.",
    )
    issue_review_notice(review, issued_on=date(2026, 8, 20))
    review.refresh_from_db()
    assert review.responded_on == date(2026, 8, 20)
    notice = IssuedLetter.objects.get(review=review)
    assert "correctly calculated" in notice.html and "Court of Session" in notice.html


def test_the_anonymiser_is_given_whole_names_never_a_surname_alone():
    from answerable.casework.issue import personal_strings

    case = make_case(
        date(2026, 7, 1),
        requester_name="Ms Anne Govan",
        requester_email="anne@example.org",
        requester_address="1 High Street\nPerth",
    )
    strings = personal_strings(case)
    assert strings[0] == "Ms Anne Govan"
    assert {"1 High Street", "anne@example.org", "Anne Govan", "Ms Govan", "A. Govan"} <= set(
        strings
    )
    assert "Govan" not in strings and "Perth" not in strings
    # a custody centre's name stays in the published tables: not "Govan", not "Perth"
