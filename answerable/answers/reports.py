"""Seed 000's "reported or referred", and what happened to a person after it.

Seed 000 (FOI 23-1751) asks how many people were "reported by or referred by Police
Scotland to the Home Office", and of these how many were "after a report or referral,
detained under immigration powers, whether by Police Scotland or by the Home Office" and
how many "administratively removed or deported". The force's own refusal explains what a
report is: "when a Foreign National is arrested, charged or reported in Scotland either by
fixed penalty/ASBO or any other direct measure then Police Officers are required to contact
Home Office Immigration Enforcement (HOIE) National Command and Control Unit (NCCU)". So a
report is the disclosure such an NCCU contact made (register/sharing.py links each contact
to its disclosure), and a referral is a disclosure whose purpose is a referral or an ICCE
high-harm referral (home-office-disclosures-v1, Meaning).

What happened afterwards is read from everything the register holds about the person after
the disclosure, not only the latest outcome the disclosure shows: every Home Office outcome
report kept (register OutcomeReport), the ICCE referral's outcome, what the officer did on
the NCCU's advice, and the person's later immigration-related custody. When none of these
says anything, the force does not know, and the answer says "not known" rather than "no"
(register notes: "not recorded" is kept distinct from "no").

Everything here is a condition evaluated in the database (Exists subqueries), so that the
answer engine groups and filters by it in SQL, on SQLite and PostgreSQL alike.
"""

from collections.abc import Sequence

from django.db.models import Exists, OuterRef, Q

from answerable.answers import dimensions as d
from answerable.register import choices as c
from answerable.register.models import CustodyEpisode, IcceRequest, NccuContact, OutcomeReport

# Seed 000: "arrested, charged or reported ... either by fixed penalty/ASBO or any other
# direct measure" is when an officer must contact the NCCU.
REPORT_TRIGGERS = (c.NccuTrigger.ARRESTED, c.NccuTrigger.CHARGED, c.NccuTrigger.REPORTED)

YES, NO, NOT_KNOWN = "yes", "no", "not_known"

REFERRAL = Q(purpose__in=c.REFERRAL_PURPOSES)
# The disclosure an NCCU contact made after the person was arrested, charged or reported.
NCCU_REPORT = Q(
    Exists(NccuContact.objects.filter(disclosure=OuterRef("pk"), trigger__in=REPORT_TRIGGERS))
)
REPORTED_OR_REFERRED = REFERRAL | NCCU_REPORT

NCCU_REPORT_LABEL = "nccu_report"


def _home_office_reported(outcomes: Sequence[str]) -> Q:
    """The Home Office reported one of `outcomes`: as the disclosure's outcome (which an
    import may set without a report) or in any report kept, latest or not."""
    reports = OutcomeReport.objects.filter(disclosure=OuterRef("pk"), outcome__in=outcomes)
    return Q(home_office_outcome__in=outcomes) | Q(Exists(reports))


def _icce_referral_ended(outcomes: Sequence[str]) -> Q:
    """The ICCE high-harm referral this disclosure made ended in one of `outcomes`."""
    requests = IcceRequest.objects.filter(
        referral_disclosure=OuterRef("pk"), referral_outcome__in=outcomes
    )
    return Q(Exists(requests))


# Seed 000: "If the subject is an immigration offender, the NCCU will advise the officer to
# arrest for immigration purposes" (detention by Police Scotland after the report).
ARRESTED_ON_NCCU_ADVICE = Q(
    Exists(
        NccuContact.objects.filter(
            disclosure=OuterRef("pk"),
            action_taken=c.OfficerAction.ARRESTED_IMMIGRATION_PURPOSES,
        )
    )
)

# The same person later held in police custody on an immigration-related basis (the bases
# the custody questions count as immigration-related): arrival after the disclosure, so
# neither custody before it nor another person's counts.
LATER_IMMIGRATION_CUSTODY = Q(
    Exists(
        CustodyEpisode.objects.filter(
            person=OuterRef("person"),
            detention_basis__in=c.IMMIGRATION_BASES,
            arrived_at__gt=OuterRef("disclosed_at"),
        )
    )
)

DETAINED = (
    _home_office_reported([c.HomeOfficeOutcome.DETAINED_IMMIGRATION_POWERS])
    | ARRESTED_ON_NCCU_ADVICE
    | LATER_IMMIGRATION_CUSTODY
)

REMOVED = _home_office_reported(
    [c.HomeOfficeOutcome.REMOVED, c.HomeOfficeOutcome.DEPORTED]
) | _icce_referral_ended([c.ReferralOutcome.REMOVED, c.ReferralOutcome.DEPORTED])

# The Home Office told the force what it did: an outcome held or reported, or an ICCE
# referral's outcome other than "pending".
OUTCOME_KNOWN = (
    Q(home_office_outcome__isnull=False)
    | Q(Exists(OutcomeReport.objects.filter(disclosure=OuterRef("pk"))))
    | Q(
        Exists(
            IcceRequest.objects.filter(
                referral_disclosure=OuterRef("pk"), referral_outcome__isnull=False
            ).exclude(referral_outcome=c.ReferralOutcome.PENDING)
        )
    )
)

REPORT_OR_REFERRAL_MEANING = (
    "A report or referral is one of: a referral (including an ICCE high-harm referral to "
    "Immigration Enforcement), or a contact with the Home Office's National Command and "
    "Control Unit (NCCU) after the person was arrested, charged or reported (by fixed "
    "penalty, ASBO or another direct measure); a referral made by such a contact is shown "
    "as a referral, and any other disclosure as other."
)
DETAINED_MEANING = (
    "Detained under immigration powers afterwards: yes when, after the disclosure, the Home "
    "Office reported detention under immigration powers (in any of its reports, not only "
    "the latest), the officer arrested the person for immigration purposes on the NCCU's "
    "advice, or the register holds a later police custody of the same person under "
    "immigration powers or for a criminal immigration offence; no when the Home Office "
    "reported what it did and none of these happened; not known when nothing was reported "
    "back and the register holds no later immigration custody of the person."
)
REMOVED_MEANING = (
    "Removed or deported afterwards: yes when the Home Office reported, in any of its "
    "reports, that the person was administratively removed or deported, or the ICCE "
    "referral ended in removal or deportation; no when it reported another outcome; not "
    "known when nothing was reported back."
)


def report_or_referral() -> d.Dimension:
    """Which kind of report or referral a disclosure was (seed 000's own words)."""
    return d.conditions(
        "report_or_referral",
        "Report or referral",
        [
            (str(c.Purpose.REFERRAL), Q(purpose=c.Purpose.REFERRAL)),
            (str(c.Purpose.ICCE_HIGH_HARM), Q(purpose=c.Purpose.ICCE_HIGH_HARM)),
            (NCCU_REPORT_LABEL, NCCU_REPORT),
        ],
        "other",
        meaning=REPORT_OR_REFERRAL_MEANING,
    )


def detained_after() -> d.Dimension:
    return d.conditions(
        "detained_after",
        "Detained under immigration powers afterwards",
        [(YES, DETAINED), (NO, OUTCOME_KNOWN)],
        NOT_KNOWN,
        meaning=DETAINED_MEANING,
    )


def removed_after() -> d.Dimension:
    return d.conditions(
        "removed_after",
        "Removed or deported afterwards",
        [(YES, REMOVED), (NO, OUTCOME_KNOWN)],
        NOT_KNOWN,
        meaning=REMOVED_MEANING,
    )
