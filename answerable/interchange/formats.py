"""The interchange formats, column by column, exactly as docs/interchange specifies.

Custody episodes and disclosures arrive as files (`answerable import`) or one at a time
through the systems API; NCCU contacts and ICCE requests through the API or the staff admin.
Each format's columns and row rules are the only statement of its rules (spec.py).
"""

from dataclasses import replace
from datetime import datetime

from answerable.core.uk_time import uk_date
from answerable.interchange import columns as c
from answerable.interchange.spec import (
    Format,
    Problem,
    Values,
    not_before,
    not_in_future,
    only_when,
    requires,
)
from answerable.register.choices import (
    Channel,
    Consent,
    CorrectionReason,
    CrimeType,
    CustodyOutcome,
    DetentionBasis,
    HighHarmBasis,
    HomeOfficeOutcome,
    IcceResult,
    InitiatedBy,
    NccuAdvice,
    NccuChannel,
    NccuTrigger,
    OfficerAction,
    Purpose,
    Recipient,
    ReferralConsideration,
    ReferralOutcome,
    Role,
    Sex,
    YesNo,
)
from answerable.register.models.fields import MAX_AGE

REF_LENGTH = 64
NAME_LENGTH = 100
PERSON_REF_LENGTH = 200
NOTES_LENGTH = 4000

PERSON_REF = "the source system's person identifier; only a keyed pseudonym of it is stored"
FORCE = "the force name; default: the installation's own force"
DIVISION = "division code or name"

CUSTODY = Format(
    name="custody-episodes-v1",
    key="custody_ref",
    description="One custody episode: one person, from arrival at a custody centre to "
    "release or transfer.",
    columns=(
        c.text(
            "custody_ref",
            REF_LENGTH,
            "the source system's reference, unique within the force",
            required=True,
        ),
        c.text("force", NAME_LENGTH, FORCE),
        c.text("division", NAME_LENGTH, DIVISION),
        c.text("station", NAME_LENGTH, "custody centre name, e.g. Govan", required=True),
        c.date_time("arrived_at", "arrival at the custody centre", required=True),
        c.date_time(
            "released_at",
            "release or transfer, not before arrived_at; empty while still in custody",
        ),
        c.choice("detention_basis", DetentionBasis, required=True),
        c.text("primary_offence", 200, "the primary offence or reason for arrest"),
        c.text("offence_code", 20, "Home Office offence classification code"),
        c.text("person_ref", PERSON_REF_LENGTH, PERSON_REF),
        c.choice("sex", Sex),
        c.whole_number("age", 0, MAX_AGE, "whole years at arrival"),
        c.nationality("nationality", "self-declared"),
        c.choice("asylum_claimed", YesNo),
        c.choice("disability", YesNo),
        c.choice("outcome", CustodyOutcome),
    ),
    row_rules=(
        # custody-episodes-v1: released_at is "not before arrived_at".
        not_before("released_at", "arrived_at", what="released before arrival"),
        not_in_future("arrived_at", "released_at"),
    ),
)


def _outcome_not_before_disclosure(values: Values, now: datetime) -> list[Problem]:
    outcome_on, disclosed_at = values.get("outcome_at"), values.get("disclosed_at")
    if outcome_on is not None and disclosed_at is not None and outcome_on < uk_date(disclosed_at):
        return [("outcome_at", f"outcome {outcome_on} is before the disclosure it reports on")]
    return []


