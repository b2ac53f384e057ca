"""The demo's planned disclosures, ICCE requests and NCCU contacts, and how each looks on
a given day.

Everything is planned once to the horizon with its eventual course (a Home Office outcome,
a correction, an ICCE reply); `as at` a day, what has not happened yet is left out or "not
recorded". So the demo grows with the calendar without changing what it showed before.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from answerable.core.uk_time import uk_date
from answerable.demo.synthetic.demo_custody import DemoEpisode
from answerable.demo.synthetic.demo_people import DemoPerson
from answerable.demo.synthetic.uk_clock import iso_uk
from answerable.register.reference_data import POLICE_SCOTLAND

# The sharing agreements the demo's disclosures quote (demo_documents.py). The umbrella MoU
# replaces the 2016 agreement from this (synthetic) date.
ISA_2016 = "DEMO-ISA-2016"
UMBRELLA_MOU = "DEMO-UMOU"
UMBRELLA_MOU_FROM = date(2020, 2, 1)


@dataclass(eq=False)
class DemoDisclosure:
    kind: str  # how the plan made it: status_check, victim, witness, suspect, request, ...
    disclosed: datetime  # aware
    division: str
    person: DemoPerson | None
    subject: dict[str, str]
    role: str
    recipient: str
    channel: str
    purpose: str
    crime_type: str = ""
    initiated_by: str = "police"
    requested: datetime | None = None
    consent: str = ""
    legal_basis: str = ""
    episode: DemoEpisode | None = None
    outcome: str = ""
    outcome_on: date | None = None
    corrected: datetime | None = None
    correction_reason: str = ""
    # Outcomes the Home Office reported before `outcome` (e.g. detained, then removed), in
    # order of date: each is kept as an outcome report (register OutcomeReport).
    earlier: list[tuple[str, date]] = field(default_factory=list)
    ref: str = ""  # given once every disclosure is planned, in order of time

    @property
    def disclosed_on(self) -> date:
        return uk_date(self.disclosed)

    @property
    def agreement_ref(self) -> str:
        return ISA_2016 if self.disclosed_on < UMBRELLA_MOU_FROM else UMBRELLA_MOU

    def reports(self, as_of: date) -> list[tuple[str, date]]:
        """Every outcome reported before `as_of`, in order of date (the last is held)."""
        course = [*self.earlier]
        if self.outcome and self.outcome_on is not None:
            course.append((self.outcome, self.outcome_on))
        return [(outcome, on) for outcome, on in course if on < as_of]

    def row(self, as_of: date, cutoff: datetime) -> dict[str, str]:
        reported = self.reports(as_of)
        held, held_on = reported[-1] if reported else ("", None)
        corrected = self.corrected is not None and self.corrected < cutoff
        return {
            "disclosure_ref": self.ref,
            "force": POLICE_SCOTLAND,
            "division": self.division,
            "disclosed_at": iso_uk(self.disclosed),
            "person_ref": self.person.ref if self.person else "",
            "role": self.role,
            "crime_type": self.crime_type,
            **self.subject,
            "recipient": self.recipient,
            "channel": self.channel,
            "purpose": self.purpose,
            "initiated_by": self.initiated_by,
            "requested_at": iso_uk(self.requested) if self.requested else "",
            "consent": self.consent,
            "legal_basis": self.legal_basis,
            "agreement_ref": self.agreement_ref,
            "custody_ref": self.episode.ref if self.episode else "",
            "home_office_outcome": held,
            "outcome_at": held_on.isoformat() if held_on else "",
            "corrected_at": iso_uk(self.corrected) if corrected and self.corrected else "",
            "correction_reason": self.correction_reason if corrected else "",
        }


@dataclass(eq=False)
class DemoIcce:
    """An ICCE request and, if its convictions met the high-harm criteria, the referral."""

    episode: DemoEpisode
    sent_on: date
    countries: list[str]  # ISO 3166-1 alpha-2
    result: str  # the eventual result: no_trace, convictions_returned or no_reply
    answered_on: date  # returned, or when it was treated as having no reply
    high_harm: str | None = None
    high_harm_basis: str | None = None
    criteria_version: str | None = None
    referred_on: date | None = None
    consideration: str | None = None
    referral: DemoDisclosure | None = None
    referral_outcome: str | None = None
    referral_outcome_on: date | None = None
    ref: str = ""

    def fields(self, as_of: date) -> dict[str, Any]:
        """The request as its record stood at the start of `as_of` (keys are model fields;
        references are by demo reference and resolved when stored)."""
        answered = self.answered_on < as_of
        referred = answered and self.referred_on is not None and self.referred_on < as_of
        outcome_known = (
            referred and self.referral_outcome_on is not None and self.referral_outcome_on < as_of
        )
        return {
            "division": self.episode.division,
            "person": self.episode.person.ref,
            "custody_episode": self.episode.ref,
            "sent_on": self.sent_on,
            "returned_on": self.answered_on if answered and self.result != "no_reply" else None,
            "countries": self.countries,
            "result": self.result if answered else "awaiting",
            "high_harm": self.high_harm if answered else None,
            "high_harm_basis": self.high_harm_basis if answered else None,
            "criteria": self.criteria_version if answered and self.high_harm else None,
            "referred_to_hoie": self._referred_to_hoie(answered, referred),
            "referred_on": self.referred_on if referred else None,
            "referral_consideration": self.consideration if referred else None,
            "referral_disclosure": self.referral.ref if referred and self.referral else None,
            "referral_outcome": (
                (self.referral_outcome if outcome_known else "pending") if referred else None
            ),
            "referral_outcome_on": self.referral_outcome_on if outcome_known else None,
            "notes": "SYNTHETIC demo record, not a real request.",
        }

    def _referred_to_hoie(self, answered: bool, referred: bool) -> str | None:
        """Yes once referred; no when the convictions did not meet the criteria; else not
        yet known."""
        if not answered or self.high_harm is None:
            return None
        if self.high_harm == "no":
            return "no"
        return "yes" if referred else None


@dataclass(eq=False)
class DemoNccuContact:
    contacted: datetime
    channel: str
    role: str
    trigger: str
    advice: str | None
    action: str | None
    officer: str
    division: str | None = None
    station: str | None = None
    person: DemoPerson | None = None
    episode: DemoEpisode | None = None
    disclosure: DemoDisclosure | None = None
    notes: str = "SYNTHETIC demo record, not a real contact."
    ref: str = field(default="")

    def fields(self) -> dict[str, Any]:
        return {
            "contacted_at": self.contacted,
            "channel": self.channel,
            "division": self.division,
            "station": self.station,
            "person": self.person.ref if self.person else None,
            "role": self.role,
            "trigger": self.trigger,
            "advice": self.advice,
            "action_taken": self.action,
            "officer": self.officer,
            "custody_episode": self.episode.ref if self.episode else None,
            "disclosure": self.disclosure.ref if self.disclosure else None,
            "notes": self.notes,
        }
