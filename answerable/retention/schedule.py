"""The retention schedule: how long each kind of record is kept, and what then (pure).

UK GDPR art. 5(1)(e) and DPA 2018 s39(1)-(2) (law enforcement processing): personal data is
kept no longer than is necessary for the purpose, with time limits set and periodic review.
The periods are settings (README, "Personal data we hold and why"; docs/dpia.md), with
defaults a force's data protection officer will recognise:

- Register records (custody episodes, disclosures, NCCU contacts, ICCE requests): 6 years
  from the event, the review point of the force's records review policy for records that are
  not public-protection records (the College of Policing's Management of Police Information
  guidance, "Group 3", and Police Scotland's Record Retention SOP use the same six years).
- A person's profile: removed with the last record that refers to it.
- FOI casework: the requester's name, e-mail and address 2 years after the case closes
  (its response, review and any appeal: FOISA s20(5) allows 40 working days for a review
  and s47(4) six months for an application to the Commissioner, so two years covers an
  appeal's decision); the case itself (anonymised) and its letters (with the requester
  removed) are kept as the authority's record of its answer.

Records held for an open request (casework/holds.py, FOISA s1(4)-(5)) are never removed.
"""

import calendar
from dataclasses import dataclass
from datetime import date

from django.conf import settings

from answerable.core.record_types import RECORD_TYPES, record_type


@dataclass(frozen=True)
class Rule:
    record_type: str  # the casework hold's record type, or "requester_details"
    label: str
    kept_for: str  # as a DPO reads it: "6 years"
    counted_from: str
    then: str


# record type -> (app label, the date the period counts from, and what that date is): the
# record types kept for a number of years (settings.ANSWERABLE_RETENTION_YEARS), those
# core/record_types.py says a period counts from (dated_by), last first: ICCE requests,
# NCCU contacts, disclosures, custody episodes.
REGISTER_TYPES = {
    kind.key: (kind.label, kind.day, kind.dated_by)
    for kind in reversed(RECORD_TYPES)
    if kind.dated_by
}
LABELS = {key: record_type(key).plural for key in REGISTER_TYPES} | {
    "disclosure": "Disclosures to the Home Office (with their outcome reports)"
}


def years_before(day: date, years: int) -> date:
    """The same day `years` earlier (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier, or the month's last day when it has no such day."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def register_years(record_type: str) -> int:
    return int(settings.ANSWERABLE_RETENTION_YEARS[record_type])


def requester_months() -> int:
    return int(settings.ANSWERABLE_RETENTION_REQUESTER_MONTHS)


def register_cutoff(record_type: str, as_of: date) -> date:
    """Records of this type whose date is before this day are due for removal on `as_of`."""
    return years_before(as_of, register_years(record_type))


def requester_cutoff(as_of: date) -> date:
    """Cases that closed before this day have their requester details removed on `as_of`."""
    return months_before(as_of, requester_months())


def rules() -> list[Rule]:
    found = [
        Rule(
            record_type=name,
            label=LABELS[name],
            kept_for=f"{register_years(name)} years",
            counted_from=described,
            then="deleted, with its change history (unless held for an open request)",
        )
        for name, (_, _, described) in REGISTER_TYPES.items()
    ]
    found.append(
        Rule(
            record_type="person",
            label="People (pseudonymised profiles)",
            kept_for="while any record refers to them",
            counted_from="their last record's removal",
            then="deleted, with the profile's change history",
        )
    )
    found.append(
        Rule(
            record_type="requester_details",
            label="FOI requesters' name, e-mail and address",
            kept_for=f"{requester_months()} months",
            counted_from="the day the case closed (its response, review or appeal decided)",
            then="removed from the case, its request text and its issued letters; the case "
            "and the letters are kept as the authority's record of its answer",
        )
    )
    return found
