"""The deadlines of FOI casework, each with how it was counted, line by line.

Pure: every function takes the WorkingCalendar to count by (services.calendar_for gives
the one with the administrators' corrections), so the rules are tested without a database.
The rules are those of /work/shared/domain/foisa_rules.md, with the provision cited in
each explanation line.
"""

import calendar as month_calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from answerable.clock.calendar import ONE_DAY, WorkingCalendar
from answerable.clock.errors import ClockError
from answerable.clock.regimes import (
    COMMISSIONER_MONTHS,
    EXTENDED_RESPONSE_DAYS,
    ICO_COMPLAINT_MONTHS,
    RESPONSE_DAYS,
    REVIEW_REQUEST_DAYS,
    Regime,
    RegimeRules,
    rules_for,
)

RESPONSE = "response"
REVIEW_REQUEST = "review-request"
REVIEW_RESPONSE = "review-response"
COMMISSIONER_APPLICATION = "commissioner-application"
COURT_OF_SESSION = "court-of-session"
KINDS = (RESPONSE, REVIEW_REQUEST, REVIEW_RESPONSE, COMMISSIONER_APPLICATION, COURT_OF_SESSION)

RESPONSE_OPTIONS = ("clarification_received", "fee_notice_issued", "fee_paid", "extended")


@dataclass(frozen=True)
class Deadline:
    kind: str  # one of KINDS
    regime: Regime
    due: date  # the last day that is still in time
    explanation: tuple[str, ...]  # how it was counted, line by line, each citing its source

    def as_dict(self) -> dict[str, Any]:
        return {
            "due": self.due.isoformat(),
            "regime": self.regime.value,
            "kind": self.kind,
            "explanation": list(self.explanation),
        }


def add_months(day: date, months: int) -> date:
    """The same day number `months` later, or the last day of that month if it is shorter.

    FOISA s47(4) ("within six months after"), as foisa_rules.md rule 13 counts it:
    31 August + 6 months = 28 February, or 29 February in a leap year.
    """
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last = month_calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def _day(day: date) -> str:
    return f"{day.isoformat()} ({day:%A})"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _skipped(calendar: WorkingCalendar, after: date, up_to: date, rules: RegimeRules) -> str:
    """The line naming the holidays a count passed over."""
    skipped = calendar.holidays_between(after, up_to)
    if not skipped:
        return (
            f"No bank holiday fell from {after.isoformat()} to {up_to.isoformat()}; "
            f"Saturdays and Sundays are not working days ({rules.working_day})."
        )
    names = "; ".join(f"{day.isoformat()} {name}" for day, name in skipped)
    return f"Not working days ({rules.working_day}), so not counted: {names}."


def _working_days(
    calendar: WorkingCalendar, after: date, n: int, rules: RegimeRules, what: str
) -> tuple[date, list[str]]:
    due = calendar.add_working_days(after, n)
    return due, [
        f"{what}: day 1 is the first working day after {_day(after)}; the "
        f"{_ordinal(n)} working day is {_day(due)}.",
        _skipped(calendar, after, due, rules),
    ]


def response_due(
    regime: Regime | str,
    received: date,
    calendar: WorkingCalendar,
    *,
    clarification_received: date | None = None,
    fee_notice_issued: date | None = None,
    fee_paid: date | None = None,
    extended: bool = False,
) -> Deadline:
    """The last day to respond to a request received on `received`."""
    rules = rules_for(regime)
    days = RESPONSE_DAYS
    lines = [f"Request received {_day(received)}."]
    if extended:
        if rules.extension is None:
            if rules.regime is Regime.FOIA:
                message = (
                    "FOIA has no fixed extension: s10(3) allows a public interest extension "
                    "'reasonable in the circumstances', which the clock cannot count; "
                    "record the date given in the s17(2) notice instead"
                )
            else:
                message = f"{rules.act} has no extension of the time to respond"
            raise ClockError(message, field="extended")
        days = EXTENDED_RESPONSE_DAYS
        lines.append(
            f"Extended to {days} working days because the volume and complexity of the "
            f"information make the earlier period impracticable ({rules.extension}); the "
            f"applicant must be told within the first {RESPONSE_DAYS} working days."
        )

    start = received
    if clarification_received is not None:
        if clarification_received < received:
            raise ClockError(
                f"the clarification ({clarification_received.isoformat()}) cannot have been "
                f"received before the request ({received.isoformat()})",
                field="clarification_received",
            )
        start = clarification_received
        lines.append(
            f"Clarification received {_day(start)}: the {days} working days start afresh "
            f"from its receipt ({rules.clarification})."
        )

    if fee_notice_issued is None and fee_paid is None:
        due, counted = _working_days(
            calendar, start, days, rules, f"Counted {days} working days ({rules.response})"
        )
        lines += counted
    else:
        due = _fee_paused(
            rules, calendar, start, days, fee_notice_issued, fee_paid, received, lines
        )
    lines.append(f"Due: {_day(due)}, the last day that is still in time.")
    return Deadline(RESPONSE, rules.regime, due, tuple(lines))


