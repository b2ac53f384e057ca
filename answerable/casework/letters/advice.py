"""Advice on narrowing a request refused on cost, made concrete from the answer catalogue.

s15 FOISA (s16 FOIA) requires advice and assistance, and a refusal under s12 should say
how the request could be brought within the cost limit: the Commissioner has found general
advice ("narrow your request") inadequate (Decisions 066/2016 and 268/2024). Answerable can
be specific: which catalogue questions answer the request, for which period the register
holds the records in extractable form, and by which breakdowns they can be given.
"""

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Protocol


class _Dimension(Protocol):
    @property
    def title(self) -> str: ...


class _Question(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def unit(self) -> str: ...
    @property
    def dimensions(self) -> Mapping[str, _Dimension]: ...


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _span(first: date | None, last: date | None) -> str:
    if first and last:
        return f"{_day(first)} to {_day(last)}"
    if first:
        return f"any period from {_day(first)}"
    if last:
        return f"any period up to {_day(last)}"
    return "any period"


def _listed(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def narrowing_advice(
    catalogue: Mapping[str, _Question],
    questions: Sequence[str],
    *,
    first_day: date | None = None,
    last_day: date | None = None,
    held_from: Mapping[str, date] | None = None,
    by: Sequence[str] = (),
) -> tuple[str, ...]:
    """Concrete s15 advice: for each catalogue question that answers the request, the
    period it can be answered for and the breakdowns available.

    `first_day`/`last_day` is the period asked; `held_from` gives, per question, the first
    day the register holds its records in extractable form (e.g. seed 001: custody records
    from the National Custody System's introduction); `by` names the breakdowns asked for.
    """
    if not questions:
        raise ValueError("name at least one catalogue question the request could be met by")
    unknown = [name for name in questions if name not in catalogue]
    if unknown:
        raise ValueError(
            f"unknown catalogue question(s) {', '.join(unknown)}: expected any of "
            f"{', '.join(catalogue)}"
        )
    held_from = held_from or {}
    advice = []
    for name in questions:
        question = catalogue[name]
        start = first_day
        held = held_from.get(name)
        if held is not None and (start is None or start < held):
            start = held
            asked = _span(first_day, last_day) if first_day else "the period asked"
            advice.append(
                f"{question.unit[:1].upper() + question.unit[1:]} are held in a form that can "
                f"be extracted only from {_day(held)}: for {asked}, the figures from "
                f"{_day(held)} can be provided within the cost limit."
            )
        if last_day is not None and start is not None and start > last_day:
            continue
        dimensions = question.dimensions
        asked_for = [dimensions[n].title.lower() for n in by if n in dimensions]
        available = [d.title.lower() for n, d in dimensions.items() if n not in by]
        line = f"{question.title} can be given for {_span(start, last_day)}"
        if asked_for:
            line += f", broken down by {_listed(asked_for)} as you asked"
        line += f"; other breakdowns available are {_listed(available)}."
        advice.append(line)
        missing = [n for n in by if n not in dimensions]
        if missing:
            named = _listed([m.replace("_", " ") for m in missing])
            advice.append(
                f"A breakdown of {question.unit} by {named} "
                "is not recorded in a form that can be extracted, so a request without it "
                "could be answered sooner."
            )
    return tuple(advice)