DISCLOSURES = Format(
    name="home-office-disclosures-v1",
    key="disclosure_ref",
    description="One occasion on which the force shared a person's data with the Home Office.",
    columns=(
        c.text("disclosure_ref", REF_LENGTH, "unique reference", required=True),
        c.text("force", NAME_LENGTH, FORCE),
        c.text("division", NAME_LENGTH, DIVISION),
        c.date_time("disclosed_at", "when the data was shared", required=True),
        c.text("person_ref", PERSON_REF_LENGTH, PERSON_REF),
        c.choice("role", Role, "the person's role in the police matter", required=True),
        c.choice("crime_type", CrimeType),
        c.choice("sex", Sex),
        c.whole_number("age", 0, MAX_AGE, "whole years at the time of disclosure"),
        c.choice("disability", YesNo),
        c.nationality("nationality", "self-declared"),
        c.choice("recipient", Recipient, required=True),
        c.choice("channel", Channel),
        c.choice("purpose", Purpose, required=True),
        c.choice("initiated_by", InitiatedBy),
        c.date_or_date_time("requested_at", "when the Home Office asked, if it did"),
        c.choice("consent", Consent),
        c.text("legal_basis", 300, "e.g. the section of the Data Protection Act 2018 relied on"),
        c.text("agreement_ref", REF_LENGTH, "the information sharing agreement or MoU used"),
        c.text("custody_ref", REF_LENGTH, "the custody episode it arose from, if any"),
        c.choice("home_office_outcome", HomeOfficeOutcome, "what the Home Office reported back"),
        c.calendar_date("outcome_at", "date of that outcome"),
        c.date_or_date_time("corrected_at", "when the shared data was corrected or withdrawn"),
        c.choice("correction_reason", CorrectionReason),
    ),
    row_rules=(
        # Time to disclose = disclosed_at - requested_at (home-office-disclosures-v1,
        # Meaning): a request after the disclosure would make it negative.
        not_before("disclosed_at", "requested_at", what="disclosed before it was requested"),
        not_before("corrected_at", "disclosed_at", what="corrected before it was disclosed"),
        _outcome_not_before_disclosure,
        requires("outcome_at", on="home_office_outcome"),
        requires("correction_reason", on="corrected_at"),
        not_in_future("disclosed_at", "requested_at", "corrected_at"),
    ),
)

NCCU_CONTACTS = Format(
    name="nccu-contacts-v1",
    key=None,  # the NCCU's own reference is optional and not unique: the register's id is
    description="An officer's contact with Immigration Enforcement's National Command and "
    "Control Unit about a foreign national (seed 000). Every contact shares the person's "
    "data, so the register records its disclosure too.",
    columns=(
        c.text("reference", REF_LENGTH, "the reference the NCCU gave"),
        c.date_time("contacted_at", "when the officer contacted the NCCU", required=True),
        c.choice("channel", NccuChannel, required=True),
        c.text("force", NAME_LENGTH, FORCE),
        c.text("division", NAME_LENGTH, DIVISION),
        c.text("station", NAME_LENGTH, "custody centre name, if the person was in custody"),
        c.text("officer", 30, "the officer's service number, never a name"),
        c.text("person_ref", PERSON_REF_LENGTH, PERSON_REF),
        c.choice("role", Role, "the person's role in the police matter", required=True),
        c.choice("crime_type", CrimeType),
        c.choice("sex", Sex),
        c.whole_number("age", 0, MAX_AGE, "whole years at the contact"),
        c.nationality("nationality", "self-declared"),
        c.choice("disability", YesNo),
        c.choice("trigger", NccuTrigger, "the reason for the contact", required=True),
        c.choice("advice", NccuAdvice, "what the NCCU advised"),
        c.choice("action_taken", OfficerAction, "what the officer then did"),
        c.text("custody_ref", REF_LENGTH, "the custody episode, if the person was in custody"),
        c.free_text("notes", NOTES_LENGTH),
    ),
    row_rules=(not_in_future("contacted_at"),),
)

REFERRED = "yes"
NOT_REFERRED = "only a case referred to Immigration Enforcement (referred_to_hoie 'yes') has this"


def _referred_only_when_high_harm(values: Values, now: datetime) -> list[Problem]:
    # Seed 000: ICCE forms "will only be referred to HOIE if they meet criteria of High Harm
    # Foreign Convictions or High Harm UK Conviction".
    if values.get("referred_to_hoie") == YesNo.YES and values.get("high_harm") != YesNo.YES:
        return [
            (
                "referred_to_hoie",
                "only a case that meets the high-harm criteria (high_harm 'yes') is referred "
                "to Immigration Enforcement (seed 000)",
            )
        ]
    return []


