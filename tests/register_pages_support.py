"""Shared by the register pages' tests: a world of two divisions' records (custody, disclosures,
NCCU contacts, ICCE requests), clients signed in by role, and the NCCU contact form."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pytest
from casework_helpers import officer
from django.test import Client
from factories import CustodyEpisodeFactory, IcceRequestFactory, NccuContactFactory, PersonFactory

from answerable.core.uk_time import UK
from answerable.register.models import (
    CustodyEpisode,
    Disclosure,
    Division,
    Force,
    IcceRequest,
    NccuContact,
    Person,
    Station,
)
from answerable.register.sharing import record_nccu_disclosure
from answerable.roles.assign import assign_role
from answerable.roles.roles import Role as StaffRole


def nccu_form(station: Station, **changes: str) -> dict[str, str]:
    data = {
        "contacted_at_date": "2024-03-05",
        "contacted_at_time": "22:15",
        "channel": "phone",
        "station": str(station.pk),
        "reference": "NCCU-NEW-1",
        "officer": "PC4321",
        "role": "victim",
        "crime_type": "domestic_abuse",
        "trigger": "victim_or_witness",
        "sex": "female",
        "age": "34",
        "nationality": "FR",
        "disability": "no",
        "advice": "no_trace",
        "action_taken": "no_further_action",
        "notes": "Referred by phone.",
    }
    data.update(changes)
    return data


@dataclass
class Side:
    """One division's records."""

    division: Division
    station: Station
    episode: CustodyEpisode
    contact: NccuContact
    disclosure: Disclosure
    icce: IcceRequest


@dataclass
class World:
    g: Side
    u: Side
    person: Person


def make_side(force: Force, station: Station, person: Person, n: int) -> Side:
    episode = CustodyEpisodeFactory(
        force=force,
        custody_ref=f"NCS-2023-00000{n}",
        station=station,
        arrived_at=datetime(2023, 5, n, 14, 5, tzinfo=UK),
        released_at=datetime(2023, 5, n + 1, 9, 40, tzinfo=UK),
        person=person,
    )
    contact = NccuContactFactory(
        reference=f"NCCU-REF-{n}",
        contacted_at=datetime(2023, 5, n, 15, 0, tzinfo=UK),
        station=station,
        person=person,
        custody_episode=episode,
    )
    disclosure = record_nccu_disclosure(contact)
    icce = IcceRequestFactory(
        reference=f"ICCE-2023-{n}",
        division=station.division,
        person=person,
        custody_episode=episode,
        sent_on=date(2023, 5, n + 1),
    )
    contact.refresh_from_db()
    return Side(station.division, station, episode, contact, disclosure, icce)


@pytest.fixture
def world(police_scotland: Force, stations: dict[str, Station]) -> World:
    person = PersonFactory(pseudonym="ab12" + "0" * 60)
    g = make_side(police_scotland, stations["Govan"], person, 2)
    u = make_side(police_scotland, stations["Ayr"], person, 4)
    return World(g, u, person)


def signed_in(role: StaffRole, division: Division | None = None, name: str = "") -> Client:
    user = officer(name or f"user-{role}-{division.code if division else 'all'}")
    assign_role(user, role, division=division)
    client = Client()
    client.force_login(user)
    return client


def custody(world: World, side: str = "g", name: str = "") -> Client:
    return signed_in(StaffRole.CUSTODY, getattr(world, side).division, name)


def dpo() -> Client:
    return signed_in(StaffRole.DATA_PROTECTION_OFFICER)


# The data protection officer opens a record only with a reason (register/forms/reason.py).
DPO_REASON = {"reason": "lawfulness", "details": "checking the record page"}


def shown(response) -> list[Any]:
    return list(response.context["rows"])
