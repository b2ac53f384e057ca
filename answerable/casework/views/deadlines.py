"""A case's deadline as the pages show it: working days left, and the status tag's colour."""

from dataclasses import dataclass, field
from datetime import date

from answerable.casework.models.choices import Status
from answerable.clock.calendar import WorkingCalendar
from answerable.clock.services import calendar_for

# GOV.UK Frontend tag colours: waiting on the requester in yellow, done in green or grey.
STATUS_TAG = {
    Status.RECEIVED: "govuk-tag--blue",
    Status.CLARIFICATION_SOUGHT: "govuk-tag--yellow",
    Status.AWAITING_FEE: "govuk-tag--yellow",
    Status.IN_PROGRESS: "govuk-tag--light-blue",
    Status.RESPONDED: "govuk-tag--green",
    Status.CLOSED: "govuk-tag--grey",
    Status.WITHDRAWN: "govuk-tag--grey",
}


def status_tag(status: str) -> str:
    return STATUS_TAG.get(Status(status), "govuk-tag--grey")


def days_left(calendar: WorkingCalendar, today: date, due: date) -> int:
    """Working days from `today` to `due`, the deadline counted: 0 when due today, negative
    once overdue (as InformationRequest.working_days_left, with a calendar built once)."""
    if due >= today:
        return calendar.working_days_between(today, due)
    return -calendar.working_days_between(due, today)


def deadline_text(left: int, *, overdue: bool = False) -> str:
    """ "3 working days left", "Due today", "2 working days overdue"; "Overdue" on a weekend
    or holiday just after the deadline, when no working day has passed yet."""
    if overdue and left >= 0:
        return "Overdue"
    if left == 0:
        return "Due today"
    days = abs(left)
    unit = "working day" if days == 1 else "working days"
    return f"{days} {unit} left" if left > 0 else f"{days} {unit} overdue"


@dataclass
class Calendars:
    """Each regime's working calendar, built once for a page (building one reads the
    holiday corrections and every year's holidays)."""

    built: dict[str, WorkingCalendar] = field(default_factory=dict)

    def __call__(self, regime: str) -> WorkingCalendar:
        if regime not in self.built:
            self.built[regime] = calendar_for(regime)
        return self.built[regime]
