"""Home Office outcomes reported against a disclosure: every report kept, the latest held."""

import pytest
from api_helpers import DISCLOSURE, calling, post, system

from answerable.register.models import Disclosure, OutcomeReport

pytestmark = pytest.mark.django_db

OUTCOMES = "/api/v1/disclosures/HO-2023-1/outcomes/"


@pytest.fixture
def replies(stations):
    """The Home Office's reply channel: it reports outcomes and reads nothing."""
    _, token = system("crime-system", ["disclosures:write"])
    assert post(calling(token), "/api/v1/disclosures/", DISCLOSURE).status_code == 201
    _, token = system("home-office-replies", ["outcomes:write"])
    return calling(token)


def report(api, outcome, on, **extra):
    return post(api, OUTCOMES, {"home_office_outcome": outcome, "outcome_at": on, **extra})


def test_a_report_becomes_the_disclosures_outcome(replies):
    response = report(replies, "enforcement_papers_served", "2023-06-01", reference="HO/123")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["became_latest"] is True and body["reported_by"] == "api:home-office-replies"
    disclosure = Disclosure.objects.get()
    assert disclosure.home_office_outcome == "enforcement_papers_served"
    assert str(disclosure.outcome_on) == "2023-06-01"
    assert disclosure.history.first().history_change_reason == (
        "Home Office outcome reported (api:home-office-replies)"
    )


def test_every_report_is_kept_and_the_latest_by_date_is_held(replies):
    report(replies, "enforcement_papers_served", "2023-06-01")
    report(replies, "removed", "2023-08-15")
    late = report(replies, "no_action", "2023-07-01")  # arrives last, dated between
    assert late.json()["became_latest"] is False
    assert Disclosure.objects.get().home_office_outcome == "removed"
    assert list(OutcomeReport.objects.values_list("outcome", flat=True)) == [
        "removed",
        "no_action",
        "enforcement_papers_served",
    ]


def test_an_outcome_before_the_disclosure_is_refused_by_the_formats_rule(replies):
    response = report(replies, "removed", "2023-05-01")
    assert response.status_code == 400
    assert "before the disclosure" in response.json()["fields"]["outcome_at"][0]
    assert not OutcomeReport.objects.exists()
    assert Disclosure.objects.get().home_office_outcome is None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"home_office_outcome": "removed"}, "outcome_at"),
        ({"home_office_outcome": "sent_home", "outcome_at": "2023-06-01"}, "home_office_outcome"),
        ({"home_office_outcome": "removed", "outcome_at": "2099-01-01"}, "outcome_at"),
        ({"home_office_outcome": "removed", "outcome_at": 20230601}, "outcome_at"),
        ({"home_office_outcome": "removed", "outcome_at": "2023-06-01", "x": 1}, "x"),
    ],
)
def test_a_bad_report_is_refused(replies, body, field):
    response = post(replies, OUTCOMES, body)
    assert response.status_code == 400
    assert field in response.json()["fields"]
    assert not OutcomeReport.objects.exists()


def test_a_retried_report_is_kept_once(replies):
    body = {"home_office_outcome": "removed", "outcome_at": "2023-06-01"}
    first = post(replies, OUTCOMES, body, key="reply-1")
    again = post(replies, OUTCOMES, body, key="reply-1")
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert OutcomeReport.objects.count() == 1


def test_the_reply_channel_cannot_read_and_a_reader_cannot_report(replies):
    assert replies.get(OUTCOMES).status_code == 403
    assert replies.get("/api/v1/disclosures/HO-2023-1/").status_code == 403
    assert report(replies, "removed", "2023-06-01").status_code == 201
    _, token = system("reader", ["disclosures:read"])
    reader = calling(token)
    listed = reader.get(OUTCOMES)
    assert listed.status_code == 200 and [r["home_office_outcome"] for r in listed.json()] == [
        "removed"
    ]
    assert report(reader, "no_action", "2023-06-02").status_code == 403


def test_an_outcome_for_a_disclosure_not_held_is_404(replies):
    response = post(replies, "/api/v1/disclosures/HO-404/outcomes/", {})
    assert response.status_code == 404
    assert "No disclosure 'HO-404'" in response.json()["error"]


def test_the_disclosures_admin_page_lists_every_report_read_only(replies, admin_client):
    report(replies, "enforcement_papers_served", "2023-06-01", reference="HO/123")
    report(replies, "removed", "2023-09-01")
    disclosure = Disclosure.objects.get()
    page = admin_client.get(f"/admin/register/disclosure/{disclosure.pk}/change/")
    assert page.status_code == 200
    inline = page.context["inline_admin_formsets"][0]
    assert inline.opts.model is OutcomeReport
    shown = page.content.decode()
    assert "outcomes reported by the home office" in shown.lower()
    assert "HO/123" in shown and "api:home-office-replies" in shown
    assert len(inline.formset.forms) == 2
    # Kept as received: nothing to add, change or delete from the page.
    assert not inline.has_add_permission and not inline.has_delete_permission
    assert "outcome_reports-0-outcome" not in shown  # no editable field
