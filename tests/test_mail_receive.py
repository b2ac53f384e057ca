"""`answerable mail receive`: a request e-mail becomes a case with the clock's deadline and
an acknowledgement; a second copy changes nothing; a reply quoting the reference joins the
case and moves its clock where the law says; an unreadable message is kept for an officer."""

import io
import sys
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from mail_messages import request_message

from answerable.audit.models import AuditEntry
from answerable.casework.models import Dispatch, InformationRequest, Review
from answerable.clock.deadlines import response_due
from answerable.clock.regimes import regime_of
from answerable.clock.services import calendar_for
from answerable.mail.models import InboundMessage, MessageKind, MessageStatus

pytestmark = pytest.mark.django_db


def receive(tmp_path, raw: bytes, capsys, name: str = "message.eml") -> str:
    path = tmp_path / name
    path.write_bytes(raw)
    call_command("mail", "receive", str(path))
    return capsys.readouterr().out.strip()


def test_a_request_becomes_a_case_acknowledged_with_the_clocks_deadline(
    tmp_path, capsys, mailoutbox
):
    # Reached the authority at 00:30 BST on 1 April (23:30 UTC on 31 March): received on the
    # 1st in UK time, whatever the sender's Date header says.
    reference = receive(tmp_path, request_message(), capsys)
    case = InformationRequest.objects.get(reference=reference)
    assert case.received_on == date(2026, 4, 1)
    assert case.requester_name == "Alex Requester"
    assert case.requester_email == "alex@requester.example"
    assert case.channel == "email" and case.regime == "foisa"
    assert "held in custody in 2025" in case.request_text
    assert case.questions.get(number=1).text == case.request_text
    regime = regime_of("foisa")
    due = response_due(regime, date(2026, 4, 1), calendar_for(regime)).due
    assert case.due_on == due
    [ack] = mailoutbox
    assert ack.to == ["alex@requester.example"]
    assert reference in ack.subject and reference in ack.body
    assert due.isoformat() in ack.body and f"{due:%-d %B %Y}" in ack.body
    dispatch = Dispatch.objects.get(request=case)
    assert (dispatch.what, dispatch.status) == ("acknowledgement", "sent")
    message = InboundMessage.objects.get(request=case)
    assert message.kind == MessageKind.NEW and bytes(message.raw) == request_message()
    assert AuditEntry.objects.filter(action="collection", record_id=str(case.pk)).exists()
    kept = AuditEntry.objects.get(record_type="mail.inboundmessage", record_id=str(message.pk))
    assert kept.action == "collection" and "alex" not in kept.detail.lower()


def test_the_same_message_twice_changes_nothing(tmp_path, capsys, mailoutbox):
    first = receive(tmp_path, request_message(), capsys)
    again = receive(tmp_path, request_message(), capsys, name="copy.eml")
    assert again == first
    assert InformationRequest.objects.count() == 1
    assert InboundMessage.objects.count() == 1
    assert len(mailoutbox) == 1


def test_a_reply_quoting_the_reference_joins_the_case(tmp_path, capsys, mailoutbox):
    reference = receive(tmp_path, request_message(), capsys)
    reply = request_message(
        message_id="<reply-1@requester.example>",
        subject=f"Re: Your request for information: {reference}",
        body="Thank you. I also attach a photo.",
        attachments=[("photo.png", "image/png", b"\x89PNG...")],
    )
    assert receive(tmp_path, reply, capsys, name="reply.eml") == reference
    assert InformationRequest.objects.count() == 1
    message = InboundMessage.objects.get(message_id="<reply-1@requester.example>")
    assert message.kind == MessageKind.REPLY
    [attachment] = message.attachments.all()
    assert attachment.filename == "photo.png" and bytes(attachment.content) == b"\x89PNG..."
    assert len(mailoutbox) == 1  # no second acknowledgement


