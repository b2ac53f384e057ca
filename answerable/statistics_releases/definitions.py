"""A defined table read as the engine's Ask: what DefinedTable.clean() checks and every
edition counts by. Imports no model (models.py checks a definition with it).
"""

from typing import Any, Protocol

from answerable.answers import bands
from answerable.answers.catalogue import CATALOGUE
from answerable.answers.engine import EPISODES, PEOPLE, Ask
from answerable.statistics_releases.periods import Period


class TableDefinition(Protocol):
    """What is read of a defined table (models.DefinedTable)."""

    question: str
    by: str
    where: Any
    bands: str
    ages: str
    count: str
    period: str


class DefinitionError(ValueError):
    """A defined table cannot be asked as written; `field` names the field at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def _names(text: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in text.split(",") if name.strip())


def ask_for(table: TableDefinition, period: Period | None) -> Ask:
    """The engine's Ask for a defined table in a release of `period` (None: only check the
    definition). DefinitionError names the field at fault."""
    question = CATALOGUE.get(table.question)
    if question is None:
        raise DefinitionError(
            "question",
            f"unknown question {table.question!r}; the catalogue has: " + ", ".join(CATALOGUE),
        )
    by = _names(table.by)
    for name in by:
        if name not in question.dimensions:
            raise DefinitionError(
                "by",
                f"{question.name} has no breakdown {name!r}; it has: "
                + ", ".join(question.dimensions),
            )
    where = table.where or {}
    if not isinstance(where, dict) or not all(
        isinstance(values, list) and values and all(isinstance(v, str) for v in values)
        for values in where.values()
    ):
        raise DefinitionError("where", 'write filters as {"dimension": ["value", ...]}')
    for name in where:
        if name not in question.dimensions:
            raise DefinitionError("where", f"{question.name} has no dimension {name!r}")
    try:
        duration_bounds = bands.parse_bounds(table.bands or "24,48", what="bands")
    except ValueError as error:
        raise DefinitionError("bands", str(error)) from None
    try:
        age_bounds = bands.parse_bounds(table.ages or "18", what="ages")
    except ValueError as error:
        raise DefinitionError("ages", str(error)) from None
    if table.count not in (EPISODES, PEOPLE):
        raise DefinitionError("count", f"count {table.count!r}: records or people")
    if table.count == PEOPLE and not question.people:
        raise DefinitionError("count", f"{question.name} cannot count people")
    first, last = period.table_span(table.period) if period else (None, None)
    return Ask(
        question=question.name,
        first_day=first,
        last_day=last,
        where={name: tuple(values) for name, values in where.items()},
        by=by,
        duration_bounds=duration_bounds,
        age_bounds=age_bounds,
        count=table.count,
    )
