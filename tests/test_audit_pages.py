"""The data protection officer's audit trail pages: search, CSV export and the chain check."""

import csv
import io
import json
import re
from datetime import UTC, datetime

import pytest
import time_machine
from casework_helpers import officer
from django.db import connection
from django.test import Client
from django.urls import NoReverseMatch, reverse

from answerable.audit import views
from answerable.audit.actions import Action
from answerable.audit.models import AuditEntry, ChainHead
from answerable.audit.trail import record
from answerable.register.models import Person
from answerable.roles.assign import assign_role
from answerable.roles.roles import Role

pytestmark = pytest.mark.django_db

SEARCH = reverse("audit:search")
EXPORT = reverse("audit:export")
VERIFY = reverse("audit:verify")
PAGES = (SEARCH, EXPORT, VERIFY)


def signed_in(role: Role | None, username: str, division=None, **fields) -> Client:
    user = officer(username, **fields)
    if role is not None:
        assign_role(user, role, division=division)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def dpo() -> Client:
    return signed_in(Role.DATA_PROTECTION_OFFICER, "dpo")


def at(moment: str) -> time_machine.travel:
    return time_machine.travel(datetime.fromisoformat(moment).replace(tzinfo=UTC), tick=False)


def entry(moment: str, action: Action = Action.CONSULTATION, **fields) -> AuditEntry:
    fields.setdefault("record_type", "register.custodyepisode")
    fields.setdefault("record_id", 7)
    with at(moment):
        return record(action, **fields)


def sequences(response) -> list[int]:
    """The entries a results page lists, in its order."""
    body = response.content.decode()
    cells = re.findall(r'<td class="govuk-table__cell govuk-table__cell--numeric">(\d+)</td>', body)
    return [int(cell) for cell in cells]


@pytest.fixture
def clock_change() -> list[AuditEntry]:
    """Entries either side of the clocks going forward (01:00 GMT, 29 March 2026)."""
    return [
        entry("2026-03-28T23:30:00", actor="anne.custody"),
        entry(
            "2026-03-29T00:30:00",
            Action.DISCLOSURE,
            actor="bob.icce",
            record_type="register.disclosure",
            record_id=12,
            recipient="UK Visas and Immigration",
            purpose="Referral",
        ),
        entry("2026-03-29T01:30:00", Action.ERASURE, actor="carol.admin", record_id=8),
    ]


# --- who may open the pages -----------------------------------------------------------------


def test_the_public_is_sent_to_sign_in():
    for url in PAGES:
        response = Client().get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("web:login")), url


@pytest.mark.parametrize(
    "role",
    [
        Role.CUSTODY,
        Role.ICCE,
        Role.FOI_OFFICER,
        Role.DISCLOSURE_MANAGER,
        Role.ANALYST,
        Role.ADMINISTRATOR,
        None,
    ],
)
def test_only_the_data_protection_officer_may_open_them(police_scotland, role):
    division = police_scotland.divisions.first()
    client = signed_in(role, f"user-{role or 'none'}", division=division)
    for url in PAGES:
        assert client.get(url).status_code == 403, (role, url)
    assert not AuditEntry.objects.filter(record_type="audit.auditentry").exists()


def test_the_data_protection_officer_opens_them(dpo):
    for url in PAGES:
        assert dpo.get(url).status_code == 200, url


# --- the search -----------------------------------------------------------------------------


