"""Sending letters to the requester, and keeping when and how each was sent (Dispatch).

Issuing comes first and sending after (views.actions.issue): a response once issued is
kept whatever happens to the e-mail. Sending is one attempt over Django's mail framework
(EMAIL_BACKEND, EMAIL_HOST...): delivered to the mail server, it is recorded as sent; a
refusal or a connection failure is recorded as failed, with the reason, and shown on the
case, where the officer sends it again or records that it was posted. A bounce that comes
back later to the FOI mailbox marks the dispatch failed the same way (mail.intake).
A requester with no e-mail address gets the letter by post: the dispatch waits to be
recorded as posted.
"""

import smtplib
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from answerable.audit.actions import Action
from answerable.audit.trail import record
from answerable.casework.enclosures import enclosures_for
from answerable.casework.models import Dispatch, InformationRequest, IssuedLetter
from answerable.casework.models.dispatch import DispatchMethod, DispatchStatus, DispatchWhat

ERROR_LENGTH = 1000


class DispatchError(ValueError):
    """The dispatch cannot be done as asked; the message says why."""


def letter_filename(letter: IssuedLetter) -> str:
    return f"{letter.request.reference}-{letter.notice}-{letter.issued_on}.pdf"


def deliver(message: EmailMessage) -> str:
    """Hand `message` to the mail server: "" when it took it, else why it did not."""
    try:
        sent = message.send(fail_silently=False)
    except smtplib.SMTPRecipientsRefused as error:
        reasons = "; ".join(
            f"{code} {text.decode(errors='replace') if isinstance(text, bytes) else text}"
            for code, text in error.recipients.values()
        )
        return f"the mail server refused the address: {reasons}"[:ERROR_LENGTH]
    except smtplib.SMTPResponseException as error:
        text = error.smtp_error
        text = text.decode(errors="replace") if isinstance(text, bytes) else str(text)
        return f"the mail server refused the message: {error.smtp_code} {text}"[:ERROR_LENGTH]
    except (smtplib.SMTPException, OSError) as error:
        return f"the mail server could not be reached: {error}"[:ERROR_LENGTH]
    return "" if sent else "the mail backend sent nothing"


def _attempt(dispatch: Dispatch, message: EmailMessage) -> Dispatch:
    error = deliver(message)
    dispatch.attempts += 1
    dispatch.error = error
    dispatch.status = DispatchStatus.FAILED if error else DispatchStatus.SENT
    dispatch.sent_at = None if error else timezone.now()
    with transaction.atomic():
        dispatch.save()
        if not error:
            # DPA 2018 s62(1)(d): what was disclosed, to whom; never the address itself.
            record(
                Action.DISCLOSURE,
                record=dispatch.letter or dispatch.request,
                recipient="the requester",
                purpose=f"FOI request {dispatch.request.reference}: {dispatch.what} e-mailed",
                detail={"enclosures": dispatch.enclosures},
            )
    return dispatch


def response_message(letter: IssuedLetter) -> tuple[EmailMessage, list[str]]:
    """The e-mail carrying `letter` as PDF and its enclosures, and the files' names."""
    case = letter.request
    context = {
        "case": case,
        "letter": letter,
        "authority": settings.ANSWERABLE_AUTHORITY_NAME,
        "unit": settings.ANSWERABLE_AUTHORITY_UNIT,
    }
    subject = " ".join(render_to_string("casework/dispatch_response_subject.txt", context).split())
    body = render_to_string("casework/dispatch_response.txt", context)
    message = EmailMessage(
        subject=subject,
        body=body,
        to=[case.requester_email],
        reply_to=[settings.ANSWERABLE_AUTHORITY_EMAIL],
    )
    names = [letter_filename(letter)]
    message.attach(names[0], bytes(letter.pdf), "application/pdf")
    for enclosure in enclosures_for(letter):
        message.attach(enclosure.filename, enclosure.content, enclosure.mime_type)
        names.append(enclosure.filename)
    return message, names


def send_response(letter: IssuedLetter, *, user: Any = None) -> Dispatch:
    """Send an issued letter: by e-mail where the requester gave an address, else a dispatch
    waiting to be recorded as posted."""
    case = letter.request
    if not case.requester_email:
        return Dispatch.objects.create(
            request=case,
            letter=letter,
            what=DispatchWhat.RESPONSE,
            method=DispatchMethod.POST,
            status=DispatchStatus.TO_POST,
            by=_user(user),
        )
    message, names = response_message(letter)
    dispatch = Dispatch.objects.create(
        request=case,
        letter=letter,
        what=DispatchWhat.RESPONSE,
        method=DispatchMethod.EMAIL,
        status=DispatchStatus.FAILED,
        enclosures=names,
        by=_user(user),
    )
    return _attempt(dispatch, message)


def send_again(dispatch: Dispatch, *, user: Any = None) -> Dispatch:
    """Another attempt at a failed e-mail (to the address now on the case)."""
    if dispatch.status != DispatchStatus.FAILED or dispatch.letter is None:
        raise DispatchError("only a response whose e-mail failed is sent again")
    if not dispatch.request.requester_email:
        raise DispatchError("the case has no e-mail address: record that it was posted")
    message, names = response_message(dispatch.letter)
    dispatch.enclosures = names
    dispatch.by = _user(user)
    return _attempt(dispatch, message)


def record_posted(letter: IssuedLetter, *, user: Any = None) -> Dispatch:
    """The letter was posted today: a waiting or failed dispatch becomes posted."""
    with transaction.atomic():
        dispatch = (
            letter.dispatches.filter(status__in=(DispatchStatus.TO_POST, DispatchStatus.FAILED))
            .order_by("-pk")
            .first()
        )
        if dispatch is None:
            if letter.dispatches.filter(status__in=(DispatchStatus.SENT, DispatchStatus.POSTED)):
                raise DispatchError(f"{letter} has been sent already")
            dispatch = Dispatch(request=letter.request, letter=letter, what=DispatchWhat.RESPONSE)
        dispatch.method = DispatchMethod.POST
        dispatch.status = DispatchStatus.POSTED
        dispatch.sent_at = timezone.now()
        dispatch.by = _user(user)
        dispatch.save()
        record(
            Action.DISCLOSURE,
            record=letter,
            recipient="the requester",
            purpose=f"FOI request {letter.request.reference}: response posted",
        )
    return dispatch


def send_acknowledgement(case: InformationRequest, message: EmailMessage) -> Dispatch:
    """Send a new request's acknowledgement (made by the intake) and record it."""
    dispatch = Dispatch.objects.create(
        request=case,
        what=DispatchWhat.ACKNOWLEDGEMENT,
        method=DispatchMethod.EMAIL,
        status=DispatchStatus.FAILED,
    )
    return _attempt(dispatch, message)


def bounced(case: InformationRequest, reason: str) -> Dispatch | None:
    """A bounce came back for `case`: its latest e-mail sent is marked failed with why."""
    dispatch = (
        case.dispatches.filter(method=DispatchMethod.EMAIL, status=DispatchStatus.SENT)
        .order_by("-pk")
        .first()
    )
    if dispatch is None:
        return None
    dispatch.status = DispatchStatus.FAILED
    dispatch.error = f"bounced: {reason}"[:ERROR_LENGTH]
    dispatch.save()
    return dispatch


def _user(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None
