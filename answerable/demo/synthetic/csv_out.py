"""Writing interchange CSV fast: whole columns, joined row by row at C speed.

The csv module's writer costs about 3 microseconds a row here; joining the already-escaped
cells with str.join is about six times faster, which is what makes ten million episodes
practical. Quoting follows RFC 4180 as the interchange formats require (custody-episodes-v1,
File): a cell with a comma, a double quote or a line break is enclosed in double quotes
and its quotes doubled. Columns the generator makes from references and ISO times cannot
hold those characters and are passed through unchecked.
"""

from collections.abc import Iterable, Mapping, Sequence
from typing import TextIO

SPECIAL = frozenset(',"\r\n')
LINE_END = "\r\n"  # RFC 4180


def quoted(value: str) -> str:
    """`value` as an RFC 4180 cell."""
    if SPECIAL.isdisjoint(value):
        return value
    return '"' + value.replace('"', '""') + '"'


def escape_column(values: list[str]) -> list[str]:
    """Every cell of a column quoted as needed (checked once per distinct value)."""
    needing = {value for value in set(values) if not SPECIAL.isdisjoint(value)}
    if not needing:
        return values
    replacement = {value: quoted(value) for value in needing}
    return [replacement.get(value, value) for value in values]


def write_header(stream: TextIO, names: Sequence[str]) -> None:
    stream.write(",".join(quoted(name) for name in names) + LINE_END)


def write_columns(
    stream: TextIO,
    columns: Mapping[str, list[str]],
    names: Sequence[str],
    *,
    safe: Iterable[str] = (),
) -> None:
    """Write the rows held as `columns`, in the order `names`; `safe` columns are known to
    need no quoting."""
    unchecked = set(safe)
    cells = [columns[name] if name in unchecked else escape_column(columns[name]) for name in names]
    if not cells or not cells[0]:
        return
    stream.write(LINE_END.join(map(",".join, zip(*cells, strict=True))) + LINE_END)
