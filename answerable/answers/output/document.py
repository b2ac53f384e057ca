"""The JSON document of an answer: the `ask --format json` contract.

Keys named in the contract: question, title, period {from, to}, by, cells, margins (two or
more dimensions), total {count, display}, suppression {threshold, withheld, method}, cost
{hours, gbp, limit_gbp}. Further keys add context and never change those: `counted`, the
statement in plain words of what the answer counted; every figure's
`status` (shown, withheld or not_held: count null and display "not held" for a period before
the register holds its records), and `period.held_from` when the period asked starts before
the first day the register holds (the figures count from that day).
"""

from typing import Any

from answerable.answers.answer import Answer, Figure
from answerable.answers.counting import counted_line


def _figure(figure: Figure, dimensions: tuple[str, ...]) -> dict[str, Any]:
    return {
        **dict(zip(dimensions, figure.labels, strict=True)),
        "count": figure.count,
        "display": figure.display,
        "status": figure.status,
    }


def _time_to_disclose(answer: Answer) -> dict[str, Any] | None:
    timing = answer.counts.time_to_disclose
    if timing is None:
        return None
    if answer.counts.coverage.wholly_not_held:
        return {"average_hours": None, "based_on": None, "display": "not held"}
    threshold = answer.published.threshold
    if answer.average_withheld or (threshold is not None and 0 < timing.based_on < threshold):
        # An average over a handful of disclosures could single one out.
        return {"average_hours": None, "based_on": None, "display": "[c]"}
    hours = None if timing.average is None else round(timing.average.total_seconds() / 3600, 1)
    return {
        "average_hours": hours,
        "based_on": timing.based_on,
        "display": "no requests recorded" if hours is None else f"{hours} hours",
    }


def as_document(answer: Answer) -> dict[str, Any]:
    ask, question, published = answer.counts.ask, answer.counts.question, answer.published
    by = answer.by
    coverage = answer.counts.coverage
    period = {
        "from": ask.first_day.isoformat() if ask.first_day else None,
        "to": ask.last_day.isoformat() if ask.last_day else None,
    }
    if coverage.held_from is not None and coverage.starts_before:
        period["held_from"] = coverage.held_from.isoformat()
    document: dict[str, Any] = {
        "question": question.name,
        "title": question.title,
        "period": period,
        "by": list(by),
        "cells": [_figure(cell, by) for cell in published.cells],
    }
    if len(by) >= 2:
        document["margins"] = {
            dimension: [_figure(figure, (dimension,)) for figure in figures]
            for dimension, figures in published.margins.items()
        }
    document["total"] = _figure(published.total, ())
    document["suppression"] = {
        "threshold": published.threshold,
        "withheld": published.withheld,
        "method": published.method,
        "reason": published.reason,
    }
    document["cost"] = {
        "hours": float(answer.cost.hours),
        "gbp": float(answer.cost.gbp),
        "limit_gbp": float(answer.cost.limit_gbp),
    }
    document["counting"] = ask.count
    document["unit"] = question.unit
    document["counted"] = counted_line(question, ask)  # what was counted, in plain words
    document["where"] = {name: list(values) for name, values in ask.where.items()}
    if ask.groups:
        document["groups"] = {
            name: {label: list(members) for label, members in grouping.items()}
            for name, grouping in ask.groups.items()
        }
    if "duration" in by or "duration" in ask.where:
        document["bands"] = list(ask.duration_bounds)
    if "age_band" in by or "age_band" in ask.where:
        document["ages"] = list(ask.age_bounds)
    timing = _time_to_disclose(answer)
    if timing is not None:
        document["time_to_disclose"] = timing
    document["footnotes"] = published.footnotes
    return document
