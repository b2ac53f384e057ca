"""The casework pages as staff use them: the case list, logging a request, a case from receipt
to the disclosure log, and what is done to it (refresh, issue, close, edit a question)."""

import re
from datetime import UTC, date, datetime

import pytest
import time_machine
from casework_helpers import approve, make_case, officer
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from interchange_files import write
from seed_001 import STATION_COUNTS, custody_csv

from answerable.audit.models import AuditEntry
from answerable.casework.models import InformationRequest, IssuedLetter, RequestQuestion
from answerable.clock.deadlines import response_due
from answerable.clock.regimes import regime_of
from answerable.clock.services import calendar_for
from answerable.disclosure_log.models import Publication
from answerable.roles.assign import assign_role
from answerable.roles.roles import Role

pytestmark = pytest.mark.django_db

REQUESTER = "Ms Requester Private"
REQUESTER_EMAIL = "requester@private.example"
LIST = reverse("casework:case_list")
NEW = reverse("casework:case_new")


def at(day: str) -> time_machine.travel:
    return time_machine.travel(datetime.fromisoformat(f"{day}T12:00:00").replace(tzinfo=UTC))


def signed_in(role: Role | None, username: str, division=None, **fields) -> Client:
    user = officer(username, **fields)
    if role is not None:
        assign_role(user, role, division=division)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def foi() -> Client:
    return signed_in(Role.FOI_OFFICER, "foi", first_name="Fiona", last_name="Officer")


def officer_named(username: str):
    return get_user_model().objects.get(username=username)


def case_url(case: InformationRequest, name: str = "casework:case_detail") -> str:
    return reverse(name, kwargs={"reference": case.reference})


def text_case(received_on: date = date(2026, 7, 1), **fields) -> InformationRequest:
    case = make_case(received_on, requester_name=REQUESTER, **fields)
    RequestQuestion.objects.create(
        request=case,
        number=1,
        text="Do you hold a policy on sharing victims' data with the Home Office?",
        answer_kind="text",
        answer_text="Yes: the policy is enclosed.",
    )
    return case


def red_rows(page: str) -> list[str]:
    """The references of the list's rows flagged red (overdue)."""
    rows = page.split('<tr class="govuk-table__row">')[1:]
    found = [(re.search(r'href="/casework/([^/]+)/"', row), row) for row in rows]
    return [link.group(1) for link, row in found if link and "govuk-tag--red" in row]


def listed(response) -> list[str]:
    return [row.case.reference for row in response.context["rows"]]


# --- the list -------------------------------------------------------------------------------


def test_the_list_is_by_deadline_flags_the_overdue_and_never_names_the_requester(foi):
    late = make_case(date(2026, 6, 1), title="Received first")
    later = make_case(date(2026, 7, 20), title="Received last")
    middle = make_case(date(2026, 7, 1), title="Received in between")
    answered = make_case(date(2026, 6, 2), title="Answered", status="responded")
    answered.responded_on = date(2026, 6, 20)
    answered.save()
    with at("2026-07-10"):
        response = foi.get(LIST)
    page = response.content.decode()
    expected = [
        c.reference for c in sorted((late, later, middle), key=lambda c: (c.due_on, c.reference))
    ]
    assert listed(response) == expected
    assert answered.reference not in page  # the list opens on cases awaiting a response
    assert REQUESTER not in page and REQUESTER_EMAIL not in page
    # Only the case whose deadline has passed is flagged red.
    assert late.due_on < date(2026, 7, 10) <= middle.due_on
    assert red_rows(page) == [late.reference]
    assert "working days overdue" in page and "Log a new request" in page


def test_the_list_filters_by_status_regime_officer_and_reference(foi):
    mine = officer("mine")
    open_case = make_case(date(2026, 7, 1), officer=mine)
    eir = make_case(date(2026, 7, 2), regime="eir-s")
    closed = make_case(date(2026, 6, 1), status="closed")
    with at("2026-07-10"):
        assert listed(foi.get(LIST, {"status": "closed"})) == [closed.reference]
        assert set(listed(foi.get(LIST, {"status": "all"}))) == {
            open_case.reference,
            eir.reference,
            closed.reference,
        }
        assert listed(foi.get(LIST, {"regime": "eir-s"})) == [eir.reference]
        assert listed(foi.get(LIST, {"officer": mine.pk})) == [open_case.reference]
        number = eir.reference.rsplit("-", 1)[1]
        assert listed(foi.get(LIST, {"reference": number})) == [eir.reference]
        bad = foi.get(LIST, {"status": "lost"})
    assert bad.status_code == 200 and bad.context["page"] is None
    assert "Choose a status from the list" in bad.content.decode()


