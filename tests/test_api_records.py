"""Custody episodes, disclosures, NCCU contacts and ICCE requests through the API: the
interchange formats' fields and rules, idempotent creation, and updates that never
overwrite a change made since the record was read."""

from datetime import date

import pytest
from api_helpers import DISCLOSURE, EPISODE, calling, post, system

from answerable.api.models import IdempotentRequest
from answerable.register.choices import DocumentKind, DocumentStatus
from answerable.register.models import (
    CustodyEpisode,
    Disclosure,
    Document,
    DocumentVersion,
    IcceRequest,
    NccuContact,
    Person,
)
from answerable.register.pseudonym import pseudonymise

pytestmark = pytest.mark.django_db

EPISODES = "/api/v1/custody-episodes/"
EPISODE_URL = EPISODES + "NCS-2017-000123/"
DISCLOSURES = "/api/v1/disclosures/"

CONTACT = {
    "reference": "NCCU-77",
    "contacted_at": "2023-03-01T22:15:00",
    "channel": "phone",
    "division": "G",
    "station": "Govan",
    "officer": "A1234",
    "person_ref": "P-9",
    "role": "offender",
    "sex": "male",
    "age": 41,
    "nationality": "Albania",
    "trigger": "arrested",
    "advice": "arrest_immigration_purposes",
    "action_taken": "arrested_immigration_purposes",
    "notes": "Called from the charge bar.\nNo interpreter needed.",
}

ICCE = {
    "reference": "ICCE-2023-5",
    "division": "G",
    "person_ref": "P-9",
    "sent_on": "2023-03-02",
    "returned_on": "2023-03-20",
    "countries": ["ALB", "Italy"],
    "result": "convictions_returned",
    "high_harm": "yes",
    "high_harm_basis": "foreign_convictions",
    "criteria_ref": "HHC",
    "criteria_version": "1.0",
    "referred_to_hoie": "yes",
    "referred_on": "2023-03-22",
    "referral_consideration": "deportation",
}


@pytest.fixture
def api(stations):
    _, token = system("everything")
    return calling(token)


@pytest.fixture
def criteria(db):
    document = Document.objects.create(
        reference="HHC", title="High-harm criteria", kind=DocumentKind.HIGH_HARM_CRITERIA
    )
    return DocumentVersion.objects.create(
        document=document, version="1.0", status=DocumentStatus.FINAL, dated=date(2020, 1, 1)
    )


def created(api, url, body):
    response = post(api, url, body)
    assert response.status_code == 201, response.json()
    return response


# --- custody episodes -----------------------------------------------------------------------


def test_an_episode_is_created_with_the_formats_values(api):
    response = created(api, EPISODES, EPISODE)
    assert response.headers["Location"] == EPISODE_URL
    body = response.json()
    assert body["arrived_at"] == "2017-05-02T14:05:00+01:00"  # UK local time (BST)
    assert body["nationality"] == "AL"
    assert body["division"] == "G" and body["station"] == "Govan"
    assert "person_ref" not in body
    episode = CustodyEpisode.objects.get()
    assert episode.duration_minutes == 19 * 60 + 35
    # Only the keyed pseudonym of the person's identifier is kept.
    key = "test-only-pseudonym-key"
    assert episode.person.pseudonym == pseudonymise("P-1", force="Police Scotland", key=key)
    assert episode.person.nationality == "AL" and episode.person.age == 27


def test_the_episode_read_back_carries_its_etag(api):
    etag = created(api, EPISODES, EPISODE).headers["ETag"]
    response = api.get(EPISODE_URL)
    assert response.status_code == 200
    assert response.headers["ETag"] == etag
    assert api.get(EPISODES + "NCS-0/").status_code == 404


def test_an_episode_breaking_the_formats_rules_is_refused_field_by_field(api):
    bad = {**EPISODE, "released_at": "2017-05-01T09:40:00", "station": "Govn", "sex": "man"}
    response = post(api, EPISODES, bad)
    assert response.status_code == 400
    fields = response.json()["fields"]
    assert fields["released_at"][0].startswith("released before arrival")
    assert fields["station"][0].startswith("unknown custody centre 'Govn'")
    assert fields["sex"] == ["'man' is not one of: female, male, other"]
    assert not CustodyEpisode.objects.exists() and not Person.objects.exists()


