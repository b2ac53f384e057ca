"""The question catalogue: what requesters ask (seeds, corpus), as named questions.

Each question counts one kind of register record over a period, by the UK local date of its
event, and can be broken down or filtered by its dimensions.
"""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from answerable.answers import dimensions as d
from answerable.answers import reports
from answerable.core.record_types import kind_of
from answerable.register import choices as c
from answerable.register.models import (
    CustodyEpisode,
    Disclosure,
    Division,
    IcceRequest,
    NccuContact,
    Station,
)


@dataclass(frozen=True)
class Question:
    name: str
    title: str
    unit: str  # what one counted record is, e.g. "immigration-related custody episodes"
    model: type[models.Model]
    day: str  # the date field a record is placed in a period by
    moment: str  # the event's own time, to find a person's first record in a period
    base: Q
    dimensions: dict[str, d.Dimension]
    people: bool = False  # can count people (--count people) as well as records
    time_to_disclose: bool = False  # reports the average time to disclose
    # what one counted record is, in words a requester understands (answers/counting.py)
    described: str = ""

    def queryset(self) -> models.QuerySet[Any]:
        return self.model._default_manager.filter(self.base)

    @property
    def kind(self) -> str:
        """The record type it counts, as `answerable coverage` names it (register/coverage.py):
        what the register holds of it, and from when ("" for records with no coverage)."""
        kind = kind_of(self.model)
        return kind.coverage if kind is not None else ""


def _stations() -> dict[int, str]:
    return dict(
        Station.objects.filter(force__name=settings.ANSWERABLE_FORCE)
        .order_by("name")
        .values_list("id", "name")
    )


def _divisions() -> dict[int, str]:
    return dict(
        Division.objects.filter(force__name=settings.ANSWERABLE_FORCE)
        .order_by("code")
        .values_list("id", "code")
    )


def _division_names() -> dict[str, str]:
    """A division's name for its code: `--where division=Greater Glasgow` means G."""
    return dict(
        Division.objects.filter(force__name=settings.ANSWERABLE_FORCE).values_list("name", "code")
    )


def _index(*dimensions: d.Dimension) -> dict[str, d.Dimension]:
    return {dimension.name: dimension for dimension in dimensions}


def _division(*, nullable: bool) -> d.Dimension:
    return d.related_name(
        "division", "Division", "division_id", _divisions, nullable=nullable, names=_division_names
    )


def _person() -> list[d.Dimension]:
    return [
        d.choice("sex", "Sex", "sex", c.Sex),
        d.age_band("age_band", "Age band", "age"),
        d.child("child", "Child (under 18)", "age"),
        d.country(
            "nationality",
            "Nationality (self-declared)",
            "nationality",
        ),
    ]


IMMIGRATION_RELATED = Q(detention_basis__in=c.IMMIGRATION_BASES)


def _custody_dimensions(bases: tuple[str, ...]) -> dict[str, d.Dimension]:
    return _index(
        d.related_name("station", "Custody centre", "station_id", _stations, nullable=False),
        _division(nullable=True),
        d.duration("duration", "Time in custody (hours)", "duration_minutes"),
        *d.time_dimensions("arrived_on"),
        *_person(),
        d.choice("asylum_claimed", "Asylum claimed", "asylum_claimed", c.YesNo),
        d.choice("disability", "Disability", "disability", c.YesNo),
        d.choice(
            "detention_basis",
            "Detention basis",
            "detention_basis",
            c.DetentionBasis,
            nullable=False,
            only=bases,
        ),
        d.text_value(
            "offence_code",
            "Home Office offence code",
            "offence_code",
        ),
        d.choice("outcome", "Outcome", "outcome", c.CustodyOutcome),
    )


CUSTODY_COUNT = Question(
    name="custody-count",
    title="Immigration-related custody episodes",
    unit="immigration-related custody episodes",
    model=CustodyEpisode,
    day="arrived_on",
    moment="arrived_at",
    base=IMMIGRATION_RELATED,
    people=True,
    dimensions=_custody_dimensions(c.IMMIGRATION_BASES),
    described="times a person was held in police custody under immigration powers or "
    "arrested for a criminal immigration offence (custody episodes)",
)

# Corpus A12 and A13 (Norfolk) ask about every arrest or detention, by nationality, sex and
# reason: custody systems export every episode (custody-episodes-v1), so all are counted here.
CUSTODY_ALL = Question(
    name="custody-all",
    title="All custody episodes",
    unit="custody episodes (all reasons)",
    model=CustodyEpisode,
    day="arrived_on",
    moment="arrived_at",
    base=Q(),
    people=True,
    dimensions=_custody_dimensions(tuple(c.DetentionBasis.values)),
    described="times a person was held in police custody, for any reason (custody episodes)",
)


