"""What an interchange format is: its columns, how each is read, and its row rules."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from answerable.register.interchange.cells import Parser
from answerable.register.interchange.csv_file import Header, RawRow
from answerable.register.interchange.errors import CellError

Values = dict[str, Any]
# A row rule returns (column name, message) for each problem it finds.
RowRule = Callable[[Values, datetime], list[tuple[str, str]]]


@dataclass(frozen=True)
class Column:
    name: str
    parse: Parser
    required: bool = False


@dataclass(frozen=True)
class Format:
    name: str  # e.g. custody-episodes-v1
    key: str  # the column that identifies a record within a force
    columns: tuple[Column, ...]
    row_rules: tuple[RowRule, ...]

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]

    @property
    def required(self) -> set[str]:
        return {column.name for column in self.columns if column.required}

    def read(self, row: RawRow, header: Header, now: datetime) -> tuple[Values, list[CellError]]:
        """The row's values (None for not recorded, or for a cell that could not be read) and
        every problem found in it: cell by cell, then the row rules on what could be read."""
        values: Values = {}
        errors: list[CellError] = []
        cells = row.cells
        for column in self.columns:
            position = header.positions.get(column.name)
            cell = cells[position].strip() if position is not None else ""
            values[column.name] = None
            # Inlined is_not_recorded: this loop runs for every cell of a million-row file.
            if not cell or (len(cell) == 12 and cell.lower() == "not_recorded"):
                if column.required and position is not None:
                    errors.append(
                        CellError(row.line, position + 1, column.name, "required, but empty")
                    )
                continue
            try:
                values[column.name] = column.parse(cell)
            except ValueError as error:
                errors.append(CellError(row.line, position + 1, column.name, str(error)))
        for rule in self.row_rules:
            for name, message in rule(values, now):
                position = header.positions.get(name)
                errors.append(
                    CellError(
                        row.line, position + 1 if position is not None else None, name, message
                    )
                )
        return values, errors


def not_before(later: str, earlier: str, *, what: str) -> RowRule:
    """A rule that `later` is not before `earlier` when both are recorded."""

    def rule(values: Values, now: datetime) -> list[tuple[str, str]]:
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
    """Events cannot have happened after the import; a day's grace allows for clock skew."""

    def rule(values: Values, now: datetime) -> list[tuple[str, str]]:
        problems = []
        for name in names:
            moment = values.get(name)
            if isinstance(moment, datetime) and (moment - now).total_seconds() > 86_400:
                problems.append((name, f"{moment.isoformat()} is in the future"))
        return problems

    return rule


def requires(dependent: str, on: str) -> RowRule:
    """A rule that `dependent` is recorded only together with `on`."""

    def rule(values: Values, now: datetime) -> list[tuple[str, str]]:
        if values.get(dependent) is not None and values.get(on) is None:
            return [(dependent, f"{dependent} is given but {on} is not recorded")]
        return []

    return rule
