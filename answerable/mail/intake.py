"""A message received: a new case, or added to the case it quotes, or queued for an officer.

`receive(raw, source)` is what `answerable mail receive` and `mail fetch` do with each
message:

- the same message twice (its Message-ID, or its bytes) changes nothing and names the case
  it went to the first time;
- a message that cannot be read is kept with the reason, for an officer (views.queue);
- a message whose subject or body quotes an existing case's reference joins that case: a
  clarification the case awaits restarts its clock (FOISA s1(3)); after the response, a
  message asking for a review is a requirement for review (s20); anything else is kept
  on the case as correspondence; a delivery failure report (a bounce) marks the e-mail
  it reports as failed;
- otherwise it is a new request: a case, its deadline from the clock, an acknowledgement.

The message and its attachments are kept as they arrived (models.InboundMessage).
"""

import email
import email.policy
import re
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from answerable.audit.actions import Action
from answerable.audit.trail import record
from answerable.casework import dispatch, intake
from answerable.casework.models import InformationRequest
from answerable.casework.models.choices import Channel, Status
from answerable.casework.reference import reference_regex
from answerable.casework.regime_guess import guess_regime
from answerable.mail import acknowledge
from answerable.mail.models import InboundAttachment, InboundMessage, MessageKind, MessageStatus
from answerable.mail.parse import Parsed, UnreadableMessage, message_key, parse