def _fee_paused(
    rules: RegimeRules,
    calendar: WorkingCalendar,
    start: date,
    days: int,
    notice: date | None,
    paid: date | None,
    received: date,
    lines: list[str],
) -> date:
    """The deadline with the working days from the fees notice to payment disregarded.

    FOISA s10(3) and FOIA s10(2): "the working days in the period beginning with the day
    on which the notice is given and ending with the day on which the fee is received are
    to be disregarded". The EIR(S) and the EIR stop the clock the same way while an
    advance payment is awaited (reg 8 of each). OSIC ("How long will I have to wait?",
    foi.scot): a fees notice sent after 10 working days leaves 10 from payment.
    """
    if notice is None:
        raise ClockError("a fee was paid but no fees notice was given", field="fee_notice_issued")
    if paid is None:
        raise ClockError(
            f"the clock stopped when the fees notice was given ({rules.fees}) and restarts "
            "only when the fee is received: give the day the fee was paid",
            field="fee_paid",
        )
    if notice < received:
        raise ClockError(
            f"the fees notice ({notice.isoformat()}) cannot have been given before the request "
            f"was received ({received.isoformat()})",
            field="fee_notice_issued",
        )
    if notice < start:
        raise ClockError(
            f"the fees notice ({notice.isoformat()}) was given before the clarification was "
            f"received ({start.isoformat()}), while the time to respond was not yet running",
            field="fee_notice_issued",
        )
    if paid < notice:
        raise ClockError(
            f"the fee ({paid.isoformat()}) cannot have been paid before the fees notice was "
            f"given ({notice.isoformat()})",
            field="fee_paid",
        )
    used = calendar.working_days_between(start, notice - ONE_DAY)
    if used >= days:
        due, counted = _working_days(
            calendar, start, days, rules, f"Counted {days} working days ({rules.response})"
        )
        lines += counted
        lines.append(
            f"The fees notice was given on {_day(notice)}, after the time to respond had "
            "run out: it does not move the deadline."
        )
        return due
    lines.append(
        f"Fees notice given {_day(notice)}, after {used} working days; fee received "
        f"{_day(paid)}. The working days from the notice up to and including the day the fee "
        f"was received are disregarded ({rules.fees})."
    )
    if used:
        lines.append(_skipped(calendar, start, notice - ONE_DAY, rules))
    remaining = days - used
    due, counted = _working_days(
        calendar,
        paid,
        remaining,
        rules,
        f"The remaining {remaining} of the {days} working days run from the day after payment",
    )
    lines += counted
    if rules.regime in (Regime.FOISA, Regime.FOIA) and paid >= add_months(notice, 3):
        section = "FOISA s9(4)" if rules.regime is Regime.FOISA else "FOIA s9(2)"
        lines.append(
            "The fee was received three months or more after the notice: the authority need "
            f"not comply with the request ({section})."
        )
    return due