def test_the_list_is_paginated(foi):
    for day in range(1, 28):
        make_case(date(2026, 7, day))
    with at("2026-07-01"):
        first = foi.get(LIST)
        second = foi.get(LIST, {"page": 2})
    assert len(first.context["rows"]) == 25 and len(second.context["rows"]) == 2
    assert 'class="govuk-pagination"' in first.content.decode()
    assert set(listed(first)).isdisjoint(listed(second))


# --- who may open what ----------------------------------------------------------------------


def every_page(case: InformationRequest, letter: IssuedLetter) -> list[tuple[str, str]]:
    return [
        ("get", LIST),
        ("get", NEW),
        ("get", case_url(case)),
        (
            "get",
            reverse("casework:question_edit", kwargs={"reference": case.reference, "number": 1}),
        ),
        ("post", case_url(case, "casework:refresh")),
        ("post", case_url(case, "casework:issue")),
        ("post", case_url(case, "casework:close")),
        ("get", reverse("casework:statistics")),
        ("get", reverse("casework:letter", kwargs={"pk": letter.pk, "format": "pdf"})),
    ]


@pytest.fixture
def issued_case():
    case = text_case()
    letter = IssuedLetter.objects.create(
        request=case, notice="full", issued_on=date(2026, 7, 2), html="<p>x</p>", pdf=b"%PDF-"
    )
    return case, letter


def test_the_public_is_sent_to_sign_in(issued_case):
    client = Client()
    for method, url in every_page(*issued_case):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("web:login")), url


@pytest.mark.parametrize("role", [Role.ANALYST, Role.CUSTODY, Role.ICCE, Role.ADMINISTRATOR])
def test_staff_without_casework_are_refused(issued_case, police_scotland, role):
    division = police_scotland.divisions.first()
    client = signed_in(role, f"user-{role.value}", division=division)
    for method, url in every_page(*issued_case):
        assert getattr(client, method)(url).status_code == 403, (role, url)


def test_the_disclosure_manager_may_do_casework(issued_case):
    client = signed_in(Role.DISCLOSURE_MANAGER, "manager")
    case, letter = issued_case
    assert client.get(case_url(case)).status_code == 200
    assert client.get(reverse("casework:letter", args=[letter.pk, "pdf"])).status_code == 200


def test_the_requester_is_shown_only_to_those_who_may_see_them(foi, issued_case):
    case, letter = issued_case
    assert REQUESTER in foi.get(case_url(case)).content.decode()
    reader = officer("reader")
    reader.user_permissions.add(Permission.objects.get(codename="view_informationrequest"))
    client = Client()
    client.force_login(reader)
    response = client.get(case_url(case))
    page = response.content.decode()
    assert response.status_code == 200 and case.reference in page
    assert REQUESTER not in page and REQUESTER_EMAIL not in page
    assert reverse("casework:letter", args=[letter.pk, "pdf"]) not in page
    assert client.get(reverse("casework:letter", args=[letter.pk, "pdf"])).status_code == 403
    # Nor may such a user act on the case.
    assert client.post(case_url(case, "casework:issue"), {"notice": "full"}).status_code == 403


# --- logging a request ----------------------------------------------------------------------


def new_request(**changes: str) -> dict[str, str]:
    values = {
        "regime": "foisa",
        "received_on": "01/07/2026",
        "channel": "email",
        "requester_name": "Mr New Requester",
        "requester_email": "new@private.example",
        "requester_address": "",
        "title": "Immigration custodies in 2025",
        "request_text": "1. How many people were held?\n2) At which custody centres?",
        "questions": "1. How many people were held?\n\n2) At which custody centres?",
        "topics": "Custody",
    }
    values.update(changes)
    return values


def test_logging_a_request_numbers_it_and_counts_its_deadline(foi):
    assert foi.get(NEW).status_code == 200
    response = foi.post(NEW, new_request())
    case = InformationRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == case_url(case)
    regime = regime_of("foisa")
    expected = response_due(regime, date(2026, 7, 1), calendar_for(regime)).due
    assert case.due_on == expected and case.due_explanation
    assert re.fullmatch(r"IM-FOI-2026-\d{4}", case.reference)
    assert case.officer.username == "foi" and case.requester_name == "Mr New Requester"
    assert [(q.number, q.text) for q in case.questions.all()] == [
        (1, "How many people were held?"),
        (2, "At which custody centres?"),
    ]
    detail = foi.get(response["Location"]).content.decode()
    assert f"Request {case.reference} logged: due {expected:%-d %B %Y}." in detail


