"""Every call that processes personal data is in the s62 audit trail, as the system."""

import pytest
from api_helpers import DISCLOSURE, EPISODE, calling, entries, post, system

from answerable.audit.verify import verify

pytestmark = pytest.mark.django_db

EPISODE_URL = "/api/v1/custody-episodes/NCS-2017-000123/"


@pytest.fixture
def custody(stations):
    _, token = system("custody-system", ["custody:write"])
    return calling(token)


def test_a_create_is_logged_as_the_collection_of_the_record_and_its_person(custody):
    post(custody, "/api/v1/custody-episodes/", EPISODE)
    assert entries() == [
        ("collection", "api:custody-system", "register.person"),
        ("collection", "api:custody-system", "register.custodyepisode"),
    ]
    assert verify()[1] is None  # the chain holds


def test_a_read_is_a_consultation_and_an_update_an_alteration(custody):
    etag = post(custody, "/api/v1/custody-episodes/", EPISODE).headers["ETag"]
    custody.get(EPISODE_URL)
    custody.patch(EPISODE_URL, {"outcome": "charged"}, format="json", headers={"If-Match": etag})
    assert entries()[2:] == [
        ("consultation", "api:custody-system", "register.custodyepisode"),
        ("alteration", "api:custody-system", "register.custodyepisode"),
    ]


def test_a_replayed_answer_is_a_consultation(custody):
    post(custody, "/api/v1/custody-episodes/", EPISODE, key="k-1")
    post(custody, "/api/v1/custody-episodes/", EPISODE, key="k-1")
    assert entries()[-1] == ("consultation", "api:custody-system", "register.custodyepisode")
    assert len(entries()) == 3


def test_a_disclosure_is_logged_with_its_recipient_and_an_outcome_as_collected(stations):
    _, token = system("crime-system", ["disclosures:write", "outcomes:write"])
    api = calling(token)
    post(api, "/api/v1/disclosures/", {**DISCLOSURE, "custody_ref": None})
    post(
        api,
        "/api/v1/disclosures/HO-2023-1/outcomes/",
        {"home_office_outcome": "removed", "outcome_at": "2023-06-01"},
    )
    assert entries() == [
        ("collection", "api:crime-system", "register.disclosure"),
        ("disclosure", "api:crime-system", "register.disclosure"),
        ("collection", "api:crime-system", "register.outcomereport"),
        ("alteration", "api:crime-system", "register.disclosure"),
    ]


def test_refused_calls_process_nothing_and_log_nothing(custody):
    post(calling(None), "/api/v1/custody-episodes/", EPISODE)
    post(custody, "/api/v1/custody-episodes/", {**EPISODE, "station": "Nowhere"})
    custody.get("/api/v1/custody-episodes/NCS-404/")
    assert entries() == []


def test_the_person_identifier_never_reaches_the_trail_or_the_history(custody):
    from answerable.audit.models import AuditEntry
    from answerable.register.models import CustodyEpisode

    post(custody, "/api/v1/custody-episodes/", {**EPISODE, "person_ref": "SECRET-ID-42"})
    assert "SECRET-ID-42" not in str(list(AuditEntry.objects.values()))
    assert "SECRET-ID-42" not in str(list(CustodyEpisode.history.values()))


def test_a_link_made_by_reference_is_logged_as_an_alteration(stations):
    _, token = system("crime-system", ["disclosures:write", "custody:write"])
    api = calling(token)
    post(api, "/api/v1/disclosures/", DISCLOSURE)  # names an episode not yet held
    post(api, "/api/v1/custody-episodes/", EPISODE)
    assert entries()[-1] == ("alteration", "api:crime-system", "register.disclosure")


def test_an_import_logs_one_collection_for_its_batch(stations, tmp_path):
    from interchange_files import CUSTODY_EXAMPLE, write

    from answerable.audit.models import AuditEntry
    from answerable.interchange.importer import import_file

    summary = import_file("custody", write(tmp_path, CUSTODY_EXAMPLE), progress=False)
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.record_type, entry.record_id) == (
        "collection",
        "register.importbatch",
        str(summary.batch_id),
    )
    assert '"created":2' in entry.detail
