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
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from answerable.answers import bands
from answerable.answers.answer import ReleaseRefused, answer
from answerable.answers.engine import EPISODES, Ask, AskError
from answerable.answers.output.document import as_document

# Keys only the letter reads: the engine ignores them (`shown`).
SHOW = ("show_average", "show_cost")
KEYS = (
    "question",
    "from",
    "to",
    "where",
    "by",
    "bands",
    "ages",
    "count",
    "threshold",
    *SHOW,
)


class AnswerFrozen(RuntimeError):
    """The response has been issued: its figures are not re-run."""


class AnsweringError(RuntimeError):
    """Some figures could not be answered; the message lists which and why."""


def _day(data: dict[str, Any], key: str) -> date | None:
    value = data.get(key)
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise AskError(f"ask {key!r}: {value!r} is not a date in the form YYYY-MM-DD") from None


def _names(data: dict[str, Any], key: str) -> list[str]:
    value = data.get(key, [])
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise AskError(f'ask {key!r}: give a list of names, e.g. ["station"]')
    return [item.strip() for item in value if item.strip()]


def _bounds(data: dict[str, Any], key: str, default: tuple[int, ...]) -> tuple[int, ...]:
    value = data.get(key)
    if value in (None, "", []):
        return default
    text = value if isinstance(value, str) else ",".join(str(item) for item in value)
    try:
        return bands.parse_bounds(text, what=f"ask {key!r}")
    except ValueError as error:
        raise AskError(str(error)) from None


def ask_from_json(data: dict[str, Any]) -> Ask:
    """The engine's Ask for a stored query; AskError naming the key at fault."""
    if not isinstance(data, dict):
        raise AskError('the ask query must be a JSON object, e.g. {"question": "custody-count"}')
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        raise AskError(f"ask: unknown key(s) {', '.join(unknown)}; the keys are {', '.join(KEYS)}")
    question = data.get("question")
    if not isinstance(question, str) or not question:
        raise AskError("ask 'question': name a catalogue question, e.g. custody-count")
    where_data = data.get("where", {}) or {}
    if not isinstance(where_data, dict):
        raise AskError("ask 'where': give an object of dimension: [values]")
    where = {str(name): _names(where_data, name) for name in where_data}
    first_day, last_day = _day(data, "from"), _day(data, "to")
    shown(data)
    if first_day and last_day and first_day > last_day:
        raise AskError(f"ask: 'from' ({first_day}) is after 'to' ({last_day})")
    return Ask(
        question=question,
        first_day=first_day,
        last_day=last_day,
        where=where,
        by=tuple(_names(data, "by")),
        duration_bounds=_bounds(data, "bands", (24, 48)),
        age_bounds=_bounds(data, "ages", (18,)),
        count=str(data.get("count") or EPISODES),
    )


def shown(data: dict[str, Any]) -> dict[str, bool]:
    """What the letter shows with the figures: {"show_average": bool, "show_cost": bool}.
    Each key is optional (false when left out); AskError if one is not true or false."""
    flags = {}
    for key in SHOW:
        value = data.get(key, False)
        if not isinstance(value, bool):
            raise AskError(f"ask {key!r}: {value!r} is not true or false")
        flags[key] = value
    return flags


def threshold_of(data: dict[str, Any]) -> int | None:
    value = data.get("threshold")
    if value in (None, ""):
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 2:
        raise AskError(f"ask 'threshold': {value!r} is not a whole number of at least 2")
    return value


@dataclass(frozen=True)
class Refreshed:
    question: Any  # RequestQuestion
    ok: bool
    message: str


def refresh(question: Any, *, now: datetime | None = None) -> Refreshed:
    """Run a figures question's ask again and keep the published result.

    A question the engine cannot answer as put (AskError) or whose table the disclosure
    audit refuses to release (ReleaseRefused) keeps no result, and the reason is recorded
    and returned for the officer to act on.
    """
    if question.frozen:
        raise AnswerFrozen(
            f"{question}: the response was issued on {question.frozen_at:%d %B %Y}; "
            "its figures are frozen and are not run again"
        )
    now = now or timezone.now()
    try:
        ask = ask_from_json(question.ask)
        document = as_document(answer(ask, threshold=threshold_of(question.ask)))
    except AskError as error:
        outcome = Refreshed(question, False, f"{question}: the question cannot be asked: {error}")
        question.result, question.result_error = None, outcome.message
    except ReleaseRefused as error:
        outcome = Refreshed(question, False, f"{question}: not released: {error}")
        question.result, question.result_error = None, outcome.message
    else:
        question.result, question.result_error = document, ""
        outcome = Refreshed(question, True, f"{question}: {document['total']['display']} in total")
    question.result_run_at = now
    question.save(update_fields=["result", "result_error", "result_run_at"])
    return outcome


def figures_questions(request: Any) -> Any:
    from answerable.casework.models.choices import AnswerKind

    return request.questions.filter(answer_kind=AnswerKind.FIGURES).order_by("number")


def refresh_all(request: Any, *, now: datetime | None = None) -> list[Refreshed]:
    """Refresh every figures question of a request that is not frozen."""
    return [refresh(q, now=now) for q in figures_questions(request) if not q.frozen]


@transaction.atomic
def freeze(request: Any, *, now: datetime | None = None) -> int:
    """Fix every figures result of `request` as the response gives it.

    A question without a result is answered first; if any cannot be answered, nothing is
    frozen and AnsweringError lists them. Returns how many results were frozen now.
    """
    now = now or timezone.now()
    questions = list(figures_questions(request).select_for_update())
    failed = []
    for question in questions:
        if question.frozen:
            continue
        if question.result is None:
            outcome = refresh(question, now=now)
            if not outcome.ok:
                failed.append(outcome.message)
    if failed:
        raise AnsweringError("cannot issue the figures: " + "; ".join(failed))
    frozen = 0
    for question in questions:
        if not question.frozen:
            question.frozen_at = now
            question.save(update_fields=["frozen_at"])
            frozen += 1
    return frozen


def engine_hours(request: Any) -> list[Decimal]:
    """The answer engine's cost estimate of each answered figures question (hours)."""
    hours = []
    for question in figures_questions(request):
        if question.result and "cost" in question.result:
            hours.append(Decimal(str(question.result["cost"]["hours"])))
    return hours
