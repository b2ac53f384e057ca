"""Coarser groupings to offer when a breakdown would be mostly withheld.

A breakdown by many small categories can end with most of its figures shown as [c]: the
counts are below the threshold, and secondary suppression withholds more to protect them.
Merging categories (e.g. "male" and "other" into "male or other") gives larger counts, so
fewer figures need withholding, while the answer still says something a requester can use.
The ICO's anonymisation guidance names aggregation into broader categories as a way to
reduce identifiability alongside suppression.

`suggest_groupings` proposes merges of a dimension's categories, evaluates each with
`protect` on the merged table (so the figures counted are exactly those a release would
withhold), and returns those that withhold fewer figures than the breakdown as it is, best
first. Pure: no database; the caller decides when to offer them (`mostly_withheld`).
"""

from collections.abc import Mapping, Sequence

from answerable.answers.disclosure_control.policy import Policy
from answerable.answers.disclosure_control.protect import Method, protect
from answerable.answers.disclosure_control.published import ProtectedTable
from answerable.answers.disclosure_control.table import Table

# A new label -> the original values it merges, in display order; e.g.
# {"female": ["female"], "male or other": ["male", "other"]}.
Grouping = dict[str, list[str]]

# Values kept in a group of their own while any other merge is possible: "not recorded"
# is not a category a requester can compare with the others.
KEEP_APART: frozenset[str] = frozenset({"not_recorded"})
# A breakdown is offered coarser groupings when more than this share of its figures is withheld.
MOSTLY_WITHHELD_SHARE = 0.5
# At most this many candidate groupings are evaluated (each is one protect()).
MAX_CANDIDATES = 12
JOINER = " or "


def mostly_withheld(table: ProtectedTable) -> bool:
    """More than half of the breakdown's figures (cells and margins) withheld."""
    figures = len(table.cells) + sum(len(row) for row in table.margins.values())
    return figures > 0 and table.withheld > MOSTLY_WITHHELD_SHARE * figures


def merge_values(table: Table, dimension: str, grouping: Mapping[str, Sequence[str]]) -> Table:
    """The table with this dimension's values merged as the grouping says.

    Every value of the dimension must be in exactly one group; the groups' order is the new
    display order, and each new count is the sum of the counts it merges.
    """
    if dimension not in table.dimensions:
        raise ValueError(f"{dimension!r} is not a dimension of the table {table.dimensions}")
    place = table.dimensions.index(dimension)
    values = table.values[place]
    new_label: dict[str, str] = {}
    for label, members in grouping.items():
        if not str(label).strip():
            raise ValueError(f"grouping of {dimension!r}: a group has an empty label")
        if not members:
            raise ValueError(f"grouping of {dimension!r}: group {label!r} merges no values")
        for value in members:
            if value not in values:
                raise ValueError(f"grouping of {dimension!r}: {value!r} is not one of its values")
            if value in new_label:
                raise ValueError(f"grouping of {dimension!r}: {value!r} is in two groups")
            new_label[value] = label
    missing = [value for value in values if value not in new_label]
    if missing:
        raise ValueError(f"grouping of {dimension!r} leaves out {', '.join(map(repr, missing))}")
    counts: dict[tuple[str, ...], int] = {}
    for labels, count in table.counts.items():
        merged = (*labels[:place], new_label[labels[place]], *labels[place + 1 :])
        counts[merged] = counts.get(merged, 0) + count
    new_values = (*table.values[:place], tuple(grouping), *table.values[place + 1 :])
    return Table(table.dimensions, new_values, counts)


