"""Errors in an interchange file, each with the line and column it is at."""

from dataclasses import dataclass


@dataclass(frozen=True)
class CellError:
    """One problem in a file. `line` is the physical line (1 = header); `column` is the
    1-based position of the field in its row, or None when the problem is the whole row or
    the file's structure."""

    line: int
    column: int | None
    column_name: str | None
    message: str

    def sort_key(self) -> tuple[int, int, str]:
        # Whole-row problems first on their line, then cell problems left to right.
        return (self.line, self.column or 0, self.message)

    def format(self, file_name: str) -> str:
        where = f"{file_name}:{self.line}"
        if self.column is not None:
            where += f":{self.column}"
        name = f" {self.column_name}:" if self.column_name else ""
        return f"{where}:{name} {self.message}"


class ImportRejected(Exception):
    """The file was rejected whole; nothing was stored. `errors` lists every problem."""

    def __init__(self, file_name: str, errors: list[CellError]) -> None:
        self.file_name = file_name
        self.errors = sorted(errors, key=CellError.sort_key)
        super().__init__(
            f"{file_name}: rejected with {len(self.errors)} error(s); nothing was stored"
        )

    def report(self) -> str:
        lines = [error.format(self.file_name) for error in self.errors]
        lines.append(str(self))
        return "\n".join(lines)
