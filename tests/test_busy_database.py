"""A busy database is a 503 with Retry-After, never a 500 (issue 15).

Another connection holds the database's write lock (BEGIN IMMEDIATE, as an import's
transaction does) while the API and a staff page try to write, with a short busy timeout.
"""

import json
import sqlite3
from collections.abc import Iterator

import pytest
from api_helpers import EPISODE, calling, post, system
from casework_helpers import officer
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from answerable.register.models import CustodyEpisode, Station
from answerable.roles.assign import assign_role
from answerable.roles.roles import Role
from answerable.web.busy import is_busy

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "sqlite", reason="holds SQLite's write lock from a second connection"
    ),
]

EPISODES = "/api/v1/custody-episodes/"


class WriteLock:
    """The database's write lock, held by another connection; Django's waits 0.2 s."""

    def __init__(self) -> None:
        name = connection.settings_dict["NAME"]
        self.holder = sqlite3.connect(name, uri=str(name).startswith("file:"), isolation_level=None)

    def take(self) -> None:
        connection.ensure_connection()
        connection.connection.execute("PRAGMA busy_timeout = 200")
        self.holder.execute("BEGIN IMMEDIATE")

    def release(self) -> None:
        if self.holder.in_transaction:
            self.holder.execute("ROLLBACK")


@pytest.fixture
def write_lock() -> Iterator[WriteLock]:
    lock = WriteLock()
    yield lock
    lock.release()
    lock.holder.close()


def test_an_api_write_gets_503_json_with_retry_after(write_lock) -> None:
    _, token = system()
    api = calling(token)
    write_lock.take()
    response = post(api, EPISODES, EPISODE, key="busy-1")
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    body = json.loads(response.content)
    assert set(body) == {"error", "fields"} and body["fields"] == {}
    assert "busy" in body["error"] and "nothing was changed" in body["error"]
    write_lock.release()
    again = post(api, EPISODES, EPISODE, key="busy-1")
    assert again.status_code == 201, again.content
    assert CustodyEpisode.objects.count() == 1


def test_a_staff_page_write_gets_the_service_busy_page(write_lock) -> None:
    admin = officer("ada.admin")
    assign_role(admin, Role.ADMINISTRATOR)
    client = Client()
    client.force_login(admin)
    force = Station.objects.first().force
    write_lock.take()
    response = client.post(
        reverse("admin:register_station_add"), {"force": force.pk, "name": "New Centre"}
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    page = response.content.decode()
    assert "Sorry, the service is busy" in page and "govuk-heading-l" in page


def test_only_lock_failures_are_busy() -> None:
    assert is_busy(OperationalError("database is locked"))
    assert not is_busy(OperationalError("no such table: x"))
    assert not is_busy(ValueError("database is locked"))


def test_sqlite_waits_the_busy_timeout_of_the_settings(settings) -> None:
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["timeout"] == settings.ANSWERABLE_DATABASE_BUSY_TIMEOUT == 15


def test_signing_in_while_busy_gets_the_busy_page(write_lock) -> None:
    """Signing in writes in the view (the last sign-in, django-axes) and after it (the
    session, in its middleware)."""
    user = officer("sam.signin")
    user.set_password("a long enough passphrase")
    user.save()
    client = Client(raise_request_exception=False)
    client.get(reverse("web:login"))  # the CSRF cookie, before the lock
    write_lock.take()
    response = client.post(
        reverse("web:login"), {"username": "sam.signin", "password": "a long enough passphrase"}
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert "Sorry, the service is busy" in response.content.decode()


def test_handler500_answers_a_busy_database_met_outside_a_view_with_503(rf) -> None:
    from answerable.web.busy import server_error

    try:
        raise OperationalError("database is locked")
    except OperationalError:
        busy = server_error(rf.get("/casework/"))
    try:
        raise OperationalError("disk I/O error")
    except OperationalError:
        broken = server_error(rf.get("/casework/"))
    assert (busy.status_code, busy["Retry-After"]) == (503, "10")
    assert broken.status_code == 500 and not broken.has_header("Retry-After")
