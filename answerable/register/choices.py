"""The register's controlled vocabularies.

Values are exactly those of the interchange formats (../shared/interchange/*-v1.md): other
systems send them, so they are a contract. "Not recorded" is never one of these values: it
is stored as NULL and reported as `not_recorded`, never counted as "no" (register notes,
corpus A13: Norfolk's nationality was "Not Recorded" on 13,932 of 25,432 arrests).
"""

from django.db import models

NOT_RECORDED = "not_recorded"


class YesNo(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    OTHER = "other", "Other"


class DetentionBasis(models.TextChoices):
    IMMIGRATION_POWERS = "immigration_powers", "Held under UK immigration legislation powers"
    IMMIGRATION_OFFENCE = "immigration_offence", "Arrested for a criminal immigration offence"
    OTHER = "other", "Other"


IMMIGRATION_BASES = (DetentionBasis.IMMIGRATION_POWERS, DetentionBasis.IMMIGRATION_OFFENCE)


class CustodyOutcome(models.TextChoices):
    RELEASED_NO_RESTRICTION = "released_no_restriction", "Released without restriction"
    IMMIGRATION_BAIL = "immigration_bail", "Released on immigration bail"
    TRANSFERRED_DETENTION = "transferred_detention", "Transferred to another place of detention"
    HANDED_TO_HOME_OFFICE = "handed_to_home_office", "Handed to the Home Office"
    CHARGED = "charged", "Charged"
    OTHER = "other", "Other"


class Role(models.TextChoices):
    VICTIM = "victim", "Victim"
    WITNESS = "witness", "Witness"
    SUSPECT = "suspect", "Suspect"
    ACCUSED = "accused", "Accused"
    OFFENDER = "offender", "Offender"
    OTHER = "other", "Other"


class CrimeType(models.TextChoices):
    DOMESTIC_ABUSE = "domestic_abuse", "Domestic abuse"
    HUMAN_TRAFFICKING = "human_trafficking", "Human trafficking"
    MODERN_SLAVERY = "modern_slavery", "Modern slavery"
    EXPLOITATION = "exploitation", "Exploitation"
    CHILD_SEXUAL_EXPLOITATION = "child_sexual_exploitation", "Child sexual exploitation"
    OTHER = "other", "Other"


class Recipient(models.TextChoices):
    HOIE_NCCU = "hoie_nccu", "Immigration Enforcement: National Command and Control Unit"
    HOIE_OTHER = "hoie_other", "Immigration Enforcement: other"
    UKVI = "ukvi", "UK Visas and Immigration"
    OTHER_HOME_OFFICE = "other_home_office", "Other part of the Home Office"


class Channel(models.TextChoices):
    PHONE = "phone", "Phone"
    EMAIL = "email", "Email"
    SYSTEM = "system", "System"
    LETTER = "letter", "Letter"
    OTHER = "other", "Other"


class Purpose(models.TextChoices):
    STATUS_CHECK = "status_check", "Immigration status check"
    REFERRAL = "referral", "Referral"
    HOME_OFFICE_REQUEST = "home_office_request", "Answer to a Home Office request"
    ICCE_HIGH_HARM = "icce_high_harm", "ICCE high-harm referral"
    SAFEGUARDING = "safeguarding", "Safeguarding"
    OTHER = "other", "Other"


# home-office-disclosures-v1, Meaning: a referral is a disclosure whose purpose is one of these.
REFERRAL_PURPOSES = (Purpose.REFERRAL, Purpose.ICCE_HIGH_HARM)


class InitiatedBy(models.TextChoices):
    POLICE = "police", "Police (proactive)"
    HOME_OFFICE = "home_office", "Home Office (in answer to a request)"


class Consent(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_SOUGHT = "not_sought", "Not sought"


class HomeOfficeOutcome(models.TextChoices):
    NO_ACTION = "no_action", "No action"
    ENFORCEMENT_PAPERS_SERVED = "enforcement_papers_served", "Enforcement papers served"
    DETAINED_IMMIGRATION_POWERS = "detained_immigration_powers", "Detained under immigration powers"
    REMOVED = "removed", "Administratively removed"
    DEPORTED = "deported", "Deported"
    LEAVE_CURTAILED = "leave_curtailed", "Leave curtailed"
    OTHER = "other", "Other"


class CorrectionReason(models.TextChoices):
    INACCURATE_RECORD = "inaccurate_record", "Inaccurate record"
    MISIDENTIFICATION = "misidentification", "Misidentification"
    CASE_DROPPED = "case_dropped", "Case dropped"
    OTHER = "other", "Other"


# --- NCCU contacts (seed 000: "when a Foreign National is arrested, charged or reported ...
# Police Officers are required to contact ... NCCU") -----------------------------------------


class NccuChannel(models.TextChoices):
    PHONE = "phone", "Phone"
    EMAIL = "email", "Email"


class NccuTrigger(models.TextChoices):
    ARRESTED = "arrested", "Arrested"
    CHARGED = "charged", "Charged"
    REPORTED = "reported", "Reported (fixed penalty, ASBO or other direct measure)"
    VICTIM_OR_WITNESS = "victim_or_witness", "Contact as a victim or witness"
    OTHER = "other", "Other"


class NccuAdvice(models.TextChoices):
    ARREST_IMMIGRATION_PURPOSES = "arrest_immigration_purposes", "Arrest for immigration purposes"
    NOT_IMMIGRATION_OFFENDER = "not_immigration_offender", "Not an immigration offender"
    NO_TRACE = "no_trace", "No trace on Home Office systems"
    FURTHER_ENQUIRIES = "further_enquiries", "Further enquiries by the Home Office"
    OTHER = "other", "Other"


class OfficerAction(models.TextChoices):
    ARRESTED_IMMIGRATION_PURPOSES = (
        "arrested_immigration_purposes",
        "Arrested for immigration purposes",
    )
    CONTINUED_CRIMINAL_PROCESS = "continued_criminal_process", "Continued the criminal process only"
    RELEASED = "released", "Released"
    NO_FURTHER_ACTION = "no_further_action", "No further action"
    OTHER = "other", "Other"


# --- ICCE requests (seed 000: ICCE form, divisional collation, high-harm referral to HOIE) --


class IcceResult(models.TextChoices):
    AWAITING = "awaiting", "Awaiting reply"
    NO_TRACE = "no_trace", "No trace"
    CONVICTIONS_RETURNED = "convictions_returned", "Convictions returned"
    NO_REPLY = "no_reply", "No reply"


class HighHarmBasis(models.TextChoices):
    FOREIGN_CONVICTIONS = "foreign_convictions", "High-harm foreign convictions"
    UK_CONVICTIONS = "uk_convictions", "High-harm UK convictions"
    BOTH = "both", "Both"


class ReferralConsideration(models.TextChoices):
    DEPORTATION = "deportation", "Deportation"
    REMOVAL = "removal", "Removal"
    CURTAILMENT = "curtailment", "Curtailment of leave"


class ReferralOutcome(models.TextChoices):
    PENDING = "pending", "Pending"
    NO_ACTION = "no_action", "No action"
    DEPORTED = "deported", "Deported"
    REMOVED = "removed", "Removed"
    LEAVE_CURTAILED = "leave_curtailed", "Leave curtailed"
    OTHER = "other", "Other"


# --- Documents --------------------------------------------------------------------------------


class DocumentKind(models.TextChoices):
    MOU = "mou", "Memorandum of understanding"
    INFORMATION_SHARING_AGREEMENT = "information_sharing_agreement", "Information sharing agreement"
    POLICY = "policy", "Policy"
    PROCEDURE = "procedure", "Procedure"
    GUIDANCE = "guidance", "Guidance"
    TEMPLATE = "template", "Template"
    HIGH_HARM_CRITERIA = "high_harm_criteria", "High-harm criteria"
    OTHER = "other", "Other"


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    FINAL = "final", "Final"
    WITHDRAWN = "withdrawn", "Withdrawn"
