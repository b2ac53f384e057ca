"""Case references: the pattern, the per-year counter and its uniqueness."""

from datetime import date

import pytest
from casework_helpers import make_case
from django.test import override_settings

from answerable.casework.reference import (
    ReferencePatternError,
    check_pattern,
    format_reference,
)
from answerable.casework.services import allocate_reference


def test_the_default_pattern_gives_police_scotland_references():
    assert format_reference("IM-FOI-{year}-{n:04}", 2018, 1421) == "IM-FOI-2018-1421"
    assert format_reference("IM-FOI-{year}-{n:04}", 2026, 7) == "IM-FOI-2026-0007"


def test_a_two_digit_year_pattern_gives_the_newer_references():
    assert format_reference("{yy}-{n}", 2023, 1751) == "23-1751"
    assert format_reference("{yy}-{n}", 2009, 3) == "09-3"


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("IM-FOI-{year}", "has no {n}"),
        ("IM-FOI-{n:04}", "has no {year} or {yy}"),
        ("IM-FOI-{year}-{num}", "unknown field"),
        ("IM-FOI-{year}-{}", "name each field"),
        ("IM-FOI-{year-{n}", "IM-FOI-{year-{n}"),
        ("IM-FOI-{year}-{n:Z}", "Unknown format code"),
        ("{year}-{n}-" + "x" * 40, "over 40 characters"),
    ],
)
def test_bad_patterns_are_refused_with_a_clear_message(pattern, message):
    with pytest.raises(ReferencePatternError, match="ANSWERABLE_REFERENCE_PATTERN") as error:
        check_pattern(pattern)
    assert message in str(error.value)


def test_the_number_in_the_year_starts_at_1():
    with pytest.raises(ValueError, match="starts at 1"):
        format_reference("{year}-{n}", 2026, 0)


@pytest.mark.django_db
def test_numbers_count_per_year_of_receipt():
    assert allocate_reference(date(2026, 1, 5)) == "IM-FOI-2026-0001"
    assert allocate_reference(date(2026, 12, 31)) == "IM-FOI-2026-0002"
    assert allocate_reference(date(2027, 1, 4)) == "IM-FOI-2027-0001"
    assert allocate_reference(date(2026, 6, 1)) == "IM-FOI-2026-0003"


@pytest.mark.django_db
def test_a_new_case_is_numbered_on_save_and_two_in_a_year_differ():
    first = make_case(date(2026, 7, 1))
    second = make_case(date(2026, 7, 1))
    assert first.reference == "IM-FOI-2026-0001"
    assert second.reference == "IM-FOI-2026-0002"


@pytest.mark.django_db
def test_a_reference_already_taken_by_hand_is_skipped():
    make_case(date(2026, 7, 1), reference="IM-FOI-2026-0001")
    assert make_case(date(2026, 7, 2)).reference == "IM-FOI-2026-0002"


@pytest.mark.django_db
@override_settings(ANSWERABLE_REFERENCE_PATTERN="{yy}-{n}")
def test_the_pattern_is_a_setting():
    assert make_case(date(2023, 5, 2)).reference == "23-1"


@pytest.mark.django_db
@override_settings(ANSWERABLE_REFERENCE_PATTERN="FOI-{n}")
def test_a_bad_setting_stops_numbering_with_a_clear_message():
    with pytest.raises(ReferencePatternError, match=r"has no \{year\} or \{yy\}"):
        make_case(date(2026, 7, 1))
