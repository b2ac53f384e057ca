"""What an interchange format is: its columns, how each is read, and its row rules.

The rules here are the only ones: a CSV file's rows (Format.read) and a record sent to the
systems API (Format.check) are read by the same columns and checked by the same row rules,
so a record the API accepts is one an import would accept, and the other way round.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from answerable.core.uk_time import uk_date
from answerable.interchange.cells import Parser
from answerable.interchange.csv_file import Header, RawRow
from answerable.interchange.errors import CellError

Values = dict[str, Any]
# One problem: the column it is in and a message for the person who has to fix it.
Problem = tuple[str, str]
# A row rule returns a problem for each thing it finds wrong.
RowRule = Callable[[Values, datetime], list[Problem]]

# Events cannot have happened after they are sent; a day's grace allows for clock skew.
FUTURE_GRACE = timedelta(days=1)


@dataclass(frozen=True)
class Column:
    """One column: its name, its parser and what a describer (the API's OpenAPI document)
    needs to say about the values it takes. `kind` is one of those in columns.py."""

    name: str
    parse: Parser
    required: bool = False
    kind: str = "text"
    choices: tuple[str, ...] = ()
    max_length: int | None = None
    minimum: int | None = None
    maximum: int | None = None
    description: str = ""


@dataclass(frozen=True)
class Format:
    name: str  # e.g. custody-episodes-v1
    key: str | None  # the column that identifies a record within a force, if one does
    columns: tuple[Column, ...]
    row_rules: tuple[RowRule, ...]
    description: str = ""
    by_name: dict[str, Column] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {column.name: column for column in self.columns})

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]

    @property
    def required(self) -> set[str]:
        return {column.name for column in self.columns if column.required}

    def check(self, cells: Mapping[str, str], now: datetime) -> tuple[Values, list[Problem]]:
        """The values of one record given as cell texts by column name (None for not
        recorded, or for a cell that could not be read) and every problem found in it:
        cell by cell, then the row rules on what could be read. A column missing from
        `cells` is not recorded."""
        values: Values = {}
        problems: list[Problem] = []
        for column in self.columns:
            cell = cells.get(column.name)
            cell = cell.strip() if cell else ""
            values[column.name] = None
            # Inlined is_not_recorded: this loop runs for every cell of a million-row file.
            if not cell or (len(cell) == 12 and cell.lower() == "not_recorded"):
                if column.required:
                    given = column.name in cells
                    problems.append((column.name, "required, but empty" if given else "required"))
                continue
            try:
                values[column.name] = column.parse(cell)
            except ValueError as error:
                problems.append((column.name, str(error)))
        for rule in self.row_rules:
            problems.extend(rule(values, now))
        return values, problems

    def read(self, row: RawRow, header: Header, now: datetime) -> tuple[Values, list[CellError]]:
        """`check` for one row of a file, each problem placed at its line and column.

        The header has been checked already, so every required column is in it."""
        positions = header.positions
        cells = row.cells
        values, problems = self.check({name: cells[at] for name, at in positions.items()}, now)
        return values, [at_cell(row.line, header, name, message) for name, message in problems]

    def reader(
        self, header: Header
    ) -> Callable[[RawRow, datetime], tuple[Values, list[CellError]]]:
        """`read` for every row of one file, with the work the header decides done once:
        the same values and the same problems, in the same order, as `read`."""
        unique = {self.key, "person_ref"}  # a cache of these would never be used
        plan = [
            (
                column.name,
                header.positions.get(column.name),
                column.parse if column.name in unique else _cached(column),
                column.required,
            )
            for column in self.columns
        ]
        rules = self.row_rules

        def read(row: RawRow, now: datetime) -> tuple[Values, list[CellError]]:
            cells = row.cells
            values: Values = {}
            problems: list[Problem] = []
            for name, at, parse, required in plan:
                cell = cells[at].strip() if at is not None else ""
                # Inlined is_not_recorded, as in `check`.
                if not cell or (len(cell) == 12 and cell.lower() == "not_recorded"):
                    values[name] = None
                    if required:
                        problems.append(
                            (name, "required, but empty" if at is not None else "required")
                        )
                    continue
                try:
                    values[name] = parse(cell)
                except ValueError as error:
                    values[name] = None
                    problems.append((name, str(error)))
            for rule in rules:
                found = rule(values, now)
                if found:
                    problems.extend(found)
            if not problems:
                return values, []
            return values, [at_cell(row.line, header, name, message) for name, message in problems]

        return read


# The kinds of column (columns.py) whose values are immutable and often repeat in a file:
# stations, divisions, ages, nationalities, dates.
CACHED_KINDS = frozenset({"text", "whole_number", "nationality", "date"})
CACHE_SIZE = 4_096  # values remembered per column: the cache's memory is bounded
_MISSING = object()


def _cached(column: Column) -> Parser:
    """The column's parser, remembering the values of the first CACHE_SIZE distinct cells
    (a cell that fails is not remembered: its error is raised each time)."""
    parse = column.parse
    if column.kind not in CACHED_KINDS:
        return parse
    cache: dict[str, Any] = {}

    def cached(cell: str) -> Any:
        value = cache.get(cell, _MISSING)
        if value is _MISSING:
            value = parse(cell)
            if len(cache) < CACHE_SIZE:
                cache[cell] = value
        return value

    return cached


def at_cell(line: int, header: Header, name: str, message: str) -> CellError:
    position = header.positions.get(name)
    return CellError(line, position + 1 if position is not None else None, name, message)


def not_before(later: str, earlier: str, *, what: str) -> RowRule:
    """A rule that `later` is not before `earlier` when both are recorded."""

    def rule(values: Values, now: datetime) -> list[Problem]:
        end, start = values.get(later), values.get(earlier)
        if end is not None and start is not None and end < start:
            return [
                (
                    later,
                    f"{what}: {later} {end.isoformat()} is before {earlier} {start.isoformat()}",
                )
            ]
        return []

    return rule


def not_in_future(*names: str) -> RowRule:
    """Events cannot have happened after the import; a day's grace allows for clock skew.
    A date is in the future when it is after the UK local date a day from now."""

    def rule(values: Values, now: datetime) -> list[Problem]:
        problems = []
        for name in names:
            moment = values.get(name)
            if isinstance(moment, datetime):
                future = moment - now > FUTURE_GRACE
            elif isinstance(moment, date):
                future = moment > uk_date(now + FUTURE_GRACE)
            else:
                continue
            if future:
                problems.append((name, f"{moment.isoformat()} is in the future"))
        return problems

    return rule


def requires(dependent: str, on: str, *, why: str = "") -> RowRule:
    """A rule that `dependent` is recorded only together with `on`."""

    def rule(values: Values, now: datetime) -> list[Problem]:
        if values.get(dependent) is not None and values.get(on) is None:
            message = f"{dependent} is given but {on} is not recorded"
            return [(dependent, f"{message}: {why}" if why else message)]
        return []

    return rule


def only_when(dependent: str, on: str, value: str, *, why: str = "") -> RowRule:
    """A rule that `dependent` is recorded only when `on` is `value`."""

    def rule(values: Values, now: datetime) -> list[Problem]:
        if values.get(dependent) is not None and values.get(on) != value:
            message = f"{dependent} is given but {on} is not {value!r}"
            return [(dependent, f"{message}: {why}" if why else message)]
        return []

    return rule
