"""How a validated row of each format becomes the fields of a register record, and how a
record reads back as a row of its format (rows.py)."""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from answerable.core.record_types import RecordType, record_type
from answerable.interchange import rows
from answerable.interchange.formats import CUSTODY, DISCLOSURES
from answerable.interchange.references import References
from answerable.interchange.spec import Format, Problem, Values


@dataclass(frozen=True)
class Target:
    """A record type's interchange format (core/record_types.py names both), and how a row
    of it becomes a record."""

    record_type: RecordType
    format: Format
    # Resolve the row's references in place; returns (column, message) problems.
    resolve: Callable[[Values, References], list[Problem]]
    # The record's own fields (everything but force, person and links), from a resolved row.
    fields: Callable[[Values, References], dict[str, Any]]
    # The record as a row of its format (every column but person_ref, which is never kept).
    represent: Callable[[Any], Values]
    # Links to other records, made after the insert from the references the row quotes
    # (register/linking.py); a new record starts unlinked.
    links: tuple[str, ...] = ()

    @property
    def model(self) -> type[Any]:
        return self.record_type.model

    @property
    def event(self) -> str | None:
        """The column whose time places the record in a period (None: it has a date only)."""
        return self.record_type.when if self.record_type.when != self.record_type.day else None


def fingerprint(fields: dict[str, Any], pseudonym: str | None) -> str:
    """A digest of a record's source values, to recognise an unchanged row on re-import.

    The fields come in the target's fixed order, and every date-time is in UTC
    (uk_time.as_uk_aware), so equal values give an equal digest, however they arrived.
    """
    values = {**fields, "person_id": pseudonym}
    return hashlib.sha1(repr(tuple(values.values())).encode(), usedforsecurity=False).hexdigest()


def _resolve_force_division(values: Values, refs: References) -> list[Problem]:
    # Columns that could not be read are None here and were reported already.
    try:
        values["force"] = refs.force(values["force"])
    except ValueError as error:
        return [("force", str(error))]
    try:
        values["division"] = refs.division(values["force"], values["division"])
    except ValueError as error:
        return [("division", str(error))]
    return []


def _resolve_custody(values: Values, refs: References) -> list[Problem]:
    problems = _resolve_force_division(values, refs)
    if problems or values["station"] is None:
        return problems
    try:
        values["station"] = refs.station(values["force"], values["station"], values["division"])
    except ValueError as error:
        return [("station", str(error))]
    return []


def _division_id(values: Values, refs: References) -> int | None:
    return refs.divisions[values["division"]].pk if values["division"] else None


def _custody_fields(values: Values, refs: References) -> dict[str, Any]:
    station = refs.stations[values["station"]]
    division_id = _division_id(values, refs) or station.division_id
    return {
        "division_id": division_id,
        "station_id": station.pk,
        "arrived_at": values["arrived_at"],
        "released_at": values["released_at"],
        "detention_basis": values["detention_basis"],
        "primary_offence": values["primary_offence"] or "",
        "offence_code": values["offence_code"] or "",
        "sex": values["sex"],
        "age": values["age"],
        "nationality": values["nationality"],
        "asylum_claimed": values["asylum_claimed"],
        "disability": values["disability"],
        "outcome": values["outcome"],
    }


def _disclosure_fields(values: Values, refs: References) -> dict[str, Any]:
    fields = {
        name: values[name]
        for name in (
            "disclosed_at",
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
            "home_office_outcome",
            "corrected_at",
            "correction_reason",
        )
    }
    fields.update(
        division_id=_division_id(values, refs),
        legal_basis=values["legal_basis"] or "",
        agreement_ref=values["agreement_ref"] or "",
        custody_ref=values["custody_ref"] or "",
        outcome_on=values["outcome_at"],
    )
    return fields


CUSTODY_TARGET = Target(
    record_type("custody_episode"), CUSTODY, _resolve_custody, _custody_fields, rows.custody
)
DISCLOSURE_TARGET = Target(
    record_type("disclosure"),
    DISCLOSURES,
    _resolve_force_division,
    _disclosure_fields,
    rows.disclosure,
    links=("agreement_id", "custody_episode_id"),
)
