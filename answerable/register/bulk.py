"""Writing many register records, and their history, at import speed.

Django's bulk_create prepares every value through each field (and on SQLite caps a
statement at 999 parameters, about 40 rows), so a million custody episodes and their
history rows took the best part of ten minutes. Here rows arrive already validated and
typed by the interchange readers, are adapted once per database, and go in as multi-row
INSERT ... RETURNING statements on the connection's own cursor. The history rows are the
same ones django-simple-history would write (history type "+", date, user, reason), so a
record's history reads the same however it was created.
"""

import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from operator import itemgetter
from typing import Any

from django.db import connection, models

ROWS_PER_STATEMENT = 500  # 500 x ~25 columns stays far below SQLite's and PostgreSQL's limits

Row = dict[str, Any]  # column name -> value


def pk_column(model: type[models.Model]) -> str:
    """The column of the model's primary key (every concrete model has one)."""
    pk = model._meta.pk
    assert pk is not None and pk.column is not None
    return pk.column


def _sqlite_datetime(value: datetime | None) -> str | None:
    # As Django's SQLite backend stores them: UTC, naive, "YYYY-MM-DD HH:MM:SS[.ffffff]".
    if value is None:
        return None
    if value.tzinfo is not UTC:
        value = value.astimezone(UTC)
    # str() of a UTC time is that text with "+00:00" after it: one call instead of two.
    return str(value)[:-6]


def _remembering(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """`convert`, skipping the work when a column repeats its last value (the import's
    timestamps and batch are the same on every row)."""
    last: list[Any] = [object(), None]

    def remembered(value: Any) -> Any:
        if value is not last[0]:
            last[0], last[1] = value, convert(value)
        return last[1]

    return remembered


def _sqlite_date(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _converters(model: type[models.Model], columns: list[str]) -> list[Callable[[Any], Any] | None]:
    """For each column, the conversion its values need on this database, or None.

    psycopg adapts dates and aware date-times itself; SQLite needs Django's text forms.
    """
    if connection.vendor != "sqlite":
        return [None] * len(columns)
    fields = {field.column: field for field in model._meta.concrete_fields}
    converters: list[Callable[[Any], Any] | None] = []
    for column in columns:
        field = fields[column]
        if isinstance(field, models.DateTimeField):
            converters.append(_remembering(_sqlite_datetime))
        elif isinstance(field, models.DateField):
            converters.append(_remembering(_sqlite_date))
        else:
            converters.append(None)
    return converters


def _placeholder() -> str:
    return "?" if connection.vendor == "sqlite" else "%s"


def insert(model: type[models.Model], rows: Sequence[Row], *, returning: bool = True) -> list[int]:
    """Insert `rows` (all with the same columns) into `model`'s table; returns their ids
    in order (or nothing when `returning` is off)."""
    if not rows:
        return []
    if connection.vendor == "postgresql":
        return _copy(model, rows, returning=returning)
    columns = list(rows[0])
    quote = connection.ops.quote_name
    converters = _converters(model, columns)
    plain = all(convert is None for convert in converters)
    one_row = "(" + ", ".join([_placeholder()] * len(columns)) + ")"
    head = f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(map(quote, columns))}) VALUES "
    tail = f" RETURNING {quote(pk_column(model))}"
    # Each row's values in column order taken at C speed, then only the columns that need
    # it converted (a Python call per cell cost more than the database's work).
    values_of = itemgetter(*columns) if len(columns) > 1 else lambda row: (row[columns[0]],)
    converted = [(at, convert) for at, convert in enumerate(converters) if convert is not None]
    ids: list[int] = []
    connection.ensure_connection()
    cursor = connection.connection.cursor()  # sqlite3's cursor is no context manager
    try:
        for start in range(0, len(rows), ROWS_PER_STATEMENT):
            chunk = rows[start : start + ROWS_PER_STATEMENT]
            params: list[Any] = []
            if plain:
                for row in chunk:
                    params.extend(values_of(row))
            else:
                for row in chunk:
                    values = list(values_of(row))
                    for at, convert in converted:
                        values[at] = convert(values[at])
                    params.extend(values)
            cursor.execute(head + ", ".join([one_row] * len(chunk)) + tail, params)
            ids.extend(pk for (pk,) in cursor.fetchall())
    finally:
        cursor.close()
    return ids


