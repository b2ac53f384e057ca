"""Answering a request's figures questions from the register.

A figures question keeps its `ask` query as JSON, with the keys of `answerable ask`'s
options: question, from, to, where {dimension: [values]}, by [dimensions], bands, ages,
count, threshold; and two that only the letter reads (the engine ignores them):
show_average (the question asked for the average time to disclose, so the letter gives it)
and show_cost (the officer shows the estimated cost of answering). `refresh` runs it
through the answer engine under disclosure control and keeps the published document (the
`ask --format json` contract); `freeze` fixes every result when the response is issued, so
that the case file keeps the figures the requester was given, whatever later corrections
change in the register (a frozen result is never re-run).
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from answerable.answers.answer import ReleaseRefused, ThresholdError
from answerable.answers.engine import Ask, AskError
from answerable.answers.ledger.release import decide, ledger_lock, record
from answerable.answers.models import ReleaseKind
from answerable.answers.output.document import as_document
from answerable.answers.stored import ask_from_json, threshold_of


class AnswerFrozen(RuntimeError):
    """The response has been issued: its figures are not re-run."""


class AnsweringError(RuntimeError):
    """Some figures could not be answered; the message lists which and why."""


@dataclass(frozen=True)
class Refreshed:
    question: Any  # RequestQuestion
    ok: bool
    message: str


def _run(questions: list[Any], now: datetime) -> dict[int, Refreshed]:
    """Run figures questions together, as the one release their response will be: their
    tables are protected jointly with each other and against every earlier release in the
    ledger (answers/ledger/release.py), and nothing is recorded there until issue."""
    outcomes: dict[int, Refreshed] = {}
    runnable: list[tuple[Any, Ask, int | None]] = []
    for question in questions:
        try:
            runnable.append((question, ask_from_json(question.ask), threshold_of(question.ask)))
        except AskError as error:
            message = f"{question}: the question cannot be asked: {error}"
            outcomes[question.pk] = Refreshed(question, False, message)
            question.result, question.result_error = None, message
    if runnable:
        try:
            decision = decide([ask for _, ask, _ in runnable], [t for _, _, t in runnable])
        except (AskError, ThresholdError) as error:
            for question, _, _ in runnable:
                message = f"{question}: the question cannot be asked: {error}"
                outcomes[question.pk] = Refreshed(question, False, message)
                question.result, question.result_error = None, message
        except ReleaseRefused as error:
            for question, _, _ in runnable:
                message = f"{question}: not released: {error}"
                outcomes[question.pk] = Refreshed(question, False, message)
                question.result, question.result_error = None, message
        else:
            for (question, _, _), result in zip(runnable, decision.answers, strict=True):
                document = as_document(result)
                question.result, question.result_error = document, ""
                total = document["total"]["display"]
                outcomes[question.pk] = Refreshed(question, True, f"{question}: {total} in total")
    for question in questions:
        question.result_run_at = now
        question.save(update_fields=["result", "result_error", "result_run_at"])
    return outcomes


def refresh(question: Any, *, now: datetime | None = None) -> Refreshed:
    """Run a figures question's ask again and keep the published result.

    The request's other unfrozen figures questions run with it, because a response's tables
    are one release and are protected together. A question the engine cannot answer as put
    (AskError) or whose table the disclosure audit refuses to release (ReleaseRefused) keeps
    no result, and the reason is recorded and returned for the officer to act on.
    """
    if question.frozen:
        raise AnswerFrozen(
            f"{question}: the response was issued on {question.frozen_at:%d %B %Y}; "
            "its figures are frozen and are not run again"
        )
    siblings = [q for q in figures_questions(question.request) if not q.frozen]
    if question.pk not in {q.pk for q in siblings}:
        siblings.append(question)
    mine = next(q for q in siblings if q.pk == question.pk)
    outcome = _run(siblings, now or timezone.now())[question.pk]
    question.result, question.result_error = mine.result, mine.result_error
    question.result_run_at = mine.result_run_at
    return outcome


def figures_questions(request: Any) -> Any:
    from answerable.casework.models.choices import AnswerKind

    return request.questions.filter(answer_kind=AnswerKind.FIGURES).order_by("number")


def refresh_all(request: Any, *, now: datetime | None = None) -> list[Refreshed]:
    """Refresh every figures question of a request that is not frozen, together."""
    questions = [q for q in figures_questions(request) if not q.frozen]
    outcomes = _run(questions, now or timezone.now())
    return [outcomes[q.pk] for q in questions]


def _figures(document: dict[str, Any] | None) -> list[tuple[Any, ...]]:
    """What a reader of a result sees: each figure's labels and displayed text."""
    if not document:
        return []

    def shown(item: dict[str, Any]) -> tuple[Any, ...]:
        labels = sorted((k, v) for k, v in item.items() if k not in ("count", "display", "status"))
        return (tuple(labels), item.get("display"))

    figures = [shown(cell) for cell in document.get("cells", [])]
    for name, margin in sorted((document.get("margins") or {}).items()):
        figures += [(name, *shown(item)) for item in margin]
    figures.append(("total", (document.get("total") or {}).get("display")))
    timing = document.get("time_to_disclose") or {}
    figures.append(("average", timing.get("display")))
    return figures


@transaction.atomic
def freeze(request: Any, *, now: datetime | None = None, released_by: str = "") -> int:
    """Fix every figures result of `request` as the response gives it, and record them in
    the release ledger as one release.

    The figures are decided again against the ledger as it is now (one release at a time):
    if a release since they were answered means they must change, nothing is frozen and
    AnsweringError asks the officer to refresh and check them. A question without a result
    is answered first; if any cannot be answered, nothing is frozen. Returns how many
    results were frozen now.
    """
    now = now or timezone.now()
    questions = list(figures_questions(request).select_for_update())
    pending = [q for q in questions if not q.frozen]
    if not pending:
        return 0
    with ledger_lock():  # decided and recorded one release at a time
        unanswered = [q for q in pending if q.result is None]
        if unanswered:
            outcomes = _run(pending, now)
            failed = [o.message for o in outcomes.values() if not o.ok]
            if failed:
                raise AnsweringError("cannot issue the figures: " + "; ".join(failed))
        try:
            asks = [ask_from_json(q.ask) for q in pending]
            decision = decide(asks, [threshold_of(q.ask) for q in pending])
        except (AskError, ThresholdError, ReleaseRefused) as error:
            raise AnsweringError(f"cannot issue the figures: {error}") from None
        changed = [
            q.number
            for q, result in zip(pending, decision.answers, strict=True)
            if _figures(as_document(result)) != _figures(q.result)
        ]
        if changed:
            raise AnsweringError(
                "cannot issue the figures: figures released since question(s) "
                f"{', '.join(map(str, changed))} were answered mean that more must be withheld; "
                "refresh the figures, check them, and issue again"
            )
        record(
            decision,
            kind=ReleaseKind.RESPONSE,
            reference=request.reference,
            released_by=released_by,
        )
        for question in pending:
            question.frozen_at = now
            question.save(update_fields=["frozen_at"])
    return len(pending)


def engine_hours(request: Any) -> list[Decimal]:
    """The answer engine's cost estimate of each answered figures question (hours)."""
    hours = []
    for question in figures_questions(request):
        if question.result and "cost" in question.result:
            hours.append(Decimal(str(question.result["cost"]["hours"])))
    return hours
