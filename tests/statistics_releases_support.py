"""Shared by the published statistics' tests: a register, the standard release definition,
a disclosure manager, and an edition prepared, checked and published."""

from datetime import date, datetime, timedelta

import pytest
from casework_helpers import officer
from factories import CustodyEpisodeFactory

from answerable.answers.engine import Ask
from answerable.core.uk_time import UK
from answerable.roles.assign import assign_role
from answerable.roles.roles import Role
from answerable.statistics_releases import services
from answerable.statistics_releases.models import (
    DefinedTable,
    ReleaseDefinition,
)
from answerable.statistics_releases.periods import QUARTER, parse_period

DUNDEE_FIRST_HALF = Ask(
    "custody-count",
    first_day=date(2026, 1, 1),
    last_day=date(2026, 6, 30),
    where={"station": ("Dundee",)},
)


@pytest.fixture
def register(police_scotland, stations):
    made = 0

    def episodes(n: int, station: str, day: date) -> None:
        nonlocal made
        for i in range(n):
            made += 1
            arrived = datetime(day.year, day.month, day.day, 9, tzinfo=UK) + timedelta(days=i)
            CustodyEpisodeFactory(
                force=police_scotland,
                custody_ref=f"NCS-S-{made:04d}",
                station=stations[station],
                arrived_at=arrived,
                released_at=arrived + timedelta(hours=10),
                sex="male",
                age=30,
                detention_basis="immigration_powers",
            )

    episodes(20, "Govan", date(2026, 1, 5))
    episodes(2, "Govan", date(2026, 4, 6))
    episodes(10, "Dundee", date(2026, 4, 6))


@pytest.fixture
def series(register) -> ReleaseDefinition:
    definition = ReleaseDefinition.objects.create(
        title="Custody statistics", slug="custody", summary="Custody by centre."
    )
    DefinedTable.objects.create(
        definition=definition,
        position=1,
        title="Custody episodes by custody centre",
        question="custody-count",
        by="station",
        period=QUARTER,
    )
    return definition


@pytest.fixture
def manager():
    user = officer("manager")
    assign_role(user, Role.DISCLOSURE_MANAGER)
    return user


def publish(series, manager, period: str):
    edition = services.prepare(
        series, parse_period(period), prepared_by="analyst", publish_on=date(2026, 7, 28)
    )
    services.check(edition, manager)
    outcome = services.publish(edition, date(2026, 7, 28))
    assert outcome.published, outcome.message
    return edition
