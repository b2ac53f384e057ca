"""Sending the answer engine's reads to a read replica (DATABASE_REPLICA_URL; README).

Catalogue answers count whole years of the register: the heaviest reads the service makes,
and the only ones that can be a little behind. A PostgreSQL streaming replica (hot standby)
takes them off the primary, which keeps imports, casework and the audit trail.

Only while an answer is being made (`replica_reads()`, entered by ReplicaForAnswers for
the answer pages and the answers API) and only for the register's tables: the rest of the
request (the API token, the audit trail's head, the user) is read from the primary, and
every write goes there. A replica is a few hundred milliseconds behind at most under
streaming replication, which a count over a year does not notice, where a staff page that
has just saved a record must read it back from where it was written.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import models
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
# The app whose tables the answer engine counts.
REPLICATED_APPS = frozenset({"register"})
# Paths whose requests make catalogue answers: the staff answer pages and the API's.
ANSWER_PATHS = ("/answers/", "/api/v1/questions/")

_answering: ContextVar[bool] = ContextVar("answering", default=False)


@contextmanager
def replica_reads() -> Iterator[None]:
    """Within this block the register is read from the replica (when one is configured)."""
    token = _answering.set(True)
    try:
        yield
    finally:
        _answering.reset(token)


class AnswerEngineReplicaRouter:
    def db_for_read(self, model: type[models.Model], **hints: object) -> str | None:
        if (
            _answering.get()
            and model._meta.app_label in REPLICATED_APPS
            and REPLICA in settings.DATABASES
        ):
            return REPLICA
        return None  # the default database

    def db_for_write(self, model: type[models.Model], **hints: object) -> str | None:
        return None  # a replica is read-only: every write goes to the primary

    def allow_relation(self, obj1: models.Model, obj2: models.Model, **hints: object) -> bool:
        return True  # the same data on both

    def allow_migrate(self, db: str, app_label: str, **hints: object) -> bool | None:
        # The replica is a copy the primary streams to: it is never migrated itself.
        return False if db == REPLICA else None


class ReplicaForAnswers:
    """Middleware: the answer pages' and the answers API's requests read the register from
    the replica."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(ANSWER_PATHS):
            with replica_reads():
                return self.get_response(request)
        return self.get_response(request)
