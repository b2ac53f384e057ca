"""`answerable deadline KIND --regime R --from YYYY-MM-DD [options] [--json]`.

Prints the last day that is still in time as YYYY-MM-DD on its first line, then how it
was counted; `--json` prints {"due", "regime", "kind", "explanation"}. KIND and `--from`:

  response                  the day the request was received
  review-request            the day the applicant received the response; with
                            --no-response, the day the request was received
  review-response           the day the requirement for review was received
  commissioner-application  the day the applicant received the review notice; with
                            --no-review-notice, the day the requirement for review was received
  court-of-session          the day the Commissioner's decision was received

Bad dates and options stop with a message naming the option, and exit status 2.
"""

import argparse
import json
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from answerable.clock import conf
from answerable.clock.deadlines import (
    COMMISSIONER_APPLICATION,
    COURT_OF_SESSION,
    KINDS,
    RESPONSE,
    REVIEW_REQUEST,
    REVIEW_RESPONSE,
    Deadline,
    commissioner_application_due,
    court_of_session_due,
    response_due,
    review_request_due,
    review_response_due,
)
from answerable.clock.errors import ClockError
from answerable.clock.regimes import Regime
from answerable.clock.services import calendar_for
from answerable.startup import COMMAND_CHECKS

USAGE_ERROR = 2

# The options each KIND takes (beyond --regime, --from and --json), by argparse dest.
RESPONSE_DESTS = ("clarification_received", "fee_notice_issued", "fee_paid", "extended")
ALLOWED: dict[str, set[str]] = {
    RESPONSE: set(RESPONSE_DESTS),
    REVIEW_REQUEST: {"no_response", "request_received", *RESPONSE_DESTS},
    REVIEW_RESPONSE: {"extended"},
    COMMISSIONER_APPLICATION: {"no_review_notice"},
    COURT_OF_SESSION: {"days"},
}
OPTION_NAMES = {
    "clarification_received": "--clarification-received",
    "fee_notice_issued": "--fee-notice-issued",
    "fee_paid": "--fee-paid",
    "extended": "--extended",
    "no_response": "--no-response",
    "request_received": "--request-received",
    "no_review_notice": "--no-review-notice",
    "days": "--days",
    "regime": "--regime",
    "response_received": "--from",
    "review_notice_received": "--from",
    "ico_months": "ANSWERABLE_ICO_COMPLAINT_MONTHS",
}


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in the form YYYY-MM-DD") from None


def _days(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of days") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def _usage_error(message: str) -> CommandError:
    return CommandError(message, returncode=USAGE_ERROR)


class Command(BaseCommand):
    # The data's system checks, not the pages' (answerable/startup.py: a quick start).
    requires_system_checks = COMMAND_CHECKS
    help = "Count a statutory deadline: the last day still in time, and how it was counted."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=KINDS, help="the deadline to count")
        parser.add_argument("--regime", required=True, choices=[regime.value for regime in Regime])
        parser.add_argument(
            "--from",
            dest="start",
            required=True,
            type=_date,
            metavar="YYYY-MM-DD",
            help="the day the period runs from (see the command's description for each KIND)",
        )
        parser.add_argument("--clarification-received", type=_date, metavar="YYYY-MM-DD")
        parser.add_argument("--fee-notice-issued", type=_date, metavar="YYYY-MM-DD")
        parser.add_argument("--fee-paid", type=_date, metavar="YYYY-MM-DD")
        parser.add_argument(
            "--extended",
            action="store_true",
            help="response: 40 working days (EIR(S) and EIR reg 7 only); review-response: "
            "the code of practice's 40 working days (FOIA only)",
        )
        parser.add_argument(
            "--no-response",
            action="store_true",
            help="review-request: no response was given; --from is the day the request was "
            "received",
        )
        parser.add_argument(
            "--request-received",
            type=_date,
            metavar="YYYY-MM-DD",
            help="review-request: the day the request was received, so that FOISA s20(5)'s "
            "reading from the expiry of the time to respond is counted too",
        )
        parser.add_argument(
            "--no-review-notice",
            action="store_true",
            help="commissioner-application: no review notice was given; --from is the day the "
            "requirement for review was received",
        )
        parser.add_argument(
            "--days",
            type=_days,
            metavar="N",
            help="court-of-session: days to appeal (default: ANSWERABLE_COURT_OF_SESSION_DAYS, 42)",
        )
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args: Any, **options: Any) -> None:
        kind: str = options["kind"]
        self._check_options(kind, options)
        try:
            deadline = self._count(kind, options)
        except ClockError as error:
            option = OPTION_NAMES.get(error.field or "", "")
            raise _usage_error(f"{option}: {error}" if option else str(error)) from None
        if options["json"]:
            self.stdout.write(json.dumps(deadline.as_dict(), indent=2))
        else:
            self.stdout.write(deadline.due.isoformat())
            for line in deadline.explanation:
                self.stdout.write(line)

    def _check_options(self, kind: str, options: dict[str, Any]) -> None:
        for dest in sorted(set().union(*ALLOWED.values()) - ALLOWED[kind]):
            if options[dest]:
                raise _usage_error(f"{OPTION_NAMES[dest]} does not apply to {kind}")
        if kind == REVIEW_REQUEST:
            if options["no_response"] and options["request_received"]:
                raise _usage_error(
                    "--request-received: with --no-response, --from is already the day the "
                    "request was received"
                )
            if not (options["no_response"] or options["request_received"]):
                for dest in RESPONSE_DESTS:
                    if options[dest]:
                        raise _usage_error(
                            f"{OPTION_NAMES[dest]} describes the request: give "
                            "--request-received too, or --no-response"
                        )

    def _count(self, kind: str, options: dict[str, Any]) -> Deadline:
        regime = Regime(options["regime"])
        start: date = options["start"]
        if kind == COURT_OF_SESSION:
            days = options["days"] or conf.court_of_session_days()
            return court_of_session_due(regime, start, days)
        try:
            calendar = calendar_for(regime)
        except DatabaseError:
            raise CommandError(
                "the holiday corrections table cannot be read: run `answerable migrate` first"
            ) from None
        response_options = {dest: options[dest] for dest in RESPONSE_DESTS if options[dest]}
        if kind == RESPONSE:
            return response_due(regime, start, calendar, **response_options)
        if kind == REVIEW_REQUEST:
            if options["no_response"]:
                return review_request_due(
                    regime, calendar, request_received=start, **response_options
                )
            return review_request_due(
                regime,
                calendar,
                response_received=start,
                request_received=options["request_received"],
                **response_options,
            )
        if kind == REVIEW_RESPONSE:
            return review_response_due(regime, start, calendar, extended=options["extended"])
        statutory = regime in (Regime.FOISA, Regime.EIRS)
        ico_months = None if statutory else conf.ico_complaint_months()
        if options["no_review_notice"]:
            return commissioner_application_due(
                regime, calendar, review_requirement_received=start, ico_months=ico_months
            )
        return commissioner_application_due(
            regime, calendar, review_notice_received=start, ico_months=ico_months
        )
