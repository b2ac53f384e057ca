"""Every error the API gives, in one shape: {"error": "...", "fields": {"name": ["..."]}}.

`error` says what was wrong and what to do; `fields` names each field (column) with its
problems, as the interchange import names each cell's line and column. Bad input is always
a 4xx answer saying so, never a 500, and never a partial write (every write is one
transaction that either completes or leaves nothing).
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response

from answerable.interchange.spec import Problem


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "too_large"


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "precondition_failed"


class PreconditionRequired(exceptions.APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_code = "precondition_required"


class Unprocessable(exceptions.APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_code = "unprocessable"


class TooCostly(exceptions.APIException):
    """The question took longer to count than the answer budget (answers/budget.py): not
    now, and not the client's fault. 503 with Retry-After (RFC 9110 s15.6.4), and the code
    `question_too_costly` so that a system can tell it from a busy database."""

    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_code = "question_too_costly"

    def __init__(self, detail: str, retry_after: int) -> None:
        super().__init__(detail, self.default_code)
        self.wait = retry_after  # DRF's handler sends it as Retry-After


class Invalid(exceptions.ValidationError):
    """The record breaks the format's rules: each problem named by its field."""

    def __init__(self, problems: list[Problem], error: str | None = None) -> None:
        fields: dict[str, list[str]] = {}
        for name, message in problems:
            fields.setdefault(name, []).append(message)
        super().__init__(fields)
        self.error = error


def _flatten(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested error detail as {field: [messages]} (list items as field.0, ...)."""
    if isinstance(detail, dict):
        fields: dict[str, list[str]] = {}
        for name, inner in detail.items():
            key = "non_field_errors" if name == "non_field_errors" and not prefix else name
            fields.update(_flatten(inner, f"{prefix}.{key}" if prefix else str(key)))
        return fields
    if isinstance(detail, list):
        if all(not isinstance(item, (dict, list)) for item in detail):
            return {prefix or "body": [str(item) for item in detail]}
        fields = {}
        for index, inner in enumerate(detail):
            fields.update(_flatten(inner, f"{prefix}.{index}" if prefix else str(index)))
        return fields
    return {prefix or "body": [str(detail)]}


def _summary(fields: dict[str, list[str]]) -> str:
    count = sum(len(messages) for messages in fields.values())
    names = ", ".join(fields)
    return (
        f"The request was not accepted and nothing was changed: {count} problem"
        f"{'s' if count != 1 else ''} ({names}). Correct them and send it again."
    )


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    # Imported here: rest_framework.views reads the parser setting, whose parser imports this.
    from rest_framework.views import exception_handler as drf_exception_handler

    if isinstance(exc, Http404):
        message = str(exc) or "Not found."
        exc = exceptions.NotFound(message)
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # an unexpected error: Django's 500 (and its logging) take over
    if isinstance(exc, exceptions.ValidationError):
        fields = _flatten(exc.detail)
        error = getattr(exc, "error", None) or _summary(fields)
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else response.data
        fields = {}
        if isinstance(detail, (dict, list)):
            fields = _flatten(detail)
            error = "; ".join(message for messages in fields.values() for message in messages)
            fields = {}
        else:
            error = str(detail)
    response.data = {"error": error, "fields": fields}
    if isinstance(exc, TooCostly):
        response.data["code"] = exc.default_code
    return response
