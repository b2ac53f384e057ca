"""An answer's budget: a question whose counting would hold a worker too long is stopped.

One costly question (a breakdown no index serves, over every year of a large register) must
not hold a web or API worker while quick questions queue behind it (issue 16). The counting
queries of one answer run under a budget, ANSWERABLE_ANSWER_TIMEOUT_MS (0: none):

- PostgreSQL: `statement_timeout` set for the transaction (`set_config(..., true)`, as
  SET LOCAL), so the server cancels a statement past the budget (SQLSTATE 57014,
  query_canceled); the setting is put back when the block ends, and a cancelled block's
  savepoint is rolled back (which undoes it too).
- SQLite: a progress handler, called every few thousand virtual machine steps, that
  interrupts the statement once the block's deadline has passed ("interrupted").

Either way QuestionTooCostly is raised: the API answers 503 with Retry-After and the code
`question_too_costly`, the answer pages a page saying what to do, `answerable ask` a message
and a non-zero exit. Nothing is written under the budget: it wraps reads only (on SQLite,
whose transactions here take the write lock at BEGIN, no transaction is opened at all).
"""

import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connections, router, transaction

from answerable.answers.engine import Ask, Counts, count
from answerable.register.models import CustodyEpisode

# SQLite calls the progress handler every this many virtual machine instructions (about a
# millisecond's work), so a statement stops within a few milliseconds of its deadline.
SQLITE_STEPS = 20_000
QUERY_CANCELED = "57014"  # PostgreSQL's SQLSTATE for a statement stopped by statement_timeout
ERROR_CODE = "question_too_costly"


class QuestionTooCostly(Exception):
    """Counting the question took longer than the answer budget; nothing was answered."""

    code = ERROR_CODE

    def __init__(self, budget_ms: int) -> None:
        self.budget_ms = budget_ms
        super().__init__(
            f"This question is too costly to answer now: counting it took longer than the "
            f"{budget_ms / 1000:g} second budget for an answer. Ask for a shorter period or "
            "fewer breakdowns (a time breakdown over every year costs the most), or try again "
            "later when the service is less busy."
        )


def budget_ms() -> int:
    return int(settings.ANSWERABLE_ANSWER_TIMEOUT_MS)


def _cancelled(error: BaseException) -> bool:
    cause = error.__cause__
    return (
        getattr(cause, "sqlstate", None) == QUERY_CANCELED
        or getattr(cause, "pgcode", None) == QUERY_CANCELED
    )


@contextmanager
def _postgresql(alias: str, milliseconds: int) -> Iterator[None]:
    with transaction.atomic(using=alias):
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT current_setting('statement_timeout')")
            before = cursor.fetchone()[0]
            cursor.execute("SELECT set_config('statement_timeout', %s, true)", [f"{milliseconds}"])
        yield
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT set_config('statement_timeout', %s, true)", [before])


@contextmanager
def _sqlite(alias: str, deadline: float, passed: list[bool]) -> Iterator[None]:
    connection = connections[alias]
    connection.ensure_connection()
    raw: Any = connection.connection

    def handler() -> int:
        if time.monotonic() > deadline:
            passed.append(True)
            return 1  # non-zero: SQLite stops the statement ("interrupted")
        return 0

    raw.set_progress_handler(handler, SQLITE_STEPS)
    try:
        yield
    finally:
        raw.set_progress_handler(None, 0)


@contextmanager
def answer_budget(milliseconds: int | None = None) -> Iterator[None]:
    """Run the block's queries under the answer budget (the setting unless given; 0 or less:
    no budget), on the database the register is read from here (the primary, or the replica
    while an answer page reads from it: db_router.py). QuestionTooCostly past it."""
    milliseconds = budget_ms() if milliseconds is None else milliseconds
    if milliseconds <= 0:
        yield
        return
    deadline = time.monotonic() + milliseconds / 1000
    passed: list[bool] = []
    alias = router.db_for_read(CustodyEpisode)
    try:
        with ExitStack() as stack:
            vendor = connections[alias].vendor
            if vendor == "postgresql":
                stack.enter_context(_postgresql(alias, milliseconds))
            elif vendor == "sqlite":
                stack.enter_context(_sqlite(alias, deadline, passed))
            yield
    except DatabaseError as error:
        if passed or _cancelled(error):
            raise QuestionTooCostly(milliseconds) from None
        raise


def counted(ask: Ask, milliseconds: int | None = None) -> Counts:
    """The exact counts for `ask` (engine.count), within the answer budget."""
    with answer_budget(milliseconds):
        return count(ask)
