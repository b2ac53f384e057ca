"""The public pages of the published statistics (issue 18, part 2): no sign-in, nothing
before publication, CSV with CSV on the Web metadata, the open JSON endpoint in the OpenAPI
document, and pages read from the stored tables (no counting per view)."""

import csv
import io
import time
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from statistics_releases_support import manager, publish, register, series  # noqa: F401

from answerable.statistics_releases import services
from answerable.statistics_releases.periods import parse_period

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(series, manager):
    first = publish(series, manager, "2026-Q1")
    second = publish(series, manager, "2026-Q2")
    services.announce(series, parse_period("2026-Q3"), date(2099, 10, 28))
    return first, second


def test_the_latest_page_shows_the_newest_edition_with_its_table_chart_and_notes(published):
    response = Client().get(reverse("statistics:latest"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Custody statistics, 2026-Q2" in page
    assert "Table 1: Custody episodes by custody centre" in page
    assert "<svg" in page and "[c]" in page
    assert "Not held" in page and "Revisions" in page and "What is counted" in page
    assert "28 October 2099" in page  # the next release, from the calendar
    assert reverse("statistics:csv", kwargs={"slug": "custody-2026-q2", "position": 1}) in page


def test_an_edition_not_yet_published_is_nowhere(series, manager):
    edition = services.prepare(series, parse_period("2026-Q1"), prepared_by="analyst")
    services.check(edition, manager)
    client = Client()
    page = reverse("statistics:edition", kwargs={"slug": edition.slug})
    assert client.get(page).status_code == 404
    kwargs = {"slug": edition.slug, "position": 1}
    assert client.get(reverse("statistics:csv", kwargs=kwargs)).status_code == 404
    assert "2026-Q1" not in client.get(reverse("statistics:latest")).content.decode()
    assert client.get(f"/api/v1/statistics/{edition.slug}/").status_code == 404
    assert client.get("/api/v1/statistics/").json() == []


def test_the_csv_and_its_csvw_metadata(published):
    client = Client()
    kwargs = {"slug": "custody-2026-q2", "position": 1}
    response = client.get(reverse("statistics:csv", kwargs=kwargs))
    assert response["Content-Type"].startswith("text/csv")
    metadata_url = reverse("statistics:metadata", kwargs=kwargs)
    assert f"<{metadata_url}>" in response["Link"] and 'rel="describedby"' in response["Link"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Custody centre", "Count"]
    figures = {row[0]: row[1] for row in rows[1:]}
    assert figures["Govan"] == "[c]" and figures["Total"] == "12" and figures["Ayr"] == "0"

    metadata = client.get(metadata_url)
    assert metadata["Content-Type"] == "application/csvm+json"
    document = metadata.json()
    assert document["@context"] == "http://www.w3.org/ns/csvw"
    assert document["url"].endswith(reverse("statistics:csv", kwargs=kwargs))
    columns = document["tableSchema"]["columns"]
    assert [c["titles"] for c in columns] == rows[0]
    assert columns[1]["datatype"]["base"] == "integer" and "[c]" in columns[1]["null"]
    assert document["dialect"]["header"] is True


def test_earlier_editions_revisions_and_the_calendar(published, series, manager):
    first, _ = published
    revision = services.prepare(
        series,
        parse_period("2026-Q1"),
        prepared_by="analyst",
        publish_on=date(2026, 8, 28),
        reason="Late records from the custody system",
    )
    services.check(revision, manager)
    services.publish(revision, date(2026, 8, 28))
    client = Client()
    page = client.get(reverse("statistics:editions")).content.decode()
    assert "Late records from the custody system" in page and "Revised since" in page
    old = client.get(reverse("statistics:edition", kwargs={"slug": first.slug})).content.decode()
    assert "This edition has been revised" in old and revision.slug in old
    calendar = client.get(reverse("statistics:calendar")).content.decode()
    assert "28 October 2099" in calendar and "2026-Q3" in calendar


def test_the_open_json_endpoint_is_in_the_openapi_document(published):
    client = Client()
    listing = client.get("/api/v1/statistics/")
    assert listing.status_code == 200
    editions = listing.json()
    assert [e["edition"] for e in editions] == ["custody-2026-q2", "custody-2026-q1"]
    table = editions[0]["tables"][0]
    assert table["answer"]["total"] == {"count": 12, "display": "12", "status": "shown"}
    assert table["csv"].endswith("/statistics/custody-2026-q2/table-1.csv")
    one = client.get("/api/v1/statistics/custody-2026-q1/").json()
    assert one["revision"] == 0 and one["revised_since"] is False
    schema = client.get("/api/v1/schema/").json()
    assert "/api/v1/statistics/" in schema["paths"]
    operation = schema["paths"]["/api/v1/statistics/{edition}/"]["get"]
    # Open: no token asked for (the other operations name bearerAuth).
    assert operation.get("security") in (None, [], [{}]) and "security" not in schema


def test_the_pages_read_stored_tables_and_are_fast(published, django_assert_max_num_queries):
    client = Client()
    urls = [
        reverse("statistics:latest"),
        reverse("statistics:edition", kwargs={"slug": "custody-2026-q2"}),
        reverse("statistics:editions"),
        reverse("statistics:calendar"),
    ]
    for url in urls:
        client.get(url)  # templates compiled
        # No query of the register: a handful of reads of the stored edition.
        with django_assert_max_num_queries(12):
            started = time.perf_counter()
            assert client.get(url).status_code == 200
            elapsed = time.perf_counter() - started
        assert elapsed < 0.5, f"{url}: {elapsed:.3f} s"
