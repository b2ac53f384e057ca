"""Messages received, for staff: the queue of those that could not be read, each message as
it came, and marking one as dealt with.

A message is the requester's personal data, so only staff who may see requesters open these
pages (mail.view_inboundmessage, given with casework), and each opening of a message's text
or file is in the audit trail (DPA 2018 s62(1)(c), consultation). The list shows no sender
and no subject: the officer opens a message to read it.
"""

import email
import email.policy

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from answerable.audit.actions import Action
from answerable.audit.trail import record
from answerable.mail.models import InboundMessage, MessageStatus
from answerable.mail.parse import UnreadableMessage, html_to_text
from answerable.roles.predicates import User, account_of
from answerable.web.access import require


def can_read_messages(user: User) -> bool:
    return user.has_perm("mail.view_inboundmessage") and user.has_perm("casework.view_requester")


def can_resolve_messages(user: User) -> bool:
    return can_read_messages(user) and user.has_perm("mail.change_inboundmessage")


@require(can_read_messages)
def queue(request: HttpRequest) -> HttpResponse:
    waiting = InboundMessage.objects.filter(status=MessageStatus.UNREADABLE).order_by("created_at")
    recent = (
        InboundMessage.objects.exclude(status=MessageStatus.UNREADABLE)
        .select_related("request")
        .order_by("-created_at")[:25]
    )
    return render(request, "mail/queue.html", {"waiting": waiting, "recent": recent})


def _readable_text(message: InboundMessage) -> tuple[dict[str, str], str]:
    """Its headers and text as far as they can be read (an unreadable message may still
    show some); never an exception."""
    try:
        parsed = email.message_from_bytes(bytes(message.raw), policy=email.policy.default)
        headers = {
            name: str(parsed.get(name, ""))
            for name in ("From", "To", "Date", "Subject", "Message-ID")
        }
        body = parsed.get_body(preferencelist=("plain", "html"))
        text = body.get_content() if body is not None else ""
        if body is not None and body.get_content_type() == "text/html":
            text = html_to_text(text)
    except (LookupError, ValueError, TypeError, AttributeError, UnreadableMessage):
        return {}, bytes(message.raw)[:20000].decode("utf-8", errors="replace")
    return headers, text


@require(can_read_messages)
def message_detail(request: HttpRequest, pk: int) -> HttpResponse:
    message = get_object_or_404(InboundMessage.objects.select_related("request"), pk=pk)
    headers, text = _readable_text(message)
    record(
        Action.CONSULTATION,
        record=message,
        purpose="FOI mailbox: message read"
        + (f" ({message.request.reference})" if message.request is not None else ""),
        detail={"status": message.status},
    )
    context = {
        "message": message,
        "headers": headers,
        "text": text,
        "attachments": list(message.attachments.defer("content")),
        "may_resolve": can_resolve_messages(request.user)
        and message.status == MessageStatus.UNREADABLE,
    }
    return render(request, "mail/message.html", context)


@require(can_read_messages)
def message_raw(request: HttpRequest, pk: int) -> HttpResponse:
    message = get_object_or_404(InboundMessage, pk=pk)
    record(
        Action.CONSULTATION,
        record=message,
        purpose="FOI mailbox: message downloaded as received",
    )
    response = HttpResponse(bytes(message.raw), content_type="message/rfc822")
    response["Content-Disposition"] = f'attachment; filename="message-{message.pk}.eml"'
    return response


@require(can_resolve_messages)
@require_POST
def resolve(request: HttpRequest, pk: int) -> HttpResponse:
    message = get_object_or_404(InboundMessage, pk=pk, status=MessageStatus.UNREADABLE)
    message.status = MessageStatus.RESOLVED
    message.resolved_by = account_of(request.user)
    message.save(update_fields=["status", "resolved_by"])
    messages.success(request, f"Message {message.pk} marked as dealt with.")
    return redirect(reverse("mail:queue"))
