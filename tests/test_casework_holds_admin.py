"""Deleting a held record in the register admin is refused with a message, not an error."""

from datetime import date

import pytest
from casework_helpers import make_case
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.messages import get_messages
from django.urls import reverse
from interchange_files import CUSTODY_HEADER, write

from answerable.casework.models import RequestQuestion
from answerable.interchange.importer import import_file
from answerable.register.models import CustodyEpisode

pytestmark = pytest.mark.django_db

REGISTER = f"""{CUSTODY_HEADER}
HELD-1,G,Govan,2017-05-02T14:05:00,2017-05-03T09:40:00,immigration_powers,male,27,ALB,no,
FREE-1,G,Govan,2019-05-02T14:05:00,2019-05-03T09:40:00,immigration_powers,female,40,,,
"""


@pytest.fixture
def held(tmp_path):
    import_file("custody", write(tmp_path, REGISTER), progress=False)
    case = make_case(date(2026, 7, 1))
    RequestQuestion.objects.create(
        request=case,
        number=1,
        text="How many people were held under immigration powers in 2017?",
        answer_kind="figures",
        ask={"question": "custody-count", "from": "2017-01-01", "to": "2017-12-31"},
    )
    return {e.custody_ref: e for e in CustodyEpisode.objects.all()}


def said(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_the_delete_page_refuses_a_held_record_and_logs_no_deletion(admin_client, held):
    url = reverse("admin:register_custodyepisode_delete", args=[held["HELD-1"].pk])
    response = admin_client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert any("Nothing was deleted" in m and "s1(4)-(5)" in m for m in said(response))
    assert CustodyEpisode.objects.filter(custody_ref="HELD-1").exists()
    assert not LogEntry.objects.filter(action_flag=DELETION).exists()


def test_the_bulk_delete_action_refuses_all_and_says_so(admin_client, held):
    url = reverse("admin:register_custodyepisode_changelist")
    pks = [record.pk for record in held.values()]
    response = admin_client.post(
        url, {"action": "delete_selected", "_selected_action": pks, "post": "yes"}
    )
    assert response.status_code == 302
    messages = said(response)
    assert any("Nothing was deleted" in m for m in messages)
    assert not any("Successfully deleted" in m for m in messages)
    assert CustodyEpisode.objects.count() == 2
    assert not LogEntry.objects.filter(action_flag=DELETION).exists()


def test_a_record_not_held_is_deleted_and_logged(admin_client, held):
    url = reverse("admin:register_custodyepisode_delete", args=[held["FREE-1"].pk])
    response = admin_client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not CustodyEpisode.objects.filter(custody_ref="FREE-1").exists()
    assert LogEntry.objects.filter(action_flag=DELETION).count() == 1
