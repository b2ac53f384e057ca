"""A case's timeline: what happened to it, and what is due, day by day, from receipt to the
disclosure log. Built from the case's records as they stand (no model is changed here)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from answerable.casework.models.choices import Notice


@dataclass(frozen=True)
class Event:
    on: date
    title: str
    detail: tuple[str, ...] = ()
    deadline: bool = False  # a day something is due, rather than a day something happened


def _money(amount: Any) -> str:
    return f"£{amount:,.2f}" if amount is not None else "a fee"


def notice_label(value: str) -> str:
    try:
        return Notice(value).label
    except ValueError:
        return {
            "fees": "Fees notice",
            "review": "Review notice",
            "acknowledgement": "Acknowledgement",
            "clarification": "Request for clarification (s1(3))",
            "late": "Late-response letter",
        }.get(value, value)


def request_events(case: Any) -> list[Event]:
    """Receipt, clarification (s1(3)), the fees notice and payment (s9, s10(3)), the due
    date with how it was counted, and the response."""
    found = [Event(case.received_on, "Request received", (f"By {case.get_channel_display()}.",))]
    if case.clarification_sought_on:
        found.append(Event(case.clarification_sought_on, "Clarification sought (s1(3))"))
    if case.clarification_received_on:
        found.append(
            Event(
                case.clarification_received_on,
                "Clarification received",
                ("The time to respond runs from this day (s1(3), s10(1)).",),
            )
        )
    if case.fee_notice_issued_on:
        found.append(
            Event(
                case.fee_notice_issued_on,
                f"Fees notice issued for {_money(case.fee_gbp)}",
                ("The time to respond stops until the fee is paid (s9, s10(3)).",),
            )
        )
    if case.fee_paid_on:
        found.append(Event(case.fee_paid_on, "Fee paid"))
    if case.due_on:
        explanation = tuple(line for line in case.due_explanation.split("\n") if line.strip())
        found.append(Event(case.due_on, "Response due", explanation, deadline=True))
    return found


def letter_events(letters: Sequence[Any]) -> list[Event]:
    return [
        Event(letter.issued_on, f"Letter issued: {notice_label(letter.notice)}")
        for letter in letters
    ]


def review_events(reviews: Sequence[Any]) -> list[Event]:
    """Each requirement for review (s20) and the authority's review (s21)."""
    found = []
    for review in reviews:
        detail = []
        if review.request_deadline:
            timing = "in time" if review.in_time else "late"
            detail.append(
                f"The last day to require a review was {review.request_deadline:%-d %B %Y} "
                f"(s20(5)): it came {timing}"
                + (", and was accepted (s20(6))." if review.late_accepted else ".")
            )
        found.append(Event(review.requirement_received_on, "Review required", tuple(detail)))
        if review.responded_on:
            outcome = review.get_outcome_display() or "no outcome recorded"
            found.append(Event(review.responded_on, f"Review notice issued: {outcome}"))
        elif review.due_on:
            found.append(Event(review.due_on, "Review due (s21(1))", deadline=True))
    return found


def appeal_events(appeals: Sequence[Any], court_appeals: Sequence[Any]) -> list[Event]:
    """Applications to the Commissioner (s47) and appeals to the Court of Session (s56)."""
    found = []
    for appeal in appeals:
        detail = []
        if appeal.application_deadline:
            timing = "in time" if appeal.in_time else "late"
            detail.append(
                f"The last day to apply was {appeal.application_deadline:%-d %B %Y} (s47(4)): "
                f"it came {timing}."
            )
        found.append(
            Event(appeal.application_received_on, "Application to the Commissioner", tuple(detail))
        )
        if appeal.decision_on:
            label = appeal.decision_number or "Commissioner's decision"
            outcome = appeal.get_outcome_display() or "outcome not recorded"
            found.append(Event(appeal.decision_on, f"{label}: {outcome}"))
        if appeal.steps_due_on and not appeal.steps_completed_on:
            found.append(
                Event(appeal.steps_due_on, "Steps required by the decision due", deadline=True)
            )
        if appeal.steps_completed_on:
            found.append(Event(appeal.steps_completed_on, "Steps required by the decision done"))
    for court in court_appeals:
        found.append(
            Event(
                court.lodged_on,
                f"Appeal to the Court of Session by {court.get_appellant_display().lower()}",
            )
        )
        if court.decided_on:
            found.append(
                Event(court.decided_on, f"Court of Session: {court.get_outcome_display()}")
            )
    return found


def publication_events(publication: Any, today: date) -> list[Event]:
    """The anonymised copy on the disclosure log, public from its date (publish.py)."""
    if publication is None:
        return []
    if publication.withdrawn_on:
        return [
            Event(publication.publish_on, "Scheduled for the disclosure log"),
            Event(publication.withdrawn_on, "Withdrawn from the disclosure log"),
        ]
    if publication.publish_on <= today:
        return [Event(publication.publish_on, "Published in the disclosure log")]
    return [
        Event(
            publication.publish_on,
            "Appears in the disclosure log",
            ("The requester has the response first; the anonymised copy is public from this day.",),
            deadline=True,
        )
    ]


def timeline(
    case: Any,
    *,
    letters: Sequence[Any],
    reviews: Sequence[Any],
    appeals: Sequence[Any],
    court_appeals: Sequence[Any],
    publication: Any,
    today: date,
) -> list[Event]:
    """Every event in date order; on one day, in the order the case went through them."""
    events = [
        *request_events(case),
        *letter_events(letters),
        *review_events(reviews),
        *appeal_events(appeals, court_appeals),
        *publication_events(publication, today),
    ]
    if case.responded_on and not letters:
        events.append(Event(case.responded_on, "Response recorded (no letter kept)"))
    return sorted(events, key=lambda event: event.on)
