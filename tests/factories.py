"""factory-boy factories for the records tests make: the register's people and records of
them (custody episodes, disclosures, NCCU contacts, ICCE requests, documents), staff users
and FOI cases.

Each factory's defaults are one ordinary, valid record in Police Scotland at Govan (the
force and stations migration 0002 loads), so a test names only what it is about:
`CustodyEpisodeFactory(station=stations["Ayr"], age=16)`. References are numbered by
sequence, so records made in one test never collide.
"""

from datetime import date, datetime
from typing import Any

import factory
from django.contrib.auth import get_user_model

from answerable.casework.models import InformationRequest
from answerable.casework.services import save_request
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
)
from answerable.register.documents import save_and_link
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
from answerable.register.reference_data import POLICE_SCOTLAND


def police_scotland() -> Force:
    return Force.objects.get(name=POLICE_SCOTLAND)


def govan() -> Station:
    return Station.objects.get(force__name=POLICE_SCOTLAND, name="Govan")


class UserFactory(factory.django.DjangoModelFactory):
    """A staff user with no role (casework_helpers.officer gives one its name)."""

    class Meta:
        model = get_user_model()

    username = factory.Sequence(lambda n: f"officer-{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@force.example")

    @classmethod
    def _create(cls, model_class: Any, *args: Any, **kwargs: Any) -> Any:
        return model_class.objects.create_user(*args, **kwargs)


class PersonFactory(factory.django.DjangoModelFactory):
    """A person as the register holds one: a keyed pseudonym only (64 hex digits)."""

    class Meta:
        model = Person

    pseudonym = factory.Sequence(lambda n: f"{n:064x}")


class CustodyEpisodeFactory(factory.django.DjangoModelFactory):
    """An immigration-powers custody of a man of 27 at Govan, 2 to 3 May 2023."""

    class Meta:
        model = CustodyEpisode

    force = factory.LazyFunction(police_scotland)
    custody_ref = factory.Sequence(lambda n: f"NCS-2023-{n:06d}")
    station = factory.LazyFunction(govan)
    division = factory.LazyAttribute(lambda episode: episode.station.division)
    arrived_at = datetime(2023, 5, 2, 14, 5, tzinfo=UK)
    released_at = datetime(2023, 5, 3, 9, 40, tzinfo=UK)
    detention_basis = DetentionBasis.IMMIGRATION_POWERS
    # No person linked unless a test gives one (`person=PersonFactory()`), as in a register
    # of episodes counted but not of people.
    person = None
    sex = "male"
    age = 27


class DisclosureFactory(factory.django.DjangoModelFactory):
    """A referral of a victim of domestic abuse to the Home Office by phone, 2 May 2023."""

    class Meta:
        model = Disclosure

    force = factory.LazyFunction(police_scotland)
    disclosure_ref = factory.Sequence(lambda n: f"D-2023-{n}")
    division = factory.LazyFunction(lambda: govan().division)
    disclosed_at = datetime(2023, 5, 2, 16, 0, tzinfo=UK)
    person = factory.SubFactory(PersonFactory)
    role = Role.VICTIM
    crime_type = "domestic_abuse"
    recipient = Recipient.HOIE_NCCU
    channel = Channel.PHONE
    purpose = Purpose.REFERRAL


class NccuContactFactory(factory.django.DjangoModelFactory):
    """A phone call to the NCCU about a suspect arrested at Govan, 2 May 2023."""

    class Meta:
        model = NccuContact

    reference = factory.Sequence(lambda n: f"NCCU-REF-{n}")
    contacted_at = datetime(2023, 5, 2, 15, 0, tzinfo=UK)
    channel = NccuChannel.PHONE
    station = factory.LazyFunction(govan)
    division = factory.LazyAttribute(lambda contact: contact.station.division)
    person = factory.SubFactory(PersonFactory)
    role = Role.SUSPECT
    trigger = NccuTrigger.ARRESTED


class IcceRequestFactory(factory.django.DjangoModelFactory):
    """An ICCE request sent on 3 May 2023 from Govan's division."""

    class Meta:
        model = IcceRequest

    reference = factory.Sequence(lambda n: f"ICCE-2023-{n}")
    division = factory.LazyFunction(lambda: govan().division)
    person = factory.SubFactory(PersonFactory)
    sent_on = date(2023, 5, 3)


class DocumentFactory(factory.django.DjangoModelFactory):
    """The force's high-harm criteria (the document an ICCE referral applies)."""

    class Meta:
        model = Document

    reference = factory.Sequence(lambda n: f"HH-CRIT-{n}")
    title = "High-harm criteria"
    kind = DocumentKind.HIGH_HARM_CRITERIA

    @classmethod
    def _create(cls, model_class: Any, *args: Any, **kwargs: Any) -> Any:
        # Saved as every document is, linking what quoted it (register/documents.py).
        return save_and_link(model_class(*args, **kwargs))


class DocumentVersionFactory(factory.django.DjangoModelFactory):
    """Version 1.0 of a document, final, dated 1 January 2022."""

    class Meta:
        model = DocumentVersion

    document = factory.SubFactory(DocumentFactory)
    version = "1.0"
    status = DocumentStatus.FINAL
    dated = date(2022, 1, 1)


class InformationRequestFactory(factory.django.DjangoModelFactory):
    """An FOI request under FOISA by e-mail, received on 1 July 2026, with no request text
    unless a test gives one (the response then replicates the questions alone)."""

    class Meta:
        model = InformationRequest

    received_on = date(2026, 7, 1)
    regime = "foisa"
    channel = "email"
    requester_name = "Ms Requester Private"
    requester_email = "requester@private.example"
    title = "Immigration custodies"
    request_text = ""

    @classmethod
    def _create(cls, model_class: Any, *args: Any, **kwargs: Any) -> Any:
        # Numbered as every new request is, by the service (casework/services.py).
        return save_request(model_class(*args, **kwargs))
