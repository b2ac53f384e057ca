"""Fixtures shared by the whole suite.

The test settings are answerable.settings_test (pyproject.toml); the test database is made
by the migrations, so Police Scotland, its 13 divisions and 31 custody centres (migration
0002) are there in every test that uses the database.
"""

import pytest
from hypothesis import settings

from answerable.register.models import Force, Station
from answerable.register.reference_data import POLICE_SCOTLAND

# Hypothesis' per-example deadline (200 ms by default) times the machine, not the code: on 2
# shared cores under xdist a first example that imports or compiles can take longer, and the
# test then fails as "flaky". What the properties assert is behaviour; speed is measured by
# the benchmarks. A test that sets its own deadline keeps it.
settings.register_profile("suite", deadline=None)
settings.load_profile("suite")


@pytest.fixture
def police_scotland(db) -> Force:
    """The Police Scotland force loaded by migration 0002."""
    return Force.objects.get(name=POLICE_SCOTLAND)


@pytest.fixture
def stations(police_scotland) -> dict[str, Station]:
    """Police Scotland's custody centres by name, e.g. stations["Govan"]."""
    return {station.name: station for station in police_scotland.stations.all()}


def _transactional(item: pytest.Item | None) -> bool:
    marker = item.get_closest_marker("django_db") if item is not None else None
    return bool(marker and (marker.kwargs.get("transaction") or marker.args[:1] == (True,)))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):
    """After a transactional test, put back what the migrations loaded, at once.

    A transactional test ends by emptying every table (Django's flush); serialized_rollback
    only restores the migrations' data (reference data, permissions, the roles' groups) at the
    start of the next *transactional* test. pytest-django runs those last, but xdist keeps a
    module's tests together, so a module of both kinds may be followed on its worker by
    ordinary tests, which would find an empty register. They get it back here.
    """
    result = yield
    _reconnect_if_cut()
    # No next test: the session's fixtures (the test database itself) are already torn down.
    if nextitem is not None and _transactional(item) and not _transactional(nextitem):
        from django.db import connection
        from pytest_django.plugin import blocking_manager_key

        contents = getattr(connection, "_test_serialized_contents", None)
        if contents:
            with item.config.stash[blocking_manager_key].unblock():
                from django.contrib.contenttypes.models import ContentType

                if not ContentType.objects.exists():
                    connection.creation.deserialize_db_from_string(contents)
    return result


def _reconnect_if_cut() -> None:
    """A test that cuts a database connection on purpose (tests/test_faults.py) must not
    leave the tests after it on its worker a closed one: Django opens a new one on next use."""
    from django.db import connection

    raw = connection.connection
    if raw is not None and getattr(raw, "closed", False):
        connection.close()
