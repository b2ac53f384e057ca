"""The systems that may call the API, and the answers kept for their retried calls."""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone

from answerable.api import tokens
from answerable.api.scopes import DESCRIPTIONS, Scope, effective

SYSTEM_NAME = RegexValidator(
    r"^[a-z0-9][a-z0-9-]{0,62}$",
    "Lower-case letters, digits and hyphens, e.g. custody-system.",
)


class ApiClient(models.Model):
    """A system allowed to call the API with its own token and scopes.

    Its name is the actor of everything it does in the s62 audit trail ("api:NAME").
    """

    name = models.CharField(max_length=63, unique=True, validators=[SYSTEM_NAME])
    description = models.CharField(max_length=200, blank=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    token_hint = models.CharField(max_length=16, editable=False)
    scopes = models.JSONField(
        default=list,
        help_text="What it may do: "
        + "; ".join(f"{scope.value}: {text}" for scope, text in DESCRIPTIONS.items()),
    )
    force = models.ForeignKey(
        "register.Force",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text="The force whose records it reads and writes; empty: the installation's own.",
    )
    active = models.BooleanField(default=True, help_text="Revoked tokens are refused.")
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = "API client"

    def __str__(self) -> str:
        return self.name

    # DRF reads these of the authenticated "user".
    is_authenticated = True
    is_anonymous = False

    @property
    def actor(self) -> str:
        return f"api:{self.name}"

    def may(self, scope: Scope) -> bool:
        return scope in effective(self.scopes)

    def force_name(self) -> str:
        return self.force.name if self.force is not None else settings.ANSWERABLE_FORCE

    def issue_token(self) -> str:
        """A new token for this client (the old one stops working); shown only once."""
        token = tokens.new_token()
        self.token_hash, self.token_hint = tokens.digest(token), tokens.hint(token)
        return token

    def revoke(self) -> None:
        self.active = False
        self.revoked_at = timezone.now()


class IdempotentRequest(models.Model):
    """A write already done for an Idempotency-Key, and the response it got: a retry with
    the same key and body gets that response again instead of doing the write twice.

    The response holds the record as written, so it is kept only as long as a retry is
    plausible (ANSWERABLE_API_IDEMPOTENCY_HOURS; data minimisation, DPA 2018 s37)."""

    client = models.ForeignKey(ApiClient, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    request_hash = models.CharField(max_length=64)
    method = models.CharField(max_length=8)
    path = models.CharField(max_length=500)
    status = models.PositiveSmallIntegerField()
    body = models.TextField()
    headers = models.JSONField(default=dict)
    # The record written, so that a replay is logged as a consultation of it (s62).
    record_type = models.CharField(max_length=64, blank=True)
    record_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["client", "key"], name="idempotency_key_unique")
        ]

    def __str__(self) -> str:
        return f"{self.client} {self.method} {self.path}"

    @staticmethod
    def expiry() -> datetime:
        return timezone.now() - timedelta(hours=settings.ANSWERABLE_API_IDEMPOTENCY_HOURS)
