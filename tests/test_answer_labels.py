"""Labels as a reader sees them on a page or in a letter (answers/output/labels.py)."""

import pytest

from answerable.answers.output.labels import reader_label


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("domestic_abuse", "Domestic abuse"),
        ("child_sexual_exploitation", "Child sexual exploitation"),
        ("not_recorded", "Not recorded"),
        (None, "Not recorded"),
        ("in_custody", "In custody"),
        ("female", "Female"),
        # Names, codes, months and bands are already what a reader expects.
        ("Govan", "Govan"),
        ("St Leonards", "St Leonards"),
        ("G", "G"),
        ("2017-04", "April 2017"),
        ("0-24", "0-24"),
        ("48+", "48+"),
        ("2017/18", "2017/18"),
        ("Total", "Total"),
    ],
)
def test_a_stored_label_is_shown_in_words(stored: str | None, shown: str) -> None:
    assert reader_label(stored) == shown
