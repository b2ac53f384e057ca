"""The staff pages of tasking, the search record and sign-off, and issuing after sign-off."""

from datetime import date

import pytest
import time_machine
from casework_helpers import make_case, officer
from django.core import mail
from django.test import Client
from django.urls import reverse

from answerable.casework.models import (
    BusinessUnit,
    IssuedLetter,
    RequestQuestion,
    SearchRecord,
    SearchTask,
    SignOffDecision,
)
from answerable.roles.assign import assign_role
from answerable.roles.roles import Role

pytestmark = pytest.mark.django_db


def client_as(username: str, role: Role) -> Client:
    user = officer(username)
    assign_role(user, role)
    client = Client()
    client.force_login(user)
    return client


def url(case, name: str, **kwargs) -> str:
    return reverse(f"casework:{name}", kwargs={"reference": case.reference, **kwargs})


@pytest.fixture
def case():
    case = make_case(date(2026, 7, 1))  # due 29 July 2026
    RequestQuestion.objects.create(
        request=case, number=1, text="Do you hold a policy?", answer_kind="not_held",
        answer_text="No: the searches below found none.",
    )  # fmt: skip
    return case


@time_machine.travel("2026-07-06 10:00 +0100", tick=False)
def test_an_officer_tasks_records_the_search_gets_sign_off_and_issues(case) -> None:
    foi = client_as("foi", Role.FOI_OFFICER)
    manager = client_as("manager", Role.DISCLOSURE_MANAGER)
    unit = BusinessUnit.objects.get(name="Public Protection Unit")

    assert foi.get(url(case, "task_new")).status_code == 200
    late = {"unit": unit.pk, "kind": "search", "asked": "Any policy", "due_on": "30/07/2026"}
    page = foi.post(url(case, "task_new"), late).content.decode()
    assert "govuk-error-summary" in page and "statutory due date, 29 July 2026" in page
    assert not SearchTask.objects.exists()
    sent = foi.post(url(case, "task_new"), {**late, "due_on": "17/07/2026"})
    assert sent.status_code == 302
    task = SearchTask.objects.get()
    assert mail.outbox[-1].to == [unit.mailbox]

    assert foi.post(url(case, "task_chase", number=1), {"note": "Please"}).status_code == 302
    assert task.chases.get().chased_by.username == "foi"

    search = {
        "task": task.pk,
        "where": "Public protection file store",
        "searched_by": "PPU sergeant",
        "searched_on": "06/07/2026",
        "terms": "policy; Home Office; referral",
        "found": "Nothing held",
        "minutes": "45",
        "completes_task": "on",
    }
    future = foi.post(url(case, "search_record"), {**search, "searched_on": "07/07/2026"})
    assert "cannot be in the future" in future.content.decode()
    assert foi.post(url(case, "search_record"), search).status_code == 302
    assert SearchRecord.objects.get().minutes == 45
    task.refresh_from_db()
    assert task.status == "done"

    page = foi.get(url(case, "case_detail")).content.decode()
    assert "Public protection file store" in page and "policy; Home Office; referral" in page
    assert "the 45 minutes of searches recorded above" in page  # the cost, explained
    assert "Of which searches: 45 minutes recorded" in page
    assert "Ask for sign-off before issuing" in page

    refused = foi.post(url(case, "issue"), {"notice": "not_held"}).content.decode()
    assert "Ask for sign-off before issuing" in refused
    assert not IssuedLetter.objects.exists()

    assert foi.post(url(case, "sign_off_request"), {"notice": "not_held"}).status_code == 302
    assert foi.get(url(case, "sign_off_decide")).status_code == 403  # not an approver
    reject = manager.post(url(case, "sign_off_decide"), {"decision": "reject"})
    assert "Say why the response is rejected" in reject.content.decode()
    approved = manager.post(url(case, "sign_off_decide"), {"decision": "approve", "comment": "OK"})
    assert approved.status_code == 302
    assert SignOffDecision.objects.get().decided_by.username == "manager"

    issued = foi.post(url(case, "issue"), {"notice": "not_held"})
    assert issued.status_code == 302 and IssuedLetter.objects.filter(request=case).exists()
    page = foi.get(url(case, "case_detail")).content.decode()
    assert "Approved" in page and "By manager" in page


@time_machine.travel("2026-07-06 10:00 +0100", tick=False)
def test_a_sensitive_case_flagged_at_sign_off_needs_two_managers(case) -> None:
    foi = client_as("foi", Role.FOI_OFFICER)
    first = client_as("first", Role.DISCLOSURE_MANAGER)
    response = foi.post(
        url(case, "sign_off_request"), {"notice": "not_held", "flags": ["media_interest"]}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.media_interest
    first.post(url(case, "sign_off_decide"), {"decision": "approve"})
    again = first.post(url(case, "sign_off_decide"), {"decision": "approve"})
    assert "second, different approver" in again.content.decode()
    refused = foi.post(url(case, "issue"), {"notice": "not_held"}).content.decode()
    assert "needs 2 approvals" in refused
    second = client_as("second", Role.DISCLOSURE_MANAGER)
    second.post(url(case, "sign_off_decide"), {"decision": "approve"})
    assert foi.post(url(case, "issue"), {"notice": "not_held"}).status_code == 302


@time_machine.travel("2026-07-06 10:00 +0100", tick=False)
def test_a_manager_who_wrote_the_response_cannot_approve_it(case) -> None:
    manager = client_as("manager", Role.DISCLOSURE_MANAGER)
    manager.post(url(case, "sign_off_request"), {"notice": "not_held"})
    page = manager.get(url(case, "sign_off_decide")).content.decode()
    assert "someone other than the response" in page and "Record the decision" not in page
    refused = manager.post(url(case, "sign_off_decide"), {"decision": "approve"})
    assert refused.status_code == 409 and not SignOffDecision.objects.exists()
