"""Dispatch: issuing a response e-mails the letter and its enclosures to the requester
through a real SMTP server; a refusal is shown on the case and the response is kept; the
officer sends it again or records that it was posted."""

from datetime import date

import pytest
from casework_helpers import approve, make_case, officer
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from mail_servers import smtp_server, smtp_settings

from answerable.audit.models import AuditEntry
from answerable.casework.enclosures import Enclosure, enclosures_for
from answerable.casework.models import Dispatch, IssuedLetter, RequestQuestion
from answerable.register.models import Document, DocumentVersion
from answerable.roles.assign import assign_role
from answerable.roles.roles import Role

pytestmark = pytest.mark.django_db

REQUESTER_EMAIL = "requester@private.example"
POLICY_PDF = b"%PDF-1.4 the data sharing policy"


@pytest.fixture
def smtp(settings):
    with smtp_server() as mailbox:
        for name, value in smtp_settings(mailbox).items():
            setattr(settings, name, value)
        yield mailbox


@pytest.fixture
def foi() -> Client:
    user = officer("foi")
    assign_role(user, Role.FOI_OFFICER)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def case(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    case = make_case(date(2026, 7, 1), requester_email=REQUESTER_EMAIL)
    document = Document.objects.create(reference="DSA-1", title="Data sharing", kind="policy")
    version = DocumentVersion(
        document=document, version="1.0", status="current", dated=date(2026, 1, 1)
    )
    version.file.save("data-sharing-policy.pdf", ContentFile(POLICY_PDF), save=False)
    version.save()
    RequestQuestion.objects.create(
        request=case,
        number=1,
        text="Please send your data sharing policy.",
        answer_kind="document",
        answer_text="The policy is enclosed.",
        document=document,
    )
    return case


def issue(client: Client, case) -> None:
    approve(case)
    url = reverse("casework:issue", kwargs={"reference": case.reference})
    response = client.post(url, {"notice": "full"})
    assert response.status_code == 302, response.content.decode()[:2000]


def test_enclosures_are_the_documents_answered_with(case):
    letter = IssuedLetter(request=case, notice="full", issued_on=date(2026, 7, 10))
    assert enclosures_for(letter) == [
        # Named for the document and its version (casework/enclosures.py), not the upload.
        Enclosure("DSA-1-1.0.pdf", POLICY_PDF, "application/pdf")
    ]


def test_issuing_emails_the_letter_and_its_enclosures(smtp, foi, case):
    issue(foi, case)
    [message] = smtp.to(REQUESTER_EMAIL)
    assert case.reference in message["Subject"]
    files = {part.get_filename(): part.get_content() for part in message.iter_attachments()}
    letter = IssuedLetter.objects.get(request=case)
    assert files[f"{case.reference}-full-{letter.issued_on}.pdf"] == bytes(letter.pdf)
    assert files["DSA-1-1.0.pdf"] == POLICY_PDF
    sent = Dispatch.objects.get(request=case, what="response")
    assert (sent.method, sent.status, sent.attempts) == ("email", "sent", 1)
    assert sent.sent_at is not None and sent.letter == letter
    assert AuditEntry.objects.filter(action="disclosure", record_id=str(letter.pk)).exists()
    page = foi.get(reverse("casework:case_detail", kwargs={"reference": case.reference}))
    text = page.content.decode()
    assert "Sent to the requester" in text and "DSA-1-1.0.pdf" in text


def test_a_refused_address_keeps_the_response_and_is_sent_again(smtp, foi, case):
    smtp.refuse.add(REQUESTER_EMAIL)
    issue(foi, case)
    case.refresh_from_db()
    assert case.responded_on is not None  # issued, whatever happened to the e-mail
    sent = Dispatch.objects.get(request=case, what="response")
    assert sent.status == "failed" and "550" in sent.error and "no such user" in sent.error
    page = foi.get(reverse("casework:case_detail", kwargs={"reference": case.reference}))
    assert "was not delivered" in page.content.decode()
    smtp.refuse.clear()
    again = reverse("casework:send_again", kwargs={"reference": case.reference, "pk": sent.pk})
    assert foi.post(again).status_code == 302
    sent.refresh_from_db()
    assert (sent.status, sent.attempts, sent.error) == ("sent", 2, "")
    assert len(smtp.to(REQUESTER_EMAIL)) == 1


def test_an_unreachable_server_is_recorded_then_the_letter_posted(settings, foi, case):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens: refused
    issue(foi, case)
    sent = Dispatch.objects.get(request=case, what="response")
    assert sent.status == "failed" and "could not be reached" in sent.error
    posted = reverse(
        "casework:record_posted", kwargs={"reference": case.reference, "pk": sent.letter_id}
    )
    assert foi.post(posted).status_code == 302
    sent.refresh_from_db()
    assert (sent.method, sent.status) == ("post", "posted") and sent.sent_at is not None


def test_a_requester_without_email_gets_the_letter_by_post(foi, case, mailoutbox):
    case.requester_email = ""
    case.requester_address = "1 High Street\nPerth\nPH1 1AA"
    case.save()
    issue(foi, case)
    sent = Dispatch.objects.get(request=case, what="response")
    assert (sent.method, sent.status) == ("post", "to_post")
    assert mailoutbox == []


def test_issuing_from_the_administration_sends_it_too(smtp, foi, case):
    case.notice = "full"
    case.save()
    approve(case)
    url = reverse("admin:casework_informationrequest_changelist")
    response = foi.post(url, {"action": "issue_responses", "_selected_action": [case.pk]})
    assert response.status_code == 302
    assert IssuedLetter.objects.filter(request=case).exists()
    [message] = smtp.to(REQUESTER_EMAIL)
    assert case.reference in message["Subject"]
    assert Dispatch.objects.get(request=case, what="response").status == "sent"
