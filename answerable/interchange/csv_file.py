"""Reading an interchange CSV file: UTF-8 (BOM allowed), RFC 4180, one header row.

Column names match case-insensitively after trimming; order is free; unknown and repeated
columns are errors, because "a typo must not silently drop data" (custody-episodes-v1).
Every physical line number is kept, so that each error can name its line and column.
"""

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from answerable.interchange.errors import CellError

BOM = "\ufeff"


@dataclass(frozen=True)
class Header:
    """Where each known column stands in the file's rows (0-based)."""

    positions: dict[str, int]
    width: int

    def column_number(self, name: str) -> int:
        return self.positions[name] + 1


@dataclass(frozen=True)
class RawRow:
    line: int
    cells: list[str]


def _decoded_lines(
    stream: io.BufferedIOBase, errors: list[CellError], on_bytes: Callable[[int], object]
) -> Iterator[str]:
    """Yield each line as text; a line that is not UTF-8 is reported, not guessed at."""
    for number, raw in enumerate(stream, start=1):
        on_bytes(len(raw))
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            errors.append(
                CellError(
                    number,
                    None,
                    None,
                    f"not UTF-8: byte {error.start + 1} of the line is {raw[error.start]:#04x}",
                )
            )
            text = raw.decode("utf-8", errors="replace")
        if number == 1 and text.startswith(BOM):
            text = text[1:]
        yield text


def read_header(
    cells: list[str], known: list[str], required: set[str]
) -> tuple[Header, list[CellError]]:
    errors: list[CellError] = []
    positions: dict[str, int] = {}
    known_set = set(known)
    for index, cell in enumerate(cells):
        name = cell.strip().lower()
        if name not in known_set:
            errors.append(
                CellError(
                    1,
                    index + 1,
                    cell.strip() or None,
                    f"unknown column {cell.strip()!r}; the columns of this format are: "
                    + ", ".join(known),
                )
            )
        elif name in positions:
            errors.append(
                CellError(
                    1,
                    index + 1,
                    name,
                    f"column {name!r} appears twice (first as column {positions[name] + 1})",
                )
            )
        else:
            positions[name] = index
    for name in known:
        if name in required and name not in positions:
            errors.append(CellError(1, None, name, f"required column {name!r} is missing"))
    return Header(positions, len(cells)), errors


def read_rows(
    path: Path,
    known: list[str],
    required: set[str],
    errors: list[CellError],
    on_bytes: Callable[[int], object] = lambda n: None,
) -> tuple[Header | None, Iterator[RawRow]]:
    """The file's header and an iterator over its data rows.

    Structural problems (encoding, quoting, wrong number of fields, header) are appended to
    `errors` as they are met; rows with the wrong number of fields are not yielded.
    """
    stream = path.open("rb")
    reader = csv.reader(_decoded_lines(stream, errors, on_bytes), strict=True)
    try:
        header_cells = next(reader)
    except StopIteration:
        stream.close()
        errors.append(CellError(1, None, None, "the file is empty: a header row is required"))
        return None, iter(())
    except csv.Error as error:
        stream.close()
        errors.append(CellError(reader.line_num or 1, None, None, f"malformed CSV: {error}"))
        return None, iter(())
    header, header_errors = read_header(header_cells, known, required)
    errors.extend(header_errors)

    def rows() -> Iterator[RawRow]:
        with stream:
            last_line = reader.line_num
            while True:
                try:
                    cells = next(reader)
                except StopIteration:
                    return
                except csv.Error as error:
                    errors.append(CellError(last_line + 1, None, None, f"malformed CSV: {error}"))
                    return  # the csv module cannot resynchronise after a quoting error
                line = last_line + 1  # a quoted field may span lines: report where it starts
                last_line = reader.line_num
                if not cells or (len(cells) == 1 and not cells[0].strip()):
                    continue  # a blank line carries no record
                if len(cells) != header.width:
                    errors.append(
                        CellError(
                            line,
                            None,
                            None,
                            f"row has {len(cells)} fields but the header has {header.width}",
                        )
                    )
                    continue
                yield RawRow(line, cells)

    return header, rows()
