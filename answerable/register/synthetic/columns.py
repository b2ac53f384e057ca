"""The interchange formats' columns, in the order the synthetic files write them.

Copied from ../shared/interchange/custody-episodes-v1.md and home-office-disclosures-v1.md
(the formats' tables, top to bottom); tests check them against the importer's formats.
"""

CUSTODY_COLUMNS: tuple[str, ...] = (
    "custody_ref",
    "force",
    "division",
    "station",
    "arrived_at",
    "released_at",
    "detention_basis",
    "primary_offence",
    "offence_code",
    "person_ref",
    "sex",
    "age",
    "nationality",
    "asylum_claimed",
    "disability",
    "outcome",
)

DISCLOSURE_COLUMNS: tuple[str, ...] = (
    "disclosure_ref",
    "force",
    "division",
    "disclosed_at",
    "person_ref",
    "role",
    "crime_type",
    "sex",
    "age",
    "disability",
    "nationality",
    "recipient",
    "channel",
    "purpose",
    "initiated_by",
    "requested_at",
    "consent",
    "legal_basis",
    "agreement_ref",
    "custody_ref",
    "home_office_outcome",
    "outcome_at",
    "corrected_at",
    "correction_reason",
)

CUSTODY_FILE = "custody-episodes.csv"
DISCLOSURES_FILE = "disclosures.csv"
