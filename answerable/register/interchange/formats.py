"""The two interchange formats, column by column, exactly as ../shared/interchange specifies."""

from datetime import datetime

from answerable.register.choices import (
    Channel,
    Consent,
    CorrectionReason,
    CrimeType,
    CustodyOutcome,
    DetentionBasis,
    HomeOfficeOutcome,
    InitiatedBy,
    Purpose,
    Recipient,
    Role,
    Sex,
    YesNo,
)
from answerable.register.interchange import cells
from answerable.register.interchange.spec import (
    Column,
    Format,
    Values,
    not_before,
    not_in_future,
    requires,
)
from answerable.register.models.fields import MAX_AGE
from answerable.register.uk_time import uk_date

REF_LENGTH = 64

CUSTODY = Format(
    name="custody-episodes-v1",
    key="custody_ref",
    columns=(
        Column("custody_ref", cells.text(REF_LENGTH), required=True),
        Column("force", cells.text(100)),
        Column("division", cells.text(100)),
        Column("station", cells.text(100), required=True),
        Column("arrived_at", cells.date_time, required=True),
        Column("released_at", cells.date_time),
        Column("detention_basis", cells.choice(DetentionBasis), required=True),
        Column("primary_offence", cells.text(200)),
        Column("offence_code", cells.text(20)),
        Column("person_ref", cells.text(200)),
        Column("sex", cells.choice(Sex)),
        Column("age", cells.whole_number(0, MAX_AGE)),
        Column("nationality", cells.nationality),
        Column("asylum_claimed", cells.choice(YesNo)),
        Column("disability", cells.choice(YesNo)),
        Column("outcome", cells.choice(CustodyOutcome)),
    ),
    row_rules=(
        # custody-episodes-v1: released_at is "not before arrived_at".
        not_before("released_at", "arrived_at", what="released before arrival"),
        not_in_future("arrived_at", "released_at"),
    ),
)


def _outcome_not_before_disclosure(values: Values, now: datetime) -> list[tuple[str, str]]:
    outcome_on, disclosed_at = values.get("outcome_at"), values.get("disclosed_at")
    if outcome_on is not None and disclosed_at is not None and outcome_on < uk_date(disclosed_at):
        return [("outcome_at", f"outcome {outcome_on} is before the disclosure it reports on")]
    return []


DISCLOSURES = Format(
    name="home-office-disclosures-v1",
    key="disclosure_ref",
    columns=(
        Column("disclosure_ref", cells.text(REF_LENGTH), required=True),
        Column("force", cells.text(100)),
        Column("division", cells.text(100)),
        Column("disclosed_at", cells.date_time, required=True),
        Column("person_ref", cells.text(200)),
        Column("role", cells.choice(Role), required=True),
        Column("crime_type", cells.choice(CrimeType)),
        Column("sex", cells.choice(Sex)),
        Column("age", cells.whole_number(0, MAX_AGE)),
        Column("disability", cells.choice(YesNo)),
        Column("nationality", cells.nationality),
        Column("recipient", cells.choice(Recipient), required=True),
        Column("channel", cells.choice(Channel)),
        Column("purpose", cells.choice(Purpose), required=True),
        Column("initiated_by", cells.choice(InitiatedBy)),
        Column("requested_at", cells.date_or_date_time),
        Column("consent", cells.choice(Consent)),
        Column("legal_basis", cells.text(300)),
        Column("agreement_ref", cells.text(REF_LENGTH)),
        Column("custody_ref", cells.text(REF_LENGTH)),
        Column("home_office_outcome", cells.choice(HomeOfficeOutcome)),
        Column("outcome_at", cells.calendar_date),
        Column("corrected_at", cells.date_or_date_time),
        Column("correction_reason", cells.choice(CorrectionReason)),
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

FORMATS = {"custody": CUSTODY, "disclosures": DISCLOSURES}
