"""Every sharing of a person's data with the Home Office goes into the disclosure register.

Seed 000: an officer must contact the NCCU about every foreign national arrested, charged or
reported, which shares the person's details with Immigration Enforcement. A high-harm ICCE
referral shares them again. FOI requests ask how many people's data was shared, and those
answers are counted from the disclosure register, never from the s62 log (DPA 2018 s62(4)).
So each contact and each referral gets its own Disclosure. The staff admin calls these
functions after saving the record, so the link is made whichever way the record was entered.
"""

from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction

from answerable.core.uk_time import uk_start_of_day
from answerable.register.choices import (
    Channel,
    InitiatedBy,
    Purpose,
    Recipient,
    Role,
    YesNo,
)
from answerable.register.models import (
    CustodyEpisode,
    Disclosure,
    Division,
    Force,
    IcceRequest,
    NccuContact,
    Station,
)

# Since April 2020 the NCCU records victims of crime that officers refer by phone
# (written question 172547), so a contact about a victim or witness is a referral. Any
# other contact is a status check (seed 000: "the NCCU will advise the officer to arrest").
REFERRAL_ROLES = (Role.VICTIM, Role.WITNESS)

# Seed 000: "if the offender holds convictions in a foreign country that are classed as high
# harm ... this will be referred to HOIE". The referral rests on the person's convictions.
ICCE_REFERRAL_ROLE = Role.OFFENDER


def default_force() -> Force:
    """The installation's own force (settings.ANSWERABLE_FORCE), as the importers use it."""
    force, _ = Force.objects.get_or_create(name=settings.ANSWERABLE_FORCE)
    return force


def force_of(division: Division | None, station: Station | None = None) -> Force:
    """The force a record belongs to: its division's, else its station's, else our own."""
    if division is not None:
        return division.force
    if station is not None:
        return station.force
    return default_force()


def _from_episode(episode: CustodyEpisode | None) -> dict[str, Any]:
    """The person's attributes recorded at the custody episode the sharing came from.

    These are attributes "as recorded at the time of the event" (models/fields.py), and the
    linked episode is the same event. With no episode they stay not recorded: a guess would
    be counted as a fact (register notes: "not recorded" is kept apart from "no").
    """
    if episode is None:
        return {"custody_ref": ""}
    return {
        "custody_episode": episode,
        "custody_ref": episode.custody_ref,
        "sex": episode.sex,
        "age": episode.age,
        "nationality": episode.nationality,
        "disability": episode.disability,
    }


def _recorded_at_contact(contact: NccuContact) -> dict[str, Any]:
    recorded = {name: getattr(contact, name) for name in ("sex", "age", "disability", "crime_type")}
    if contact.nationality:
        recorded["nationality"] = contact.nationality
    return {name: value for name, value in recorded.items() if value is not None}


def _link(record: NccuContact | IcceRequest, field: str, disclosure: Disclosure) -> None:
    setattr(record, field, disclosure)
    # Shown in the record's history, so the second entry after "Created" explains itself.
    # Read by django-simple-history on save; not a field the stubs know.
    record._change_reason = f"Linked to disclosure {disclosure.disclosure_ref}"  # type: ignore[union-attr]
    record.save(update_fields=[field, "updated_at"])


@transaction.atomic
def record_nccu_disclosure(contact: NccuContact) -> Disclosure | None:
    """Create and link the disclosure an NCCU contact made, unless one is linked already.

    Returns the new disclosure, or None when there was nothing to do. Every contact shares
    the person's data (seed 000), so there is no contact without a disclosure.
    """
    if contact.pk is None:
        raise ValueError("save the NCCU contact before recording its disclosure")
    if contact.disclosure_id is not None:
        return None
    disclosure = Disclosure.objects.create(
        force=force_of(contact.division, contact.station),
        disclosure_ref=f"NCCU-{contact.pk}",
        division=contact.division,
        disclosed_at=contact.contacted_at,
        person=contact.person,
        role=contact.role,
        recipient=Recipient.HOIE_NCCU,
        # NCCU channels (phone, email) are values of the disclosure channel vocabulary.
        channel=Channel(contact.channel),
        purpose=Purpose.REFERRAL if contact.role in REFERRAL_ROLES else Purpose.STATUS_CHECK,
        initiated_by=InitiatedBy.POLICE,
        # What the officer recorded at the contact is the fact of this event; the episode's
        # record fills only what the contact left not recorded.
        **{**_from_episode(contact.custody_episode), **_recorded_at_contact(contact)},
    )
    _link(contact, "disclosure", disclosure)
    return disclosure


@transaction.atomic
def record_icce_referral_disclosure(request: IcceRequest) -> Disclosure | None:
    """Create and link the disclosure made by an ICCE high-harm referral to Immigration
    Enforcement, unless the request was not referred or a disclosure is linked already."""
    if request.pk is None:
        raise ValueError("save the ICCE request before recording its referral")
    if request.referred_to_hoie != YesNo.YES or request.referral_disclosure_id is not None:
        return None
    referred_on: date | None = request.referred_on
    if referred_on is None:
        raise ValueError("a referral to Immigration Enforcement needs its date (referred_on)")
    disclosure = Disclosure.objects.create(
        force=request.division.force,
        disclosure_ref=f"ICCE-{request.pk}",
        division=request.division,
        # The ICCE form records only the referral's date. Midnight UK time keeps its
        # derived disclosed_on on that date, which is the date periods are counted by.
        disclosed_at=uk_start_of_day(referred_on),
        person=request.person,
        role=ICCE_REFERRAL_ROLE,
        # Referred to HOIE for deportation, removal or curtailment, not to the NCCU.
        recipient=Recipient.HOIE_OTHER,
        purpose=Purpose.ICCE_HIGH_HARM,
        initiated_by=InitiatedBy.POLICE,
        **_from_episode(request.custody_episode),
    )
    _link(request, "referral_disclosure", disclosure)
    return disclosure