def test_a_request_that_cannot_be_logged_says_why_and_saves_nothing(foi):
    response = foi.post(
        NEW, new_request(received_on="31/02/2026", questions="1. One\n3. Three", title="")
    )
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page
    assert "Enter the date received as a real date" in page
    assert "Line 2 is numbered 3, but it is question 2" in page
    assert "Enter a short subject for the request" in page
    assert not InformationRequest.objects.exists()


def test_only_those_who_may_see_the_requester_type_them_in(issued_case):
    clerk = officer("clerk")
    for codename in ("view_informationrequest", "add_informationrequest"):
        clerk.user_permissions.add(Permission.objects.get(codename=codename))
    client = Client()
    client.force_login(clerk)
    assert 'name="requester_name"' not in client.get(NEW).content.decode()
    response = client.post(NEW, new_request(requester_name="Ignored Name"))
    assert response.status_code == 302
    case = InformationRequest.objects.get(title="Immigration custodies in 2025")
    assert case.requester_name == "" and case.due_on is not None
    analyst = signed_in(Role.ANALYST, "analyst")
    assert analyst.get(NEW).status_code == 403


# --- a case, refreshed and issued -----------------------------------------------------------


@pytest.fixture
def seed_001(tmp_path):
    from answerable.interchange.importer import import_file

    import_file("custody", write(tmp_path, custody_csv()), progress=False)


@pytest.fixture
def figures_case(seed_001):
    case = make_case(date(2018, 7, 2), requester_name=REQUESTER, title="Immigration custodies")
    RequestQuestion.objects.create(
        request=case,
        number=1,
        text="How many people were held under immigration powers, by custody centre?",
        answer_kind="figures",
        ask={
            "question": "custody-count",
            "from": "2017-04-01",
            "to": "2018-03-31",
            "by": ["station"],
        },
    )
    return case


def test_an_officer_refreshes_issues_and_downloads_the_letter(foi, figures_case):
    case = figures_case
    page = foi.get(case_url(case)).content.decode()
    assert "Not run yet" in page and "Refresh answers" in page
    assert REQUESTER in page  # an FOI officer may see the requester

    refreshed = foi.post(case_url(case, "casework:refresh"), follow=True)
    page = refreshed.content.decode()
    assert refreshed.status_code == 200
    # The figures as a table, each withheld count as [c], never its number.
    assert "[c]" in page and "govuk-table__cell--numeric" in page
    small = [name for name, count in STATION_COUNTS.items() if count < 5]
    shown = re.findall(
        r'<th scope="row" class="govuk-table__header">([^<]+)</th>\s*<td[^>]*>([^<]+)<', page
    )
    assert shown and all(value == "[c]" for name, value in shown if name in small)
    assert dict(shown)["Govan"] == str(STATION_COUNTS["Govan"])
    entry = AuditEntry.objects.get(action="combination")
    assert entry.record_type == "casework.requestquestion" and case.reference in entry.purpose

    approve(case)
    issued = foi.post(case_url(case, "casework:issue"), {"notice": "full"})
    letter = IssuedLetter.objects.get(request=case)
    assert issued.status_code == 302
    assert issued["Location"] == case_url(case) + f"?issued={letter.pk}"
    page = foi.get(issued["Location"]).content.decode()
    pdf_url = reverse("casework:letter", kwargs={"pk": letter.pk, "format": "pdf"})
    assert "Download the letter (PDF)" in page and f'href="{pdf_url}"' in page
    pdf = foi.get(pdf_url)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")

    case.refresh_from_db()
    # The officer chose "full", but figures are withheld as [c]: the outcome follows from
    # what the response contains, a partial response with the s38(1)(b) refusal notice.
    assert case.status == "responded" and case.notice == "partial"
    assert case.exemptions.get().section == "38(1)(b)"
    assert case.questions.get().frozen
    publication = Publication.objects.get(reference=case.reference)
    assert f"{publication.publish_on:%-d %B %Y}" in page
    assert "Issue response" not in page  # answered once only
    assert foi.post(case_url(case, "casework:issue"), {"notice": "full"}).status_code == 409
    assert IssuedLetter.objects.filter(request=case).count() == 1


