"""The figures of the Scottish Information Commissioner's quarterly statistics return.

Every Scottish public authority reports each quarter, through OSIC's statistics portal and
separately for FOI (FOISA) and EIR (EIR(S)) requests: the requests received, the responses
and how many were on time, their outcomes, the exemptions and exceptions cited, fees,
reviews and their outcomes, and applications to the Commissioner. The portal's own field
list is not published where this code could read it, so the measures below follow the
domain rules ("OSIC quarterly statistics") and the data set OSIC publishes; each measure
says what it counts. FOIA requests count with FOI and EIR 2004 with EIR, for a force that
also answers under the UK regimes.

Counts only: no requester's name or detail is read, so nothing personal can reach the page
or the CSV.
"""

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from answerable.casework.models import (
    CitedExemption,
    CommissionerAppeal,
    CourtAppeal,
    InformationRequest,
    IssuedLetter,
    Review,
)
from answerable.casework.models.choices import (
    CommissionerOutcome,
    Notice,
    ReviewOutcome,
    Status,
    family,
)
from answerable.core.spreadsheet import neutralised_row

FAMILIES = ("FOI", "EIR")
# Letters that are not the response to the request (casework/letters/content.py Notice).
NOT_RESPONSES = ("fees", "review", "acknowledgement", "clarification", "late")
_QUARTER = re.compile(r"^(\d{4})-?Q([1-4])$", re.IGNORECASE)


