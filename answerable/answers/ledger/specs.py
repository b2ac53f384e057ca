"""A released table as the ledger keeps it: its definition and its figures as published.

The definition is the `answerable ask` options (question, from, to, where, by, bands, ages,
count), so that the joint audit can work out, from today's register, which records each
figure counted. The figures are what a reader saw: each figure's labels (the categories it
fixes) and its displayed text, a number, `[c]` or `not held`. Never the counts behind `[c]`.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from answerable.answers.disclosure_control.audit import WITHHELD_MARKER
from answerable.answers.engine import EPISODES, Ask

NOT_HELD = "not held"

Fixed = tuple[tuple[str, str], ...]  # (dimension, label) pairs, in the table's `by` order


@dataclass(frozen=True)
class PublishedFigure:
    fixed: Fixed
    display: str

    @property
    def withheld(self) -> bool:
        return self.display.strip() == WITHHELD_MARKER

    @property
    def not_held(self) -> bool:
        return self.display.strip() == NOT_HELD

    @property
    def value(self) -> int | None:
        """The published number, or None for a withheld or not-held figure."""
        text = self.display.strip().replace(",", "")
        return int(text) if text.isascii() and text.isdigit() else None


@dataclass(frozen=True)
class Spec:
    """One table in a joint audit: what it counts, how it was published, and whether it is
    part of the release being decided (only those figures can still be withheld)."""

    ask: Ask
    figures: tuple[PublishedFigure, ...]
    threshold: int
    new: bool = False
    label: str = ""


def definition_of(ask: Ask) -> dict[str, Any]:
    """The JSON definition the ledger keeps (the `answerable ask` options)."""
    return {
        "question": ask.question,
        "from": ask.first_day.isoformat() if ask.first_day else None,
        "to": ask.last_day.isoformat() if ask.last_day else None,
        "where": {name: list(values) for name, values in ask.where.items()},
        "by": list(ask.by),
        "bands": list(ask.duration_bounds),
        "ages": list(ask.age_bounds),
        "count": ask.count,
        **(
            {"groups": {d: {k: list(v) for k, v in g.items()} for d, g in ask.groups.items()}}
            if ask.groups
            else {}
        ),
    }


def _day(text: Any) -> date | None:
    return date.fromisoformat(text) if text else None


def ask_of(definition: Mapping[str, Any]) -> Ask:
    """The Ask a stored definition describes."""
    return Ask(
        question=definition["question"],
        first_day=_day(definition.get("from")),
        last_day=_day(definition.get("to")),
        where={name: tuple(values) for name, values in (definition.get("where") or {}).items()},
        by=tuple(definition.get("by") or ()),
        duration_bounds=tuple(definition.get("bands") or (24, 48)),
        age_bounds=tuple(definition.get("ages") or (18,)),
        count=definition.get("count") or EPISODES,
        groups={
            name: {label: tuple(members) for label, members in grouping.items()}
            for name, grouping in (definition.get("groups") or {}).items()
        },
    )


def figures_json(figures: Sequence[PublishedFigure]) -> list[dict[str, Any]]:
    return [{"fixed": dict(figure.fixed), "display": figure.display} for figure in figures]


def figures_of(data: Sequence[Mapping[str, Any]]) -> tuple[PublishedFigure, ...]:
    return tuple(
        PublishedFigure(tuple((str(k), str(v)) for k, v in item["fixed"].items()), item["display"])
        for item in data
    )