def test_entries_are_listed_newest_first_in_uk_time(dpo, clock_change):
    response = dpo.get(SEARCH)
    body = response.content.decode()
    assert sequences(response) == [3, 2, 1]
    assert "28 March 2026<br>11:30pm" in body  # GMT
    assert "29 March 2026<br>12:30am" in body  # GMT
    assert "29 March 2026<br>2:30am" in body  # BST: 01:30 UTC
    assert "UK Visas and Immigration" in body and "Disclosure (including transfer)" in body
    assert "Erased custody episode 8." in body and "bob.icce" in body
    assert "Disclosed disclosure 12 to UK Visas and Immigration for referral." in body


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"action": "erasure"}, [3]),
        ({"actor": "BOB"}, [2]),
        ({"record_type": "register.disclosure"}, [2]),
        ({"record_id": "7"}, [1]),
        ({"record_id": "1"}, []),  # exactly, not "contains"
        ({"recipient": "visas"}, [2]),
        ({"from_date": "29/03/2026"}, [3, 2]),
        ({"to_date": "28/03/2026"}, [1]),
        ({"from_date": "29/03/2026", "from_time": "02:30"}, [3]),  # BST
        ({"to_date": "29/03/2026", "to_time": "00:30"}, [2, 1]),  # to the end of the minute
        ({"to_date": "29/03/2026", "to_time": "00:29"}, [1]),
        ({"from_date": "2026-03-28", "to_date": "2026-03-28", "action": "consultation"}, [1]),
    ],
)
def test_the_search_filters(dpo, clock_change, query, expected):
    response = dpo.get(SEARCH, query)
    assert response.status_code == 200
    assert sequences(response) == expected


def test_the_search_is_itself_logged_and_not_among_its_results(dpo, clock_change):
    response = dpo.get(SEARCH, {"action": "disclosure", "from_date": "29/03/2026"})
    assert sequences(response) == [2]
    own = AuditEntry.objects.get(sequence=4)
    assert (own.action, own.actor, own.record_type, own.purpose) == (
        "consultation",
        "dpo",
        "audit.auditentry",
        "audit search",
    )
    assert json.loads(own.detail) == {
        "action": "disclosure",
        "from_date": "2026-03-29",
        "page": 1,
        "up_to_entry": 3,
    }
    assert sequences(dpo.get(SEARCH)) == [4, 3, 2, 1]  # the next search lists the last one


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"from_date": "30/02/2026"}, "Enter the from date as a real date"),
        ({"from_time": "09:00"}, "Enter the from date for the from time"),
        ({"from_date": "02/03/2026", "to_date": "01/03/2026"}, "must be after"),
        ({"to_date": "01/03/2026", "to_time": "25:00"}, "Enter the to time as a 24-hour time"),
        ({"action": "looking"}, "Choose an action from the list"),
        ({"upto": "-1"}, "The link followed is not a search of the trail"),
    ],
)
def test_a_search_that_cannot_be_run_says_why_and_lists_nothing(dpo, clock_change, query, message):
    response = dpo.get(SEARCH, query)
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body and message in body
    assert sequences(response) == []
    assert AuditEntry.objects.count() == 3  # nothing consulted, nothing logged


def test_later_pages_keep_to_the_entries_the_first_page_showed(dpo):
    for number in range(1, 61):
        entry("2026-07-01T12:00:00", record_id=number)
    first = dpo.get(SEARCH)
    assert sequences(first) == list(range(60, 10, -1))
    body = first.content.decode()
    assert "?page=2&amp;upto=60" in body
    entry("2026-07-01T12:05:00")  # appended meanwhile, as the search's own entry was
    second = dpo.get(SEARCH, {"page": "2", "upto": "60"})
    assert sequences(second) == list(range(10, 0, -1))
    assert json.loads(AuditEntry.objects.last().detail) == {"page": 2, "up_to_entry": 60}


def test_a_record_is_linked_to_its_register_page_while_it_exists(dpo, monkeypatch):
    kept = Person.objects.create(pseudonym="a" * 32)
    erased = Person.objects.create(pseudonym="b" * 32)
    erased_pk = erased.pk
    erased.delete()
    record(Action.CONSULTATION, record_type="register.custodyepisode", record_id="not-a-number")

    def page_of(name: str, kwargs: dict) -> str:
        assert name == "register:person_detail"
        return f"/register/people/{kwargs['pk']}/"

    monkeypatch.setattr(views, "reverse", page_of)
    body = dpo.get(SEARCH).content.decode()
    assert f'href="/register/people/{kept.pk}/"' in body
    assert f'href="/register/people/{erased_pk}/"' not in body
    assert f"Erased person {erased_pk}." in body  # still listed, without a link


