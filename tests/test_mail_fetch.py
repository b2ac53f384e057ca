"""`answerable mail fetch`: the FOI mailbox read over IMAP with TLS, from a real Dovecot
started by the test; each message filed once and moved out of the inbox."""

import imaplib
import ssl

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from mail_messages import request_message
from mail_servers import dovecot_missing, imap_server

from answerable.casework.models import InformationRequest
from answerable.mail.models import InboundMessage, MessageStatus

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(bool(dovecot_missing()), reason=dovecot_missing() or "ok"),
]


@pytest.fixture(scope="module")
def dovecot():
    with imap_server() as server:
        yield server


@pytest.fixture
def mailbox(dovecot, settings):
    settings.ANSWERABLE_IMAP_HOST = dovecot.host
    settings.ANSWERABLE_IMAP_PORT = dovecot.port
    settings.ANSWERABLE_IMAP_USER = dovecot.user
    settings.ANSWERABLE_IMAP_PASSWORD = dovecot.password
    settings.ANSWERABLE_IMAP_CA_FILE = dovecot.ca_file
    settings.ANSWERABLE_IMAP_MAILBOX = "INBOX"
    settings.ANSWERABLE_IMAP_PROCESSED = "Answerable-Processed"
    client = imaplib.IMAP4_SSL(
        dovecot.host, dovecot.port, ssl_context=ssl.create_default_context(cafile=dovecot.ca_file)
    )
    client.login(dovecot.user, dovecot.password)
    yield client
    # Empty both mailboxes for the next test.
    for name in ("INBOX", '"Answerable-Processed"'):
        status, data = client.select(name)
        if status == "OK" and int(data[0]):
            client.store("1:*", "+FLAGS", "(\\Deleted)")
            client.expunge()
    client.logout()


def count(client: imaplib.IMAP4, mailbox: str) -> int:
    status, data = client.select(mailbox, readonly=True)
    assert status == "OK", data
    return int(data[0])


def test_fetch_files_each_message_once_and_moves_it(mailbox, capsys, mailoutbox):
    mailbox.append("INBOX", None, None, request_message())
    mailbox.append(
        "INBOX", None, None, request_message(message_id="<two@x.example>", body="Budget 2025?")
    )
    call_command("mail", "fetch")
    references = capsys.readouterr().out.split()
    assert len(references) == 2
    assert InformationRequest.objects.filter(reference__in=references).count() == 2
    assert count(mailbox, "INBOX") == 0
    assert count(mailbox, '"Answerable-Processed"') == 2
    assert len(mailoutbox) == 2  # each acknowledged
    assert set(InboundMessage.objects.values_list("source", flat=True)) == {"imap"}
    # Run again (a scheduler every few minutes): nothing new, nothing changed.
    call_command("mail", "fetch")
    assert capsys.readouterr().out == ""
    assert InformationRequest.objects.count() == 2


def test_a_copy_left_in_the_inbox_changes_nothing(mailbox, capsys):
    mailbox.append("INBOX", None, None, request_message())
    call_command("mail", "fetch")
    first = capsys.readouterr().out.split()
    mailbox.append("INBOX", None, None, request_message())  # delivered again
    call_command("mail", "fetch")
    assert capsys.readouterr().out.split() == first
    assert InformationRequest.objects.count() == 1


def test_an_unreadable_message_is_queued_and_still_moved(mailbox):
    mailbox.append("INBOX", None, None, b"Subject: who?\r\n\r\nNo sender here.\r\n")
    with pytest.raises(CommandError, match="could not be read"):
        call_command("mail", "fetch")
    assert InboundMessage.objects.get().status == MessageStatus.UNREADABLE
    assert count(mailbox, "INBOX") == 0


def test_a_wrong_password_says_so(mailbox, settings):
    settings.ANSWERABLE_IMAP_PASSWORD = "wrong"
    with pytest.raises(CommandError, match="refused the sign-in"):
        call_command("mail", "fetch")


def test_an_untrusted_certificate_is_refused(mailbox, settings):
    settings.ANSWERABLE_IMAP_CA_FILE = ""  # the system's CAs do not trust the test's own
    with pytest.raises(CommandError, match="cannot connect"):
        call_command("mail", "fetch")
