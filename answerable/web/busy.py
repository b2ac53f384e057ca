"""A busy database is a retryable error, never a 500.

SQLite lets one process write at a time: while an import holds the write lock, another
write waits (settings: ANSWERABLE_DATABASE_BUSY_TIMEOUT) and then fails with "database is
locked"; PostgreSQL's lock_timeout fails a write the same way. That failure says nothing is
wrong with the request or the service, only "not now": the answer is 503 Service Unavailable
with Retry-After (RFC 9110 s15.6.4, s10.2.3), as the API's JSON error for the API and as a
GOV.UK "service busy" page for people. The write was one transaction, so nothing of it was
kept.
"""

import sys
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

API_PREFIX = "/api/"
# SQLite's SQLITE_BUSY and SQLITE_LOCKED; PostgreSQL's lock_not_available (55P03).
_BUSY_MESSAGES = ("database is locked", "table is locked", "schema is locked", "lock timeout")
_BUSY_CODES = {"55P03"}


def is_busy(error: BaseException) -> bool:
    """Whether `error` is the database refusing a write only because another holds it."""
    if not isinstance(error, OperationalError):
        return False
    cause = error.__cause__
    if getattr(cause, "sqlstate", None) in _BUSY_CODES or getattr(cause, "pgcode", None) in (
        _BUSY_CODES
    ):
        return True
    text = str(error).lower()
    return any(message in text for message in _BUSY_MESSAGES)


def busy_message() -> str:
    seconds = settings.ANSWERABLE_BUSY_RETRY_AFTER
    return (
        "The database is busy (another change, such as an import, is being written) and "
        f"nothing was changed. Send the same request again in {seconds} seconds."
    )


def busy_response(request: HttpRequest) -> HttpResponse:
    response: HttpResponse
    if request.path.startswith(API_PREFIX):
        # The API's error shape (api/errors.py): {"error": ..., "fields": {...}}.
        response = JsonResponse({"error": busy_message(), "fields": {}}, status=503)
    else:
        page = render_to_string(
            "web/busy.html", {"retry_after": settings.ANSWERABLE_BUSY_RETRY_AFTER}
        )
        response = HttpResponse(page, status=503)
    response["Retry-After"] = str(settings.ANSWERABLE_BUSY_RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


class BusyDatabaseMiddleware:
    """Turns a view's busy-database failure into a 503 with Retry-After."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> Any:
        return busy_response(request) if is_busy(exception) else None


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a busy database met outside a view (a middleware's write, such as the
    session's) is still a 503; anything else is the service's 500 page."""
    error = sys.exc_info()[1]
    if error is not None and is_busy(error):
        return busy_response(request)
    return HttpResponse(render_to_string("500.html"), status=500)
