"""Holds: register records that an open request asks about cannot be deleted.

FOISA s1(4)-(5): the information to be given is that held when the request is received,
and it must not be destroyed before it can be given (rule 27; s65 makes destroying it with
intent to prevent disclosure an offence). So while a request, its review or an appeal is
open, a `pre_delete` receiver on each register model refuses to delete a record that:

- a figures question's `ask` query would count (the question's records, filtered by its
  period and `where`, include the record);
- a question answers with (a document, and its versions);
- a hold placed by hand (RecordHold) covers (its record type and period).

Django sends pre_delete for every object of a QuerySet.delete() once a receiver is
connected (it then cannot "fast delete"), so bulk deletion is refused too.
"""

import logging
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Model, ProtectedError, Q, QuerySet
from django.db.models.signals import pre_delete

from answerable.core.record_types import RECORD_TYPES, kind_of
from answerable.register.models import Document, DocumentVersion

logger = logging.getLogger(__name__)

SECTION = "FOISA s1(4)-(5)"

# record type (RecordHold.record_type: core/record_types.py's key) -> (model, the date a
# period of a manual hold is read by, or None if it is not dated)
HELD_MODELS: dict[str, tuple[type[Model], str | None]] = {
    kind.key: (kind.model, kind.day or None) for kind in RECORD_TYPES
}


class HoldError(ProtectedError):
    """A held record cannot be deleted; the message names the case and the section."""

    def __init__(self, record: Model, holds: list["Hold"]) -> None:
        kind = record._meta.verbose_name
        cases = "; ".join(f"{hold.reference} ({hold.what})" for hold in holds)
        super().__init__(
            f"{kind} {record.pk} cannot be deleted: it is held for {cases}. Information a "
            f"request asks for must not be destroyed while the request, its review or an "
            f"appeal is open ({SECTION}).",
            {record},
        )
        self.holds = holds


@dataclass(frozen=True)
class Hold:
    reference: str
    what: str


def questions_counting(model: type[Model]) -> list[str]:
    """The catalogue questions whose records are `model`'s."""
    # The answer engine when a record is first deleted, not when Django starts (the app's
    # ready() imports this module): `answerable` commands start quickly (issue 16).
    from answerable.answers.catalogue import CATALOGUE

    return [name for name, question in CATALOGUE.items() if question.model is model]


def held_records(ask: dict[str, Any]) -> QuerySet:
    """The records a figures question's `ask` query counts: its question's records in its
    period, filtered by its `where`. A `where` that can no longer be read (a value since
    renamed) is left out, so that more is held rather than less."""
    from answerable.answers.dimensions import Options
    from answerable.answers.engine import question_named
    from answerable.answers.stored import ask_from_json

    parsed = ask_from_json(ask)
    question = question_named(parsed.question)
    records = question.queryset()
    if parsed.first_day:
        records = records.filter(**{f"{question.day}__gte": parsed.first_day})
    if parsed.last_day:
        records = records.filter(**{f"{question.day}__lte": parsed.last_day})
    for name, wanted in parsed.where.items():
        dimension = question.dimensions.get(name)
        if dimension is None:
            continue
        try:
            values = [dimension.accepts(v) for v in wanted] if dimension.accepts else wanted
            options = Options(
                duration_bounds=parsed.duration_bounds,
                age_bounds=parsed.age_bounds,
                first_day=parsed.first_day,
                last_day=parsed.last_day,
                lookups={name: dimension.lookup()} if dimension.lookup else {},
            )
            records = records.filter(dimension.where(list(values), options))
        except (ValueError, KeyError):
            continue
    return records


def _period(field: str, first: date | None, last: date | None) -> Q:
    query = Q()
    if first:
        query &= Q(**{f"{field}__gte": first})
    if last:
        query &= Q(**{f"{field}__lte": last})
    return query


def holds_on(record: Model) -> list[Hold]:
    """Every open case that holds `record`, with what holds it."""
    from answerable.answers.catalogue import CATALOGUE
    from answerable.answers.engine import AskError
    from answerable.casework.models import InformationRequest, RecordHold, RequestQuestion
    from answerable.casework.models.choices import AnswerKind

    model = type(record)
    kind = kind_of(model)
    if kind is None:
        return []
    record_type = kind.key
    open_cases = InformationRequest.objects.open()
    found: list[Hold] = []

    names = questions_counting(model)
    if names:
        questions = RequestQuestion.objects.filter(
            request__in=open_cases, answer_kind=AnswerKind.FIGURES, ask__question__in=names
        ).select_related("request")
        for question in questions:
            try:
                held = held_records(question.ask)
            except AskError:
                # An unreadable ask: hold everything its question counts, to be safe.
                held = CATALOGUE[question.ask["question"]].queryset()
            if held.filter(pk=record.pk).exists():
                found.append(Hold(question.request.reference, f"question {question.number}"))

    if model in (Document, DocumentVersion):
        document_id = record.document_id if isinstance(record, DocumentVersion) else record.pk
        for question in RequestQuestion.objects.filter(
            request__in=open_cases, document_id=document_id
        ).select_related("request"):
            found.append(Hold(question.request.reference, f"question {question.number}"))

    _, day_field = HELD_MODELS[record_type]
    for hold in RecordHold.objects.filter(
        request__in=open_cases, record_type=record_type
    ).select_related("request"):
        if hold.first_day or hold.last_day:
            if day_field is None:
                covered = True
            else:
                covered = (
                    model._default_manager.filter(pk=record.pk)
                    .filter(_period(day_field, hold.first_day, hold.last_day))
                    .exists()
                )
        else:
            covered = True
        if covered:
            found.append(Hold(hold.request.reference, "a hold placed by hand"))
    return found


def refuse_deleting_held(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    holds = holds_on(instance)
    if holds:
        # The record's id and the case references only: nothing personal in the log.
        logger.warning(
            "refused to delete %s %s held for %s",
            sender._meta.label,
            instance.pk,
            ", ".join(hold.reference for hold in holds),
        )
        raise HoldError(instance, holds)


def connect() -> None:
    """Connect the receiver to every register model a request can hold (apps.ready)."""
    for model, _ in HELD_MODELS.values():
        pre_delete.connect(
            refuse_deleting_held, sender=model, dispatch_uid=f"casework-hold-{model._meta.label}"
        )
