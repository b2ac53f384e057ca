"""The admin's index-probing date hierarchy lists exactly the periods Django's would."""

from datetime import datetime

import pytest

from answerable.core.uk_time import UK
from answerable.register.admin.dates import IndexedDatesQuerySet
from answerable.register.models import CustodyEpisode, Force, Station

ARRIVALS = [
    datetime(2019, 12, 31, 23, 30),
    datetime(2020, 1, 1, 0, 30),
    datetime(2020, 3, 29, 1, 30),
    datetime(2020, 3, 31, 12, 0),
    datetime(2022, 2, 28, 9, 0),
]


@pytest.mark.django_db
@pytest.mark.parametrize("order", ["ASC", "DESC"])
@pytest.mark.parametrize("kind", ["year", "month", "day"])
def test_dates_match_djangos(
    police_scotland: Force, stations: dict[str, Station], kind: str, order: str
) -> None:
    for number, arrived in enumerate(ARRIVALS):
        CustodyEpisode.objects.create(
            force=police_scotland,
            custody_ref=f"NCS-{number}",
            station=stations["Govan"],
            arrived_at=arrived.replace(tzinfo=UK),
            detention_basis="other",
        )
    plain = CustodyEpisode.objects.all()
    probing = IndexedDatesQuerySet(model=CustodyEpisode)
    assert probing.dates("arrived_on", kind, order) == list(plain.dates("arrived_on", kind, order))
    in_2020 = {"arrived_on__year": 2020}
    assert probing.filter(**in_2020).dates("arrived_on", kind, order) == list(
        plain.filter(**in_2020).dates("arrived_on", kind, order)
    )


@pytest.mark.django_db
def test_no_records_no_dates() -> None:
    assert IndexedDatesQuerySet(model=CustodyEpisode).dates("arrived_on", "year") == []