def test_a_clarification_restarts_the_clock(tmp_path, capsys):
    reference = receive(tmp_path, request_message(), capsys)
    case = InformationRequest.objects.get(reference=reference)
    case.status = "clarification_sought"
    case.clarification_sought_on = date(2026, 4, 2)
    case.save()
    clarification = request_message(
        message_id="<clarify@requester.example>",
        subject="Re: clarification",
        body=f"Regarding {reference}: I mean Glasgow custody centres only.",
        received="Mon, 20 Apr 2026 09:00:00 +0100",
    )
    receive(tmp_path, clarification, capsys, name="clarify.eml")
    case.refresh_from_db()
    assert case.clarification_received_on == date(2026, 4, 20)
    assert case.status == "in_progress"
    regime = regime_of("foisa")
    expected = response_due(
        regime, date(2026, 4, 1), calendar_for(regime), clarification_received=date(2026, 4, 20)
    ).due
    assert case.due_on == expected and expected > date(2026, 5, 13)


def test_after_the_response_a_request_for_review_is_a_requirement_for_review(tmp_path, capsys):
    reference = receive(tmp_path, request_message(), capsys)
    InformationRequest.objects.filter(reference=reference).update(
        status="responded", responded_on=date(2026, 4, 20), notice="not_held"
    )
    review = request_message(
        message_id="<review@requester.example>",
        subject=f"{reference} - request for review",
        body="I am dissatisfied: you must hold these figures. Please review your decision.",
        received="Thu, 23 Apr 2026 09:00:00 +0100",
    )
    receive(tmp_path, review, capsys, name="review.eml")
    [requirement] = Review.objects.filter(request__reference=reference)
    assert requirement.requirement_received_on == date(2026, 4, 23)
    assert requirement.due_on is not None
    kind = InboundMessage.objects.get(message_id="<review@requester.example>").kind
    assert kind == MessageKind.REVIEW


def test_an_environmental_request_is_proposed_under_the_eirs(tmp_path, capsys):
    raw = request_message(
        message_id="<env@requester.example>",
        subject="Vehicle fleet",
        html="<p>Please give the <b>CO2 emissions</b> of your vehicle fleet.</p>",
    )
    case = InformationRequest.objects.get(reference=receive(tmp_path, raw, capsys))
    assert case.regime == "eir-s"
    assert case.request_text == "Please give the CO2 emissions of your vehicle fleet."


def test_an_unreadable_message_is_kept_for_an_officer(tmp_path, capsys, mailoutbox):
    path = tmp_path / "broken.eml"
    path.write_bytes(b"Subject: no sender\r\n\r\nHello\r\n")
    with pytest.raises(CommandError, match="1 message"):
        call_command("mail", "receive", str(path))
    assert "no sender address" in capsys.readouterr().err
    [kept] = InboundMessage.objects.all()
    assert kept.status == MessageStatus.UNREADABLE and "no sender address" in kept.problem
    assert bytes(kept.raw) == path.read_bytes()
    assert InformationRequest.objects.count() == 0 and mailoutbox == []


def test_dash_reads_one_message_from_standard_input(monkeypatch, capsys):
    stdin = io.TextIOWrapper(io.BytesIO(request_message()))
    monkeypatch.setattr(sys, "stdin", stdin)
    call_command("mail", "receive", "-")
    reference = capsys.readouterr().out.strip()
    assert InboundMessage.objects.get(request__reference=reference).source == "stdin"


def test_a_bounce_marks_the_acknowledgement_failed(tmp_path, capsys):
    reference = receive(tmp_path, request_message(), capsys)
    bounce = (
        "From: MAILER-DAEMON@force.example\r\n"
        f"Subject: Undelivered Mail Returned to Sender: {reference}\r\n"
        "Message-ID: <bounce-1@force.example>\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b"\r\n\r\n'
        "--b\r\nContent-Type: text/plain\r\n\r\nThe message could not be delivered.\r\n"
        "--b\r\nContent-Type: message/delivery-status\r\n\r\n"
        "Reporting-MTA: dns; mx.force.example\r\n\r\n"
        "Final-Recipient: rfc822; alex@requester.example\r\nAction: failed\r\n"
        "Status: 5.1.1\r\nDiagnostic-Code: smtp; 550 5.1.1 no such user\r\n"
        "--b--\r\n"
    ).encode()
    receive(tmp_path, bounce, capsys, name="bounce.eml")
    dispatch = Dispatch.objects.get(request__reference=reference)
    assert dispatch.status == "failed" and "550 5.1.1 no such user" in dispatch.error


