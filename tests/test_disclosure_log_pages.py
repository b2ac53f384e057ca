"""The public disclosure log, as an anonymous visitor sees it: list, search and filters,
each response as HTML and PDF, the Atom feed and the CSV export; nothing before its
publication date (a UK date) and nothing withdrawn."""

import csv
import html
import io
import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from disclosure_log_support import at, issue
from django.test import Client
from django.urls import reverse

from answerable.disclosure_log.models import Publication

ATOM = "{http://www.w3.org/2005/Atom}"
LIST = reverse("disclosure_log:list")
FEED = reverse("disclosure_log:feed")
EXPORT = reverse("disclosure_log:export")


def no_inline_script(page: str) -> bool:
    """Every script is a file of the site's own (the content security policy allows no other)."""
    tags = re.findall(r"<script\b[^>]*>(.*?)</script>", page, re.S)
    opening = re.findall(r"<script\b([^>]*)>", page)
    return all("src=" in attrs for attrs in opening) and not any(body.strip() for body in tags)


def listed(client: Client, **query: str) -> list[str]:
    response = client.get(LIST, query)
    assert response.status_code == 200
    return [publication.reference for publication in response.context["page"].object_list]


def exported(client: Client, **query: str) -> list[dict[str, str]]:
    response = client.get(EXPORT, query)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def fed(client: Client) -> list[str]:
    response = client.get(FEED)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    return [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]


def visible_everywhere(client: Client, reference: str) -> dict[str, bool]:
    return {
        "list": reference in listed(client),
        "detail": client.get(f"/disclosure-log/{reference}/").status_code == 200,
        "pdf": client.get(f"/disclosure-log/{reference}.pdf").status_code == 200,
        "feed": any(title.startswith(reference) for title in fed(client)),
        "csv": reference in [row["reference"] for row in exported(client)],
    }


@pytest.mark.django_db
def test_a_response_is_public_from_the_seventh_day_after_issue_uk_time(client: Client) -> None:
    with at("2023-08-02T10:00:00+01:00"):
        issue("23-1751", date(2023, 8, 2))
    # 23:59 on 8 August in the UK (BST), 22:59 UTC: still the day before.
    with at("2023-08-08T23:59:00+01:00"):
        assert visible_everywhere(client, "23-1751") == dict.fromkeys(
            ("list", "detail", "pdf", "feed", "csv"), False
        )
        assert client.get("/disclosure-log/23-1751/").status_code == 404
    # Midnight in the UK, 23:00 UTC on the 8th: publication day.
    with at("2023-08-09T00:00:00+01:00"):
        assert visible_everywhere(client, "23-1751") == dict.fromkeys(
            ("list", "detail", "pdf", "feed", "csv"), True
        )


@pytest.mark.django_db
def test_a_withdrawn_response_disappears_everywhere(client: Client) -> None:
    with at("2023-09-01T12:00:00+01:00"):
        issue("23-1751", date(2023, 8, 2))
        issue("23-1800", date(2023, 8, 3))
        assert visible_everywhere(client, "23-1751")["detail"]
        Publication.objects.filter(reference="23-1751").update(
            withdrawn_on=date(2023, 9, 1), withdrawn_reason="Personal data found"
        )
        assert visible_everywhere(client, "23-1751") == dict.fromkeys(
            ("list", "detail", "pdf", "feed", "csv"), False
        )
        assert visible_everywhere(client, "23-1800")["list"]


@pytest.mark.django_db
def test_the_response_page_shows_the_anonymised_letter_and_its_details(client: Client) -> None:
    with at("2023-09-01T12:00:00+01:00"):
        issue(
            "IM-FOI-2018-1421",
            date(2018, 7, 6),
            received_on=date(2018, 6, 8),
            title="Immigration detentions in police cells",
            topics=["Custody", "Immigration"],
            exemptions_cited="s12, s16(4)",
            outcome="partial",
            body_html=(
                "<h1>Response</h1><p>Dear Jane Smith</p><script>alert(1)</script>"
                "<table><caption>Custodies</caption><tr><th scope='col'>Station</th></tr>"
                "<tr><td>Govan</td></tr></table>"
            ),
        )
        response = client.get("/disclosure-log/IM-FOI-2018-1421/")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-l">Immigration detentions in police cells</h1>' in page
    assert "<h3>Response</h3>" in page  # the letter's own h1, below the page's h2
    assert "<caption>Custodies</caption>" in page
    assert "Jane" not in page and "alert(1)" not in page
    for shown in ("s12, s16(4)", "8 June 2018", "6 July 2018", "13 July 2018", "Immigration"):
        assert shown in page
    assert "Information supplied in part" in page
    assert 'href="/disclosure-log/IM-FOI-2018-1421.pdf"' in page
    assert no_inline_script(page)  # the letter's script removed; only the frame's own files


