"""Reminders: each officer's requests and reviews due soon or overdue, by e-mail.

"Due soon" is within ANSWERABLE_REMIND_WITHIN_DAYS working days (default 5). The e-mail
names each case by its reference, deadline and the working days left, and nothing else: a
mailbox is not a place for the requester's name or the request's text (UK GDPR art 5(1)(c),
data minimisation), and the officer opens the case in Answerable for the rest.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection

from answerable.casework.models import InformationRequest, Review
from answerable.casework.tasking import overdue_tasks
from answerable.clock.calendar import WorkingCalendar
from answerable.clock.services import calendar_for

DEFAULT_WITHIN_DAYS = 5


def within_days() -> int:
    value = int(getattr(settings, "ANSWERABLE_REMIND_WITHIN_DAYS", DEFAULT_WITHIN_DAYS))
    if value < 0:
        raise ValueError(f"ANSWERABLE_REMIND_WITHIN_DAYS must not be negative, not {value}")
    return value


@dataclass(frozen=True)
class Due:
    """One case in a reminder: what it is, when it is due, working days left (< 0: late)."""

    reference: str
    what: str  # "response", "review" or "task N"
    due_on: date
    days_left: int

    def line(self) -> str:
        if self.days_left < 0:
            left = f"OVERDUE by {-self.days_left} working day{'s' if self.days_left < -1 else ''}"
        elif self.days_left == 0:
            left = "due today"
        else:
            left = f"{self.days_left} working day{'s' if self.days_left > 1 else ''} left"
        return f"{self.reference}  {self.what:<8}  due {self.due_on:%a %d %b %Y}  {left}"


def days_left(calendar: WorkingCalendar, today: date, due_on: date) -> int:
    if due_on >= today:
        return calendar.working_days_between(today, due_on)
    return -calendar.working_days_between(due_on, today)


def due_by_officer(today: date, within: int) -> dict[Any, list[Due]]:
    """Every officer's cases due within `within` working days, or overdue, soonest first.

    Responses still awaited count for the request's officer; reviews not yet answered for
    the reviewer; business units' tasks overdue (tasking.overdue_tasks) for the request's
    officer. Cases with nobody assigned are under the key None.
    """
    calendars: dict[str, WorkingCalendar] = {}

    def calendar(regime: str) -> WorkingCalendar:
        if regime not in calendars:
            calendars[regime] = calendar_for(regime)
        return calendars[regime]

    found: dict[Any, list[Due]] = defaultdict(list)
    requests = (
        InformationRequest.objects.awaiting_response()
        .filter(due_on__isnull=False)
        .select_related("officer")
    )
    for case in requests:
        left = days_left(calendar(case.regime), today, case.due_on)
        if left <= within:
            found[case.officer].append(Due(case.reference, "response", case.due_on, left))
    reviews = (
        Review.objects.open().filter(due_on__isnull=False).select_related("reviewer", "request")
    )
    for review in reviews:
        left = days_left(calendar(review.request.regime), today, review.due_on)
        if left <= within:
            found[review.reviewer].append(
                Due(review.request.reference, "review", review.due_on, left)
            )
    # Tasks a business unit has not done by their date go to the case's officer, to chase.
    for task in overdue_tasks(today):
        case = task.request
        left = min(days_left(calendar(case.regime), today, task.due_on), -1)
        found[case.officer].append(Due(case.reference, f"task {task.number}", task.due_on, left))
    for items in found.values():
        items.sort(key=lambda item: (item.due_on, item.reference))
    return dict(found)


def message_body(items: list[Due], within: int) -> str:
    overdue = sum(1 for item in items if item.days_left < 0)
    lines = [
        f"FOI cases due within {within} working days or overdue: {len(items)} ({overdue} overdue).",
        "",
        *(item.line() for item in items),
        "",
        "Open each case in Answerable for its details.",
    ]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Reminder:
    officer: Any
    items: list[Due]
    message: EmailMessage | None  # None: the officer has no e-mail address


def reminders(today: date, within: int | None = None) -> tuple[list[Reminder], list[Due]]:
    """The reminders to send, and the cases nobody is assigned to."""
    within = within_days() if within is None else within
    found = due_by_officer(today, within)
    unassigned = found.pop(None, [])
    result = []
    for officer, items in sorted(found.items(), key=lambda pair: pair[0].get_username()):
        message = None
        if officer.email:
            overdue = sum(1 for item in items if item.days_left < 0)
            subject = f"FOI reminder: {len(items)} case{'s' if len(items) > 1 else ''} due"
            if overdue:
                subject += f", {overdue} overdue"
            message = EmailMessage(
                subject=subject,
                body=message_body(items, within),
                from_email=None,  # DEFAULT_FROM_EMAIL
                to=[officer.email],
            )
        result.append(Reminder(officer, items, message))
    return result, unassigned


def send(found: list[Reminder]) -> int:
    """Send the reminders over one connection; returns how many were sent."""
    messages = [reminder.message for reminder in found if reminder.message is not None]
    if not messages:
        return 0
    return get_connection().send_messages(messages) or 0


def unit_message(unassigned: list[Due], within: int) -> EmailMessage | None:
    """The reminder of the cases nobody is assigned to, for the FOI unit's own mailbox
    (ANSWERABLE_FOI_UNIT_EMAIL); None when there are none or no mailbox is set."""
    address = getattr(settings, "ANSWERABLE_FOI_UNIT_EMAIL", "")
    if not unassigned or not address:
        return None
    subject = f"FOI reminder: {len(unassigned)} case{'s' if len(unassigned) > 1 else ''} due"
    subject += " with no officer assigned"
    return EmailMessage(subject=subject, body=message_body(unassigned, within), to=[address])