def test_the_case_page_lists_the_messages_received(tmp_path, capsys):
    from casework_helpers import officer
    from django.test import Client
    from django.urls import reverse

    from answerable.roles.assign import assign_role
    from answerable.roles.roles import Role

    reference = receive(tmp_path, request_message(), capsys)
    user = officer("foi")
    assign_role(user, Role.FOI_OFFICER)
    client = Client()
    client.force_login(user)
    page = client.get(reverse("casework:case_detail", kwargs={"reference": reference}))
    message = InboundMessage.objects.get(request__reference=reference)
    text = page.content.decode()
    assert "Received from the requester" in text
    assert reverse("mail:message", kwargs={"pk": message.pk}) in text
    assert "Acknowledgement" in text  # what was sent, under "Sent to the requester"
    assert "Proposed from the request" in text  # the regime, for the officer to confirm


def test_the_authority_words_the_acknowledgement_itself(tmp_path, capsys, mailoutbox, settings):
    own = tmp_path / "templates" / "mail"
    own.mkdir(parents=True)
    (own / "acknowledgement.txt").write_text(
        "Our ref {{ case.reference }}. Reply due {{ case.due_on|date:'d/m/Y' }}.\n"
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [str(tmp_path / "templates")]},
    ]
    reference = receive(tmp_path, request_message(), capsys)
    case = InformationRequest.objects.get(reference=reference)
    [ack] = mailoutbox
    assert ack.body == f"Our ref {reference}. Reply due {case.due_on:%d/%m/%Y}.\n"
    assert reference in ack.subject  # the subject's template is still the one shipped


def test_a_reply_in_the_thread_joins_the_case_without_quoting_it(tmp_path, capsys):
    reference = receive(tmp_path, request_message(), capsys)
    raw = request_message(
        message_id="<follow-up@requester.example>",
        subject="One more thing",
        body="Please include 2024 as well.",
    ).replace(b"Message-ID:", b"In-Reply-To: <request-1@requester.example>\nMessage-ID:", 1)
    assert receive(tmp_path, raw, capsys, name="thread.eml") == reference
    assert InformationRequest.objects.count() == 1


def test_an_automatic_message_is_not_a_request_and_is_not_answered(tmp_path, mailoutbox):
    raw = request_message(message_id="<ooo@requester.example>", subject="Out of office").replace(
        b"Message-ID:", b"Auto-Submitted: auto-replied\nMessage-ID:", 1
    )
    path = tmp_path / "ooo.eml"
    path.write_bytes(raw)
    with pytest.raises(CommandError):
        call_command("mail", "receive", str(path))
    assert InformationRequest.objects.count() == 0 and mailoutbox == []
    assert "Auto-Submitted" in InboundMessage.objects.get().problem


def test_the_acknowledgement_says_it_was_sent_automatically(tmp_path, capsys, mailoutbox):
    receive(tmp_path, request_message(), capsys)
    assert mailoutbox[0].extra_headers["Auto-Submitted"] == "auto-replied"


def test_an_automatic_reply_on_a_case_does_not_move_its_clock(tmp_path, capsys):
    reference = receive(tmp_path, request_message(), capsys)
    InformationRequest.objects.filter(reference=reference).update(
        status="clarification_sought", clarification_sought_on=date(2026, 4, 2)
    )
    raw = request_message(
        message_id="<ooo-2@requester.example>", subject=f"Out of office Re: {reference}"
    ).replace(b"Message-ID:", b"Auto-Submitted: auto-replied\nMessage-ID:", 1)
    assert receive(tmp_path, raw, capsys, name="ooo.eml") == reference
    case = InformationRequest.objects.get(reference=reference)
    assert case.clarification_received_on is None and case.status == "clarification_sought"
