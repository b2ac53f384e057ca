"""Scheduling an issued response for the disclosure log (disclosure_log/publish.py): it is
anonymised, checked (HTML, PDF, title) and refused if personal data would survive, dated
seven days after issue, and idempotent by reference."""

import functools
from datetime import UTC, date, datetime
from typing import Any

import pytest
import time_machine
import weasyprint

from answerable.disclosure_log.anonymise import MARK
from answerable.disclosure_log.models import Publication, Topic
from answerable.disclosure_log.publish import (
    AlreadyPublishedError,
    AnonymisationError,
    anonymised_letter,
    schedule,
)

PERSONAL = ["Jane Smith", "12 Example Street", "jane.smith@example.org"]
LETTER = (
    "<h1>Freedom of Information Response</h1>"
    "<p>Our reference: 23-1751</p>"
    "<p>Dear Jane Smith</p><p>12 Example Street, Glasgow, G2 3AB</p>"
    "<p>In accordance with Sections 12(1) and 16(4) this letter represents a Refusal Notice.</p>"
    "<p>You can request a review by letter (Clyde Gateway, 2 French Street, Dalmarnock, "
    "G40 4EH).</p>"
)


@functools.cache
def pdf_of(html: str) -> bytes:
    return weasyprint.HTML(string=html).write_pdf()


def issue(**changes: Any) -> Publication:
    values: dict[str, Any] = {
        "reference": "23-1751",
        "title": "Data sharing with the Home Office",
        "summary": "Personal data of victims and witnesses shared with the Home Office.",
        "regime": "foisa",
        "outcome": "cost",
        "topics": ["Home Office", "Data sharing"],
        "exemptions_cited": "s12",
        "received_on": date(2023, 7, 5),
        "issued_on": date(2023, 8, 2),
        "body_html": LETTER,
        "personal": PERSONAL,
    }
    values.update(changes)
    if "pdf" not in values:
        values["pdf"] = pdf_of(anonymised_letter(values["body_html"], values["personal"]))
    return schedule(**values)


@pytest.mark.django_db
def test_an_issued_response_is_anonymised_and_dated_seven_days_later() -> None:
    publication = issue()
    publication.refresh_from_db()
    assert publication.publish_on == date(2023, 8, 9)
    assert "Jane" not in publication.body_html and "G2 3AB" not in publication.body_html
    assert MARK in publication.body_html
    assert "G40 4EH" in publication.body_html  # the force's own address, for a review (s19)
    assert "Refusal Notice" in publication.body_text and "<p>" not in publication.body_text
    assert bytes(publication.pdf).startswith(b"%PDF-")
    assert sorted(publication.topic_names()) == ["Data sharing", "Home Office"]
    assert Topic.objects.get(slug="home-office").name == "Home Office"


@pytest.mark.django_db
def test_the_delay_is_a_setting(settings) -> None:
    settings.ANSWERABLE_DISCLOSURE_LOG_DAYS = 14
    assert issue().publish_on == date(2023, 8, 16)


@pytest.mark.django_db
def test_a_pdf_of_the_letter_before_anonymising_is_refused() -> None:
    with pytest.raises(AnonymisationError) as refused:
        issue(pdf=pdf_of(LETTER))
    assert list(refused.value.findings) == ["pdf"]
    found = " ".join(refused.value.findings["pdf"])
    assert "given personal data item 1" in found and "UK postcode" in found
    # The error names kinds and positions only: it may reach a log.
    assert "Jane" not in str(refused.value) and "G2 3AB" not in str(refused.value)
    assert not Publication.objects.exists()


@pytest.mark.django_db
def test_a_pdf_with_a_stray_e_mail_address_is_refused() -> None:
    pdf = pdf_of(anonymised_letter(LETTER, PERSONAL) + "<p>Reply to someone@example.net</p>")
    with pytest.raises(AnonymisationError, match="pdf: e-mail address"):
        issue(pdf=pdf)


@pytest.mark.django_db
def test_a_pdf_without_text_cannot_be_checked_and_is_refused() -> None:
    with pytest.raises(AnonymisationError, match="no text to check"):
        issue(pdf=pdf_of("<div style='height: 5cm'></div>"))
    with pytest.raises(ValueError, match="not a PDF"):
        issue(pdf=b"<html>not a pdf</html>")


@pytest.mark.django_db
def test_personal_data_in_the_title_or_summary_is_refused() -> None:
    with pytest.raises(AnonymisationError, match="title: given personal data item 1"):
        issue(title="Request from Jane Smith")
    with pytest.raises(AnonymisationError, match="summary: UK phone number"):
        issue(summary="Call 07700 900123")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"reference": "95/2026"}, "letters, digits"),
        ({"regime": "gdpr"}, "regime 'gdpr' is not one of"),
        ({"outcome": "maybe"}, "outcome 'maybe' is not one of"),
        ({"received_on": date(2023, 8, 3)}, "issued_on 2023-08-02 is before received_on"),
        ({"publish_on": date(2023, 8, 1)}, "before the response was issued"),
        ({"topics": ["!!"]}, "topic '!!' has no letters"),
        ({"title": "  "}, "title is blank"),
    ],
)
@pytest.mark.django_db
def test_bad_input_is_refused_naming_what(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        issue(pdf=b"%PDF-", **changes)
    assert not Publication.objects.exists()


@pytest.mark.django_db
def test_rescheduling_before_publication_replaces_the_response() -> None:
    with time_machine.travel(datetime(2023, 8, 3, 12, tzinfo=UTC), tick=False):
        first = issue()
        again = issue(title="Data sharing with the Home Office (corrected)", topics=["Home Office"])
    assert again.pk == first.pk
    assert Publication.objects.get().title.endswith("(corrected)")
    assert again.topic_names() == ["Home Office"]


@pytest.mark.django_db
def test_rescheduling_a_published_response_unchanged_changes_nothing() -> None:
    with time_machine.travel(datetime(2023, 8, 3, 12, tzinfo=UTC), tick=False):
        first = issue()
    with time_machine.travel(datetime(2023, 8, 20, 12, tzinfo=UTC), tick=False):
        again = issue()
    assert again.pk == first.pk
    assert again.updated_at == first.updated_at


@pytest.mark.django_db
def test_a_changed_response_for_a_published_reference_is_refused_until_withdrawn() -> None:
    with time_machine.travel(datetime(2023, 8, 3, 12, tzinfo=UTC), tick=False):
        issue()
    with time_machine.travel(datetime(2023, 8, 20, 12, tzinfo=UTC), tick=False):
        with pytest.raises(AlreadyPublishedError, match="public since 09 August 2023"):
            issue(title="Something else")
        Publication.objects.update(
            withdrawn_on=date(2023, 8, 20), withdrawn_reason="Requester named in a table"
        )
        replaced = issue(title="Something else")
    assert replaced.title == "Something else"
    assert replaced.withdrawn_on is None and replaced.withdrawn_reason == ""
    assert Publication.objects.count() == 1