def review_request_due(
    regime: Regime | str,
    calendar: WorkingCalendar,
    *,
    response_received: date | None = None,
    request_received: date | None = None,
    **response_options: Any,
) -> Deadline:
    """The last day for the applicant to require a review.

    With `response_received`: from the applicant's receipt of the response. With no
    response, give `request_received` (and the options of response_due): the window runs
    from the expiry of the time to respond. Under FOISA s20(5) and EIR(S) reg 16(2), when
    both dates are given, the requirement is in time if it is in time on either reading
    (foisa_rules.md rule 10): the later date is given, and the explanation says which
    reading gave it.
    """
    rules = rules_for(regime)
    unknown = sorted(set(response_options) - set(RESPONSE_OPTIONS))
    if unknown:
        raise ClockError(f"unknown option {unknown[0]!r}", field=unknown[0])
    given = sorted(name for name, value in response_options.items() if value)
    if given and request_received is None:
        raise ClockError(
            f"{given[0]} describes the request: give the day the request was received too",
            field=given[0],
        )
    if response_received is None and request_received is None:
        raise ClockError(
            "give the day the applicant received the response, or, if there was none, the "
            "day the request was received",
            field="response_received",
        )
    if (
        response_received is not None
        and request_received is not None
        and response_received < request_received
    ):
        raise ClockError(
            f"the response ({response_received.isoformat()}) cannot have been received before "
            f"the request ({request_received.isoformat()})",
            field="response_received",
        )

    days = REVIEW_REQUEST_DAYS
    lines: list[str] = []
    if not rules.review_request_statutory:
        lines.append(
            f"Internal review is not statutory under {rules.act}: {rules.review_request} asks "
            f"applicants to ask within {days} working days of the response; an authority may "
            "accept a later request."
        )
    expiry: date | None = None
    if request_received is not None:
        response = response_due(regime, request_received, calendar, **response_options)
        expiry = response.due
        lines += [f"Time to respond: {line}" for line in response.explanation]

    if response_received is None:
        assert expiry is not None
        due, counted = _working_days(
            calendar,
            expiry,
            days,
            rules,
            f"No response was received, so the {days} working days run from the expiry of the "
            f"time to respond ({rules.review_request})",
        )
        lines += counted
    elif expiry is not None and response_received > expiry:
        late = "s20(5)(b)" if rules.regime is Regime.FOISA else rules.review_request
        due, counted = _working_days(
            calendar,
            response_received,
            days,
            rules,
            f"The response came late (after {expiry.isoformat()}), so the {days} working days "
            f"run from the applicant's receipt of it ({late})",
        )
        lines += counted
    elif expiry is not None and rules.regime in (Regime.FOISA, Regime.EIRS):
        by_receipt, receipt_lines = _working_days(
            calendar,
            response_received,
            days,
            rules,
            f"Reading 1, from the applicant's receipt of the response (OSIC's reading of "
            f"{rules.review_request})",
        )
        by_expiry, expiry_lines = _working_days(
            calendar,
            expiry,
            days,
            rules,
            f"Reading 2, from the expiry of the time to respond ({rules.review_request}; the "
            "National Archives of Scotland's and Shelter Scotland's reading)",
        )
        lines += receipt_lines + expiry_lines
        due = max(by_receipt, by_expiry)
        which = (
            "both readings give the same day"
            if by_receipt == by_expiry
            else "reading 1 (from receipt of the response) gives it"
            if due == by_receipt
            else "reading 2 (from the expiry of the time to respond) gives it"
        )
        lines.append(
            "A requirement in time on either reading is accepted (the safe rule for the "
            f"authority; s20(6) also allows a late one to be accepted): the later day, {which}."
        )
    else:
        due, counted = _working_days(
            calendar,
            response_received,
            days,
            rules,
            f"Counted {days} working days from the applicant's receipt of the response "
            f"({rules.review_request})",
        )
        lines += counted
        if expiry is None and rules.regime in (Regime.FOISA, Regime.EIRS):
            lines.append(
                "Without the day the request was received, the reading from the expiry of the "
                "time to respond (which can be later) could not be counted."
            )
    lines.append(f"Due: {_day(due)}, the last day that is still in time.")
    return Deadline(REVIEW_REQUEST, rules.regime, due, tuple(lines))


def review_response_due(
    regime: Regime | str,
    review_received: date,
    calendar: WorkingCalendar,
    *,
    extended: bool = False,
) -> Deadline:
    """The last day for the authority to respond to a requirement for review.

    `extended` is for FOIA only: the s45 Code of Practice allows up to 40 working days in
    complex cases.
    """
    rules = rules_for(regime)
    days = rules.review_response_days
    lines = [f"Requirement for review received {_day(review_received)}."]
    if extended:
        if rules.review_response_outer_days is None:
            raise ClockError(
                f"{rules.act} allows no extension of the time to respond to a review "
                f"({rules.review_response})",
                field="extended",
            )
        days = rules.review_response_outer_days
        lines.append(f"Complex case: up to {days} working days ({rules.review_response}).")
    if not rules.review_response_statutory:
        lines.append(
            f"Internal review is not statutory under {rules.act}: {rules.review_response} asks "
            f"for a response within {rules.review_response_days} working days, and no more "
            f"than {rules.review_response_outer_days} in complex cases."
        )
    due, counted = _working_days(
        calendar,
        review_received,
        days,
        rules,
        f"Counted {days} working days ({rules.review_response})",
    )
    lines += counted
    lines.append(f"Due: {_day(due)}, the last day that is still in time.")
    return Deadline(REVIEW_RESPONSE, rules.regime, due, tuple(lines))


