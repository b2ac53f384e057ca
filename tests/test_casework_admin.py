"""The casework admin: cases by deadline, the private requester, the refresh action."""

from datetime import date

import pytest
from casework_helpers import make_case, officer
from django.contrib.auth.models import Permission
from django.urls import reverse

from answerable.casework.models import (
    CommissionerAppeal,
    InformationRequest,
    RecordHold,
    RequestQuestion,
    Review,
)

pytestmark = pytest.mark.django_db

CASEWORK_MODELS = ("informationrequest", "review", "commissionerappeal", "recordhold")


def staff(username: str, *, requester: bool):
    user = officer(username, is_staff=True)
    codenames = [
        f"{action}_{model}"
        for model in (*CASEWORK_MODELS, "requestquestion", "citedexemption", "courtappeal")
        for action in ("view", "add", "change")
    ]
    if requester:
        codenames.append("view_requester")
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="casework", codename__in=codenames)
    )
    return user


@pytest.fixture
def case():
    case = make_case(date(2026, 7, 1))
    RequestQuestion.objects.create(
        request=case,
        number=1,
        text="How many?",
        answer_kind="figures",
        ask={"question": "custody-count", "from": "2017-04-01", "to": "2018-03-31"},
    )
    return case


def change_url(case: InformationRequest) -> str:
    return reverse("admin:casework_informationrequest_change", args=[case.pk])


def test_the_requester_is_hidden_without_the_permission(case, client):
    client.force_login(staff("clerk", requester=False))
    page = client.get(change_url(case)).content.decode()
    assert case.reference in page
    assert "Ms Requester Private" not in page and "requester@private.example" not in page
    history = client.get(
        reverse("admin:casework_informationrequest_history", args=[case.pk])
    ).content.decode()
    assert "Ms Requester Private" not in history


def test_the_requester_is_shown_with_the_permission(case, client):
    client.force_login(staff("foi-officer", requester=True))
    page = client.get(change_url(case)).content.decode()
    assert "Ms Requester Private" in page


def test_saving_without_the_permission_keeps_the_requester(case, client):
    client.force_login(staff("clerk", requester=False))
    form = client.get(change_url(case)).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        {
            "title": "Immigration custodies by station",
            "request_text": "How many people were held, by station?",
            "received_on": "2026-07-01",
            "officer": "",
            "questions-TOTAL_FORMS": 0,
            "questions-INITIAL_FORMS": 0,
            "exemptions-TOTAL_FORMS": 0,
            "exemptions-INITIAL_FORMS": 0,
            "reviews-TOTAL_FORMS": 0,
            "reviews-INITIAL_FORMS": 0,
            "appeals-TOTAL_FORMS": 0,
            "appeals-INITIAL_FORMS": 0,
            "holds-TOTAL_FORMS": 0,
            "holds-INITIAL_FORMS": 0,
        }
    )
    response = client.post(change_url(case), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    case.refresh_from_db()
    assert case.title == "Immigration custodies by station"
    assert case.requester_name == "Ms Requester Private"


def test_the_list_is_sorted_by_deadline_and_filters_overdue(client, time_machine):
    time_machine.move_to(date(2026, 7, 27))
    late = make_case(date(2026, 6, 24))  # due 22 July
    later = make_case(date(2026, 7, 20))  # due 17 August
    make_case(date(2026, 6, 1), status="responded", responded_on=date(2026, 6, 20))
    client.force_login(staff("clerk", requester=False))
    url = reverse("admin:casework_informationrequest_changelist")
    listed = list(client.get(url).context["cl"].result_list)
    assert [c.due_on for c in listed] == sorted(c.due_on for c in listed)
    overdue = list(client.get(url + "?deadline=overdue").context["cl"].result_list)
    assert overdue == [late]
    assert later not in overdue
    page = client.get(url).content.decode()
    assert "Ms Requester Private" not in page


def test_the_refresh_action_reports_each_question(case, client):
    client.force_login(staff("clerk", requester=False))
    response = client.post(
        reverse("admin:casework_informationrequest_changelist"),
        {"action": "refresh_figures", "_selected_action": [case.pk]},
        follow=True,
    )
    texts = [str(message) for message in response.context["messages"]]
    assert any(f"{case.reference} question 1" in text for text in texts)
    question = case.questions.get()
    assert question.result is not None and question.result["total"]["count"] == 0


def test_every_casework_page_renders(case, client):
    client.force_login(officer("admin", is_staff=True, is_superuser=True))
    review = Review.objects.create(
        request=case,
        requirement_received_on=date(2026, 8, 4),
        channel="email",
        dissatisfaction="Refused.",
    )
    appeal = CommissionerAppeal.objects.create(
        request=case, review=review, application_received_on=date(2026, 9, 1)
    )
    hold = RecordHold.objects.create(request=case, record_type="disclosure", reason="All")
    for name, obj in (
        ("informationrequest", case),
        ("review", review),
        ("commissionerappeal", appeal),
        ("recordhold", hold),
    ):
        for view, args in (("changelist", []), ("add", []), ("change", [obj.pk])):
            url = reverse(f"admin:casework_{name}_{view}", args=args)
            assert client.get(url).status_code == 200, url