@pytest.mark.django_db
def test_the_pdf_is_served_inline_under_its_reference(client: Client) -> None:
    with at("2023-09-01T12:00:00+01:00"):
        publication = issue("23-1751", date(2023, 8, 2))
        response = client.get("/disclosure-log/23-1751.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="23-1751.pdf"'
    assert response.content == bytes(publication.pdf)


@pytest.mark.django_db
def test_an_unknown_reference_is_not_found(client: Client) -> None:
    assert client.get("/disclosure-log/23-9999/").status_code == 404
    assert client.get("/disclosure-log/23-9999.pdf").status_code == 404


@pytest.fixture
def log(db) -> None:
    with at("2024-01-31T12:00:00+00:00"):
        issue(
            "22-0100",
            date(2022, 3, 1),
            title="Home Office referrals of victims",
            topics=["Home Office"],
            outcome="cost",
            exemptions_cited="s12",
        )
        issue(
            "23-1751",
            date(2023, 8, 2),
            title="Data sharing with the Home Office",
            topics=["Home Office", "Data sharing"],
            outcome="cost",
            exemptions_cited="s12",
        )
        issue(
            "23-2000",
            date(2023, 10, 5),
            title="Custody durations",
            regime="foia",
            topics=["Custody"],
            outcome="partial",
            body_html="<p>Figures for Kittybrewster custody centre.</p>",
        )
        # Issued yesterday: not yet public.
        issue("24-0001", date(2024, 1, 30), title="Home Office agreements")


@pytest.mark.usefixtures("log")
def test_the_list_is_newest_first_and_shows_only_what_is_public(client: Client) -> None:
    with at("2024-01-31T12:00:00+00:00"):
        assert listed(client) == ["23-2000", "23-1751", "22-0100"]


@pytest.mark.usefixtures("log")
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "home office"}, ["23-1751", "22-0100"]),
        ({"q": "KITTYBREWSTER"}, ["23-2000"]),  # in the letter's text
        ({"q": "23-17"}, ["23-1751"]),  # the reference
        ({"q": "home durations"}, []),  # every word must match
        ({"topic": "data-sharing"}, ["23-1751"]),
        ({"regime": "foia"}, ["23-2000"]),
        ({"outcome": "cost"}, ["23-1751", "22-0100"]),
        ({"issued_from": "01/08/2023"}, ["23-2000", "23-1751"]),
        ({"issued_to": "2 August 2023"}, ["23-1751", "22-0100"]),
        ({"issued_from": "2023-08-02", "issued_to": "2023-08-02"}, ["23-1751"]),
        ({"topic": "home-office", "issued_from": "01/01/2023"}, ["23-1751"]),
    ],
)
def test_search_and_filters_select_for_the_list_and_the_export(
    client: Client, query: dict[str, str], expected: list[str]
) -> None:
    with at("2024-01-31T12:00:00+00:00"):
        assert listed(client, **query) == expected
        assert [row["reference"] for row in exported(client, **query)] == expected


@pytest.mark.usefixtures("log")
@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"issued_from": "31/02/2023"}, "issued_from", "Enter the 'responded from' date as a real"),
        ({"issued_to": "yesterday"}, "issued_to", "Enter the 'responded to' date as a real date"),
        (
            {"issued_from": "02/08/2023", "issued_to": "01/08/2023"},
            "issued_to",
            "The 'responded to' date must be on or after 'responded from'",
        ),
        ({"topic": "no-such-topic"}, "topic", "Choose a topic from the list"),
    ],
)
def test_bad_filters_give_a_message_on_the_page(
    client: Client, query: dict[str, str], field: str, message: str
) -> None:
    with at("2024-01-31T12:00:00+00:00"):
        response = client.get(LIST, query)
        export = client.get(EXPORT, query)
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "There is a problem" in page and f'<a href="#id_{field}">{message}' in page
    assert "<title>Error: " in page
    assert f'id="id_{field}_error"' in page
    assert f'aria-describedby="id_{field}_helptext id_{field}_error"' in page or (
        f'aria-describedby="id_{field}_error"' in page
    )
    assert response.context["page"] is None  # no list filtered other than as asked
    assert export.status_code == 400
    assert message in export.content.decode()


