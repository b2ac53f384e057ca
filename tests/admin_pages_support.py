"""Shared by the admin pages' tests: one record of every register model."""

from dataclasses import dataclass
from datetime import datetime

import pytest
from django.db.models import Model
from django.urls import reverse
from register_records import one_of_each

from answerable.core.uk_time import UK
from answerable.register.choices import (
    DetentionBasis,
)
from answerable.register.models import (
    CustodyEpisode,
    Disclosure,
    Division,
    Document,
    DocumentVersion,
    Force,
    IcceRequest,
    ImportBatch,
    NccuContact,
    Person,
    Station,
)


def url(model: type[Model], view: str, *args: object) -> str:
    return reverse(f"admin:register_{model._meta.model_name}_{view}", args=args)


@dataclass
class Records:
    person: Person
    episode: CustodyEpisode
    other_episode: CustodyEpisode
    disclosure: Disclosure
    contact: NccuContact
    icce: IcceRequest
    document: Document
    version: DocumentVersion
    batch: ImportBatch

    def of(self, model: type[Model]) -> Model:
        if model is Force:
            return self.episode.force
        if model is Division:
            return self.episode.division
        if model is Station:
            return self.episode.station
        return next(value for value in vars(self).values() if isinstance(value, model))


@pytest.fixture
def records(police_scotland: Force, stations: dict[str, Station]) -> Records:
    made = one_of_each(police_scotland, stations)
    other = CustodyEpisode.objects.create(
        force=police_scotland,
        custody_ref="NCS-2023-000002",
        station=stations["Ayr"],
        arrived_at=datetime(2023, 6, 1, 8, 0, tzinfo=UK),
        detention_basis=DetentionBasis.OTHER,
    )
    batch = ImportBatch.objects.create(
        kind=ImportBatch.Kind.CUSTODY,
        file_name="custody.csv",
        sha256="0" * 64,
        imported_by="tester",
        started_at=datetime(2023, 7, 1, tzinfo=UK),
    )
    return Records(
        made.person,
        made.episode,
        other,
        made.disclosure,
        made.contact,
        made.icce,
        made.version.document,
        made.version,
        batch,
    )
