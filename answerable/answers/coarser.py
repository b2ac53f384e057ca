"""Coarser groupings to offer an officer when a breakdown would be mostly withheld.

Issue 12: "When a breakdown would be mostly withheld, offer the officer a coarser grouping
that can be published (for example female / male and other), and answer with it if chosen."
disclosure_control/grouping.py proposes and evaluates the merges (each protected as the
table alone would be); this names them as `--group` options (the command line, and the
answers page's `group` parameter) for the answers whose breakdowns are mostly withheld. A
grouping chosen is asked again like any question, so the release ledger still decides it.
"""

from dataclasses import dataclass
from typing import Any

from answerable.answers.answer import Answer, policy_for
from answerable.answers.disclosure_control.grouping import MOSTLY_WITHHELD_SHARE, suggest_groupings
from answerable.answers.engine import TIME_DIMENSION_NAMES

MAX_OFFERS = 2
GROUP_SYNTAX = "DIM=LABEL:VALUE,VALUE"


def parse_groups(items: list[str]) -> dict[str, dict[str, list[str]]]:
    """`DIM=LABEL:V1,V2` items (`--group`, the page's `group`) -> {DIM: {LABEL: [V1, V2]}};
    ValueError naming the item at fault."""
    groups: dict[str, dict[str, list[str]]] = {}
    for item in items:
        name, equals, rest = item.partition("=")
        label, colon, values = rest.rpartition(":")
        members = [value.strip() for value in values.split(",") if value.strip()]
        if not equals or not name.strip() or not colon or not label.strip() or not members:
            raise ValueError(f"group {item!r}: write it as {GROUP_SYNTAX}")
        grouping = groups.setdefault(name.strip(), {})
        if label.strip() in grouping:
            raise ValueError(f"group {item!r}: {label.strip()!r} is named twice")
        grouping[label.strip()] = members
    return groups


def group_items(groups: dict[str, dict[str, list[str]]] | Any) -> list[str]:
    """The inverse of parse_groups: one `DIM=LABEL:V1,V2` item a group."""
    return [
        f"{name}={label}:{','.join(members)}"
        for name, grouping in groups.items()
        for label, members in grouping.items()
    ]


@dataclass(frozen=True)
class Offer:
    dimension: str
    groups: dict[str, list[str]]  # only the merged groups: label -> values

    def option(self) -> list[str]:
        """As `--group DIM=LABEL:V1,V2` options."""
        return group_items({self.dimension: self.groups})

    def words(self) -> str:
        """e.g. "male or other (male, other)"."""
        return "; ".join(
            f"{label} ({', '.join(members)})" for label, members in self.groups.items()
        )


def mostly_withheld(answer: Answer) -> bool:
    published = answer.published
    figures = [*published.cells, *(f for row in published.margins.values() for f in row)]
    withheld = sum(1 for figure in figures if figure.status == "withheld")
    return bool(figures) and withheld > MOSTLY_WITHHELD_SHARE * len(figures)


def offers(answer: Answer) -> list[Offer]:
    """Coarser groupings of each breakdown that withhold fewer figures, best first."""
    counts = answer.counts
    held = counts.held_table()
    if held is None or counts.kinds is not None or not mostly_withheld(answer):
        return []
    policy = policy_for(counts.ask)
    found: list[Offer] = []
    for dimension in held.dimensions:
        if dimension in TIME_DIMENSION_NAMES or dimension in counts.ask.groups:
            continue
        for grouping in suggest_groupings(held, dimension, policy)[:MAX_OFFERS]:
            merged = {label: list(m) for label, m in grouping.items() if len(m) > 1}
            if merged:
                found.append(Offer(dimension, merged))
    return found[:MAX_OFFERS]