def commissioner_application_due(
    regime: Regime | str,
    calendar: WorkingCalendar,
    *,
    review_notice_received: date | None = None,
    review_requirement_received: date | None = None,
    ico_months: int | None = None,
) -> Deadline:
    """The last day to apply to the Commissioner (FOISA s47(4)) or complain to the ICO.

    From the applicant's receipt of the review notice or, where none was given, from the
    expiry of the time to respond to the requirement for review. For FOIA and the EIR the
    limit is the ICO's practice, not a statute: `ico_months` (default 6; the setting
    ANSWERABLE_ICO_COMPLAINT_MONTHS in the `deadline` command).
    """
    rules = rules_for(regime)
    if (review_notice_received is None) == (review_requirement_received is None):
        raise ClockError(
            "give either the day the applicant received the review notice or, if none was "
            "given, the day the requirement for review was received (not both)",
            field="review_notice_received",
        )
    if rules.commissioner_statutory:
        if ico_months is not None:
            raise ClockError(
                f"{rules.commissioner} fixes {COMMISSIONER_MONTHS} months: no other period "
                "can be set",
                field="ico_months",
            )
        months = COMMISSIONER_MONTHS
        lines: list[str] = []
    else:
        months = ICO_COMPLAINT_MONTHS if ico_months is None else ico_months
        if months < 1:
            raise ClockError(f"ico_months must be at least 1, not {months}", field="ico_months")
        lines = [
            f"No statutory time limit ({rules.commissioner}): the ICO expects a complaint "
            f"within {months} months and may decline a later one for undue delay "
            "(FOIA s50(2)(b)); the period is a setting, ANSWERABLE_ICO_COMPLAINT_MONTHS."
        ]
    if review_notice_received is not None:
        start = review_notice_received
        lines.append(f"Review notice received by the applicant {_day(start)}.")
    else:
        assert review_requirement_received is not None
        days = rules.review_response_outer_days or rules.review_response_days
        start, counted = _working_days(
            calendar,
            review_requirement_received,
            days,
            rules,
            f"No review notice was given: the months run from the expiry of the {days} working "
            f"days allowed for the review ({rules.review_response}), counted from the "
            "requirement's receipt",
        )
        lines += counted
    due = add_months(start, months)
    lines.append(
        f"{months} calendar months after {start.isoformat()}: the same day number, or the "
        f"last day of the month if it is shorter ({rules.commissioner}); working days play no "
        "part."
    )
    lines.append(f"Due: {_day(due)}, the last day that is still in time.")
    return Deadline(COMMISSIONER_APPLICATION, rules.regime, due, tuple(lines))


def court_of_session_due(regime: Regime | str, decision_received: date, days: int = 42) -> Deadline:
    """The last day to appeal a Commissioner's decision to the Court of Session (s56).

    42 days (OSIC's decision notices; Rules of the Court of Session r41.20) or 45
    (Shelter Scotland): the `deadline` command takes ANSWERABLE_COURT_OF_SESSION_DAYS.
    """
    rules = rules_for(regime)
    if rules.court_of_session is None:
        raise ClockError(
            f"under {rules.act} an appeal against the Information Commissioner's decision goes "
            "to the First-tier Tribunal (FOIA s57), not the Court of Session",
            field="regime",
        )
    if days < 1:
        raise ClockError(f"the number of days must be at least 1, not {days}", field="days")
    due = decision_received + timedelta(days=days)
    lines = (
        f"Commissioner's decision received {_day(decision_received)}.",
        f"An appeal on a point of law only ({rules.court_of_session}), within {days} calendar "
        "days after the decision (the period is a setting, ANSWERABLE_COURT_OF_SESSION_DAYS: "
        "OSIC's notices say 42, Shelter Scotland 45).",
        f"Due: {_day(due)}, the last day that is still in time.",
    )
    return Deadline(COURT_OF_SESSION, rules.regime, due, lines)
