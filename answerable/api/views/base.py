"""What every API view shares: the scope each method needs, the body size limit, the
calling system as the actor of the s62 audit trail, and idempotent writes."""

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import exceptions, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from answerable.api import idempotency
from answerable.api.errors import Conflict
from answerable.api.models import ApiClient
from answerable.api.parsers import body_limit, too_large
from answerable.api.scopes import Scope
from answerable.api.serializers import ErrorSerializer
from answerable.audit.actions import Action
from answerable.audit.actor import acting_as
from answerable.audit.trail import record


class ApiView(APIView):
    # The scope each method needs (HEAD as GET); a method not named is not allowed.
    scopes: dict[str, Scope] = {}
    # No OPTIONS: the OpenAPI document describes every operation.
    http_method_names = ["get", "post", "put", "patch", "head"]

    _acting: AbstractContextManager | None = None

    def scope_for(self, method: str) -> Scope | None:
        return self.scopes.get("GET" if method == "HEAD" else method)

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        self._acting = None
        try:
            return super().dispatch(request, *args, **kwargs)
        finally:
            if self._acting is not None:
                self._acting.__exit__(None, None, None)

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        # Refused before a byte of it is read (the parser enforces the limit too, for a body
        # sent without a length).
        declared = request.META.get("CONTENT_LENGTH") or ""
        if declared.isdigit() and int(declared) > body_limit():
            raise too_large(body_limit())
        super().initial(request, *args, **kwargs)  # authentication, then the scope
        client = request.user
        # DRF also puts the client on Django's request, where django-simple-history would
        # take it for a staff user; the change reason names the system instead.
        request._request.user = AnonymousUser()
        if isinstance(client, ApiClient):
            # Everything logged while this call is handled names the system (s62(3)).
            self._acting = acting_as(client.actor)
            self._acting.__enter__()

    @property
    def client(self) -> ApiClient:
        client = self.request.user
        if not isinstance(client, ApiClient):  # HasScope refuses a call without one first
            raise exceptions.NotAuthenticated
        return client


def error_response(code: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return Response({"error": message, "fields": {}}, status=code, headers=headers)


def write_once(
    view: ApiView,
    request: Request,
    write: Callable[[], idempotency.Stored],
) -> Response:
    """Do `write` (which returns its response) once per Idempotency-Key: a retry of the same
    request gets the first response back, marked Idempotent-Replayed: true."""
    client = view.client
    key = idempotency.key_of(request)
    digest = idempotency.fingerprint(request, request.data)
    try:
        with transaction.atomic():
            stored = idempotency.held(client, key, digest)
            if stored is not None:
                return _replay(stored)
            stored = write()
            idempotency.keep(client, key, digest, request, stored)
    except IntegrityError:
        # A request with the same key, or a record with the same reference, was stored by a
        # concurrent request meanwhile; this one's transaction left nothing behind.
        stored = idempotency.held(client, key, digest)
        if stored is not None:
            return _replay(stored)
        raise Conflict(
            "The record was stored by another request at the same moment; read it and "
            "change it with PUT or PATCH if needed. Nothing was changed."
        ) from None
    return Response(stored.body, status=stored.status, headers=stored.headers)


def _replay(stored: idempotency.Stored) -> Response:
    # The system sees the record again: a consultation (s62(1)(c)).
    record(
        Action.CONSULTATION,
        record_type=stored.record_type,
        record_id=stored.record_id,
        purpose="the systems API's answer to a retried request",
    )
    headers = {**stored.headers, idempotency.REPLAYED: "true"}
    return Response(stored.body, status=stored.status, headers=headers)


# --- The OpenAPI document -------------------------------------------------------------------

ERRORS = {
    status.HTTP_400_BAD_REQUEST: "Malformed or invalid: every problem named by its field.",
    status.HTTP_401_UNAUTHORIZED: "No token, or a token that is not valid or was revoked.",
    status.HTTP_403_FORBIDDEN: "The token lacks the scope this needs.",
    status.HTTP_404_NOT_FOUND: "No such record is held for this system's force.",
    status.HTTP_406_NOT_ACCEPTABLE: "Only application/json is answered.",
    status.HTTP_413_REQUEST_ENTITY_TOO_LARGE: "The body is larger than the limit.",
    status.HTTP_415_UNSUPPORTED_MEDIA_TYPE: "The body is not application/json.",
    # web/busy.py: every call writes (the audit trail, the token's last use).
    status.HTTP_503_SERVICE_UNAVAILABLE: "The database is busy (an import is being written): "
    "nothing was changed; send the same request again after Retry-After seconds.",
}
WRITE_ERRORS = {
    status.HTTP_409_CONFLICT: "A record with this reference is held already.",
    status.HTTP_422_UNPROCESSABLE_ENTITY: "The Idempotency-Key was used for another request.",
}
CONFLICT: dict[int, str] = {
    status.HTTP_409_CONFLICT: "Another request changed the register at that moment."
}
UPDATE_ERRORS = {
    status.HTTP_412_PRECONDITION_FAILED: "The record changed since its ETag was read.",
    status.HTTP_428_PRECONDITION_REQUIRED: "If-Match with the record's ETag is required.",
}


def errors(*extra: dict[int, str]) -> dict[int, OpenApiResponse]:
    codes = dict(ERRORS)
    for more in extra:
        codes.update(more)
    return {
        code: OpenApiResponse(ErrorSerializer, description=text) for code, text in codes.items()
    }


ETAG = OpenApiParameter(
    "ETag",
    str,
    OpenApiParameter.HEADER,
    response=[200, 201],
    description="The record's version: send it as If-Match to change the record.",
)
LOCATION = OpenApiParameter(
    "Location", str, OpenApiParameter.HEADER, response=[201], description="The record's URL."
)
IDEMPOTENCY_KEY = OpenApiParameter(
    idempotency.HEADER,
    {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[!-~]+$"},
    OpenApiParameter.HEADER,
    required=True,
    description="A unique value (e.g. a UUID) per request; a retry sends the same one, and "
    "gets the first answer back instead of a second record.",
)
IF_MATCH = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    required=True,
    description="The ETag of the record as read: if it changed since, nothing is "
    "overwritten and the answer is 412.",
)
