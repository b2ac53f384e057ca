"""One record of each kind of the register's records of people, all of one person, as
the admin, audit and role tests need them."""

from dataclasses import dataclass
from datetime import date, datetime

from answerable.core.uk_time import UK
from answerable.register.choices import (
    Channel,
    DetentionBasis,
    DocumentKind,
    DocumentStatus,
    NccuChannel,
    NccuTrigger,
    Purpose,
    Recipient,
    Role,
    YesNo,
)
from answerable.register.models import (
    CustodyEpisode,
    Disclosure,
    Document,
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
    person = Person.objects.create(pseudonym="ab12" + "0" * 28)
    episode = CustodyEpisode.objects.create(
        force=force,
        custody_ref="NCS-2023-000001",
        division=govan.division,
        station=govan,
        arrived_at=datetime(2023, 5, 2, 14, 5, tzinfo=UK),
        released_at=datetime(2023, 5, 3, 9, 40, tzinfo=UK),
        detention_basis=DetentionBasis.IMMIGRATION_POWERS,
        person=person,
        sex="male",
        age=27,
    )
    disclosure = Disclosure.objects.create(
        force=force,
        disclosure_ref="D-2023-1",
        division=govan.division,
        disclosed_at=datetime(2023, 5, 2, 16, 0, tzinfo=UK),
        person=person,
        role=Role.VICTIM,
        crime_type="domestic_abuse",
        recipient=Recipient.HOIE_NCCU,
        channel=Channel.PHONE,
        purpose=Purpose.REFERRAL,
        consent="not_sought",
        home_office_outcome="no_action",
        initiated_by="police",
        custody_episode=episode,
    )
    contact = NccuContact.objects.create(
        reference="NCCU-REF-9",
        contacted_at=datetime(2023, 5, 2, 15, 0, tzinfo=UK),
        channel=NccuChannel.PHONE,
        division=govan.division,
        station=govan,
        person=person,
        role=Role.SUSPECT,
        trigger=NccuTrigger.ARRESTED,
        advice="no_trace",
        action_taken="released",
        officer="PS1234",
    )
    criteria = DocumentVersion.objects.create(
        document=Document.objects.create(
            reference="HH-CRIT", title="High-harm criteria", kind=DocumentKind.HIGH_HARM_CRITERIA
        ),
        version="1.0",
        status=DocumentStatus.FINAL,
        dated=date(2022, 1, 1),
    )
    icce = IcceRequest.objects.create(
        reference="ICCE-2023-7",
        division=govan.division,
        person=person,
        sent_on=date(2023, 5, 3),
        result="convictions_returned",
        high_harm=YesNo.YES,
        high_harm_basis="foreign_convictions",
        criteria=criteria,
        referred_to_hoie=YesNo.NO,
    )
    return PersonRecords(person, episode, disclosure, contact, icce, criteria)
