"""Staff see the disclosure log in the admin and withdraw a publication with a reason, which
takes it off the public pages at once (disclosure_log/admin.py)."""

from datetime import date

import pytest
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.urls import reverse

from answerable.disclosure_log.models import Publication, Topic

CHANGELIST = reverse("admin:disclosure_log_publication_changelist")


def publication(reference: str, publish_on: date, **values: object) -> Publication:
    record = Publication.objects.create(
        reference=reference,
        title=f"Response {reference}",
        summary="",
        regime="foisa",
        outcome="full",
        received_on=date(2023, 7, 1),
        issued_on=date(2023, 8, 2),
        publish_on=publish_on,
        body_html="<p>Letter</p>",
        body_text="Letter",
        pdf=b"%PDF-",
        **values,
    )
    record.topics.add(Topic.objects.get_or_create(name="Custody", slug="custody")[0])
    return record


@pytest.fixture
def records(db) -> list[Publication]:
    return [
        publication("23-1751", date(2023, 8, 9)),
        publication("23-1800", date(2023, 8, 9)),
        publication("99-0001", date(2099, 1, 1)),
    ]


def test_the_list_shows_status_and_filters_by_it(admin_client: Client, records) -> None:
    page = admin_client.get(CHANGELIST).content.decode()
    assert "Published" in page and "Scheduled" in page
    scheduled = admin_client.get(CHANGELIST, {"status": "scheduled"})
    assert [p.reference for p in scheduled.context["cl"].result_list] == ["99-0001"]
    assert admin_client.get(CHANGELIST, {"outcome": "full", "regime": "foisa"}).status_code == 200


def test_publications_are_not_added_or_rewritten_in_the_admin(
    admin_client: Client, records
) -> None:
    assert admin_client.get(reverse("admin:disclosure_log_publication_add")).status_code == 403
    change = admin_client.get(
        reverse("admin:disclosure_log_publication_change", args=[records[0].pk])
    )
    form = change.context["adminform"].form
    assert list(form.fields) == ["topics"]  # the rest is read-only


def test_withdrawing_asks_for_a_reason_first(admin_client: Client, records) -> None:
    selected = {"action": "withdraw", "_selected_action": [str(records[0].pk)]}
    asked = admin_client.post(CHANGELIST, selected)
    assert asked.status_code == 200
    assert "Why are these publications being withdrawn?" in asked.content.decode()
    assert "23-1751" in asked.content.decode()
    blank = admin_client.post(CHANGELIST, {**selected, "apply": "yes", "reason": " "})
    assert blank.status_code == 200 and "This field is required" in blank.content.decode()
    assert Publication.objects.filter(withdrawn_on__isnull=False).count() == 0


def test_a_withdrawal_records_its_reason_and_takes_the_page_down(
    admin_client: Client, client: Client, records
) -> None:
    assert client.get("/disclosure-log/23-1751/").status_code == 200
    response = admin_client.post(
        CHANGELIST,
        {
            "action": "withdraw",
            "_selected_action": [str(records[0].pk)],
            "apply": "yes",
            "reason": "Requester's name found in a table",
        },
    )
    assert response.status_code == 302
    withdrawn = Publication.objects.get(reference="23-1751")
    assert withdrawn.withdrawn_on is not None
    assert withdrawn.withdrawn_reason == "Requester's name found in a table"
    assert LogEntry.objects.get(object_id=str(withdrawn.pk)).change_message.startswith("Withdrawn")
    assert client.get("/disclosure-log/23-1751/").status_code == 404
    assert client.get("/disclosure-log/23-1800/").status_code == 200
    assert Publication.objects.get(reference="23-1800").withdrawn_on is None


def test_the_public_pages_do_not_name_topics_used_only_by_hidden_responses(
    client: Client, records
) -> None:
    hidden = publication("99-0002", date(2099, 1, 1))
    hidden.topics.add(Topic.objects.create(name="Secret plans", slug="secret-plans"))
    page = client.get("/disclosure-log/").content.decode()
    assert "Custody" in page and "Secret plans" not in page
    assert client.get("/disclosure-log/", {"topic": "secret-plans"}).context["page"] is None