# Words by which a reply after the response asks for a review (s20(1): a requirement
# need not use the word, but these are how requesters put it).
REVIEW_WORDS = re.compile(
    r"\b(review|reconsider|dissatisfied|not satisfied|unhappy with|appeal)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class Outcome:
    reference: str  # the case's, or "" for a message queued for an officer
    kind: str  # a MessageKind, or "" when queued
    created: bool  # a new case was made
    duplicate: bool  # the message had been received before: nothing changed
    problem: str = ""  # why it was queued


def follow_up_kind(case: InformationRequest, text: str) -> MessageKind:
    """What a message quoting `case` is, from the case's state and the message's words."""
    awaiting_clarification = case.status == Status.CLARIFICATION_SOUGHT or (
        case.clarification_sought_on is not None and case.clarification_received_on is None
    )
    if awaiting_clarification and case.responded_on is None:
        return MessageKind.CLARIFICATION
    if case.responded_on is not None and REVIEW_WORDS.search(text):
        return MessageKind.REVIEW
    return MessageKind.REPLY


def quoted_case(
    subject: str, text: str, replies_to: tuple[str, ...] = ()
) -> InformationRequest | None:
    """The existing case whose reference the subject (first) or body quotes; failing that,
    the case of a message this one answers (its In-Reply-To or References)."""
    pattern = reference_regex()
    for where in (subject, text):
        for match in pattern.finditer(where):
            case = InformationRequest.objects.filter(reference__iexact=match.group(0)).first()
            if case is not None:
                return case
    if replies_to:
        earlier = (
            InboundMessage.objects.filter(message_id__in=replies_to, request__isnull=False)
            .select_related("request")
            .order_by("-pk")
            .first()
        )
        if earlier is not None:
            return earlier.request
    return None


def bounce_reason(raw: bytes) -> str | None:
    """A delivery status notification's diagnostic (RFC 3464), or None for any other
    message."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    if message.get_content_type() != "multipart/report":
        return None
    if str(message.get_param("report-type", "")).lower() != "delivery-status":
        return None
    for part in message.walk():
        if part.get_content_type() == "message/delivery-status":
            text = part.as_string()
            found = re.search(r"^Diagnostic-Code:\s*(.+)$", text, re.MULTILINE | re.IGNORECASE)
            if found:
                return found.group(1).strip()
            status = re.search(r"^Status:\s*(\S+)$", text, re.MULTILINE | re.IGNORECASE)
            if status:
                return f"status {status.group(1)}"
    return "the message could not be delivered"


def _keep(raw: bytes, key: str, source: str, **fields: object) -> InboundMessage:
    message = InboundMessage.objects.create(message_id=key, source=source, raw=raw, **fields)
    # DPA 2018 s62(1)(a): a message naming its sender kept; the entry names neither.
    record(
        Action.COLLECTION,
        record=message,
        purpose=f"FOI mailbox: message received ({message.get_status_display().lower()})",
        detail={"kind": message.kind, "source": source},
    )
    return message


def _attach(message: InboundMessage, parsed: Parsed) -> None:
    for attachment in parsed.attachments:
        InboundAttachment.objects.create(
            message=message,
            filename=attachment.filename,
            content_type=attachment.content_type[:100],
            content=attachment.content,
            size=len(attachment.content),
        )


def _earlier(key: str) -> Outcome | None:
    earlier = InboundMessage.objects.select_related("request").filter(message_id=key).first()
    if earlier is None:
        return None
    reference = earlier.request.reference if earlier.request is not None else ""
    return Outcome(reference, earlier.kind, created=False, duplicate=True, problem=earlier.problem)


def receive(raw: bytes, source: str, *, arrived: datetime | None = None) -> Outcome:
    """File one message (see the module's description); the acknowledgement of a new case
    is sent once the case is saved."""
    key = message_key(raw)
    earlier = _earlier(key)
    if earlier is not None:
        return earlier
    arrived = arrived or timezone.now()
    try:
        with transaction.atomic():
            outcome, case = _file(raw, key, source, arrived)
    except IntegrityError:
        # The same message filed at the same moment by another process (mail fetch and a
        # pipe both delivering it): theirs stands.
        earlier = _earlier(key)
        if earlier is None:
            raise
        return earlier
    if case is not None:
        acknowledge.acknowledge(case)
    return outcome


def _file(
    raw: bytes, key: str, source: str, arrived: datetime
) -> tuple[Outcome, InformationRequest | None]:
    try:
        parsed = parse(raw, fallback_arrival=arrived)
    except UnreadableMessage as error:
        _keep(raw, key, source, status=MessageStatus.UNREADABLE, problem=str(error))
        return Outcome("", "", created=False, duplicate=False, problem=str(error)), None
    fields = {"subject": parsed.subject[:300], "received_on": parsed.received_on}
    case = quoted_case(parsed.subject, parsed.text, parsed.replies_to)
    if case is not None:
        reason = bounce_reason(raw)
        if reason is not None:
            dispatch.bounced(case, reason)
            kind = MessageKind.REPLY
        elif parsed.automatic:
            kind = MessageKind.REPLY  # an out-of-office reply clarifies nothing
        else:
            kind = follow_up_kind(case, parsed.text)
        if kind == MessageKind.CLARIFICATION:
            intake.clarification_received(case, parsed.received_on)
        elif kind == MessageKind.REVIEW:
            intake.review_required(
                case, on=parsed.received_on, channel=Channel.EMAIL, dissatisfaction=parsed.text
            )
        message = _keep(
            raw, key, source, status=MessageStatus.FILED, kind=kind, request=case, **fields
        )
        _attach(message, parsed)
        return Outcome(case.reference, kind, created=False, duplicate=False), None
    if parsed.automatic:
        # RFC 3834: an automatic message (an out-of-office reply, a notification) is not a
        # request, and answering it could start a loop of automatic replies.
        problem = "sent automatically (Auto-Submitted), quoting no case: not a request"
        message = _keep(raw, key, source, status=MessageStatus.UNREADABLE, problem=problem)
        _attach(message, parsed)
        return Outcome("", "", created=False, duplicate=False, problem=problem), None
    if not parsed.text:
        problem = "no request text: the message has attachments only"
        message = _keep(raw, key, source, status=MessageStatus.UNREADABLE, problem=problem)
        _attach(message, parsed)
        return Outcome("", "", created=False, duplicate=False, problem=problem), None
    try:
        with transaction.atomic():
            case = intake.log_request(
                received_on=parsed.received_on,
                channel=Channel.EMAIL,
                requester=intake.Requester(
                    name=parsed.sender_name or parsed.sender_email, email=parsed.sender_email
                ),
                title=intake.short_title(parsed.subject, parsed.text),
                request_text=parsed.text,
                regime=guess_regime(parsed.subject + "\n" + parsed.text),
            )
    except ValidationError as error:
        problem = "the request cannot be logged: " + "; ".join(error.messages)
        message = _keep(raw, key, source, status=MessageStatus.UNREADABLE, problem=problem)
        _attach(message, parsed)
        return Outcome("", "", created=False, duplicate=False, problem=problem), None
    message = _keep(
        raw, key, source, status=MessageStatus.FILED, kind=MessageKind.NEW, request=case, **fields
    )
    _attach(message, parsed)
    return Outcome(case.reference, MessageKind.NEW, created=True, duplicate=False), case
