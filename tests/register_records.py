"""One record of each kind of the register's records of people, all of one person, as
the admin, audit and role tests need them."""

from dataclasses import dataclass

from factories import (
    CustodyEpisodeFactory,
    DisclosureFactory,
    DocumentVersionFactory,
    IcceRequestFactory,
    NccuContactFactory,
    PersonFactory,
)

from answerable.register.choices import (
    YesNo,
)
from answerable.register.models import (
    CustodyEpisode,
    Disclosure,
    DocumentVersion,
    Force,
    IcceRequest,
    NccuContact,
    Person,
    Station,
)


@dataclass
class PersonRecords:
    person: Person
    episode: CustodyEpisode
    disclosure: Disclosure
    contact: NccuContact
    icce: IcceRequest
    version: DocumentVersion  # the high-harm criteria the ICCE request applied


def one_of_each(force: Force, stations: dict[str, Station]) -> PersonRecords:
    """One record of each kind of the register's records of people, all of one person."""
    govan = stations["Govan"]
    person = PersonFactory(pseudonym="ab12" + "0" * 28)
    episode = CustodyEpisodeFactory(
        force=force, custody_ref="NCS-2023-000001", station=govan, person=person
    )
    disclosure = DisclosureFactory(
        force=force,
        disclosure_ref="D-2023-1",
        division=govan.division,
        person=person,
        consent="not_sought",
        home_office_outcome="no_action",
        initiated_by="police",
        custody_episode=episode,
    )
    contact = NccuContactFactory(
        reference="NCCU-REF-9",
        station=govan,
        person=person,
        advice="no_trace",
        action_taken="released",
        officer="PS1234",
    )
    criteria = DocumentVersionFactory(document__reference="HH-CRIT")
    icce = IcceRequestFactory(
        reference="ICCE-2023-7",
        division=govan.division,
        person=person,
        result="convictions_returned",
        high_harm=YesNo.YES,
        high_harm_basis="foreign_convictions",
        criteria=criteria,
        referred_to_hoie=YesNo.NO,
    )
    return PersonRecords(person, episode, disclosure, contact, icce, criteria)
