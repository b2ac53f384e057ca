"""Requests arriving: a new case, a clarification received, a requirement for review.

The one way a request that arrives by e-mail or through the public form becomes a case
(answerable.mail uses it for both), so the case, its first question, its deadline and the
audit entry are made the same way whatever the channel. The deadline is the clock's
(InformationRequest.compute_due); a clarification received restarts it (FOISA s1(3)).
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from answerable.audit.actions import Action
from answerable.audit.trail import record
from answerable.casework.models import InformationRequest, RequestQuestion, Review
from answerable.casework.models.choices import Channel, Status
from answerable.casework.services import save_request

TITLE_LENGTH = 200


@dataclass(frozen=True)
class Requester:
    name: str
    email: str = ""
    address: str = ""


def short_title(subject: str, text: str) -> str:
    """A short subject for the case list: the message's, or the request's first line."""
    subject = " ".join(subject.split())
    for prefix in ("re:", "fw:", "fwd:"):
        while subject.lower().startswith(prefix):
            subject = subject[len(prefix) :].strip()
    title = subject or next((line.strip() for line in text.splitlines() if line.strip()), "")
    title = title or "Request for information"
    return title if len(title) <= TITLE_LENGTH else title[: TITLE_LENGTH - 3].rstrip() + "..."


def log_request(
    *,
    received_on: date,
    channel: Channel | str,
    requester: Requester,
    title: str,
    request_text: str,
    regime: str,
) -> InformationRequest:
    """A new case with the request as its first question, numbered and timed by the clock."""
    with transaction.atomic():
        case = InformationRequest(
            received_on=received_on,
            channel=Channel(channel),
            requester_name=requester.name[:200],
            requester_email=requester.email,
            requester_address=requester.address,
            title=title[:TITLE_LENGTH],
            request_text=request_text,
            regime=regime,
        )
        case.full_clean(exclude=["reference"])
        save_request(case)
        RequestQuestion.objects.create(request=case, number=1, text=request_text)
        # DPA 2018 s62(1)(a): the requester's name and address collected, named by field.
        record(
            Action.COLLECTION,
            record=case,
            purpose=f"FOI request {case.reference} received ({case.get_channel_display()})",
            detail={"fields": ["requester_name", "requester_email", "requester_address"]},
        )
    return case


def clarification_received(case: InformationRequest, on: date) -> InformationRequest:
    """The requester's clarification (s1(3)): the 20 working days start again from `on`."""
    with transaction.atomic():
        case.clarification_received_on = max(on, case.received_on)
        if case.status == Status.CLARIFICATION_SOUGHT:
            case.status = Status.IN_PROGRESS
        case.save()
    return case


def review_required(
    case: InformationRequest, *, on: date, channel: Channel | str, dissatisfaction: str
) -> Review:
    """A requirement for review (s20) received on `on`; its validity and deadline are the
    Review's own (s20(3), s21(1))."""
    with transaction.atomic():
        return Review.objects.create(
            request=case,
            requirement_received_on=on,
            channel=Channel(channel),
            dissatisfaction=dissatisfaction,
        )