def test_a_retried_create_returns_the_first_answer_and_stores_once(api):
    first = post(api, EPISODES, EPISODE, key="retry-1")
    again = post(api, EPISODES, dict(reversed(list(EPISODE.items()))), key="retry-1")
    assert again.status_code == 201
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.json() == first.json() and again.headers["ETag"] == first.headers["ETag"]
    assert "Idempotent-Replayed" not in first.headers
    assert CustodyEpisode.objects.count() == 1


def test_the_same_key_with_another_body_is_refused(api):
    post(api, EPISODES, EPISODE, key="retry-1")
    response = post(api, EPISODES, {**EPISODE, "custody_ref": "NCS-2"}, key="retry-1")
    assert response.status_code == 422
    assert "different request" in response.json()["error"]
    assert CustodyEpisode.objects.count() == 1


def test_a_key_is_required_on_every_post(api):
    response = api.post(EPISODES, EPISODE, format="json")
    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()["fields"]
    assert not CustodyEpisode.objects.exists()


def test_creating_a_reference_already_held_is_a_conflict(api):
    created(api, EPISODES, EPISODE)
    response = post(api, EPISODES, {**EPISODE, "age": 28})
    assert response.status_code == 409
    assert CustodyEpisode.objects.get().age == 27


def test_put_replaces_the_episode_and_keeps_its_person(api):
    etag = created(api, EPISODES, EPISODE).headers["ETag"]
    person = CustodyEpisode.objects.get().person
    changed = {key: value for key, value in EPISODE.items() if key != "person_ref"}
    changed["outcome"] = "charged"
    del changed["asylum_claimed"]  # left out: not recorded
    response = api.put(EPISODE_URL, changed, format="json", headers={"If-Match": etag})
    assert response.status_code == 200, response.json()
    assert response.headers["ETag"] != etag
    episode = CustodyEpisode.objects.get()
    assert (episode.outcome, episode.asylum_claimed, episode.person) == ("charged", None, person)
    assert episode.history.count() == 2


def test_patch_changes_only_the_fields_sent_and_checks_the_whole_row(api):
    etag = created(api, EPISODES, EPISODE).headers["ETag"]
    response = api.patch(
        EPISODE_URL,
        {"released_at": "2017-05-01T00:00:00"},
        format="json",
        headers={"If-Match": etag},
    )
    assert response.status_code == 400
    assert "released before arrival" in response.json()["fields"]["released_at"][0]
    response = api.patch(EPISODE_URL, {"age": 28}, format="json", headers={"If-Match": etag})
    assert response.status_code == 200
    assert response.json()["age"] == 28 and response.json()["outcome"] == "transferred_detention"


def test_the_second_of_two_editors_is_told_and_nothing_is_overwritten(api):
    etag = created(api, EPISODES, EPISODE).headers["ETag"]
    first = api.patch(EPISODE_URL, {"age": 28}, format="json", headers={"If-Match": etag})
    assert first.status_code == 200
    second = api.patch(EPISODE_URL, {"age": 29}, format="json", headers={"If-Match": etag})
    assert second.status_code == 412
    assert "changed since you read it" in second.json()["error"]
    assert second.headers["ETag"] == first.headers["ETag"]
    assert CustodyEpisode.objects.get().age == 28


def test_an_update_without_if_match_is_refused(api):
    created(api, EPISODES, EPISODE)
    for header in ({}, {"If-Match": "*"}):
        response = api.patch(EPISODE_URL, {"age": 28}, format="json", headers=header)
        assert response.status_code == 428
    assert CustodyEpisode.objects.get().age == 27


def test_a_reference_cannot_change(api):
    etag = created(api, EPISODES, EPISODE).headers["ETag"]
    response = api.patch(
        EPISODE_URL, {"custody_ref": "NCS-9"}, format="json", headers={"If-Match": etag}
    )
    assert response.status_code == 400
    assert "cannot change" in response.json()["fields"]["custody_ref"][0]


def test_an_episode_written_by_the_api_is_unchanged_by_reimporting_its_row(api, tmp_path):
    from answerable.interchange.importer import import_file

    created(api, EPISODES, EPISODE)
    header = ",".join(EPISODE)
    row = ",".join(str(value) for value in EPISODE.values())
    path = tmp_path / "episodes.csv"
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    summary = import_file("custody", path, progress=False)
    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 1)


# --- disclosures ----------------------------------------------------------------------------


