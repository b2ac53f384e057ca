"""The standard release definition: the questions most requests in the FOI corpus ask
(immigration custodies by period, custody centre's division and length of detention; data
shared with the Home Office by role and crime type; NCCU contacts; ICCE requests and
high-harm referrals). An authority edits it in the administration site."""

from django.db import transaction

from answerable.statistics_releases.models import DefinedTable, ReleaseDefinition
from answerable.statistics_releases.periods import FINANCIAL_YEAR_TO_DATE, QUARTER

SLUG = "immigration-statistics"
TABLES = (
    ("Immigration-related custody episodes by division", "custody-count", "division", QUARTER),
    (
        "Immigration-related custody episodes by time in custody (hours)",
        "custody-count",
        "duration",
        QUARTER,
    ),
    (
        "Immigration-related custody episodes by division, financial year to date",
        "custody-count",
        "division",
        FINANCIAL_YEAR_TO_DATE,
    ),
    ("Disclosures of personal data to the Home Office by role", "disclosures", "role", QUARTER),
    (
        "Referrals to the Home Office by crime type, financial year to date",
        "referrals",
        "crime_type",
        FINANCIAL_YEAR_TO_DATE,
    ),
    ("Contacts with the NCCU by division", "nccu-contacts", "division", QUARTER),
    ("ICCE requests by high-harm assessment", "icce-requests", "high_harm", QUARTER),
)


@transaction.atomic
def standard_definition() -> ReleaseDefinition:
    """The standard definition, made if there is none of its slug (an edited one is kept)."""
    definition, made = ReleaseDefinition.objects.get_or_create(
        slug=SLUG,
        defaults={
            "title": "Immigration-related policing statistics",
            "summary": "Immigration-related custody, the sharing of people's data with the Home "
            "Office, contacts with Immigration Enforcement's National Command and Control Unit "
            "(NCCU) and International Criminal Conviction Exchange (ICCE) requests, counted "
            "from the force's register each quarter.",
        },
    )
    if made:
        for position, (title, question, by, period) in enumerate(TABLES, start=1):
            DefinedTable.objects.create(
                definition=definition,
                position=position,
                title=title,
                question=question,
                by=by,
                period=period,
            )
    return definition
