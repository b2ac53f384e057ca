"""Messages received: each kept as it arrived, with its attachments, linked to its case.

A message names its sender and says what they asked, so it is private like the requester
(REQUESTER_FIELDS on the case): only staff with `mail.view_inboundmessage` see it, every
reading of its text is in the audit trail (views.message_detail), and it is never in a
list, a log or the change history. A message that could not be read is kept too, with the
reason, in the queue an officer works through (views.queue): nothing that arrives is lost.
"""

from django.conf import settings
from django.db import models


class Source(models.TextChoices):
    FILE = "file", "File (mail receive)"
    STDIN = "stdin", "Mail server pipe (mail receive -)"
    IMAP = "imap", "FOI mailbox (mail fetch)"


class MessageStatus(models.TextChoices):
    FILED = "filed", "Filed on a case"
    UNREADABLE = "unreadable", "Could not be read: for an officer"
    RESOLVED = "resolved", "Dealt with by an officer"


class MessageKind(models.TextChoices):
    NEW = "new", "New request"
    CLARIFICATION = "clarification", "Clarification (s1(3))"
    REVIEW = "review", "Requirement for review (s20)"
    REPLY = "reply", "Other correspondence on the case"


class InboundMessage(models.Model):
    message_id = models.CharField(
        max_length=255, unique=True, help_text="Its Message-ID, or a digest of its bytes."
    )
    source = models.CharField(max_length=8, choices=Source.choices)
    raw = models.BinaryField(editable=False, help_text="The message exactly as received.")
    subject = models.CharField(max_length=300, blank=True)
    received_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=MessageStatus.choices)
    kind = models.CharField(max_length=16, choices=MessageKind.choices, blank=True)
    problem = models.TextField(blank=True, help_text="Why it could not be read.")
    request = models.ForeignKey(
        "casework.InformationRequest",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inbound_messages",
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        # Never the sender or the subject: str() ends up in logs and messages.
        case = self.request.reference if self.request is not None else "no case"
        return f"message {self.pk} ({self.get_status_display()}, {case})"


class InboundAttachment(models.Model):
    message = models.ForeignKey(
        InboundMessage, on_delete=models.CASCADE, related_name="attachments"
    )
    filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    content = models.BinaryField(editable=False)
    size = models.PositiveIntegerField()

    class Meta:
        ordering = ["message", "pk"]

    def __str__(self) -> str:
        return f"attachment {self.pk} of message {self.message_id}"


class FormSubmission(models.Model):
    """One use of the public request form, for its rate limit: when, and a keyed digest of
    the address it came from (never the address itself). Kept a day."""

    client = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"form submission at {self.at:%Y-%m-%d %H:%M}"
