"""Every NCCU contact's sharing is in the disclosure register, with what was recorded."""

from datetime import UTC, datetime

import pytest

from answerable.register.models import CustodyEpisode, Division, NccuContact, Station
from answerable.register.sharing import record_nccu_disclosure

pytestmark = pytest.mark.django_db


def test_the_contact_s_own_record_reaches_the_disclosure_and_the_episode_fills_gaps():
    govan = Station.objects.get(name="Govan")
    episode = CustodyEpisode.objects.create(
        force=govan.force,
        custody_ref="E-1",
        station=govan,
        arrived_at=datetime(2022, 6, 1, 9, tzinfo=UTC),
        detention_basis="other",
        sex="male",
        age=40,
        nationality="AL",
        disability="no",
    )
    contact = NccuContact.objects.create(
        contacted_at=datetime(2022, 6, 1, 10, tzinfo=UTC),
        channel="email",
        division=Division.objects.get(code="G"),
        role="victim",
        trigger="victim_or_witness",
        crime_type="domestic_abuse",
        sex="female",
        age=None,
        custody_episode=episode,
    )

    disclosure = record_nccu_disclosure(contact)

    assert (disclosure.purpose, disclosure.recipient, disclosure.channel) == (
        "referral",
        "hoie_nccu",
        "email",
    )
    assert (disclosure.crime_type, disclosure.sex) == ("domestic_abuse", "female")
    assert (disclosure.age, disclosure.nationality.code) == (40, "AL")  # from the episode
    assert disclosure.custody_episode == episode
    contact.refresh_from_db()
    assert contact.disclosure == disclosure
    assert record_nccu_disclosure(contact) is None  # never twice
