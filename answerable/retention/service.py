"""Applying the retention schedule (schedule.py): what is due on a day, and removing it.

`plan(as_of)` finds what is due without changing anything (`retention apply --dry-run`);
`apply(as_of)` removes it. Each removal is its own entry in the s62 audit trail (erasure),
naming the record type and id and the schedule's rule, never the personal data:

- register records are deleted through the ORM, so the audit hooks log each erasure (and
  each record a deletion unlinks) under the command's actor, and the casework holds' receiver
  still refuses a record an open request holds (FOISA s1(4)-(5)); their change history goes
  with them (it holds the same personal data);
- a case's requester details are replaced, in the case, its request text and its issued
  letters (each letter re-rendered as a PDF from its redacted HTML).

Records held for an open request are left, and reported as held.
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.apps import apps
from django.db import models, transaction
from django.db.models import Max, Q

from answerable.answers.engine import AskError
from answerable.audit.actions import Action
from answerable.audit.actor import current_actor
from answerable.audit.trail import record
from answerable.casework.holds import HELD_MODELS, HoldError, held_records, questions_counting
from answerable.casework.issue import personal_strings
from answerable.casework.letters.render import stylesheet
from answerable.casework.models import (
    CommissionerAppeal,
    CourtAppeal,
    InformationRequest,
    IssuedLetter,
    RecordHold,
    RequestQuestion,
    Review,
)
from answerable.casework.models.choices import CLOSED_STATUSES, AnswerKind, Status
from answerable.core.pdf import html_to_pdf
from answerable.core.record_types import RECORD_TYPES
from answerable.disclosure_log.anonymise import anonymise, anonymise_text
from answerable.disclosure_log.public_contacts import public_contacts
from answerable.register.coverage_records import held_from, record_coverage
from answerable.register.models import OutcomeReport, Person
from answerable.retention.schedule import REGISTER_TYPES, register_cutoff, requester_cutoff

logger = logging.getLogger(__name__)

REMOVED = "(requester removed under the retention schedule)"
PURPOSE = "retention schedule (UK GDPR art. 5(1)(e); DPA 2018 s39)"
# A case whose response has been issued, or that was closed or withdrawn, has closed for
# retention once no review or appeal is open: two years is far beyond the review (s20(5)) and
# application (s47(4)) windows, so a responded case left unclosed does not keep its requester.
FINISHED = (*CLOSED_STATUSES, Status.RESPONDED)


@dataclass(frozen=True)
class Due:
    record_type: str  # the hold's record type, or "requester_details"
    label: str  # app_label.model_name
    record_id: int
    dated: date | None  # the date the period counted from
    reference: str = ""  # a case's reference


@dataclass
class Plan:
    as_of: date
    due: list[Due] = field(default_factory=list)
    held: list[Due] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        counted: dict[str, int] = {}
        for item in self.due:
            counted[item.record_type] = counted.get(item.record_type, 0) + 1
        return counted

    def as_dict(self, *, dry_run: bool) -> dict[str, Any]:
        def row(item: Due) -> dict[str, Any]:
            return {
                "record_type": item.record_type,
                "record": item.label,
                "id": item.record_id,
                "dated": item.dated.isoformat() if item.dated else None,
                **({"reference": item.reference} if item.reference else {}),
            }

        return {
            "as_of": self.as_of.isoformat(),
            "dry_run": dry_run,
            "counts": self.counts(),
            "remove": [row(item) for item in self.due],
            "held": [row(item) for item in self.held],
        }


def _model(record_type: str) -> type[models.Model]:
    return apps.get_model(REGISTER_TYPES[record_type][0])


def _period(day_field: str, first: date | None, last: date | None) -> Q:
    query = Q()
    if first:
        query &= Q(**{f"{day_field}__gte": first})
    if last:
        query &= Q(**{f"{day_field}__lte": last})
    return query


def held_ids(record_type: str, candidates: models.QuerySet) -> set[int] | None:
    """The ids among `candidates` an open request holds (casework/holds.py, in bulk), or
    None when it holds all of them (a hand-placed hold with no period, an unreadable ask)."""
    model, day_field = HELD_MODELS[record_type]
    open_cases = InformationRequest.objects.open()
    held: set[int] = set()
    names = questions_counting(model)
    if names:
        for question in RequestQuestion.objects.filter(
            request__in=open_cases, answer_kind=AnswerKind.FIGURES, ask__question__in=names
        ):
            try:
                counted = held_records(question.ask)
            except AskError:
                return None
            held.update(candidates.filter(pk__in=counted.values("pk")).values_list("pk", flat=True))
    for hold in RecordHold.objects.filter(request__in=open_cases, record_type=record_type):
        if day_field is None or not (hold.first_day or hold.last_day):
            return None
        period = _period(day_field, hold.first_day, hold.last_day)
        held.update(candidates.filter(period).values_list("pk", flat=True))
    return held


def _split(
    record_type: str, candidates: models.QuerySet, day_field: str | None, plan: Plan
) -> list[int]:
    label = candidates.model._meta.label_lower
    held = held_ids(record_type, candidates)
    due_ids = []
    values = ("pk", day_field) if day_field else ("pk",)
    for row in candidates.order_by("pk").values_list(*values):
        item = Due(record_type, label, row[0], row[1] if day_field else None)
        if held is None or row[0] in held:
            plan.held.append(item)
        else:
            plan.due.append(item)
            due_ids.append(row[0])
    return due_ids


def closed_on(request: InformationRequest) -> date | None:
    """The day the case closed: its latest response, review, decision or court decision;
    None while it, a review or an appeal is open."""
    if request.status not in FINISHED:
        return None
    if (
        Review.objects.open().filter(request=request).exists()
        or CommissionerAppeal.objects.open().filter(request=request).exists()
        or CourtAppeal.objects.open().filter(appeal__request=request).exists()
    ):
        return None
    days = [
        request.responded_on,
        Review.objects.filter(request=request).aggregate(day=Max("responded_on"))["day"],
        CommissionerAppeal.objects.filter(request=request).aggregate(day=Max("decision_on"))["day"],
        CourtAppeal.objects.filter(appeal__request=request).aggregate(day=Max("decided_on"))["day"],
    ]
    known = [day for day in days if day is not None]
    if known:
        return max(known)
    # Withdrawn or closed without a response: the last change to the case.
    return request.updated_at.date()


def plan(as_of: date) -> Plan:
    """What the schedule removes on `as_of`, and what it would but an open request holds."""
    found = Plan(as_of=as_of)
    remaining: dict[str, models.QuerySet] = {}
    for record_type, (_, day_field, _) in REGISTER_TYPES.items():
        model = _model(record_type)
        candidates = model._base_manager.filter(
            **{f"{day_field}__lt": register_cutoff(record_type, as_of)}
        )
        due_ids = _split(record_type, candidates, day_field, found)
        remaining[record_type] = model._base_manager.exclude(pk__in=due_ids)
    # People with no record left once the due ones are gone.
    referred = Q()
    for record_type in REGISTER_TYPES:
        referred |= Q(pk__in=remaining[record_type].filter(person__isnull=False).values("person"))
    _split("person", Person.objects.exclude(referred), None, found)
    cutoff = requester_cutoff(as_of)
    for request in (
        InformationRequest.objects.filter(status__in=FINISHED)
        .exclude(requester_name=REMOVED)
        .order_by("pk")
    ):
        closed = closed_on(request)
        if closed is not None and closed < cutoff:
            found.due.append(
                Due(
                    "requester_details",
                    "casework.informationrequest",
                    request.pk,
                    closed,
                    request.reference,
                )
            )
    return found


def _erase(item: Due) -> bool:
    """Delete one register record (and its history); False if an open request holds it."""
    model = apps.get_model(item.label)
    instance = model._base_manager.filter(pk=item.record_id).first()
    if instance is None:
        return False
    try:
        with transaction.atomic():
            if item.record_type == "disclosure":
                # The Home Office's outcome reports on it go with it (not personal by
                # themselves: a disclosure's id, an outcome and a date).
                OutcomeReport.objects.filter(disclosure=instance).delete()
            instance.delete()  # the audit hooks log the erasure (s62(1)(f))
            history = getattr(model, "history", None)
            if history is not None:
                history.model.objects.filter(id=item.record_id).delete()
    except HoldError:
        return False
    return True


def remove_requester(request: InformationRequest) -> int:
    """Replace the requester's details in the case, its request text and its letters; the
    number of letters redacted."""
    personal = personal_strings(request)
    keep = public_contacts()  # the authority's own address and contacts stay
    letters = 0
    with transaction.atomic():
        for letter in IssuedLetter.objects.filter(request=request).order_by("pk"):
            html = anonymise(letter.html, personal, keep=keep)
            IssuedLetter.objects.filter(pk=letter.pk).update(
                html=html, pdf=html_to_pdf(html, stylesheet=stylesheet())
            )
            record(
                Action.ERASURE,
                record_type="casework.issuedletter",
                record_id=letter.pk,
                purpose=PURPOSE,
                detail={"rule": "requester_details", "removed": "requester named in the letter"},
            )
            letters += 1
        # update(): no save(), so no new history row; the history never held these fields.
        InformationRequest.objects.filter(pk=request.pk).update(
            requester_name=REMOVED,
            requester_email="",
            requester_address="",
            request_text=anonymise_text(request.request_text, personal, keep=keep),
        )
        record(
            Action.ERASURE,
            record=request,
            purpose=PURPOSE,
            detail={
                "rule": "requester_details",
                "fields": ["requester_name", "requester_email", "requester_address"],
                "letters_redacted": letters,
            },
        )
    return letters


@dataclass
class Applied:
    removed: list[Due] = field(default_factory=list)
    held: list[Due] = field(default_factory=list)


def apply(as_of: date, items: Iterable[Due] | None = None) -> Applied:
    """Remove what is due on `as_of` (each removal in its own transaction, so a failure
    leaves what was removed before it removed and logged)."""
    planned = plan(as_of)
    done = Applied(held=list(planned.held))
    for item in items if items is not None else planned.due:
        if item.record_type == "requester_details":
            request = InformationRequest.objects.get(pk=item.record_id)
            remove_requester(request)
            done.removed.append(item)
        elif item.record_type == "person":
            if _erase_person(item):
                done.removed.append(item)
            else:
                done.held.append(item)
        elif _erase(item):
            done.removed.append(item)
        else:
            done.held.append(item)
    _move_coverage(as_of, done)
    logger.info("retention applied as of %s: %d removed", as_of, len(done.removed))
    return done


# record type key -> its `answerable coverage` name (core/record_types.py)
COVERAGE_KINDS = {kind.key: kind.coverage for kind in RECORD_TYPES if kind.coverage}


def _move_coverage(as_of: date, done: Applied) -> None:
    """Once every record of a type before its cutoff is gone, the register no longer holds
    that period: its coverage moves forward, so answers say "not held" for it (FOISA
    s17(1)) rather than counting 0. While an open request holds some, it stays."""
    removed = {item.record_type for item in done.removed}
    held = {item.record_type for item in done.held}
    for record_type in sorted((removed - held) & COVERAGE_KINDS.keys()):
        cutoff = register_cutoff(record_type, as_of)
        kind = COVERAGE_KINDS[record_type]
        current = held_from(kind)
        if current is None or current < cutoff:
            record_coverage(
                kind,
                cutoff,
                reason=f"earlier records removed under the retention schedule on {as_of}",
                recorded_by=current_actor(),
            )


def _erase_person(item: Due) -> bool:
    # Still referred to (a record held, or added since the plan): kept.
    referred = any(
        _model(record_type)._base_manager.filter(person_id=item.record_id).exists()
        for record_type in REGISTER_TYPES
    )
    return not referred and _erase(item)