def _disclosure_dimensions() -> dict[str, d.Dimension]:
    return _index(
        d.choice("role", "Role in the police matter", "role", c.Role, nullable=False),
        d.choice("crime_type", "Crime type", "crime_type", c.CrimeType),
        *_person(),
        d.choice("disability", "Disability", "disability", c.YesNo),
        _division(nullable=True),
        d.choice("recipient", "Recipient", "recipient", c.Recipient, nullable=False),
        d.choice("channel", "Channel", "channel", c.Channel),
        d.choice("purpose", "Purpose", "purpose", c.Purpose, nullable=False),
        d.choice("initiated_by", "Initiated by", "initiated_by", c.InitiatedBy),
        d.choice("consent", "Consent", "consent", c.Consent),
        d.text_value(
            "agreement",
            "Sharing agreement",
            "agreement_ref",
        ),
        d.choice(
            "home_office_outcome", "Home Office outcome", "home_office_outcome", c.HomeOfficeOutcome
        ),
        d.recorded("corrected", "Later corrected, amended or withdrawn", "corrected_at"),
        d.choice(
            "correction_reason", "Reason for correction", "correction_reason", c.CorrectionReason
        ),
        *d.time_dimensions("disclosed_on", by_day=False),
        # Seed 000: which kind of report or referral, and what happened afterwards.
        reports.report_or_referral(),
        reports.detained_after(),
        reports.removed_after(),
    )


REFERRAL = reports.REFERRAL

DISCLOSURES = Question(
    name="disclosures",
    title="Disclosures of personal data to the Home Office",
    unit="disclosures of personal data to the Home Office",
    model=Disclosure,
    day="disclosed_on",
    moment="disclosed_at",
    base=Q(),
    people=True,
    time_to_disclose=True,
    dimensions=_disclosure_dimensions(),
    described="occasions on which the force shared a person's data with the Home Office, "
    "for any purpose (referrals, status checks, answers to Home Office requests, ICCE "
    "high-harm referrals, safeguarding)",
)

# Referrals as home-office-disclosures-v1 defines them (Meaning).
REFERRALS = Question(
    name="referrals",
    title="Referrals to the Home Office",
    unit="referrals of people to the Home Office",
    model=Disclosure,
    day="disclosed_on",
    moment="disclosed_at",
    base=REFERRAL,
    people=True,
    time_to_disclose=True,
    dimensions=_disclosure_dimensions(),
    described="referrals of a person to the Home Office (disclosures made as a referral or "
    "as an ICCE high-harm referral)",
)

# Seed 000's "reported by or referred by Police Scotland to the Home Office", in the seed's
# own words: referrals, and the NCCU contacts made when a foreign national is "arrested,
# charged or reported" (answers/reports.py).
REPORTED_OR_REFERRED = Question(
    name="reported-or-referred",
    title="Reports and referrals to the Home Office",
    unit="reports or referrals of people to the Home Office",
    model=Disclosure,
    day="disclosed_on",
    moment="disclosed_at",
    base=reports.REPORTED_OR_REFERRED,
    people=True,
    time_to_disclose=True,
    dimensions=_disclosure_dimensions(),
    described="reports and referrals of a person to the Home Office, that is referrals "
    "(including ICCE high-harm referrals) and contacts with the Home Office's National "
    "Command and Control Unit (NCCU) after the person was arrested, charged or reported (by "
    "fixed penalty, ASBO or another direct measure)",
)

NCCU_CONTACTS = Question(
    name="nccu-contacts",
    title="Contacts with Immigration Enforcement's National Command and Control Unit",
    unit="contacts with the NCCU",
    model=NccuContact,
    day="contacted_on",
    moment="contacted_at",
    base=Q(),
    people=True,
    dimensions=_index(
        _division(nullable=True),
        d.related_name("station", "Custody centre", "station_id", _stations, nullable=True),
        d.choice("channel", "Channel", "channel", c.NccuChannel, nullable=False),
        d.choice("role", "Role in the police matter", "role", c.Role, nullable=False),
        d.choice("crime_type", "Crime type", "crime_type", c.CrimeType),
        d.choice("trigger", "Reason for contact", "trigger", c.NccuTrigger, nullable=False),
        d.choice("advice", "NCCU advice", "advice", c.NccuAdvice),
        d.choice("action_taken", "What the officer then did", "action_taken", c.OfficerAction),
        *_person(),
        d.choice("disability", "Disability", "disability", c.YesNo),
        *d.time_dimensions("contacted_on", by_day=False),
    ),
    described="contacts officers made with Immigration Enforcement's National Command and "
    "Control Unit (NCCU)",
)

ICCE_REQUESTS = Question(
    name="icce-requests",
    title="International Criminal Conviction Exchange requests",
    unit="ICCE requests",
    model=IcceRequest,
    day="sent_on",
    moment="sent_on",
    base=Q(),
    people=True,
    dimensions=_index(
        _division(nullable=False),
        d.choice("result", "Result", "result", c.IcceResult, nullable=False),
        d.choice("high_harm", "Meets high-harm criteria", "high_harm", c.YesNo),
        d.choice("high_harm_basis", "High-harm basis", "high_harm_basis", c.HighHarmBasis),
        d.choice("referred", "Referred to Immigration Enforcement", "referred_to_hoie", c.YesNo),
        d.choice(
            "referral_consideration",
            "Referred for consideration of",
            "referral_consideration",
            c.ReferralConsideration,
        ),
        d.choice("referral_outcome", "Referral outcome", "referral_outcome", c.ReferralOutcome),
        *d.time_dimensions("sent_on", by_day=False),
    ),
    described="International Criminal Conviction Exchange (ICCE) requests sent",
)

CATALOGUE: dict[str, Question] = {
    q.name: q
    for q in (
        CUSTODY_COUNT,
        CUSTODY_ALL,
        DISCLOSURES,
        REFERRALS,
        REPORTED_OR_REFERRED,
        NCCU_CONTACTS,
        ICCE_REQUESTS,
    )
}
