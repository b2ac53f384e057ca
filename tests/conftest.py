"""Fixtures shared by the whole suite.

The test settings are answerable.settings_test (pyproject.toml); the test database is made
by the migrations, so Police Scotland, its 13 divisions and 31 custody centres (migration
0002) are there in every test that uses the database.
"""

import pytest

from answerable.register.models import Force, Station
from answerable.register.reference_data import POLICE_SCOTLAND


@pytest.fixture
def police_scotland(db) -> Force:
    """The Police Scotland force loaded by migration 0002."""
    return Force.objects.get(name=POLICE_SCOTLAND)


@pytest.fixture
def stations(police_scotland) -> dict[str, Station]:
    """Police Scotland's custody centres by name, e.g. stations["Govan"]."""
    return {station.name: station for station in police_scotland.stations.all()}
