"""The dashboard's list of cases awaiting a response, the soonest deadline first.

Only what the officer needs to plan the day: the reference, when it was received, when it is
due, the working days left and the status. Never the requester's name or contact details:
they are not even read from the database (casework/models/requests.py, REQUESTER_FIELDS).
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import F

from answerable.casework.models import InformationRequest
from answerable.casework.views.deadlines import Calendars, days_left, deadline_text, status_tag

SHOWN = 25  # the case list (casework:case_list) has them all, with filters


@dataclass(frozen=True)
class CaseRow:
    reference: str
    received_on: date
    due_on: date | None
    days_left: int | None
    deadline: str
    overdue: bool
    status: str
    status_class: str


def open_cases(today: date, limit: int = SHOWN) -> tuple[list[CaseRow], int]:
    """The first `limit` cases awaiting a response by deadline, and how many there are."""
    awaiting = InformationRequest.objects.awaiting_response()
    cases = list(
        awaiting.only("reference", "regime", "received_on", "due_on", "status").order_by(
            F("due_on").asc(nulls_last=True), "reference"
        )[:limit]
    )
    total = len(cases) if len(cases) < limit else awaiting.count()
    calendars = Calendars()
    rows = []
    for case in cases:
        # The clock stops while a fee is unpaid (FOISA s10(3)): no deadline to count to.
        left = days_left(calendars(case.regime), today, case.due_on) if case.due_on else None
        overdue = case.due_on is not None and case.due_on < today
        deadline = "Clock stopped" if left is None else deadline_text(left, overdue=overdue)
        rows.append(
            CaseRow(
                reference=case.reference,
                received_on=case.received_on,
                due_on=case.due_on,
                days_left=left,
                deadline=deadline,
                overdue=overdue,
                status=case.get_status_display(),
                status_class=status_tag(case.status),
            )
        )
    return rows, total
