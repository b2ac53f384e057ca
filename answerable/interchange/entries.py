"""NCCU contacts and ICCE requests: records that arrive one at a time (the systems API),
as targets like the imported formats' (targets.py).

Their references are resolved against what the register holds: the custody episode a
record names must be held already, and an ICCE assessment names the version of the
force's high-harm criteria it applied.
"""

from typing import Any

from answerable.core.record_types import record_type
from answerable.interchange import rows
from answerable.interchange.cells import shown
from answerable.interchange.formats import ICCE_REQUESTS, NCCU_CONTACTS
from answerable.interchange.references import References
from answerable.interchange.spec import Problem, Values
from answerable.interchange.targets import Target, _division_id, _resolve_force_division
from answerable.register.choices import DocumentKind, IcceResult
from answerable.register.models import CustodyEpisode, DocumentVersion


def _resolve_episode(values: Values, refs: References) -> list[Problem]:
    """The custody episode the row names (by custody_ref, within the row's force)."""
    values["custody_episode_id"] = None
    ref = values.get("custody_ref")
    if ref is None:
        return []
    force = refs.forces.get(values["force"])
    held = (
        CustodyEpisode.objects.filter(force=force, custody_ref=ref)
        .values_list("pk", flat=True)
        .first()
        if force is not None
        else None
    )
    if held is None:
        return [("custody_ref", f"no custody episode {shown(ref)} is held for this force")]
    values["custody_episode_id"] = held
    return []


def _resolve_nccu(values: Values, refs: References) -> list[Problem]:
    problems = _resolve_force_division(values, refs)
    if problems:
        return problems
    if values["station"] is not None:
        try:
            values["station"] = refs.station(values["force"], values["station"], values["division"])
        except ValueError as error:
            return [("station", str(error))]
        station = refs.stations.get(values["station"])
        division = refs.divisions.get(values["division"]) if values["division"] else None
        if station is not None and division is not None and not _in_division(station, division):
            problems.append(("station", f"{station} is not a custody centre of {division}"))
    return problems + _resolve_episode(values, refs)


def _in_division(station: Any, division: Any) -> bool:
    if station.division_id is None:  # a centre not yet placed in a division
        return station.force_id == division.force_id
    return station.division_id == division.pk


def _nccu_fields(values: Values, refs: References) -> dict[str, Any]:
    station = refs.stations[values["station"]] if values["station"] else None
    return {
        "reference": values["reference"] or "",
        "contacted_at": values["contacted_at"],
        "channel": values["channel"],
        "division_id": _division_id(values, refs) or (station.division_id if station else None),
        "station_id": station.pk if station else None,
        "officer": values["officer"] or "",
        "role": values["role"],
        "crime_type": values["crime_type"],
        "sex": values["sex"],
        "age": values["age"],
        "nationality": values["nationality"],
        "disability": values["disability"],
        "trigger": values["trigger"],
        "advice": values["advice"],
        "action_taken": values["action_taken"],
        "custody_episode_id": values["custody_episode_id"],
        "notes": values["notes"] or "",
    }


def _resolve_icce(values: Values, refs: References) -> list[Problem]:
    problems = _resolve_force_division(values, refs)
    if problems:
        return problems
    values["criteria_id"] = None
    if values.get("criteria_ref") and values.get("criteria_version"):
        criteria = DocumentVersion.objects.filter(
            document__reference=values["criteria_ref"], version=values["criteria_version"]
        ).values_list("pk", "document__kind")
        found = criteria.first()
        if found is None:
            problems.append(
                (
                    "criteria_version",
                    f"no version {shown(values['criteria_version'])} of a document "
                    f"{shown(values['criteria_ref'])} is held",
                )
            )
        elif found[1] != DocumentKind.HIGH_HARM_CRITERIA:
            problems.append(("criteria_ref", "this document is not a set of high-harm criteria"))
        else:
            values["criteria_id"] = found[0]
    return problems + _resolve_episode(values, refs)


def _icce_fields(values: Values, refs: References) -> dict[str, Any]:
    return {
        "division_id": _division_id(values, refs),
        "custody_episode_id": values["custody_episode_id"],
        "sent_on": values["sent_on"],
        "returned_on": values["returned_on"],
        "countries": values["countries"] or [],
        "result": values["result"] or IcceResult.AWAITING,
        "high_harm": values["high_harm"],
        "high_harm_basis": values["high_harm_basis"],
        "criteria_id": values["criteria_id"],
        "referred_to_hoie": values["referred_to_hoie"],
        "referred_on": values["referred_on"],
        "referral_consideration": values["referral_consideration"],
        "referral_outcome": values["referral_outcome"],
        "referral_outcome_on": values["referral_outcome_on"],
        "notes": values["notes"] or "",
    }


NCCU_TARGET = Target(
    record_type("nccu_contact"), NCCU_CONTACTS, _resolve_nccu, _nccu_fields, rows.nccu_contact
)
# ICCE requests carry no attributes of the person, and their dates have no time of day.
ICCE_TARGET = Target(
    record_type("icce_request"), ICCE_REQUESTS, _resolve_icce, _icce_fields, rows.icce_request
)
