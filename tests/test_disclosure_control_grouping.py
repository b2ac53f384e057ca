"""Coarser groupings offered when a breakdown would be mostly withheld (grouping.py)."""

import pytest

from answerable.answers.disclosure_control import Policy, ProtectedTable, Table, protect
from answerable.answers.disclosure_control.grouping import (
    merge_values,
    mostly_withheld,
    suggest_groupings,
)

SEX = ("female", "male", "other", "not_recorded")
BANDS = ("short", "long")


def by_sex(counts: list[tuple[int, int]]) -> Table:
    return Table(
        ("sex", "band"),
        (SEX, BANDS),
        {
            (sex, band): n
            for sex, row in zip(SEX, counts, strict=True)
            for band, n in zip(BANDS, row, strict=True)
        },
    )


SMALL = by_sex([(3, 2), (30, 12), (1, 2), (6, 5)])


def figures_withheld(table: ProtectedTable) -> int:
    return table.withheld + int(table.total.withheld)


def test_merge_values_sums_the_merged_categories_in_the_grouping_order() -> None:
    merged = merge_values(
        SMALL,
        "sex",
        {
            "male or other": ["male", "other"],
            "female": ["female"],
            "not recorded": ["not_recorded"],
        },
    )
    assert merged.values == (("male or other", "female", "not recorded"), BANDS)
    assert merged.count(("male or other", "short")) == 31
    assert merged.count(("male or other", "long")) == 14
    assert merged.count(("female", "long")) == 2
    assert merged.total == SMALL.total
    assert merged.marginal(("band",)).counts == SMALL.marginal(("band",)).counts


@pytest.mark.parametrize(
    ("grouping", "message"),
    [
        ({"a": ["female", "male"], "b": ["male", "other", "not_recorded"]}, "'male' is in two"),
        ({"a": ["female", "male", "other"]}, "leaves out 'not_recorded'"),
        ({"a": ["female", "male", "other", "not_recorded", "unknown"]}, "'unknown' is not one"),
        ({"a": SEX, "b": []}, "group 'b' merges no values"),
        ({" ": SEX}, "empty label"),
    ],
)
def test_merge_values_says_what_is_wrong_with_a_grouping(
    grouping: dict[str, list[str]], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        merge_values(SMALL, "sex", grouping)


def test_merge_values_refuses_an_unknown_dimension() -> None:
    with pytest.raises(ValueError, match="'age' is not a dimension"):
        merge_values(SMALL, "age", {"all": ["x"]})


def test_a_mostly_withheld_breakdown_gets_groupings_that_withhold_fewer_best_first() -> None:
    original = protect(SMALL)
    assert mostly_withheld(original)
    suggestions = suggest_groupings(SMALL, "sex", Policy())
    assert suggestions
    scores = []
    for grouping in suggestions:
        # Every value in exactly one group, and "not recorded" kept on its own.
        members = [value for group in grouping.values() for value in group]
        assert sorted(members) == sorted(SEX)
        assert grouping["not_recorded"] == ["not_recorded"]
        assert 2 <= len(grouping) < len(SEX)
        for label, group in grouping.items():
            assert label == " or ".join(group)
        withheld = figures_withheld(protect(merge_values(SMALL, "sex", grouping)))
        assert withheld < figures_withheld(original)
        scores.append((withheld, -len(grouping)))
    assert scores == sorted(scores)  # fewest withheld first, then most categories kept
    # Merging the two small categories with the large one leaves nothing below 5.
    assert suggestions[0] == {
        "female or male or other": ["female", "male", "other"],
        "not_recorded": ["not_recorded"],
    }
    assert figures_withheld(protect(merge_values(SMALL, "sex", suggestions[0]))) == 0


def test_an_ordered_dimension_merges_a_small_band_with_its_smaller_neighbour() -> None:
    bands = ("0-24", "24-48", "48-72", "72+")
    counts = {("0-24",): 40, ("24-48",): 12, ("48-72",): 2, ("72+",): 7}
    table = Table(("band",), (bands,), counts)
    suggestions = suggest_groupings(table, "band")
    assert {"0-24": ["0-24"], "24-48": ["24-48"], "48-72 or 72+": ["48-72", "72+"]} in suggestions
    assert suggestions[0] == {
        "0-24": ["0-24"],
        "24-48": ["24-48"],
        "48-72 or 72+": ["48-72", "72+"],
    }


def test_nothing_withheld_means_nothing_to_suggest() -> None:
    table = by_sex([(13, 12), (30, 12), (11, 12), (6, 5)])
    assert not mostly_withheld(protect(table))
    assert suggest_groupings(table, "sex") == []


def test_not_recorded_merges_only_when_nothing_else_can() -> None:
    two = Table(("sex",), (("female", "not_recorded"),), {("female",): 3, ("not_recorded",): 9})
    assert suggest_groupings(two, "sex") == []  # one group is no breakdown
    values = ("female", "male", "not_recorded")
    three = Table(("sex",), (values,), {("female",): 3, ("male",): 4, ("not_recorded",): 2})
    kept = suggest_groupings(three, "sex")
    assert kept == [{"female or male": ["female", "male"], "not_recorded": ["not_recorded"]}]
    anything = suggest_groupings(three, "sex", keep_apart=frozenset())
    assert {"female or not_recorded": ["female", "not_recorded"], "male": ["male"]} in anything
    # With every other value kept apart too, "not recorded" may merge after all.
    apart = suggest_groupings(three, "sex", keep_apart=frozenset({"male", "not_recorded"}))
    assert apart and all(len(grouping) == 2 for grouping in apart)
    assert any("not_recorded" not in grouping for grouping in apart)
    with pytest.raises(ValueError):
        suggest_groupings(three, "age")
