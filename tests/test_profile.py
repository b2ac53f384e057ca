"""A person's profile: the latest recorded value of each attribute."""

from datetime import UTC, datetime

from answerable.register.profile import merge_profile

EARLY = datetime(2020, 1, 1, tzinfo=UTC)
LATE = datetime(2021, 1, 1, tzinfo=UTC)


def test_a_newer_record_wins():
    profile, at = merge_profile(
        {"sex": "male", "age": 30}, EARLY, {"sex": "female", "age": 31}, LATE
    )
    assert profile == {"sex": "female", "age": 31} and at == LATE


def test_not_recorded_never_erases_a_recorded_value():
    profile, _ = merge_profile({"nationality": "AL"}, EARLY, {"nationality": None}, LATE)
    assert profile["nationality"] == "AL"


def test_an_older_record_fills_gaps_but_not_age():
    profile, at = merge_profile({"sex": None, "age": None}, LATE, {"sex": "male", "age": 20}, EARLY)
    assert profile == {"sex": "male", "age": None} and at == LATE