def test_links_appear_only_when_the_register_has_the_page(dpo):
    person = Person.objects.create(pseudonym="a" * 32)
    try:
        expected = reverse("register:person_detail", kwargs={"pk": person.pk})
    except NoReverseMatch:
        expected = ""
    body = dpo.get(SEARCH).content.decode()
    if expected:
        assert f'href="{expected}"' in body
    else:
        assert f"Recorded Person {'a' * 12}." in body


# --- the export -----------------------------------------------------------------------------


def read_csv(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_the_export_is_every_entry_the_search_selects_oldest_first(dpo, clock_change):
    entry("2026-03-29T02:00:00", actor='=HYPERLINK("http://evil.example")', purpose="-2+3")
    response = dpo.get(EXPORT, {"from_date": "29/03/2026"})
    assert 'filename="audit-trail-to-entry-4.csv"' in response["Content-Disposition"]
    rows = read_csv(response)
    assert rows[0] == list(views.CSV_HEADER)
    assert [row[0] for row in rows[1:]] == ["2", "3", "4"]
    second = dict(zip(rows[0], rows[1], strict=True))
    assert second["date and time (UK)"] == "2026-03-29T00:30:00+00:00"
    assert second["action"] == "Disclosure (including transfer)"
    assert second["recipient"] == "UK Visas and Immigration"
    assert second["hash"] == clock_change[1].hash
    third = dict(zip(rows[0], rows[2], strict=True))
    assert third["date and time (UK)"] == "2026-03-29T02:30:00+01:00"
    fourth = dict(zip(rows[0], rows[3], strict=True))
    # Formula injection: a cell a spreadsheet would run is kept as text.
    assert fourth["who"] == '\'=HYPERLINK("http://evil.example")'
    assert fourth["purpose"] == "'-2+3"


def test_the_export_is_itself_logged_and_not_in_itself(dpo, clock_change):
    rows = read_csv(dpo.get(EXPORT, {"actor": "a"}))
    assert [row[0] for row in rows[1:]] == ["1", "3"]  # anne, carol
    own = AuditEntry.objects.get(sequence=4)
    assert (own.actor, own.purpose, own.record_type) == ("dpo", "audit export", "audit.auditentry")
    assert json.loads(own.detail) == {"actor": "a", "entries": 2, "up_to_entry": 3}


def test_the_search_page_links_to_the_export_of_what_it_shows(dpo, clock_change):
    body = dpo.get(SEARCH, {"action": "erasure", "page": "1"}).content.decode()
    assert f'href="{EXPORT}?action=erasure&amp;upto=3"' in body


def test_an_export_with_bad_filters_is_refused(dpo, clock_change):
    response = dpo.get(EXPORT, {"to_date": "someday"})
    assert response.status_code == 400
    assert "To date: Enter the to date as a real date" in response.content.decode()
    assert AuditEntry.objects.count() == 3


# --- the chain check ------------------------------------------------------------------------


def test_the_check_shows_an_intact_chain_and_its_head(dpo, clock_change):
    body = dpo.get(VERIFY).content.decode()
    head = ChainHead.objects.get()
    assert "The audit trail is intact" in body and "3 entries checked" in body
    assert f"3:{head.hash}" in body
    assert AuditEntry.objects.count() == 3  # checking consults no one's data: not logged


def test_the_check_names_the_first_broken_entry(dpo, clock_change):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET recipient = 'nobody' WHERE sequence = 2")
    body = dpo.get(VERIFY).content.decode()
    assert "The audit trail is broken at entry 2" in body
    assert "its content does not match its hash (edited)" in body
    assert "The audit trail is intact" not in body


def test_the_check_compares_a_head_recorded_earlier(dpo, clock_change):
    good = f"2:{clock_change[1].hash}"
    body = dpo.get(VERIFY, {"recorded": good}).content.decode()
    assert "The audit trail is intact" in body and "still has the hash you recorded" in body
    body = dpo.get(VERIFY, {"recorded": f"2:{'0' * 64}"}).content.decode()
    assert "broken at entry 2" in body and "recorded for it outside Answerable" in body
    body = dpo.get(VERIFY, {"recorded": "two"}).content.decode()
    assert "There is a problem" in body and "SEQUENCE:HASH" in body
