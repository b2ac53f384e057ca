"""A register record read back as a row of its interchange format.

Each value is as the format's column takes it (a date-time in UK local time with its offset,
a choice by its value, not recorded as None), so a row read back and sent again is the same
record. The person's source identifier is never kept (only its keyed pseudonym), so it is
never in a row read back.
"""

from datetime import date, datetime
from typing import Any

from answerable.core.uk_time import UK
from answerable.interchange.spec import Values
from answerable.register.sharing import force_of


def moment(value: datetime | None) -> str | None:
    return value.astimezone(UK).isoformat() if value is not None else None


def day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def text(value: str | None) -> str | None:
    return value or None  # an empty text is not recorded


def country(value: Any) -> str | None:
    code = getattr(value, "code", value)
    return code or None


def _person(record: Any) -> Values:
    return {
        "sex": record.sex,
        "age": record.age,
        "nationality": country(record.nationality),
        "disability": record.disability,
    }


def division_code(record: Any) -> str | None:
    return record.division.code if record.division_id else None


def custody(episode: Any) -> Values:
    return {
        "custody_ref": episode.custody_ref,
        "force": episode.force.name,
        "division": division_code(episode),
        "station": episode.station.name,
        "arrived_at": moment(episode.arrived_at),
        "released_at": moment(episode.released_at),
        "detention_basis": episode.detention_basis,
        "primary_offence": text(episode.primary_offence),
        "offence_code": text(episode.offence_code),
        **_person(episode),
        "asylum_claimed": episode.asylum_claimed,
        "outcome": episode.outcome,
    }


def disclosure(record: Any) -> Values:
    return {
        "disclosure_ref": record.disclosure_ref,
        "force": record.force.name,
        "division": division_code(record),
        "disclosed_at": moment(record.disclosed_at),
        "role": record.role,
        "crime_type": record.crime_type,
        **_person(record),
        "recipient": record.recipient,
        "channel": record.channel,
        "purpose": record.purpose,
        "initiated_by": record.initiated_by,
        "requested_at": moment(record.requested_at),
        "consent": record.consent,
        "legal_basis": text(record.legal_basis),
        "agreement_ref": text(record.agreement_ref),
        "custody_ref": text(record.custody_ref),
        "home_office_outcome": record.home_office_outcome,
        "outcome_at": day(record.outcome_on),
        "corrected_at": moment(record.corrected_at),
        "correction_reason": record.correction_reason,
    }


def _episode_ref(record: Any) -> str | None:
    return record.custody_episode.custody_ref if record.custody_episode_id else None


def nccu_contact(contact: Any) -> Values:
    return {
        "reference": text(contact.reference),
        "contacted_at": moment(contact.contacted_at),
        "channel": contact.channel,
        "force": force_of(contact.division, contact.station).name,
        "division": division_code(contact),
        "station": contact.station.name if contact.station_id else None,
        "officer": text(contact.officer),
        "role": contact.role,
        "crime_type": contact.crime_type,
        **_person(contact),
        "trigger": contact.trigger,
        "advice": contact.advice,
        "action_taken": contact.action_taken,
        "custody_ref": _episode_ref(contact),
        "notes": text(contact.notes),
    }


def icce_request(request: Any) -> Values:
    criteria = request.criteria
    return {
        "reference": request.reference,
        "force": request.division.force.name,
        "division": request.division.code,
        "custody_ref": _episode_ref(request),
        "sent_on": day(request.sent_on),
        "returned_on": day(request.returned_on),
        "countries": [country(each) for each in request.countries],
        "result": request.result,
        "high_harm": request.high_harm,
        "high_harm_basis": request.high_harm_basis,
        "criteria_ref": criteria.document.reference if criteria else None,
        "criteria_version": criteria.version if criteria else None,
        "referred_to_hoie": request.referred_to_hoie,
        "referred_on": day(request.referred_on),
        "referral_consideration": request.referral_consideration,
        "referral_outcome": request.referral_outcome,
        "referral_outcome_on": day(request.referral_outcome_on),
        "notes": text(request.notes),
    }
