"""What a response's tables of figures share, said once: "About the figures in this response".

Every table the answer engine publishes carries the same footnotes (what [c] means, that 0
means none, the disclosure-control policy's reason). Printed under each table they repeat,
several times in one letter, what a requester needs to read once; so a letter's tables keep
only what is their own (figures.py) and the response explains, once and only where its
tables need it:

- `[c]`: withheld, either fewer than the threshold (but not 0) or so that another withheld
  figure cannot be worked out; which threshold applied where tables differ (a stricter one
  for tables broken down by child or disability: the policy's sensitive threshold);
- `0`: none (true zeros are shown: a zero identifies no one);
- "not held": the register holds the records only from a date, so earlier periods are not
  held;
- the policy's reason for its threshold (`suppression.reason`), each distinct reason once.

The facts are read from the `ask --format json` documents the casework keeps, never from
the register: the letter gives what the requester was given.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from answerable.answers.disclosure_control.policy import Policy
from answerable.casework.letters.figures import (
    WITHHELD,
    has_not_held,
    held_from,
    shows,
)
from answerable.core.regimes import Citations

# The engine's [c] footnote names a stricter threshold for a figure that is also published
# in a table broken down by a sensitive dimension (disclosure_control/published.py).
_ALSO_PUBLISHED = re.compile(
    r"fewer than (\d+) for a figure also published in a table broken down by ([^)]+)\)"
)


@dataclass(frozen=True)
class ShownTable:
    """A table the response gives: the question it answers and its `ask` document."""

    number: int
    document: Mapping[str, Any]
    titles: Mapping[str, str] = field(default_factory=dict)  # the dimensions' titles
    average: bool = False  # whether the letter shows its average time to disclose

    @property
    def threshold(self) -> int | None:
        return (self.document.get("suppression") or {}).get("threshold")

    @property
    def withheld(self) -> bool:
        """Whether the table, as the letter shows it, has a figure shown as [c]."""
        timing = self.document.get("time_to_disclose") or {}
        return shows(self.document, WITHHELD) or (
            self.average and timing.get("display") == WITHHELD
        )


@dataclass(frozen=True)
class Explanation:
    term: str  # as it appears in a table: "[c]", "0", "not held"
    text: str  # what it means, read after the term: "means none. ..."


@dataclass(frozen=True)
class FigureNotes:
    explanations: tuple[Explanation, ...] = ()
    reasons: tuple[str, ...] = ()  # why small figures are withheld: the policy's reason(s)

    def __bool__(self) -> bool:
        return bool(self.explanations or self.reasons)


def _numbers(tables: Sequence[ShownTable]) -> str:
    numbers = [str(table.number) for table in tables]
    if len(numbers) == 1:
        return f"the table for question {numbers[0]}"
    return f"the tables for questions {', '.join(numbers[:-1])} and {numbers[-1]}"


def _sensitive_titles(tables: Sequence[ShownTable], sensitive: frozenset[str]) -> list[str]:
    found: dict[str, None] = {}
    for table in tables:
        for name in table.document.get("by") or []:
            if name in sensitive:
                found.setdefault(str(table.titles.get(name) or name.replace("_", " ")).lower())
    return list(found)


def _stricter_limits(
    tables: Sequence[ShownTable], sensitive: frozenset[str] = Policy().sensitive_dimensions
) -> list[str]:
    """Sentences for the tables whose threshold is above the lowest one used."""
    by_threshold: dict[int, list[ShownTable]] = {}
    for table in tables:
        if table.threshold is not None:
            by_threshold.setdefault(int(table.threshold), []).append(table)
    if len(by_threshold) < 2:
        return []
    lowest, *higher = sorted(by_threshold)
    sentences = []
    for threshold in higher:
        group = by_threshold[threshold]
        which = _numbers(group)
        titles = _sensitive_titles(group, sensitive)
        if titles:
            verb = "is" if len(group) == 1 else "are"
            which += f", which {verb} broken down by {' or '.join(titles)}"
        sentences.append(f"In {which}, figures fewer than {threshold} (not {lowest}) are withheld.")
    return sentences


def _also_published(tables: Sequence[ShownTable]) -> list[str]:
    """The engine's stricter limit for figures also published in a sensitive table."""
    found: dict[str, None] = {}
    for table in tables:
        for footnote in table.document.get("footnotes") or []:
            for limit, where in _ALSO_PUBLISHED.findall(str(footnote)):
                found.setdefault(
                    f"A figure that is also published in a table broken down by {where} is "
                    f"withheld if it is fewer than {limit}."
                )
    return list(found)


def withheld_explanation(tables: Sequence[ShownTable], regime: Citations) -> Explanation | None:
    """What [c] means, with the threshold(s) that applied; None if no table shows [c]."""
    if not any(table.withheld for table in tables):
        return None
    thresholds = sorted({int(t.threshold) for t in tables if t.threshold is not None})
    fewer = f"more than 0 but fewer than {thresholds[0]}" if thresholds else "a small number"
    sentences = [
        f"means a figure is withheld: either it is {fewer}, or it is withheld so that another "
        "withheld figure cannot be worked out from the figures shown. Which of the two "
        "applies to a figure is not said, because that would narrow what it could be.",
        *_stricter_limits(tables),
        *_also_published(tables),
        "A small count could identify the people it counts, so it is their personal data and "
        f"is withheld under {regime.personal_data} of the {regime.act}.",
    ]
    return Explanation(WITHHELD, " ".join(sentences))


def zero_explanation(tables: Sequence[ShownTable]) -> Explanation | None:
    if not any(shows(table.document, "0") for table in tables):
        return None
    return Explanation("0", "means none. Zeros are shown, because a zero identifies no one.")


def _records(table: ShownTable) -> str:
    unit = str(table.document.get("unit") or "")
    if unit:
        return unit
    title = str(table.document.get("title") or "these records")
    return title[:1].lower() + title[1:]


def not_held_explanation(tables: Sequence[ShownTable]) -> Explanation | None:
    """What "not held" means: the register holds the records only from a date."""
    not_held = [table for table in tables if has_not_held(table.document)]
    if not not_held:
        return None
    since: dict[str, None] = {}
    for table in not_held:
        day = held_from(table.document)
        if day:
            since.setdefault(f"{_records(table)} only from {day}")
    if not since:
        return Explanation(
            "not held", "means the register does not hold the figure for that period."
        )
    held = " and ".join(since)
    return Explanation(
        "not held",
        f"means the register does not hold the figure: it holds {held}, so figures for any "
        "earlier period are not held.",
    )


def reasons(tables: Sequence[ShownTable]) -> tuple[str, ...]:
    """The policy's reason for its threshold, each distinct reason once, where a figure is
    withheld; with the questions it applies to when the tables give different reasons."""
    given: dict[str, list[ShownTable]] = {}
    withheld = [table for table in tables if table.withheld]
    for table in withheld:
        reason = str((table.document.get("suppression") or {}).get("reason") or "").strip()
        if reason:
            given.setdefault(reason, []).append(table)
    if len(given) <= 1:
        return tuple(given)
    return tuple(f"For {_numbers(group)}: {reason}" for reason, group in given.items())


def figure_notes(tables: Sequence[ShownTable], regime: Citations) -> FigureNotes:
    """The response's notes on its figures: only what its tables need, each said once."""
    explanations = (
        withheld_explanation(tables, regime),
        zero_explanation(tables),
        not_held_explanation(tables),
    )
    return FigureNotes(
        explanations=tuple(item for item in explanations if item is not None),
        reasons=reasons(tables),
    )
