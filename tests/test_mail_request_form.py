"""The public request form: question pages, check your answers, a reference; spam kept out
by a honeypot, a minimum fill time and a rate limit per address; the case made and
acknowledged as an e-mailed request is."""

from datetime import timedelta

import pytest
import time_machine
from casework_helpers import officer
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from answerable.audit.models import AuditEntry
from answerable.casework.models import InformationRequest
from answerable.mail.models import FormSubmission, InboundMessage
from answerable.roles.assign import assign_role
from answerable.roles.roles import Role

pytestmark = pytest.mark.django_db

REQUEST = "How many people were detained under immigration powers in 2025?"


def url(name: str) -> str:
    return reverse(f"request_form:{name}")


def fill(client: Client, *, request: str = REQUEST, website: str = "", wait: int = 10) -> None:
    assert client.post(url("name"), {"name": "Sam  Public"})["Location"] == url("contact")
    contact = client.post(url("contact"), {"email": "sam@public.example", "address": ""})
    assert contact["Location"] == url("details")
    page = client.get(url("details"))
    token = page.context["form"]["token"].value()
    with time_machine.travel(timezone.now() + timedelta(seconds=wait)):
        response = client.post(
            url("details"), {"request": request, "website": website, "token": token}
        )
    return response


def test_a_member_of_the_public_gets_a_reference_and_an_acknowledgement(mailoutbox):
    client = Client()
    assert client.get(url("start")).status_code == 200
    assert fill(client)["Location"] == url("check")
    check = client.get(url("check"))
    assert "Sam Public" in check.content.decode() and REQUEST in check.content.decode()
    done = client.post(url("check"), follow=True)
    case = InformationRequest.objects.get()
    assert case.reference in done.content.decode()
    assert (case.channel, case.requester_name, case.requester_email, case.request_text) == (
        "web_form",
        "Sam Public",
        "sam@public.example",
        REQUEST,
    )
    assert case.received_on == timezone.localdate() and case.due_on is not None
    [ack] = mailoutbox
    assert ack.to == ["sam@public.example"] and case.reference in ack.body
    assert case.due_on.isoformat() in ack.body
    assert AuditEntry.objects.filter(action="collection", record_id=str(case.pk)).exists()
    assert InboundMessage.objects.count() == 0  # the e-mail queue is for e-mail
    # The answers are gone from the session: sending again makes nothing.
    assert client.post(url("check"))["Location"] == url("name")
    assert InformationRequest.objects.count() == 1


def test_each_page_says_what_is_missing():
    client = Client()
    assert "Enter your name" in client.post(url("name"), {"name": " "}).content.decode()
    client.post(url("name"), {"name": "Sam"})
    page = client.post(url("contact"), {"email": "", "address": ""}).content.decode()
    assert "Enter an email address or a postal address" in page
    page = client.post(url("contact"), {"email": "not-an-address"}).content.decode()
    assert "correct format" in page


def test_a_postal_address_is_enough(mailoutbox):
    client = Client()
    client.post(url("name"), {"name": "Sam"})
    client.post(url("contact"), {"email": "", "address": "1 High Street\nPerth PH1 1AA"})
    page = client.get(url("details"))
    token = page.context["form"]["token"].value()
    with time_machine.travel(timezone.now() + timedelta(seconds=10)):
        client.post(url("details"), {"request": REQUEST, "token": token})
    client.post(url("check"))
    case = InformationRequest.objects.get()
    assert case.requester_address == "1 High Street\nPerth PH1 1AA" and mailoutbox == []


def test_a_filled_honeypot_is_refused():
    client = Client()
    response = fill(client, website="http://spam.example")
    assert response.status_code == 200 and "could not be accepted" in response.content.decode()
    assert InformationRequest.objects.count() == 0


def test_a_form_sent_faster_than_a_person_types_is_refused():
    client = Client()
    response = fill(client, wait=0)
    assert "quicker than we expect" in response.content.decode()


def test_a_forged_token_is_refused():
    client = Client()
    client.post(url("name"), {"name": "Sam"})
    client.post(url("contact"), {"email": "sam@public.example"})
    response = client.post(url("details"), {"request": REQUEST, "token": "1:forged:sig"})
    assert "could not be checked" in response.content.decode()


def test_one_address_may_send_only_so_many_an_hour(settings, mailoutbox):
    settings.ANSWERABLE_FORM_PER_HOUR = 2
    for _ in range(2):
        client = Client()
        fill(client)
        assert client.post(url("check")).status_code == 302
    client = Client()
    fill(client)
    refused = client.post(url("check"))
    assert refused.status_code == 429 and "wait an hour" in refused.content.decode()
    assert InformationRequest.objects.count() == 2
    # Only a digest of the address is kept, never the address.
    assert "127.0.0.1" not in FormSubmission.objects.first().client


def test_staff_see_the_queue_and_each_reading_is_audited(tmp_path):
    from django.core.management import call_command

    path = tmp_path / "bad.eml"
    path.write_bytes(b"Subject: no sender\r\n\r\nHello\r\n")
    with pytest.raises(Exception, match="could not be read"):
        call_command("mail", "receive", str(path))
    user = officer("foi")
    assign_role(user, Role.FOI_OFFICER)
    client = Client()
    client.force_login(user)
    queue = client.get(reverse("mail:queue")).content.decode()
    message = InboundMessage.objects.get()
    assert "no sender address" in queue
    page = client.get(reverse("mail:message", kwargs={"pk": message.pk})).content.decode()
    assert "Hello" in page
    assert AuditEntry.objects.filter(action="consultation", record_id=str(message.pk)).exists()
    client.post(reverse("mail:resolve", kwargs={"pk": message.pk}))
    message.refresh_from_db()
    assert message.status == "resolved" and message.resolved_by == user