def _copy(model: type[models.Model], rows: Sequence[Row], *, returning: bool) -> list[int]:
    """PostgreSQL: COPY, the bulk-loading path, with ids reserved from the table's sequence
    first when the caller needs them (a million-row INSERT ... RETURNING spends its time
    in the driver binding parameters)."""
    table, key = model._meta.db_table, pk_column(model)
    columns = list(rows[0])
    ids: list[int] = []
    connection.ensure_connection()
    with connection.connection.cursor() as cursor:
        if returning and key not in columns:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, key, len(rows)],
            )
            ids = [pk for (pk,) in cursor.fetchall()]
            columns = [key, *columns]
            rows = [{key: pk, **row} for pk, row in zip(ids, rows, strict=True)]
        quote = connection.ops.quote_name
        with cursor.copy(
            f"COPY {quote(table)} ({', '.join(map(quote, columns))}) FROM STDIN"
        ) as copy:
            for row in rows:
                copy.write_row([row[column] for column in columns])
    return ids


def insert_with_history(
    model: type[models.Model],
    rows: Sequence[Row],
    *,
    user_id: int | None,
    when: datetime,
    reason: str,
) -> list[int]:
    """Insert `rows` and a creation entry ("+") in the model's history for each."""
    ids = insert(model, rows)
    copy_to_history(model, ids, kind="+", user_id=user_id, when=when, reason=reason)
    return ids


def any_of(column: str) -> tuple[str, Callable[[list[Any]], Any]]:
    """A condition that `column` is one of a list given as one parameter, and how to pass
    the list: json_each on SQLite, = ANY on PostgreSQL. A 20,000-item IN list costs Django
    and the driver a parameter each; this is one parameter, and one statement plan."""
    if connection.vendor == "sqlite":
        return f"{column} IN (SELECT value FROM json_each(?))", json.dumps
    return f"{column} = ANY(%s)", list


def copy_to_history(
    model: type[models.Model],
    ids: Sequence[int] | str,
    *,
    kind: str,
    user_id: int | None,
    when: datetime,
    reason: str,
) -> None:
    """Add an entry of `kind` to the history of each record in `ids` (a list, or a query
    giving them), holding the record as it now is, copied by the database (INSERT ...
    SELECT): the values never come back to Python to be converted a second time. Entries are
    added in the order of the records' ids, as simple_history would hold them."""
    if not ids:
        return
    # django-simple-history's manager on the model, which the stubs do not know.
    historical = model.history.model  # type: ignore[attr-defined]
    quote = connection.ops.quote_name
    key = quote(pk_column(model))
    tracked = [
        quote(field.column)
        for field in historical._meta.concrete_fields
        if not field.column.startswith("history_")
    ]
    history = ["history_date", "history_change_reason", "history_type", "history_user_id"]
    if connection.vendor == "sqlite":
        marks = ["?"] * 4
        when_value: Any = _sqlite_datetime(when)
    else:  # typed: PostgreSQL cannot infer a parameter's type in a SELECT list
        marks = ["%s::timestamptz", "%s::text", "%s::text", "%s::bigint"]
        when_value = when
    head = (
        f"INSERT INTO {quote(historical._meta.db_table)} "
        f"({', '.join(tracked + [quote(name) for name in history])}) "
        f"SELECT {', '.join(tracked + marks)} FROM {quote(model._meta.db_table)} WHERE "
    )
    fixed = [when_value, reason, kind, user_id]
    connection.ensure_connection()
    cursor = connection.connection.cursor()
    try:
        if isinstance(ids, str):
            cursor.execute(f"{head}{key} IN ({ids}) ORDER BY {key}", fixed)
            return
        condition, as_parameter = any_of(key)
        for start in range(0, len(ids), ROWS_PER_STATEMENT * 20):
            chunk = list(ids[start : start + ROWS_PER_STATEMENT * 20])
            cursor.execute(f"{head}{condition} ORDER BY {key}", [*fixed, as_parameter(chunk)])
    finally:
        cursor.close()


