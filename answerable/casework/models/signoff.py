"""Sign-off: a response approved before it is issued (signoff.py has the rules).

The officer who drafts a response asks for sign-off; an approver (the
`casework.approve_response` permission) who is not the author approves or rejects it with
a comment; a case flagged sensitive needs a second, different approver. Every request and
decision is kept on the case, approvals and rejections alike.
"""

from django.conf import settings
from django.db import models

from answerable.casework.models.choices import Notice


class SignOffStatus(models.TextChoices):
    PENDING = "pending", "Waiting for approval"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"
    REPLACED = "replaced", "Replaced by a later request"


class SignOffRequest(models.Model):
    request = models.ForeignKey(
        "casework.InformationRequest", on_delete=models.CASCADE, related_name="sign_offs"
    )
    notice = models.CharField(
        max_length=12, choices=Notice.choices, help_text="The kind of response to be issued."
    )
    # What the response said when sign-off was asked for (signoff.draft_fingerprint): a
    # change to its questions, answers or exemptions afterwards needs sign-off again.
    fingerprint = models.CharField(max_length=64, editable=False)
    note = models.TextField(blank=True, help_text="Anything the approver should look at.")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        max_length=12, choices=SignOffStatus.choices, default=SignOffStatus.PENDING
    )

    class Meta:
        ordering = ["request", "requested_at", "pk"]
        verbose_name = "sign-off request"

    def __str__(self) -> str:
        return f"{self.request.reference}: sign-off of a {self.notice} response"


class SignOffDecision(models.Model):
    sign_off = models.ForeignKey(SignOffRequest, on_delete=models.CASCADE, related_name="decisions")
    approved = models.BooleanField()
    comment = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["sign_off", "decided_at", "pk"]
        verbose_name = "sign-off decision"
        permissions = [("approve_response", "Can approve a response before it is issued")]
        constraints = [
            models.UniqueConstraint(
                fields=["sign_off", "decided_by"], name="one_decision_per_approver"
            ),
        ]

    def __str__(self) -> str:
        verdict = "approved" if self.approved else "rejected"
        return f"{self.sign_off}: {verdict}"
