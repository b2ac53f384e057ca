"""Reading an RFC 5322 message: who sent it, when it reached the authority, what it asks.

Pure functions of the message's bytes, so each rule has its own tests. The day a request
is received is the day it reached the authority (FOISA s10(1)(a): the 20 working days run
from "the receipt by the authority of the request"), in UK time: the time the authority's
own mail server stamped on the topmost Received header, or failing that the Date header,
or failing that the time the message was read, taken in Europe/London.
"""

import email
import email.policy
import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from email.message import EmailMessage
from email.utils import parseaddr, parsedate_to_datetime
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

UK = ZoneInfo("Europe/London")
MESSAGE_ID_LENGTH = 255


class UnreadableMessage(ValueError):
    """The message cannot be read as a request; the message says why."""


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    content: bytes


@dataclass(frozen=True)
class Parsed:
    message_id: str
    sender_name: str
    sender_email: str
    subject: str
    text: str
    received_on: date
    attachments: tuple[Attachment, ...] = field(default=())
    replies_to: tuple[str, ...] = field(default=())  # In-Reply-To and References ids
    automatic: bool = False  # sent by a program (RFC 3834 Auto-Submitted), not a person


def message_key(raw: bytes) -> str:
    """What makes a message the same message: its Message-ID, or (where it has none, or one
    too long to keep) a digest of its bytes. Read leniently: an unreadable message still has
    a key, so a second copy of it is not queued twice."""
    try:
        message = email.message_from_bytes(raw, policy=email.policy.compat32)
        value = " ".join(str(message.get("Message-ID", "")).split())
    except Exception:
        value = ""
    if value and len(value) <= MESSAGE_ID_LENGTH:
        return value
    return "sha256:" + hashlib.sha256(raw).hexdigest()


def _moment(text: str) -> datetime | None:
    try:
        moment = parsedate_to_datetime(text.strip())
    except (TypeError, ValueError, IndexError):
        return None
    if moment is None:
        return None
    if moment.tzinfo is None:  # RFC 5322 "-0000": the time is UTC, the zone unknown
        moment = moment.replace(tzinfo=ZoneInfo("UTC"))
    return moment


def arrival(message: EmailMessage, fallback: datetime) -> datetime:
    """When the message reached the authority: the topmost Received header's time (added by
    the last server, the authority's own), else the Date header, else `fallback`."""
    for header in message.get_all("Received", []) or []:
        _, _, stamp = str(header).rpartition(";")
        moment = _moment(stamp) if stamp else None
        if moment is not None:
            return moment
        break  # only the topmost: an earlier hop's time is not when it reached us
    date_header = message.get("Date")
    moment = _moment(str(date_header)) if date_header else None
    return moment if moment is not None else fallback


def uk_day(moment: datetime) -> date:
    return moment.astimezone(UK).date()


class _TextOfHtml(HTMLParser):
    BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"}
    SKIP = {"script", "style", "head", "title"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """The words of an HTML body, paragraphs on lines of their own, markup dropped."""
    parser = _TextOfHtml()
    parser.feed(html)
    parser.close()
    return tidy("".join(parser.parts))


def tidy(text: str) -> str:
    lines = [" ".join(line.split()) for line in text.replace("\r\n", "\n").split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _attachments(message: EmailMessage) -> tuple[Attachment, ...]:
    found: list[Attachment] = []
    for part in message.iter_attachments():
        content = part.get_payload(decode=True)
        if content is None:  # a message/rfc822 part: keep it as it was sent
            content = part.as_bytes()
        filename = part.get_filename() or f"attachment-{len(found) + 1}"
        found.append(Attachment(filename[:200], part.get_content_type(), bytes(content)))
    return tuple(found)


def parse(raw: bytes, *, fallback_arrival: datetime) -> Parsed:
    """The message as a request, or UnreadableMessage saying what is wrong with it."""
    if not raw.strip():
        raise UnreadableMessage("the message is empty")
    try:
        message = email.message_from_bytes(raw, policy=email.policy.default)
        if not isinstance(message, EmailMessage):
            raise UnreadableMessage("not an e-mail message")
        sender_header = str(message.get("From", "") or "")
        subject = " ".join(str(message.get("Subject", "") or "").split())
        body = message.get_body(preferencelist=("plain", "html"))
        text = ""
        if body is not None:
            content = body.get_content()
            text = html_to_text(content) if body.get_content_type() == "text/html" else content
        attachments = _attachments(message)
        arrived = arrival(message, fallback_arrival)
        auto = str(message.get("Auto-Submitted", "") or "").strip().lower()
        automatic = bool(auto) and not auto.startswith("no")
        threads = " ".join(
            str(message.get(name, "") or "") for name in ("In-Reply-To", "References")
        )
    except UnreadableMessage:
        raise
    except (LookupError, ValueError, TypeError, AttributeError) as error:
        # An unknown charset (LookupError), a broken encoding, a malformed structure.
        raise UnreadableMessage(f"the message cannot be decoded: {error}") from None
    name, address = parseaddr(sender_header)
    if not address or "@" not in address:
        raise UnreadableMessage("no sender address in the From header")
    text = tidy(text)
    if not text and not attachments:
        raise UnreadableMessage("the message has no text and no attachment")
    return Parsed(
        message_id=message_key(raw),
        sender_name=" ".join(name.split()),
        sender_email=address.strip(),
        subject=subject,
        text=text,
        received_on=uk_day(arrived),
        attachments=attachments,
        replies_to=tuple(dict.fromkeys(re.findall(r"<[^<>\s]+>", threads))),
        automatic=automatic,
    )