def update(model: type[models.Model], changes: dict[int, Row]) -> None:
    """Apply `changes` ({id: {column: new value}}, every change naming the same columns),
    adding nothing to the history."""
    if not changes:
        return
    ids = list(changes)
    columns = list(changes[ids[0]])
    quote = connection.ops.quote_name
    mark = _placeholder()
    sql = (
        f"UPDATE {quote(model._meta.db_table)} SET "
        + ", ".join(f"{quote(column)} = {mark}" for column in columns)
        + f" WHERE {quote(pk_column(model))} = {mark}"
    )
    converters = _converters(model, [*columns, pk_column(model)])
    connection.ensure_connection()
    cursor = connection.connection.cursor()
    try:
        for start in range(0, len(ids), ROWS_PER_STATEMENT * 4):
            chunk = ids[start : start + ROWS_PER_STATEMENT * 4]
            params = [
                [
                    value if convert is None else convert(value)
                    for value, convert in zip(
                        [*(changes[pk][column] for column in columns), pk], converters, strict=True
                    )
                ]
                for pk in chunk
            ]
            cursor.executemany(sql, params)
    finally:
        cursor.close()


def update_with_history(
    model: type[models.Model],
    changes: dict[int, Row],
    *,
    user_id: int | None,
    when: datetime,
    reason: str,
) -> None:
    """Apply `changes` ({id: {column: new value}}, every change naming the same columns) and
    add a change entry ("~") to each record's history holding the record as it now is.

    Django's bulk_update builds one CASE per column over every row, which took seconds for
    a few thousand people; one prepared UPDATE run for each row takes milliseconds.
    """
    if not changes:
        return
    update(model, changes)
    # The history holds the whole record after the change, as simple_history's does.
    copy_to_history(model, list(changes), kind="~", user_id=user_id, when=when, reason=reason)


def row_count_below(model: type[models.Model], limit: int) -> bool:
    """Whether `model`'s table holds fewer than `limit` rows (reading at most `limit`)."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*) FROM (SELECT 1 FROM {quote(model._meta.db_table)} LIMIT %s) AS t",
            [limit],
        )
        (count,) = cursor.fetchone()
    return bool(count < limit)


@contextmanager
def indexes_deferred(*tables: type[models.Model], enabled: bool = True) -> Iterator[None]:
    """SQLite: the tables' secondary indexes (not those that enforce uniqueness) dropped
    while the block loads rows, and built again, each in one sorted pass, when it ends.

    Kept up to date row by row, the custody table's twenty indexes took three quarters of a
    new import's time; built afterwards they take a quarter of that. The whole is inside the
    caller's transaction: if the block fails, the rollback restores the indexes, and readers
    (WAL) see the tables as they were until the commit. Only for a load that is large
    against the table (the caller decides): building an index reads the whole table. On
    PostgreSQL (COPY) nothing is changed: dropping an index would lock out every reader for
    the whole import.
    """
    if not enabled or connection.vendor != "sqlite" or not tables:
        yield
        return
    connection.ensure_connection()
    cursor = connection.connection.cursor()
    try:
        names = [model._meta.db_table for model in tables]
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            f"AND tbl_name IN ({', '.join('?' * len(names))}) ORDER BY tbl_name, name",
            names,
        )
        indexes = [
            (name, sql)
            for name, sql in cursor.fetchall()
            if not sql.lstrip().upper().startswith("CREATE UNIQUE")
        ]
        quote = connection.ops.quote_name
        for name, _ in indexes:
            cursor.execute(f"DROP INDEX {quote(name)}")
        yield
        for _, sql in indexes:
            cursor.execute(sql)
    finally:
        cursor.close()
