"""Reading the FOI mailbox over IMAP with TLS (`answerable mail fetch`).

Every message in ANSWERABLE_IMAP_MAILBOX is read, filed (intake.receive) and then moved to
ANSWERABLE_IMAP_PROCESSED (made if missing), so the next run reads only what is new and a
message is never lost between the two: it leaves the inbox only once filed, and filing the
same message twice changes nothing. The server's certificate is verified, against
ANSWERABLE_IMAP_CA_FILE where the authority uses its own certificate authority.
"""

import contextlib
import imaplib
import ssl
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings

from answerable.mail.intake import Outcome, receive
from answerable.mail.models import Source


class MailboxError(RuntimeError):
    """The mailbox cannot be read; the message says why."""


@dataclass(frozen=True)
class Settings:
    host: str
    port: int
    user: str
    password: str
    mailbox: str
    processed: str
    ca_file: str

    @classmethod
    def from_django(cls) -> "Settings":
        found = cls(
            host=settings.ANSWERABLE_IMAP_HOST,
            port=settings.ANSWERABLE_IMAP_PORT,
            user=settings.ANSWERABLE_IMAP_USER,
            password=settings.ANSWERABLE_IMAP_PASSWORD,
            mailbox=settings.ANSWERABLE_IMAP_MAILBOX,
            processed=settings.ANSWERABLE_IMAP_PROCESSED,
            ca_file=settings.ANSWERABLE_IMAP_CA_FILE,
        )
        missing = [
            f"ANSWERABLE_IMAP_{name.upper()}"
            for name in ("host", "user", "password")
            if not getattr(found, name)
        ]
        if missing:
            raise MailboxError(f"set {', '.join(missing)} to read the FOI mailbox")
        return found


def _quoted(mailbox: str) -> str:
    return '"' + mailbox.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _check(result: tuple[str, list], doing: str) -> list:
    status, data = result
    if status != "OK":
        detail = b" ".join(d for d in data if isinstance(d, bytes)).decode(errors="replace")
        raise MailboxError(f"the IMAP server refused to {doing}: {detail}")
    return data


def fetch(config: Settings | None = None) -> list[Outcome]:
    """File every message in the mailbox and move each to the processed mailbox."""
    config = config or Settings.from_django()
    context = ssl.create_default_context(cafile=config.ca_file or None)
    try:
        client = imaplib.IMAP4_SSL(config.host, config.port, ssl_context=context, timeout=60)
    except (OSError, ssl.SSLError) as error:
        raise MailboxError(f"cannot connect to {config.host}:{config.port}: {error}") from None
    outcomes: list[Outcome] = []
    try:
        try:
            client.login(config.user, config.password)
        except imaplib.IMAP4.error as error:
            raise MailboxError(f"the IMAP server refused the sign-in: {error}") from None
        client.create(_quoted(config.processed))  # "already exists" is not an error here
        _check(client.select(_quoted(config.mailbox)), f"open {config.mailbox}")
        uids = _check(client.uid("SEARCH", "ALL"), "list the messages")
        for uid in (part.decode() for part in (uids[0] or b"").split()):
            data = _check(client.uid("FETCH", uid, "(BODY.PEEK[] INTERNALDATE)"), "read")
            raw, arrived = _message(data)
            if raw is None:
                continue
            outcomes.append(receive(raw, Source.IMAP, arrived=arrived))
            _check(client.uid("COPY", uid, _quoted(config.processed)), "move a message")
            _check(client.uid("STORE", uid, "+FLAGS", "(\\Deleted \\Seen)"), "move a message")
        client.expunge()
    except imaplib.IMAP4.error as error:
        raise MailboxError(f"the IMAP server failed: {error}") from None
    finally:
        with contextlib.suppress(imaplib.IMAP4.error, OSError):
            client.logout()
    return outcomes


def _message(data: list) -> tuple[bytes | None, datetime | None]:
    for item in data:
        if isinstance(item, tuple) and len(item) == 2:
            head, raw = item
            arrived = imaplib.Internaldate2tuple(head)
            when = None
            if arrived is not None:
                when = datetime.fromtimestamp(time.mktime(arrived), tz=UTC)
            return bytes(raw), when
    return None, None
