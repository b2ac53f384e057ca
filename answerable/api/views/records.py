"""Custody episodes, disclosures, NCCU contacts and ICCE requests: create (POST, once per
Idempotency-Key), read (GET, with its ETag), replace (PUT) or change some fields (PATCH),
both only with If-Match: a record changed by someone else since it was read is never
overwritten (412)."""

from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from answerable.api import idempotency, records
from answerable.api.errors import Conflict, PreconditionRequired
from answerable.api.kinds import Kind
from answerable.api.serializers import typed
from answerable.api.views.base import (
    CONFLICT,
    ETAG,
    IDEMPOTENCY_KEY,
    IF_MATCH,
    LOCATION,
    UPDATE_ERRORS,
    WRITE_ERRORS,
    ApiView,
    error_response,
    errors,
    write_once,
)
from answerable.audit.actions import Action
from answerable.audit.trail import record as audit
from answerable.core.record_types import record_type_of

NOT_OVERWRITTEN = (
    "The {label} was changed since you read it (your If-Match {sent}, now {now}). Nothing "
    "was overwritten: read it again, make your change to what it now holds, and send it "
    "with its new ETag."
)


def if_match(request: Request) -> list[str]:
    """The entity tags of If-Match; required, so that no update is blind (RFC 6585 s3)."""
    header = request.headers.get("If-Match", "").strip()
    if not header or header == "*":
        raise PreconditionRequired(
            "Send If-Match with the ETag of the record as you read it (GET gives it), so "
            "that a change made by someone else since is never overwritten."
        )
    return [tag.strip() for tag in header.split(",") if tag.strip()]


def _url(kind: Kind, record: Any) -> str:
    named = record.pk if kind.lookup == "pk" else getattr(record, kind.lookup)
    return reverse(f"api:{kind.path}-detail", args=[str(named)])


def _lookup_parameter(kind: Kind) -> OpenApiParameter:
    if kind.lookup == "pk":
        return OpenApiParameter(
            "ref",
            {"type": "integer", "minimum": 1, "maximum": records.LARGEST_ID},
            OpenApiParameter.PATH,
            description=f"The register's id of the {kind.label}.",
        )
    return OpenApiParameter(
        "ref", str, OpenApiParameter.PATH, description=f"The {kind.label}'s {kind.lookup}."
    )


def collection_view(kind: Kind) -> type[ApiView]:
    class Collection(ApiView):
        scopes = {"POST": kind.write_scope}

        @extend_schema(
            operation_id=f"create_{kind.component}",
            summary=f"Record a new {kind.label}",
            description=f"{kind.target.format.name}: "
            + kind.target.format.description
            + " The fields and rules are the interchange format's; a retried request with "
            "the same Idempotency-Key never records it twice.",
            request=kind.request(),
            parameters=[IDEMPOTENCY_KEY, ETAG, LOCATION],
            responses={201: kind.response(), **errors(WRITE_ERRORS)},
        )
        def post(self, request: Request) -> Response:
            return write_once(self, request, lambda: self._create(request))

        def _create(self, request: Request) -> idempotency.Stored:
            values, typing = typed(kind.request(), request.data)
            created = records.save(kind, self.client, values, typing=typing)
            body = records.representation(kind, created)
            headers = {"ETag": records.etag(body), "Location": _url(kind, created)}
            return idempotency.Stored(
                status.HTTP_201_CREATED,
                body,
                headers,
                record_type_of(created),
                str(created.pk),
            )

    Collection.__name__ = f"{kind.component}Collection"
    return Collection


def detail_view(kind: Kind) -> type[ApiView]:
    lookup = _lookup_parameter(kind)

    class Detail(ApiView):
        scopes = {"GET": kind.read_scope, "PUT": kind.write_scope, "PATCH": kind.write_scope}

        @extend_schema(
            operation_id=f"read_{kind.component}",
            summary=f"Read a {kind.label}",
            parameters=[lookup, ETAG],
            responses={200: kind.response(), **errors()},
        )
        def get(self, request: Request, ref: str) -> Response:
            held = records.find(kind, self.client, ref)
            body = records.representation(kind, held)
            audit(
                Action.CONSULTATION,
                record=held,
                purpose="read through the systems API",
            )
            return Response(body, headers={"ETag": records.etag(body)})

        @extend_schema(
            operation_id=f"replace_{kind.component}",
            summary=f"Replace a {kind.label}",
            description="The whole record, as its format's row: a field left out is not "
            "recorded, except person_ref, which when left out keeps the person.",
            parameters=[lookup, IF_MATCH, ETAG],
            request=kind.request(),
            responses={200: kind.response(), **errors(UPDATE_ERRORS, CONFLICT)},
        )
        def put(self, request: Request, ref: str) -> Response:
            return self._update(request, ref, partial=False)

        @extend_schema(
            operation_id=f"change_{kind.component}",
            summary=f"Change some fields of a {kind.label}",
            description="Only the fields sent change; the whole record is then checked by "
            "its format's rules.",
            parameters=[lookup, IF_MATCH, ETAG],
            request=kind.request(partial=True),
            responses={200: kind.response(), **errors(UPDATE_ERRORS, CONFLICT)},
        )
        def patch(self, request: Request, ref: str) -> Response:
            return self._update(request, ref, partial=True)

        def _update(self, request: Request, ref: str, *, partial: bool) -> Response:
            changes, typing = typed(kind.request(partial=partial), request.data)
            expected = if_match(request)
            try:
                return self._replace(ref, changes, typing, expected, partial=partial)
            except IntegrityError:
                # Another request stored a conflicting record at the same moment (e.g. the
                # same new person); this one's transaction left nothing behind.
                raise Conflict(
                    f"The {kind.label} could not be saved because another request changed "
                    "the register at the same moment. Nothing was changed: send it again."
                ) from None

        def _replace(
            self,
            ref: str,
            changes: dict[str, Any],
            typing: list,
            expected: list[str],
            *,
            partial: bool,
        ) -> Response:
            with transaction.atomic():
                held = records.find(kind, self.client, ref, for_update=True)
                now = records.etag(records.representation(kind, held))
                if now not in expected:
                    message = NOT_OVERWRITTEN.format(
                        label=kind.label, sent=", ".join(expected)[:100], now=now
                    )
                    return error_response(
                        status.HTTP_412_PRECONDITION_FAILED, message, {"ETag": now}
                    )
                row = records.merged_row(kind, held, changes) if partial else changes
                saved = records.save(kind, self.client, row, held, typing)
                body = records.representation(kind, saved)
            return Response(body, headers={"ETag": records.etag(body)})

    Detail.__name__ = f"{kind.component}Detail"
    return Detail
