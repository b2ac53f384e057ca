"""How and when each letter left the authority: e-mailed (with its enclosures) or posted.

Issuing a response and sending it are two steps (dispatch.py): the response is issued and
kept first, then sent; a failure to send (the mail server refusing, a bounce reported
later) is recorded here and shown on the case, and the officer sends it again or posts
it. The acknowledgement of a new request is recorded the same way.
"""

from django.conf import settings
from django.db import models


class DispatchWhat(models.TextChoices):
    ACKNOWLEDGEMENT = "acknowledgement", "Acknowledgement"
    RESPONSE = "response", "Response"


class DispatchMethod(models.TextChoices):
    EMAIL = "email", "E-mail"
    POST = "post", "Post"


class DispatchStatus(models.TextChoices):
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed: not delivered"
    TO_POST = "to_post", "To be posted"
    POSTED = "posted", "Posted"


class Dispatch(models.Model):
    request = models.ForeignKey(
        "casework.InformationRequest", on_delete=models.PROTECT, related_name="dispatches"
    )
    letter = models.ForeignKey(
        "casework.IssuedLetter",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dispatches",
    )
    what = models.CharField(max_length=16, choices=DispatchWhat.choices)
    method = models.CharField(max_length=8, choices=DispatchMethod.choices)
    status = models.CharField(max_length=8, choices=DispatchStatus.choices)
    enclosures = models.JSONField(default=list, blank=True, help_text="File names sent.")
    error = models.TextField(blank=True, help_text="Why it was not delivered.")
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["request", "created_at", "pk"]
        verbose_name_plural = "dispatches"

    def __str__(self) -> str:
        return f"{self.request.reference}: {self.what} by {self.method}, {self.status}"
