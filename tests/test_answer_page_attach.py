"""Attaching the answer on the page to an FOI case (answers:attach): the case keeps the query
as a figures question and answers it now, under disclosure control; a frozen question is
never changed."""

import json
from datetime import UTC, date, datetime
from urllib.parse import urlencode

import pytest
from answer_page_support import BY_STATION, entries, register, signed_in  # noqa: F401
from casework_helpers import make_case
from django.urls import NoReverseMatch, reverse

from answerable.answers.stored import ask_from_json
from answerable.casework.models import RequestQuestion
from answerable.roles.roles import Role

pytestmark = pytest.mark.django_db

STORED = {"question": "custody-count", "from": "2017-04-01", "to": "2018-03-31", "by": ["station"]}


def attach_url(query: dict) -> str:
    return reverse("answers:attach") + "?" + urlencode(query)


def case_page(reference: str) -> str | None:
    try:
        return reverse("casework:case_detail", kwargs={"reference": reference})
    except NoReverseMatch:  # the case pages are another part's; the stored question is checked
        return None


@pytest.fixture
def foi():
    return signed_in(Role.FOI_OFFICER, "foi")


@pytest.fixture
def case():
    return make_case(date(2026, 7, 1), title="Immigration custodies 2017/18")


def cell(result: dict, station: str) -> str:
    return next(c["display"] for c in result["cells"] if c["station"] == station)


def test_a_new_question_keeps_the_query_and_is_answered_now(foi, register, case):
    RequestQuestion.objects.create(request=case, number=1, text="Do you hold a policy?")
    response = foi.post(
        attach_url(BY_STATION),
        {"target": "new", "case": case.pk, "text": "How many people, by custody centre?"},
    )
    assert response.status_code == 302
    if (url := case_page(case.reference)) is not None:
        assert response["Location"] == url
    question = case.questions.get(number=2)  # the case's next number
    assert question.text == "How many people, by custody centre?"
    assert question.answer_kind == "figures" and question.ask == STORED
    assert ask_from_json(question.ask).by == ("station",)  # the `answerable ask` shape
    assert question.result["total"]["count"] == 537 and question.result_error == ""
    assert cell(question.result, "Dundee") == "[c]" and question.result_run_at is not None
    (entry,) = entries("answer attached to a case")
    assert json.loads(entry.detail) == {
        **STORED,
        "exact": False,
        "case": case.reference,
        "number": 2,
    }


def test_an_existing_question_gets_the_new_query_and_result(foi, register, case):
    question = RequestQuestion.objects.create(
        request=case, number=3, text="How many, by centre?", answer_kind="text"
    )
    response = foi.post(attach_url(BY_STATION), {"target": "existing", "existing": question.pk})
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.ask == STORED and question.answer_kind == "figures"
    assert question.text == "How many, by centre?"  # the requester's words are kept
    assert question.result["by"] == ["station"]


def test_a_chosen_number_is_used_and_a_taken_one_refused(foi, register, case):
    RequestQuestion.objects.create(request=case, number=1, text="First")
    taken = foi.post(attach_url(BY_STATION), {"target": "new", "case": case.pk, "number": 1,
                                              "text": "Again"})  # fmt: skip
    assert taken.status_code == 400
    assert "already has a question 1" in " ".join(taken.context["attach_form"].errors["number"])
    assert case.questions.count() == 1
    chosen = foi.post(attach_url(BY_STATION), {"target": "new", "case": case.pk, "number": 7,
                                               "text": "Seventh"})  # fmt: skip
    assert chosen.status_code == 302 and case.questions.get(number=7).ask == STORED


def test_a_frozen_question_is_never_changed(foi, register, case):
    issued = datetime(2026, 7, 20, 12, tzinfo=UTC)
    old = {"question": "custody-count", "from": "2017-04-01", "to": "2018-03-31"}
    question = RequestQuestion.objects.create(
        request=case, number=1, text="How many?", answer_kind="figures", ask=old
    )
    RequestQuestion.objects.filter(pk=question.pk).update(
        frozen_at=issued, result={"total": {"count": 538, "display": "538"}}
    )
    response = foi.post(attach_url(BY_STATION), {"target": "existing", "existing": question.pk})
    assert response.status_code == 400
    errors = " ".join(response.context["attach_form"].errors["existing"])
    assert "frozen and cannot be changed" in errors and "20 July 2026" in errors
    assert "The figures were not attached" in response.content.decode()
    question.refresh_from_db()
    assert question.ask == old and question.result["total"]["count"] == 538
    assert not entries("answer attached to a case")


def test_only_cases_awaiting_a_response_are_offered(foi, register, case):
    closed = make_case(date(2026, 6, 1), status="closed", title="Closed")
    responded = make_case(date(2026, 6, 2), status="responded", title="Answered")
    responded.responded_on = date(2026, 6, 20)
    responded.save()
    page = foi.get(reverse("answers:index"), BY_STATION)
    offered = list(page.context["attach_form"].fields["case"].queryset)
    assert offered == [case]
    for other in (closed, responded):
        response = foi.post(
            attach_url(BY_STATION), {"target": "new", "case": other.pk, "text": "How many?"}
        )
        assert response.status_code == 400
        assert "awaiting a response" in " ".join(response.context["attach_form"].errors["case"])
        assert not other.questions.exists()


def test_the_attach_form_says_what_is_missing(foi, register, case):
    response = foi.post(attach_url(BY_STATION), {"target": "new"})
    assert response.status_code == 400
    errors = response.context["attach_form"].errors
    assert "Choose the case" in errors["case"][0] and "Enter the question" in errors["text"][0]
    assert response.context["answer"] is not None  # the figures are still on the page
    response = foi.post(attach_url(BY_STATION), {"target": "existing"})
    assert "Choose the question" in response.context["attach_form"].errors["existing"][0]
    # Without a question in the address there is nothing to attach.
    assert foi.post(reverse("answers:attach"), {}).status_code == 400
    assert not RequestQuestion.objects.exists()


def test_exact_figures_are_never_attached(register, case):
    manager = signed_in(Role.DISCLOSURE_MANAGER, "manager")
    response = manager.post(
        attach_url({**BY_STATION, "exact": "on"}),
        {"target": "new", "case": case.pk, "text": "How many?"},
    )
    assert response.status_code == 302
    question = case.questions.get()
    assert "exact" not in question.ask and cell(question.result, "Dundee") == "[c]"


def test_only_caseworkers_may_attach(register, case):
    analyst = signed_in(Role.ANALYST, "analyst")
    page = analyst.get(reverse("answers:index"), BY_STATION)
    assert page.status_code == 200 and page.context["attach_form"] is None
    assert "Attach to a case" not in page.content.decode()
    response = analyst.post(
        attach_url(BY_STATION), {"target": "new", "case": case.pk, "text": "How many?"}
    )
    assert response.status_code == 403 and not case.questions.exists()
    foi = signed_in(Role.FOI_OFFICER, "foi")
    assert foi.get(attach_url(BY_STATION)).status_code == 405  # a POST only