def _referral_has_its_date(values: Values, now: datetime) -> list[Problem]:
    if values.get("referred_to_hoie") == YesNo.YES and values.get("referred_on") is None:
        return [("referred_on", "give the date of the referral to Immigration Enforcement")]
    return []


def _criteria_named_whole(values: Values, now: datetime) -> list[Problem]:
    given = [name for name in ("criteria_ref", "criteria_version") if values.get(name)]
    if len(given) == 1:
        missing = "criteria_version" if given == ["criteria_ref"] else "criteria_ref"
        return [(missing, "the criteria are named by criteria_ref and criteria_version together")]
    return []


ICCE_REQUESTS = Format(
    name="icce-requests-v1",
    key="reference",
    description="An International Criminal Conviction Exchange request and, when the "
    "convictions meet the force's high-harm criteria, its referral to Immigration "
    "Enforcement (seed 000).",
    columns=(
        c.text("reference", REF_LENGTH, "the ICCE reference, unique", required=True),
        c.text("force", NAME_LENGTH, FORCE),
        c.text("division", NAME_LENGTH, "the division that collated the request", required=True),
        c.text("person_ref", PERSON_REF_LENGTH, PERSON_REF),
        c.text("custody_ref", REF_LENGTH, "the custody episode it arose from, if any"),
        c.calendar_date("sent_on", "when the request was sent", required=True),
        c.calendar_date("returned_on", "when the reply came back, not before sent_on"),
        c.countries("countries", "the countries asked"),
        c.choice("result", IcceResult, "default: awaiting"),
        c.choice("high_harm", YesNo, "whether the convictions meet the high-harm criteria"),
        c.choice("high_harm_basis", HighHarmBasis),
        c.text("criteria_ref", REF_LENGTH, "reference of the force's high-harm criteria used"),
        c.text("criteria_version", 20, "the version of those criteria used"),
        c.choice("referred_to_hoie", YesNo, "referred to Immigration Enforcement"),
        c.calendar_date("referred_on", "date of the referral"),
        c.choice("referral_consideration", ReferralConsideration, "referred for consideration of"),
        c.choice("referral_outcome", ReferralOutcome),
        c.calendar_date("referral_outcome_on", "date of the referral outcome"),
        c.free_text("notes", NOTES_LENGTH),
    ),
    row_rules=(
        not_before("returned_on", "sent_on", what="the reply came back before the request went"),
        not_in_future("sent_on", "returned_on", "referred_on", "referral_outcome_on"),
        # There are no national high-harm criteria: each force sets its own, so any
        # assessment, met or not, names the version applied (seed 000).
        requires(
            "high_harm",
            on="criteria_ref",
            why="name the version of the force's high-harm criteria applied (there are no "
            "national criteria)",
        ),
        _criteria_named_whole,
        only_when(
            "high_harm_basis",
            "high_harm",
            YesNo.YES,
            why="only a case that meets the criteria has a basis",
        ),
        _referred_only_when_high_harm,
        _referral_has_its_date,
        *(
            only_when(name, "referred_to_hoie", REFERRED, why=NOT_REFERRED)
            for name in (
                "referred_on",
                "referral_consideration",
                "referral_outcome",
                "referral_outcome_on",
            )
        ),
        requires("referral_outcome_on", on="referral_outcome"),
        not_before(
            "referral_outcome_on", "referred_on", what="the outcome came before the referral"
        ),
    ),
)

# A Home Office outcome reported against a disclosure: the disclosure format's own outcome
# columns, both required, and the Home Office's reference for its reply. The disclosure's
# rules (an outcome is not before the disclosure) are checked on the disclosure's row with
# the outcome in it (api/outcomes.py).
OUTCOME_REPORTS = Format(
    name="home-office-outcome-v1",
    key=None,
    description="What the Home Office reported back about a disclosure. The disclosure keeps "
    "the latest outcome; every report is kept.",
    columns=(
        replace(DISCLOSURES.by_name["home_office_outcome"], required=True),
        replace(DISCLOSURES.by_name["outcome_at"], required=True),
        c.text("reference", REF_LENGTH, "the Home Office's own reference for its reply"),
    ),
    row_rules=(not_in_future("outcome_at"),),
)
