"""Tasking the force's business units, chasing them, and recording each search made.

The rules are pure functions (`task_due_problem`, `search_date_problem`); the services
write through the models in one transaction each and log every write in the audit trail
(DPA 2018 s62: a search record says what was looked for in systems holding personal data).
A task's e-mail to the unit names the case by its reference and says what is asked and by
when; never the requester (UK GDPR art 5(1)(c)).

A unit's deadline must fall inside the statutory one (FOISA s10(1): 20 working days from
receipt), so that its answer arrives in time to be used; overdue tasks are listed for the
reminders (`overdue_tasks`).
"""

import smtplib
from datetime import date
from typing import Any

from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from answerable.audit.actions import Action
from answerable.audit.trail import record
from answerable.casework.models import (
    BusinessUnit,
    InformationRequest,
    SearchRecord,
    SearchTask,
    TaskChase,
    TaskStatus,
)
from answerable.casework.models.choices import AWAITING_RESPONSE


class TaskError(ValueError):
    """A task or search cannot be recorded as asked; `field` names the form field at fault."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


def task_due_problem(due_on: date, *, asked_on: date, statutory_due: date | None) -> str | None:
    """Why a unit cannot be given `due_on` to answer by, or None when it can.

    Inside the statutory deadline (FOISA s10(1); EIR reg 5(2)): on or before it, and not
    before the day the unit is asked. While a fees notice is unpaid there is no deadline
    (s10(3)), and no search is made until the fee is paid.
    """
    if statutory_due is None:
        return (
            "The case has no deadline while its fee is unpaid (FOISA s10(3)): task the unit "
            "once the fee is paid"
        )
    if due_on < asked_on:
        return f"The task's due date cannot be before today, {asked_on:%-d %B %Y}"
    if due_on > statutory_due:
        return (
            f"The task's due date must be on or before the request's statutory due date, "
            f"{statutory_due:%-d %B %Y}"
        )
    return None


def search_date_problem(searched_on: date, *, received_on: date, today: date) -> str | None:
    """A search is made for a request received, and is recorded once made."""
    if searched_on > today:
        return "The date searched cannot be in the future"
    if searched_on < received_on:
        return (
            f"The date searched cannot be before the request was received, {received_on:%-d %B %Y}"
        )
    return None


def _check_open(case: InformationRequest) -> None:
    if case.status not in AWAITING_RESPONSE or case.responded_on is not None:
        raise TaskError(f"{case.reference} has been answered: no more tasks can be set")


@transaction.atomic
def create_task(
    case: InformationRequest,
    *,
    unit: BusinessUnit,
    kind: str,
    asked: str,
    due_on: date,
    user: Any = None,
    today: date | None = None,
) -> SearchTask:
    """Ask `unit` to search or supply figures for `case` by `due_on`."""
    today = today or timezone.localdate()
    _check_open(case)
    if not unit.active:
        raise TaskError(f"{unit.name} is no longer an active unit: choose another", "unit")
    if not asked.strip():
        raise TaskError("Enter what the unit is asked to search for or supply", "asked")
    problem = task_due_problem(due_on, asked_on=today, statutory_due=case.due_on)
    if problem:
        raise TaskError(problem, "due_on")
    # Numbered within the case; the row lock keeps two officers from taking one number.
    InformationRequest.objects.select_for_update().filter(pk=case.pk).first()
    last = case.tasks.aggregate(last=Max("number"))["last"] or 0
    task = SearchTask.objects.create(
        request=case,
        number=last + 1,
        unit=unit,
        kind=kind,
        asked=asked.strip(),
        asked_on=today,
        due_on=due_on,
        asked_by=user if getattr(user, "is_authenticated", False) else None,
    )
    record(
        Action.COLLECTION,
        record=task,
        purpose=f"FOI request {case.reference}: search task {task.number} to {unit.name}",
        detail={"unit": unit.name, "kind": kind, "due_on": due_on.isoformat()},
    )
    return task


@transaction.atomic
def chase_task(
    task: SearchTask, *, user: Any = None, note: str = "", today: date | None = None
) -> TaskChase:
    """Record a chaser to the unit of an open task."""
    today = today or timezone.localdate()
    if task.status != TaskStatus.OPEN:
        raise TaskError(
            f"Task {task.number} is {task.get_status_display().lower()}: nothing to chase"
        )
    chase = TaskChase.objects.create(
        task=task,
        chased_on=today,
        chased_by=user if getattr(user, "is_authenticated", False) else None,
        note=note.strip(),
    )
    record(
        Action.COLLECTION,
        record=chase,
        purpose=f"FOI request {task.request.reference}: task {task.number} chased",
        detail={"task": task.number, "unit": task.unit.name},
    )
    return chase


@transaction.atomic
def record_search(
    case: InformationRequest,
    *,
    where: str,
    searched_by: str,
    searched_on: date,
    terms: str,
    found: str,
    minutes: int,
    task: SearchTask | None = None,
    completes_task: bool = False,
    user: Any = None,
    today: date | None = None,
) -> SearchRecord:
    """Record a search made for `case`; its time counts towards the cost estimate."""
    today = today or timezone.localdate()
    if task is not None and task.request_id != case.pk:
        raise TaskError(f"Task {task.number} is not a task of {case.reference}", "task")
    if minutes < 0:
        raise TaskError("The time spent cannot be negative", "minutes")
    problem = search_date_problem(searched_on, received_on=case.received_on, today=today)
    if problem:
        raise TaskError(problem, "searched_on")
    for name, value in (("where", where), ("searched_by", searched_by), ("terms", terms)):
        if not value.strip():
            raise TaskError(f"Enter {SEARCH_FIELD_NAMES[name]}", name)
    if not found.strip():
        raise TaskError("Enter what was found, or that nothing was", "found")
    search = SearchRecord.objects.create(
        request=case,
        task=task,
        where=where.strip(),
        searched_by=searched_by.strip(),
        searched_on=searched_on,
        terms=terms.strip(),
        found=found.strip(),
        minutes=minutes,
        recorded_by=user if getattr(user, "is_authenticated", False) else None,
    )
    record(
        Action.COLLECTION,
        record=search,
        purpose=f"FOI request {case.reference}: search of {search.where}"[:200],
        detail={"task": task.number if task else None, "minutes": minutes},
    )
    if task is not None and completes_task and task.status == TaskStatus.OPEN:
        task.status = TaskStatus.DONE
        task.done_on = today
        task.save(update_fields=["status", "done_on"])
        record(
            Action.ALTERATION,
            record=task,
            purpose=f"FOI request {case.reference}: task {task.number} done",
            detail={"fields": ["status", "done_on"]},
        )
    return search


SEARCH_FIELD_NAMES = {
    "where": "where was searched",
    "searched_by": "who searched",
    "terms": "the search terms used",
}


def overdue_tasks(today: date) -> list[SearchTask]:
    """Open tasks past their due date, on requests still to be answered, oldest first.

    For the reminders: each goes to the case's officer, who chases the unit.
    """
    return list(
        SearchTask.objects.filter(
            status=TaskStatus.OPEN,
            due_on__lt=today,
            request__status__in=AWAITING_RESPONSE,
            request__responded_on__isnull=True,
        )
        .select_related("request", "request__officer", "unit")
        .order_by("due_on", "request__reference", "number")
    )


# --- the unit's e-mail ----------------------------------------------------------------------


def task_message(task: SearchTask, *, chase: TaskChase | None = None) -> EmailMessage:
    """The e-mail to the unit's mailbox: the case's reference, what is asked, by when."""
    reference = task.request.reference
    subject = f"FOI {reference}: {task.get_kind_display().lower()} by {task.due_on:%-d %B %Y}"
    lines = [
        f"The FOI unit asks {task.unit.name} to {task.get_kind_display().lower()} for "
        f"request {reference} (task {task.number}).",
        "",
        task.asked,
        "",
        f"Please reply by {task.due_on:%A %-d %B %Y}, with where you searched, the search "
        "terms used, what you found (or that nothing was found) and the time it took.",
    ]
    if chase is not None:
        subject = "Reminder: " + subject
        lines[0:0] = [f"Reminder of {chase.chased_on:%-d %B %Y}: this task is still open.", ""]
        if chase.note:
            lines[2:2] = [chase.note, ""]
    return EmailMessage(subject=subject, body="\n".join(lines) + "\n", to=[task.unit.mailbox])


def send_to_unit(task: SearchTask, *, chase: TaskChase | None = None) -> str:
    """Send the task (or its chaser) to the unit; "" when sent, else why it was not.

    The task is recorded whether or not the e-mail goes: a failure is reported to the
    officer, who tells the unit another way.
    """
    try:
        task_message(task, chase=chase).send()
    except (OSError, smtplib.SMTPException) as error:
        return f"The e-mail to {task.unit.name} could not be sent ({error.__class__.__name__})"
    return ""
