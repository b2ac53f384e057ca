"""Duration and age bands: the breakdowns requesters ask for (seed 001, corpus A3-A5).

custody-episodes-v1, Meaning: bounds `24,48` give `0-24` (up to and including 24 hours),
`24-48` (over 24, up to and including 48) and `48+` (over 48); episodes still in custody are
their own value, `in_custody`. Requesters' wording varies ("up to 24 hours", "25 to 48
hours", "over 48 hours" in seed 001): the labels are the format's, the meaning the same.
"""

import itertools
from collections.abc import Sequence

IN_CUSTODY = "in_custody"
NOT_RECORDED = "not_recorded"


def parse_bounds(text: str, *, what: str) -> tuple[int, ...]:
    """`24,48` -> (24, 48): whole, positive, strictly increasing."""
    try:
        bounds = tuple(int(part) for part in text.split(","))
    except ValueError:
        raise ValueError(f"{what} must be whole numbers separated by commas, e.g. 24,48") from None
    if not bounds or bounds[0] <= 0 or any(b >= a for b, a in itertools.pairwise(bounds)):
        raise ValueError(f"{what} must be positive and increasing, e.g. 24,48; got {text!r}")
    return bounds


def duration_labels(bounds: Sequence[int]) -> list[str]:
    """Every duration band label, in order, ending with `in_custody`."""
    edges = [0, *bounds]
    labels = [f"{low}-{high}" for low, high in itertools.pairwise(edges)]
    return [*labels, f"{bounds[-1]}+", IN_CUSTODY]


def duration_band(minutes: int | None, bounds: Sequence[int]) -> str:
    """The band of an episode lasting `minutes` (None: still in custody)."""
    if minutes is None:
        return IN_CUSTODY
    labels = duration_labels(bounds)
    for label, hours in zip(labels, bounds, strict=False):
        if minutes <= hours * 60:
            return label
    return labels[len(bounds)]


def age_labels(bounds: Sequence[int]) -> list[str]:
    """Age bands from their lower bounds: `10,16,18,75` gives `0-9`, `10-15`, `16-17`,
    `18-74`, `75+` (corpus A5 asks "under 10, under 16, under 18, 18-75 and over 75"),
    then `not_recorded`."""
    edges = [0, *bounds]
    labels = [f"{low}-{high - 1}" for low, high in itertools.pairwise(edges)]
    return [*labels, f"{bounds[-1]}+", NOT_RECORDED]


def age_band(age: int | None, bounds: Sequence[int]) -> str:
    if age is None:
        return NOT_RECORDED
    labels = age_labels(bounds)
    for label, lower_of_next in zip(labels, bounds, strict=False):
        if age < lower_of_next:
            return label
    return labels[len(bounds)]


def child(age: int | None) -> str:
    """A child is a person under 18 at the time (home-office-disclosures-v1, Meaning)."""
    if age is None:
        return NOT_RECORDED
    return "yes" if age < 18 else "no"
