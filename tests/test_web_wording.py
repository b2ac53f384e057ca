"""The service's wording of dates, periods, money and labels (web/wording.py)."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.template import Context, Template

from answerable.web import wording


def test_dates_in_govuk_style() -> None:
    assert wording.govuk_date(date(2026, 12, 4)) == "4 December 2026"
    assert wording.govuk_date(None) == ""


def test_a_datetime_is_shown_in_uk_time() -> None:
    # 23:30 UTC in summer is half past midnight the next day in the UK.
    summer = datetime(2026, 6, 30, 23, 30, tzinfo=UTC)
    assert wording.govuk_datetime(summer) == "1 July 2026 at 12:30am"
    assert wording.govuk_datetime(datetime(2026, 1, 5, 14, 5, tzinfo=UTC)) == (
        "5 January 2026 at 2:05pm"
    )
    assert wording.govuk_time(datetime(2026, 1, 5, 12, 0, tzinfo=UTC)) == "midday"
    assert wording.govuk_time(datetime(2026, 1, 5, 9, 0, tzinfo=UTC)) == "9am"


@pytest.mark.parametrize(
    ("label", "words"),
    [
        ("2026-01", "January 2026"),
        ("2025-12", "December 2025"),
        ("2025-26", "2025/26"),
        ("2025/26", "2025/26"),
        ("1999-00", "1999/00"),
        ("2025", "2025"),
        ("2025-13", "2025-13"),  # not a month: unchanged
        ("0-24", "0-24"),
    ],
)
def test_periods_in_words(label: str, words: str) -> None:
    assert wording.period(label) == words


@pytest.mark.parametrize(
    ("text", "cased"),
    [
        ("by home office outcome", "By Home Office outcome"),
        ("By Home Office Outcome", "By Home Office outcome"),
        ("ICCE request", "ICCE request"),
        ("nccu contact", "Nccu contact"),
        ("custody_episode", "Custody episode"),
    ],
)
def test_sentence_case(text: str, cased: str) -> None:
    assert wording.sentence_case(text) == cased


def test_pounds() -> None:
    assert wording.pounds(Decimal("5")) == "£5.00"
    assert wording.pounds(Decimal("1250.5")) == "£1,250.50"
    assert wording.pounds(600) == "£600.00"
    assert wording.pounds(None) == ""


def test_the_filters_in_a_template() -> None:
    rendered = Template(
        "{% load wording %}{{ day|govuk_date }}|{{ month|period }}|{{ fee|pounds }}"
    ).render(Context({"day": date(2026, 12, 4), "month": "2026-01", "fee": Decimal("5")}))
    assert rendered == "4 December 2026|January 2026|£5.00"


@pytest.mark.parametrize(
    ("kind", "name", "shown"),
    [
        ("Custody episode", "NCS-2017-000001", "Custody episode NCS-2017-000001"),
        ("NCCU contact", "NCCU contact 5654", "NCCU contact 5654"),
        ("Correct NCCU contact", "NCCU contact 5654", "Correct NCCU contact 5654"),
        ("NCCU contact", "NCCU-REF-9", "NCCU contact NCCU-REF-9"),
    ],
)
def test_a_record_is_named_with_its_kind_once(kind: str, name: str, shown: str) -> None:
    assert wording.titled(kind, name) == shown


def test_a_label_inside_a_sentence_keeps_its_acronym() -> None:
    assert wording.in_sentence("Custody episodes") == "custody episodes"
    assert wording.in_sentence("ICCE requests") == "ICCE requests"
    assert wording.in_sentence("NCCU contacts") == "NCCU contacts"