@dataclass(frozen=True)
class Quarter:
    """A calendar quarter: Q1 is January to March, Q3 July to September."""

    year: int
    number: int

    @property
    def first_day(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def last_day(self) -> date:
        if self.number == 4:
            return date(self.year, 12, 31)
        return date(self.year, 3 * self.number + 1, 1) - timedelta(days=1)

    def __str__(self) -> str:
        return f"{self.year}-Q{self.number}"

    def contains(self, day: date | None) -> bool:
        return day is not None and self.first_day <= day <= self.last_day

    def describe(self) -> str:
        return f"{self.first_day:%-d %B %Y} to {self.last_day:%-d %B %Y}"


def parse_quarter(text: str) -> Quarter:
    """ "2026-Q3" -> the quarter of 1 July to 30 September 2026."""
    match = _QUARTER.match(text.strip())
    if not match:
        raise ValueError(f"quarter {text!r}: write it as YYYY-QN, e.g. 2026-Q3")
    return Quarter(int(match.group(1)), int(match.group(2)))


def last_complete_quarter(today: date) -> Quarter:
    number = (today.month - 1) // 3 + 1
    return Quarter(today.year - 1, 4) if number == 1 else Quarter(today.year, number - 1)


@dataclass(frozen=True)
class Row:
    section: str
    measure: str
    foi: int | Decimal
    eir: int | Decimal


@dataclass(frozen=True)
class QuarterlyReturn:
    quarter: Quarter
    rows: list[Row]

    def value(self, measure: str, which: str) -> int | Decimal:
        """A figure by its measure's name and "FOI" or "EIR" (for tests and the page)."""
        for row in self.rows:
            if row.measure == measure:
                return row.foi if which == "FOI" else row.eir
        raise KeyError(measure)


def _split(counter: Counter) -> tuple[int, int]:
    return counter["FOI"], counter["EIR"]


def quarterly_return(quarter: Quarter) -> QuarterlyReturn:
    first, last = quarter.first_day, quarter.last_day
    rows: list[Row] = []

    def add(section: str, measure: str, counter: Counter) -> None:
        foi, eir = _split(counter)
        rows.append(Row(section, measure, foi, eir))

    received = InformationRequest.objects.filter(received_on__range=(first, last))
    add(
        "Requests",
        "Requests received",
        Counter(family(r) for r in received.values_list("regime", flat=True)),
    )
    withdrawn = received.filter(status=Status.WITHDRAWN)
    add(
        "Requests",
        "of which withdrawn",
        Counter(family(r) for r in withdrawn.values_list("regime", flat=True)),
    )

    responded = list(
        InformationRequest.objects.filter(responded_on__range=(first, last)).values(
            "pk", "regime", "responded_on", "due_on", "notice", "fee_gbp", "fee_paid_on"
        )
    )
    add("Responses", "Responses issued", Counter(family(r["regime"]) for r in responded))
    # "Within the time allowed": by the clock's deadline, which already allows for
    # clarification, the fee period and an EIR extension.
    on_time = {
        r["pk"]
        for r in responded
        if r["due_on"] and r["responded_on"] and r["responded_on"] <= r["due_on"]
    }
    add(
        "Responses",
        "Responded within the time allowed",
        Counter(family(r["regime"]) for r in responded if r["pk"] in on_time),
    )
    add(
        "Responses",
        "Responded late",
        Counter(family(r["regime"]) for r in responded if r["pk"] not in on_time),
    )
    for notice in Notice:
        add(
            "Outcomes",
            notice.label,
            Counter(family(r["regime"]) for r in responded if r["notice"] == notice),
        )

    # Each exemption or exception once per response that cites it.
    cited = CitedExemption.objects.filter(request__in=[r["pk"] for r in responded]).values_list(
        "section", "request__regime"
    )
    by_section: dict[str, Counter] = {}
    for section, regime in cited:
        by_section.setdefault(section, Counter())[family(regime)] += 1
    for section in sorted(by_section, key=_section_order):
        add("Exemptions and exceptions cited", section, by_section[section])

    # Every provision a response relies on to give less than everything asked for, once per
    # response: the cost limit, not held, neither confirm nor deny, vexatious and each
    # exemption, in partial responses as well as refusals (as issued: IssuedLetter).
    by_provision: dict[str, Counter] = {}
    for provisions, regime in _response_provisions([r["pk"] for r in responded]):
        kind = "regulation" if family(regime) == "EIR" else "section"
        for provision in provisions:
            by_provision.setdefault(f"{kind} {provision}", Counter())[family(regime)] += 1
    for measure in sorted(by_provision, key=lambda m: _section_order(m.split(" ", 1)[1])):
        add("Provisions used in responses", measure, by_provision[measure])

    notices = InformationRequest.objects.filter(fee_notice_issued_on__range=(first, last))
    add(
        "Fees",
        "Fees notices issued",
        Counter(family(r) for r in notices.values_list("regime", flat=True)),
    )
    paid = InformationRequest.objects.filter(fee_paid_on__range=(first, last))
    add("Fees", "Fees received", Counter(family(r) for r in paid.values_list("regime", flat=True)))
    totals = {"FOI": Decimal("0.00"), "EIR": Decimal("0.00")}
    for regime, fee in paid.values_list("regime", "fee_gbp"):
        totals[family(regime)] += fee or Decimal(0)
    rows.append(Row("Fees", "Fees received (GBP)", totals["FOI"], totals["EIR"]))

    reviews_in = Review.objects.filter(requirement_received_on__range=(first, last))
    add(
        "Reviews",
        "Requirements for review received",
        Counter(family(r) for r in reviews_in.values_list("request__regime", flat=True)),
    )
    reviews_out = list(
        Review.objects.filter(responded_on__range=(first, last)).values(
            "request__regime", "responded_on", "due_on", "outcome"
        )
    )
    add(
        "Reviews",
        "Review responses issued",
        Counter(family(r["request__regime"]) for r in reviews_out),
    )
    add(
        "Reviews",
        "Review responses within the time allowed",
        Counter(
            family(r["request__regime"])
            for r in reviews_out
            if r["due_on"] and r["responded_on"] and r["responded_on"] <= r["due_on"]
        ),
    )
    for outcome in ReviewOutcome:
        add(
            "Review outcomes",
            outcome.label,
            Counter(family(r["request__regime"]) for r in reviews_out if r["outcome"] == outcome),
        )

    applications = CommissionerAppeal.objects.filter(application_received_on__range=(first, last))
    add(
        "Commissioner",
        "Applications to the Commissioner",
        Counter(family(r) for r in applications.values_list("request__regime", flat=True)),
    )
    decided = list(
        CommissionerAppeal.objects.filter(decision_on__range=(first, last)).values(
            "request__regime", "outcome"
        )
    )
    for decision in CommissionerOutcome:
        add(
            "Commissioner decisions",
            decision.label,
            Counter(family(r["request__regime"]) for r in decided if r["outcome"] == decision),
        )
    lodged = CourtAppeal.objects.filter(lodged_on__range=(first, last))
    add(
        "Court of Session",
        "Appeals lodged",
        Counter(family(r) for r in lodged.values_list("appeal__request__regime", flat=True)),
    )
    return QuarterlyReturn(quarter, rows)


def _response_provisions(requests: list[int]) -> list[tuple[list[str], str]]:
    """The provisions of each request's response letter (the latest, if issued again)."""
    latest: dict[int, tuple[list[str], str]] = {}
    letters = (
        IssuedLetter.objects.filter(request__in=requests, review__isnull=True)
        .exclude(notice__in=NOT_RESPONSES)
        .order_by("issued_on", "pk")
        .values_list("request", "provisions", "request__regime")
    )
    for request, provisions, regime in letters:
        latest[request] = (list(provisions or []), regime)
    return list(latest.values())


def _section_order(section: str) -> tuple[int, str]:
    match = re.match(r"\d+", section)
    return (int(match.group()) if match else 10_000, section)


def as_csv(report: QuarterlyReturn) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(neutralised_row(["quarter", "section", "measure", *FAMILIES]))
    for row in report.rows:
        writer.writerow(
            neutralised_row([str(report.quarter), row.section, row.measure, row.foi, row.eir])
        )
    return out.getvalue()