def test_issuing_is_refused_with_what_the_letter_lacks_and_nothing_is_written(foi):
    case = make_case(date(2026, 7, 1), requester_name=REQUESTER)
    RequestQuestion.objects.create(
        request=case, number=1, text="Do you hold the policy?", answer_kind="text", answer_text=""
    )
    approve(case)
    with at("2026-07-10"):
        response = foi.post(case_url(case, "casework:issue"), {"notice": "full"})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="govuk-error-summary"' in page and "The response cannot be issued" in page
    assert (
        '<a href="#question-1">Question 1: answered in writing but the answer or document is '
        "missing</a>" in page
    )
    case.refresh_from_db()
    assert case.responded_on is None and case.status == "received"
    assert not IssuedLetter.objects.exists() and not Publication.objects.exists()


def test_only_a_notice_the_answers_allow_is_offered_and_accepted(foi):
    case = text_case()
    page = foi.get(case_url(case)).content.decode()
    assert 'value="full"' in page and 'value="partial"' not in page
    response = foi.post(case_url(case, "casework:issue"), {"notice": "not_held"})
    assert response.status_code == 200
    assert "Choose a kind of response the case" in response.content.decode()
    assert not IssuedLetter.objects.exists()
    unanswered = make_case(date(2026, 7, 1), title="Unanswered")
    RequestQuestion.objects.create(request=unanswered, number=1, text="How many?")
    assert "Answer question 1 before issuing" in foi.get(case_url(unanswered)).content.decode()


def test_a_case_is_closed_once_responded(foi):
    case = text_case()
    assert foi.post(case_url(case, "casework:close")).status_code == 409
    case.refresh_from_db()
    assert case.status == "received"
    case.status, case.responded_on = "responded", date(2026, 7, 20)
    case.save()
    assert foi.post(case_url(case, "casework:close")).status_code == 302
    case.refresh_from_db()
    assert case.status == "closed"
    assert foi.get(case_url(case, "casework:close")).status_code == 405  # a POST only


# --- one question ---------------------------------------------------------------------------


def test_a_question_is_edited_until_the_response_freezes_it(foi):
    case = text_case()
    url = reverse("casework:question_edit", kwargs={"reference": case.reference, "number": 1})
    assert foi.get(url).status_code == 200
    changed = {"text": "Do you hold the policy?", "answer_kind": "not_held", "answer_text": "No."}
    assert foi.post(url, changed).status_code == 302
    question = case.questions.get()
    assert (question.text, question.answer_kind, question.answer_text) == tuple(changed.values())

    figures = foi.post(url, {**changed, "answer_kind": "figures"})
    assert "A figures answer needs its query to the register" in figures.content.decode()

    question.frozen_at = datetime(2026, 7, 20, tzinfo=UTC)
    question.save()
    refused = foi.post(url, {**changed, "text": "Something else"})
    assert "is frozen as the response gave it" in refused.content.decode()
    question.refresh_from_db()
    assert question.text == "Do you hold the policy?"
    assert "<form" not in foi.get(url).content.decode().split('id="main-content"')[1]
    missing = reverse("casework:question_edit", kwargs={"reference": case.reference, "number": 9})
    assert foi.get(missing).status_code == 404


def test_the_case_page_follows_the_case_to_the_disclosure_log(foi):
    case = text_case()
    approve(case)
    with at("2026-07-20"):
        foi.post(case_url(case, "casework:issue"), {"notice": "full"})
        scheduled = foi.get(case_url(case)).content.decode()
    publication = Publication.objects.get(reference=case.reference)
    assert "Scheduled: the requester has the response first" in scheduled
    assert "Appears in the disclosure log" in scheduled
    with at("2026-07-28"):
        foi.force_login(officer_named("foi"))  # the week-old session has expired
        published = foi.get(case_url(case)).content.decode()
    assert "Published in the disclosure log" in published
    assert f'href="{publication.get_absolute_url()}"' in published
    # The timeline runs in date order.
    timeline = published.split(">Timeline</h2>")[1].split("</ol>")[0]
    days = re.findall(r'<time datetime="([0-9-]+)"', timeline)
    assert len(days) == 4 and days == sorted(days)
    for title in ("Request received", "Letter issued", "Response due", "Published in the"):
        assert title in timeline