def suggest_groupings(
    table: Table,
    dimension: str,
    policy: Policy | None = None,
    *,
    keep_apart: frozenset[str] = KEEP_APART,
    max_candidates: int = MAX_CANDIDATES,
    method: Method = "exact",
) -> list[Grouping]:
    """Coarser groupings of one dimension that withhold fewer figures, best first.

    Candidates come from merging, one step at a time, the smallest group with its smaller
    neighbour in display order (for ordered categories such as bands), and the two smallest
    groups wherever they are (for unordered ones), keeping `keep_apart` values on their own
    while anything else can merge. Each candidate (two groups at least: one group is no
    breakdown) is protected as a release would be; those withholding fewer figures than the
    table as it is are returned, fewest withheld first, then most categories kept.
    """
    policy = policy or Policy()
    values = table.values_of(dimension)  # raises for an unknown dimension
    baseline = _withheld(protect(table, policy, method=method))
    sizes = _sizes(table, dimension)
    candidates: list[list[list[str]]] = []
    for allow_apart in (False, True):
        for step in (_merge_adjacent, _merge_smallest):
            groups: list[list[str]] = [[value] for value in values]
            while (merged := step(groups, sizes, keep_apart, allow_apart)) is not None:
                groups = [sorted(group, key=values.index) for group in merged]
                if len(groups) >= 2 and groups not in candidates:
                    candidates.append(groups)
        if candidates:
            break  # merge a kept-apart value only if nothing else can merge
    # Fewest merges first, both kinds in turn: the evaluation budget goes to the groupings
    # that keep most of the breakdown.
    candidates.sort(key=lambda groups: -len(groups))
    scored: list[tuple[int, int, int, Grouping]] = []
    for order, groups in enumerate(candidates[:max_candidates]):
        grouping = {_label(group): list(group) for group in groups}
        merged_table = merge_values(table, dimension, grouping)
        withheld = _withheld(protect(merged_table, policy, method=method))
        if withheld < baseline:
            scored.append((withheld, -len(groups), order, grouping))
    scored.sort(key=lambda item: item[:3])
    return [grouping for *_, grouping in scored]


def _withheld(table: ProtectedTable) -> int:
    return table.withheld + int(table.total.withheld)


def _sizes(table: Table, dimension: str) -> dict[str, int]:
    place = table.dimensions.index(dimension)
    sizes = dict.fromkeys(table.values[place], 0)
    for labels, count in table.counts.items():
        sizes[labels[place]] += count
    return sizes


def _label(group: Sequence[str]) -> str:
    return JOINER.join(group)


def _size(group: Sequence[str], sizes: Mapping[str, int]) -> int:
    return sum(sizes[value] for value in group)


def _open_places(
    groups: list[list[str]], keep_apart: frozenset[str], allow_apart: bool
) -> list[int]:
    """The places of the groups that may merge."""
    return [
        place
        for place, group in enumerate(groups)
        if allow_apart or not any(value in keep_apart for value in group)
    ]


def _merge_adjacent(
    groups: list[list[str]],
    sizes: Mapping[str, int],
    keep_apart: frozenset[str],
    allow_apart: bool,
) -> list[list[str]] | None:
    """Merge the smallest group with its smaller neighbour (display order).

    Neighbours are the nearest mergeable groups either side, skipping kept-apart ones.
    """
    open_places = _open_places(groups, keep_apart, allow_apart)
    if len(open_places) < 2:
        return None
    smallest = min(open_places, key=lambda i: (_size(groups[i], sizes), i))
    index = open_places.index(smallest)
    neighbours = [
        open_places[other] for other in (index - 1, index + 1) if 0 <= other < len(open_places)
    ]
    other = min(neighbours, key=lambda i: (_size(groups[i], sizes), i))
    return _merged(groups, smallest, other)


def _merge_smallest(
    groups: list[list[str]],
    sizes: Mapping[str, int],
    keep_apart: frozenset[str],
    allow_apart: bool,
) -> list[list[str]] | None:
    """Merge the two smallest mergeable groups, wherever they are."""
    open_places = _open_places(groups, keep_apart, allow_apart)
    if len(open_places) < 2:
        return None
    first, second = sorted(open_places, key=lambda i: (_size(groups[i], sizes), i))[:2]
    return _merged(groups, first, second)


def _merged(groups: list[list[str]], one: int, other: int) -> list[list[str]]:
    """Groups one and other as one group, at the first one's place."""
    first, second = sorted((one, other))
    merged = [*groups[first], *groups[second]]
    return [*groups[:first], merged, *groups[first + 1 : second], *groups[second + 1 :]]
