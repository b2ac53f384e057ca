"""Reading a message: the UK day it arrived, the sender, the text (pure functions)."""

from datetime import UTC, date, datetime

import pytest
from mail_messages import request_message

from answerable.casework.reference import reference_regex
from answerable.casework.regime_guess import environmental_terms, guess_regime
from answerable.mail.parse import UnreadableMessage, html_to_text, message_key, parse

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("received", "date_header", "day"),
    [
        # 23:30 UTC in summer is 00:30 BST the next day.
        ("Tue, 31 Mar 2026 23:30:00 +0000", "Tue, 31 Mar 2026 20:00:00 +0000", date(2026, 4, 1)),
        # In winter UK time is UTC: 23:30 UTC is still the same day.
        ("Tue, 13 Jan 2026 23:30:00 +0000", "Tue, 13 Jan 2026 20:00:00 +0000", date(2026, 1, 13)),
        # No Received header: the Date header, in UK time.
        (None, "Wed, 1 Jul 2026 23:10:00 -0500", date(2026, 7, 2)),
    ],
)
def test_the_day_received_is_the_uk_day_it_reached_the_authority(received, date_header, day):
    parsed = parse(request_message(received=received, date=date_header), fallback_arrival=NOW)
    assert parsed.received_on == day


def test_without_any_date_the_time_read_is_used():
    raw = request_message(received=None, date="not a date")
    assert parse(raw, fallback_arrival=NOW).received_on == date(2026, 6, 1)


def test_sender_and_text():
    parsed = parse(request_message(), fallback_arrival=NOW)
    assert (parsed.sender_name, parsed.sender_email) == ("Alex Requester", "alex@requester.example")
    assert parsed.text == "Please tell me how many people were held in custody in 2025."


def test_html_is_stripped_to_its_words():
    html = "<html><head><style>p{}</style></head><body><p>One &amp; two</p><p>Three</p></body>"
    assert html_to_text(html) == "One & two\n\nThree"


def test_a_message_without_a_message_id_is_known_by_its_bytes():
    raw = request_message(message_id="")
    assert message_key(raw).startswith("sha256:")
    assert message_key(raw) == message_key(raw)
    assert message_key(request_message()) == "<request-1@requester.example>"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", "empty"),
        (b"Subject: hi\r\n\r\nHello\r\n", "no sender address"),
        (b"From: a@b.example\r\nSubject: hi\r\n\r\n", "no text and no attachment"),
    ],
)
def test_what_cannot_be_read_says_why(raw, reason):
    with pytest.raises(UnreadableMessage, match=reason):
        parse(raw, fallback_arrival=NOW)


@pytest.mark.parametrize(
    ("text", "regime"),
    [
        ("How many people were arrested for immigration offences?", "foisa"),
        ("What are the CO2 emissions of your vehicle fleet?", "eir-s"),
        ("Reports of fly-tipping investigated in 2025", "eir-s"),
        ("Noise complaints about the custody centre generator", "eir-s"),
        ("How many officers are environmentalists' liaison?", "foisa"),  # not the word itself
    ],
)
def test_regime_guess(text, regime):
    assert guess_regime(text) == regime


def test_regime_guess_in_england_and_wales():
    assert guess_regime("air quality near the station", "foia") == "eir"
    assert guess_regime("staff numbers", "foia") == "foia"
    assert environmental_terms("Waste and WASTE and pollution") == ["waste", "pollution"]


def test_references_are_found_in_text():
    pattern = reference_regex("IM-FOI-{year}-{n:04}")
    assert pattern.findall("Re: im-foi-2026-0042 and IM-FOI-2026-12345.") == [
        "im-foi-2026-0042",
        "IM-FOI-2026-12345",
    ]
    assert pattern.findall("XIM-FOI-2026-0042") == []
    assert reference_regex("{yy}-{n}").findall("your ref 23-1751, thanks") == ["23-1751"]
