"""Malformed, oversized, wrongly typed and hostile input: always a 4xx with a clear message,
never a 500, and never a partial write."""

import uuid

import pytest
from api_helpers import EPISODE, calling, entries, post, system
from django.db import IntegrityError

from answerable.audit.models import AuditEntry
from answerable.register.models import CustodyEpisode, Disclosure, NccuContact, Person

pytestmark = pytest.mark.django_db

EPISODES = "/api/v1/custody-episodes/"


@pytest.fixture
def api(stations):
    _, token = system("everything")
    return calling(token)


def raw(api, body: bytes, content_type: str = "application/json", **headers: str):
    return api.generic(
        "POST",
        EPISODES,
        body,
        content_type=content_type,
        headers={"Idempotency-Key": str(uuid.uuid4()), **headers},
    )


def nothing_stored() -> bool:
    return not (CustodyEpisode.objects.exists() or Person.objects.exists())


@pytest.mark.parametrize(
    ("body", "status", "says"),
    [
        (b'{"custody_ref": ', 400, "not valid JSON"),
        (b"[1, 2]", 400, "must be a JSON object, not list"),
        (b'"text"', 400, "must be a JSON object"),
        (b'{"age": NaN}', 400, "NaN is not a JSON number"),
        (b"[" * 100_000, 413, "larger than"),
        (b"[" * 50_000, 400, "nested too deeply"),
        (b'{"custody_ref": "\xff"}', 400, "not UTF-8: byte 18 is 0xff"),
        (b'{"a": "' + b"x" * 70_000 + b'"}', 413, "larger than 65536 bytes"),
    ],
)
def test_a_malformed_body_is_a_4xx_saying_what(api, body, status, says):
    response = raw(api, body)
    assert response.status_code == status
    assert says in response.json()["error"]
    assert response.json()["fields"] == {}
    assert nothing_stored()


def test_a_body_that_is_not_json_is_415(api):
    response = raw(api, b"custody_ref=1", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415
    assert "Unsupported media type" in response.json()["error"]


def test_a_declared_length_over_the_limit_is_refused_unread(api):
    response = raw(api, b"{}", CONTENT_LENGTH="999999999")
    assert response.status_code == 413


@pytest.mark.parametrize(
    ("change", "field", "says"),
    [
        ({"age": "27"}, "age", "must be a whole number, not a string"),
        ({"age": 27.5}, "age", "must be a whole number, not a number"),
        ({"age": True}, "age", "must be a whole number, not true or false"),
        ({"age": 121}, "age", "121 is outside 0 to 120"),
        ({"station": 7}, "station", "must be a string, not a number"),
        ({"sex": ["male"]}, "sex", "must be a string, not an array"),
        ({"arrived_at": {"at": 1}}, "arrived_at", "must be a string, not an object"),
        ({"arrived_at": "2017-05-02"}, "arrived_at", "has no time of day"),
        ({"custody_ref": None}, "custody_ref", "required, but empty"),
        ({"shoe_size": 9}, "shoe_size", "not a field of this format"),
        ({"custody_ref": "NCS\x00-1"}, "custody_ref", "control character U+0000 at character 4"),
        ({"custody_ref": "NCS\x1b[31m-1"}, "custody_ref", "control character U+001B"),
        ({"custody_ref": "NCS-\u202e1"}, "custody_ref", "control character U+202E"),
        ({"custody_ref": "N" * 65}, "custody_ref", "longer than 64 characters"),
        ({"primary_offence": "x" * 5000}, "primary_offence", "longer than 200 characters"),
        ({"nationality": "Narnia"}, "nationality", "'Narnia' is not an ISO 3166-1"),
    ],
)
def test_a_wrongly_typed_or_hostile_field_is_named(api, change, field, says):
    response = post(api, EPISODES, {**EPISODE, **change})
    assert response.status_code == 400
    body = response.json()
    assert says in " ".join(body["fields"][field])
    assert field in body["error"]
    assert nothing_stored()


def test_a_missing_required_field_is_named(api):
    response = post(api, EPISODES, {"custody_ref": "NCS-1"})
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"station", "arrived_at", "detention_basis"}
    empty = raw(api, b"")
    assert empty.status_code == 400
    assert empty.json()["fields"]["custody_ref"] == ["required"]


def test_every_problem_is_named_at_once_whatever_its_kind(api):
    body = {**EPISODE, "age": "27", "station": "Govn", "released_at": "2017-05-01T00:00:00"}
    body["colour"] = "blue"
    response = post(api, EPISODES, body)
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"age", "station", "released_at", "colour"}


def test_hostile_references_in_the_url_are_not_found(api):
    for ref in ("%00", "%1b", "x" * 5000, "%E2%80%AE1"):
        assert api.get(f"{EPISODES}{ref}/").status_code == 404
    for number in ("0", "-1", "99999999999999999999999", "1e3"):
        assert api.get(f"/api/v1/nccu-contacts/{number}/").status_code == 404


@pytest.mark.parametrize("key", ["", " ", "é", "a b", "k" * 256])
def test_a_bad_idempotency_key_is_refused(api, key):
    response = post(api, EPISODES, EPISODE, key=None, **{"Idempotency-Key": key})
    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()["fields"]
    assert nothing_stored()


def test_unsupported_methods_are_405(api):
    assert api.delete(EPISODES + "NCS-1/").status_code == 405
    assert api.options(EPISODES).status_code == 405
    assert api.get(EPISODES).status_code == 405


def test_a_failure_after_the_first_write_leaves_nothing_behind(api, monkeypatch):
    """The contact, its person, its disclosure and their audit entries are one transaction:
    a failure while recording the disclosure takes all of them back."""
    from answerable.api import kinds

    def fails(contact):
        Disclosure.objects.create(
            force=contact.division.force,
            disclosure_ref="NCCU-x",
            disclosed_at=contact.contacted_at,
            role="offender",
            recipient="hoie_nccu",
            purpose="status_check",
        )
        raise IntegrityError("simulated failure")

    monkeypatch.setattr(kinds, "record_nccu_disclosure", fails)
    before = AuditEntry.objects.count()
    body = {
        "contacted_at": "2023-03-01T22:15:00",
        "channel": "phone",
        "division": "G",
        "person_ref": "P-9",
        "role": "offender",
        "trigger": "arrested",
    }
    response = post(api, "/api/v1/nccu-contacts/", body)
    assert response.status_code == 409
    assert "Nothing was changed" in response.json()["error"]
    assert not NccuContact.objects.exists()
    assert not Disclosure.objects.exists() and not Person.objects.exists()
    assert AuditEntry.objects.count() == before
    assert entries(action="collection") == []


def test_a_path_that_is_no_endpoint_is_a_json_404(api):
    response = post(api, "/api/v1/custody-episodes", EPISODE)
    assert response.status_code == 404
    assert "Did you mean /api/v1/custody-episodes/" in response.json()["error"]
    response = api.get("/api/v1/shoes/")
    assert response.status_code == 404
    assert "/api/v1/schema/" in response.json()["error"]
    assert nothing_stored()
