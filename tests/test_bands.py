"""Duration and age bands (custody-episodes-v1, Meaning; corpus A3-A5)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from answerable.answers import bands


def test_seed_001_bands():
    assert bands.duration_labels((24, 48)) == ["0-24", "24-48", "48+", "in_custody"]
    assert bands.duration_band(24 * 60, (24, 48)) == "0-24"  # up to and including 24 hours
    assert bands.duration_band(24 * 60 + 1, (24, 48)) == "24-48"
    assert bands.duration_band(48 * 60, (24, 48)) == "24-48"
    assert bands.duration_band(48 * 60 + 1, (24, 48)) == "48+"
    assert bands.duration_band(None, (24, 48)) == "in_custody"


def test_the_met_s_six_bands():
    labels = bands.duration_labels((24, 48, 72, 96, 120))
    assert labels == ["0-24", "24-48", "48-72", "72-96", "96-120", "120+", "in_custody"]


def test_warwickshire_age_bands():
    # Corpus A5: under 10, under 16, under 18, 18-75 and over 75.
    bounds = (10, 16, 18, 75)
    assert bands.age_labels(bounds) == ["0-9", "10-15", "16-17", "18-74", "75+", "not_recorded"]
    assert [bands.age_band(a, bounds) for a in (0, 9, 10, 17, 18, 74, 75, None)] == [
        "0-9",
        "0-9",
        "10-15",
        "16-17",
        "18-74",
        "18-74",
        "75+",
        "not_recorded",
    ]


def test_a_child_is_under_18_and_not_recorded_is_not_no():
    assert [bands.child(a) for a in (0, 17, 18, None)] == ["yes", "yes", "no", "not_recorded"]


@pytest.mark.parametrize("text", ["", "24,,48", "48,24", "0,24", "24,24", "a,b", "-5"])
def test_bad_bounds_are_refused(text):
    with pytest.raises(ValueError, match="--bands"):
        bands.parse_bounds(text, what="--bands")


@given(
    bounds=st.lists(st.integers(1, 500), min_size=1, max_size=6, unique=True).map(sorted),
    minutes=st.one_of(st.none(), st.integers(0, 40_000)),
)
def test_every_duration_falls_in_exactly_one_listed_band(bounds, minutes):
    label = bands.duration_band(minutes, bounds)
    assert label in bands.duration_labels(bounds)
    if minutes is not None and label != f"{bounds[-1]}+":
        low, high = (int(x) for x in label.split("-"))
        assert low * 60 < minutes <= high * 60 or (low == 0 and minutes == 0)