def test_a_disclosure_links_the_episode_it_names_whichever_comes_first(api):
    created(api, DISCLOSURES, DISCLOSURE)
    assert Disclosure.objects.get().custody_episode is None
    created(api, EPISODES, EPISODE)
    disclosure = Disclosure.objects.get()
    assert disclosure.custody_episode == CustodyEpisode.objects.get()
    assert disclosure.seconds_to_disclose == 25 * 3600


def test_a_disclosure_follows_the_formats_rules(api):
    bad = {**DISCLOSURE, "requested_at": "2023-05-03T00:00:00", "correction_reason": "other"}
    response = post(api, DISCLOSURES, bad)
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"disclosed_at", "correction_reason"}


def test_changing_a_disclosures_custody_ref_relinks_it(api):
    created(api, EPISODES, EPISODE)
    created(api, EPISODES, {**EPISODE, "custody_ref": "NCS-2", "person_ref": "P-2"})
    etag = created(api, DISCLOSURES, DISCLOSURE).headers["ETag"]
    response = api.patch(
        DISCLOSURES + "HO-2023-1/",
        {"custody_ref": "NCS-2"},
        format="json",
        headers={"If-Match": etag},
    )
    assert response.status_code == 200
    assert Disclosure.objects.get().custody_episode.custody_ref == "NCS-2"


# --- NCCU contacts --------------------------------------------------------------------------


def test_an_nccu_contact_records_the_disclosure_it_made(api):
    response = created(api, "/api/v1/nccu-contacts/", CONTACT)
    body = response.json()
    assert body["disclosure_ref"] == f"NCCU-{body['id']}"
    assert body["notes"] == CONTACT["notes"]  # line breaks kept
    assert response.headers["Location"] == f"/api/v1/nccu-contacts/{body['id']}/"
    disclosure = Disclosure.objects.get()
    assert (disclosure.recipient, disclosure.purpose) == ("hoie_nccu", "status_check")
    assert disclosure.person == NccuContact.objects.get().person
    assert api.get(f"/api/v1/nccu-contacts/{body['id']}/").json() == body


def test_an_nccu_contact_at_a_station_outside_its_division_is_refused(api):
    response = post(api, "/api/v1/nccu-contacts/", {**CONTACT, "division": "A"})
    assert response.status_code == 400
    assert "is not a custody centre of" in response.json()["fields"]["station"][0]
    assert not NccuContact.objects.exists() and not Disclosure.objects.exists()


def test_an_nccu_contact_must_name_an_episode_held(api):
    response = post(api, "/api/v1/nccu-contacts/", {**CONTACT, "custody_ref": "NCS-404"})
    assert response.status_code == 400
    assert "no custody episode 'NCS-404'" in response.json()["fields"]["custody_ref"][0]


# --- ICCE requests --------------------------------------------------------------------------


def test_an_icce_referral_records_its_disclosure(api, criteria):
    response = created(api, "/api/v1/icce-requests/", ICCE)
    body = response.json()
    assert body["countries"] == ["AL", "IT"]
    request = IcceRequest.objects.get()
    assert request.criteria == criteria
    assert body["referral_disclosure_ref"] == f"ICCE-{request.pk}"
    assert Disclosure.objects.get().purpose == "icce_high_harm"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"criteria_ref": None, "criteria_version": None}, "high_harm"),
        ({"high_harm": "no", "high_harm_basis": None}, "referred_to_hoie"),
        ({"referred_on": None}, "referred_on"),
        ({"returned_on": "2023-03-01"}, "returned_on"),
        ({"criteria_version": "9.9"}, "criteria_version"),
        ({"referred_to_hoie": "no"}, "referral_consideration"),
    ],
)
def test_an_icce_request_follows_the_seed_rules(api, criteria, change, field):
    response = post(api, "/api/v1/icce-requests/", {**ICCE, **change})
    assert response.status_code == 400
    assert field in response.json()["fields"]
    assert not IcceRequest.objects.exists() and not Disclosure.objects.exists()


def test_retention_of_idempotent_answers_is_limited(api, settings):
    import time_machine

    with time_machine.travel("2024-01-01T12:00:00Z"):
        post(api, EPISODES, EPISODE, key="old")
    settings.ANSWERABLE_API_IDEMPOTENCY_HOURS = 24
    with time_machine.travel("2024-01-03T12:00:00Z"):
        post(api, EPISODES, {**EPISODE, "custody_ref": "NCS-2"}, key="other")
    assert list(IdempotentRequest.objects.values_list("key", flat=True)) == ["other"]