@pytest.mark.usefixtures("log")
def test_the_page_is_plain_accessible_html(client: Client) -> None:
    with at("2024-01-31T12:00:00+00:00"):
        page = client.get(LIST).content.decode()
    assert '<html lang="en-GB"' in page
    assert '<main class="govuk-main-wrapper" id="main-content"' in page
    assert page.count("<h1") == 1
    assert '<form method="get"' in page
    for name in ("q", "topic", "regime", "outcome", "issued_from", "issued_to"):
        assert f'for="id_{name}"' in page and f'id="id_{name}"' in page
    assert '<caption class="govuk-table__caption' in page
    assert '<th scope="col" class="govuk-table__header">Reference</th>' in page
    assert '<th scope="row"' in page
    assert 'type="application/atom+xml"' in page
    assert no_inline_script(page)
    # The public sees no staff section: the service name is the log's, and links to it.
    assert "govuk-service-navigation__list" not in page
    service = page.split('class="govuk-service-navigation__service-name"')[1].split("</span>")[0]
    assert f'href="{LIST}"' in service and ">Disclosure log</a>" in service
    assert "seven days after they were sent to the requester" in page


@pytest.mark.django_db
def test_the_list_is_paginated_keeping_the_search(client: Client) -> None:
    with at("2024-01-31T12:00:00+00:00"):
        for number in range(25):
            Publication.objects.create(
                reference=f"23-{number:04d}",
                title="Custody figures",
                summary="",
                regime="foisa",
                outcome="full",
                received_on=date(2023, 1, 1),
                issued_on=date(2023, 1, 1),
                publish_on=date(2023, 1, 2 + number),
                body_html="<p>x</p>",
                body_text="x",
                pdf=b"%PDF-",
            )
        first = client.get(LIST, {"q": "custody"})
        second = client.get(LIST, {"q": "custody", "page": "2"})
        beyond = client.get(LIST, {"q": "custody", "page": "99"})
    assert [p.reference for p in first.context["page"].object_list][:2] == ["23-0024", "23-0023"]
    assert len(first.context["page"].object_list) == 20
    assert len(second.context["page"].object_list) == 5
    assert beyond.context["page"].number == 2
    assert 'href="?q=custody&amp;page=2"' in first.content.decode()
    assert 'class="govuk-pagination"' in first.content.decode()


@pytest.mark.usefixtures("log")
def test_the_feed_is_atom_with_the_published_entries(client: Client) -> None:
    with at("2024-01-31T12:00:00+00:00"):
        response = client.get(FEED)
    root = ET.fromstring(response.content)
    entries = root.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [
        "23-2000: Custody durations",
        "23-1751: Data sharing with the Home Office",
        "22-0100: Home Office referrals of victims",
    ]
    first = entries[0]
    assert first.find(f"{ATOM}link").get("href") == "http://testserver/disclosure-log/23-2000/"
    assert first.findtext(f"{ATOM}updated") == "2023-10-12T00:00:00+01:00"
    assert [c.get("term") for c in first.findall(f"{ATOM}category")] == ["Custody"]
    assert "Jane" not in response.content.decode()


@pytest.mark.usefixtures("log")
def test_the_export_has_the_columns_and_absolute_links(client: Client) -> None:
    with at("2024-01-31T12:00:00+00:00"):
        response = client.get(EXPORT, {"q": "data sharing"})
        rows = exported(client, q="data sharing")
    assert response["Content-Disposition"] == 'attachment; filename="disclosure-log.csv"'
    assert rows == [
        {
            "reference": "23-1751",
            "title": "Data sharing with the Home Office",
            "regime": "Freedom of Information (Scotland) Act 2002",
            "outcome": "Refused: cost of compliance",
            "topics": "Data sharing; Home Office",
            "exemptions": "s12",
            "received": "2023-08-02",
            "issued": "2023-08-02",
            "published": "2023-08-09",
            "url": "http://testserver/disclosure-log/23-1751/",
        }
    ]


@pytest.mark.django_db
def test_the_export_neutralises_spreadsheet_formulas(client: Client) -> None:
    with at("2024-01-31T12:00:00+00:00"):
        issue(
            "23-3000",
            date(2023, 8, 2),
            title='=HYPERLINK("http://evil.example","Click")',
            exemptions_cited="+s12",
            topics=["@risk"],
        )
        row = exported(client)[0]
    assert row["title"] == '\'=HYPERLINK("http://evil.example","Click")'
    assert row["exemptions"] == "'+s12"
    assert row["topics"] == "'@risk"
