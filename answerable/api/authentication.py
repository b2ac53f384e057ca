"""Token authentication: `Authorization: Bearer <token>`, one token per system."""

from datetime import timedelta
from typing import Any

from django.utils import timezone
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication
from rest_framework.request import Request

from answerable.api import tokens
from answerable.api.models import ApiClient

SCHEME = "Bearer"
MAX_TOKEN = 200  # ours are 47 characters; anything far longer is not one
# last_used_at is for the administrator ("is this token still used?"), not an access log
# (the audit trail is that): written at most this often, not on every call.
USE_RECORDED_EVERY = timedelta(minutes=5)


class BearerTokenAuthentication(BaseAuthentication):
    def authenticate(self, request: Request) -> tuple[ApiClient, ApiClient] | None:
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if not header:
            return None  # the permission check answers 401: no credentials
        scheme, _, token = header.strip().partition(" ")
        token = token.strip()
        if scheme.lower() != SCHEME.lower() or not token:
            raise exceptions.AuthenticationFailed(
                f"Send the token as 'Authorization: {SCHEME} <token>'."
            )
        if len(token) > MAX_TOKEN or not token.isascii():
            raise exceptions.AuthenticationFailed("The token is not valid.")
        client = (
            ApiClient.objects.select_related("force")
            .filter(token_hash=tokens.digest(token))
            .first()
        )
        if client is None:
            raise exceptions.AuthenticationFailed("The token is not valid.")
        if not client.active:
            raise exceptions.AuthenticationFailed(
                "The token has been revoked; ask the administrator for a new one."
            )
        now = timezone.now()
        if client.last_used_at is None or now - client.last_used_at > USE_RECORDED_EVERY:
            ApiClient.objects.filter(pk=client.pk).update(last_used_at=now)
        return client, client

    def authenticate_header(self, request: Request) -> str:
        return f'{SCHEME} realm="answerable"'


def schema_security(auto_schema: Any) -> dict[str, Any]:
    return {"type": "http", "scheme": "bearer", "description": "A token from the administrator."}
