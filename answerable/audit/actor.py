"""Who is processing: the signed-in user, the system calling the API, or the command run."""

import getpass
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

# The actor when no request or command names one.
UNNAMED = "system"
_actor: ContextVar[str] = ContextVar("audit_actor", default=UNNAMED)


def current_actor() -> str:
    return _actor.get()


def access_changes_logged() -> bool:
    """Whether a change of an account's access or an API client is logged now: always
    when a request or command names its actor; otherwise as the settings say."""
    from django.conf import settings

    return _actor.get() != UNNAMED or settings.ANSWERABLE_AUDIT_UNNAMED_ACCESS_CHANGES


@contextmanager
def acting_as(actor: str) -> Iterator[None]:
    token = _actor.set(actor[:150])
    try:
        yield
    finally:
        _actor.reset(token)


def command_actor(command: str) -> str:
    """A command's actor: the command and the operating-system account that ran it."""
    try:
        account = getpass.getuser()
    except (KeyError, OSError):
        account = "unknown account"
    return f"command {command} ({account})"


class AuditActorMiddleware:
    """Makes the request's user the actor of everything logged while it is handled."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        name = user.get_username() if user is not None and user.is_authenticated else "public"
        with acting_as(name):
            return self.get_response(request)
