"""Benchmark: answering catalogue questions from registers of 1,000,000 and 10,000,000 episodes.

    .venv/bin/python benchmarks/answer_benchmark.py --sizes 1000000,10000000 \\
        --databases sqlite,postgres [--repeats 5] [--workdir DIR] [--queries] \\
        [--part-rows 1000000] [--postgres URL]

For each size it writes synthetic interchange files with `answerable generate --episodes N
--seed 1 --to 2026-11-22` (kept in the workdir and reused), builds a register per database
with the real commands (`answerable migrate`, `answerable import custody ... --synthetic
--no-progress`, `answerable import disclosures ...`), then times each catalogue question
with a representative breakdown, over one year and over all years. A register that already
holds the files' rows is reused, as building 10,000,000 episodes takes about 30 minutes on
SQLite and 40 on PostgreSQL (2 cores). Files over --part-rows rows are imported in
parts, in order, because `answerable import` holds a whole file in memory (about 2.4 GB per
million episodes: a 10,000,000-row file was killed for want of memory at 22 GB); the
register is the same, in ten import batches instead of one, and an interrupted build
resumes at the first part not held.

The engine is timed in a Django process of its own per database (DATABASE_URL set),
calling `answerable.answers.answer.answer` directly, so Django's start-up is not timed; the
first call (exact counts, `suppress=False`) warms the caches and the figures are the median
of the repeats after it: the whole answer (counts under disclosure control, as `answerable
ask` publishes them) and, of that, `engine.count` (the queries). "control" is the rest's
share: disclosure control and the cost estimate.

NCCU contacts and ICCE requests have no interchange format, so `generate` writes none: those
questions are timed over empty tables, with no reference.

The reference, measured in the same run over the same rows, is DuckDB: the same CSV files
are loaded in-process with `read_csv`, with the columns the register derives on import
(the UK local date of the event, real elapsed minutes in custody, nationality as an ISO
code) computed at load time as the register computes them at import, and the same
aggregation (same filters, same groups, a count per group) is timed. DuckDB's counts must
equal the engine's exact counts; a difference is printed as a MISMATCH. (For disclosures
and referrals the engine also averages the time to disclose, one more aggregate, which the
reference leaves out.)

Target (the issue): every question over a year of a 10,000,000-episode register under
0.5 s, and within 5x of DuckDB.

Registers live in the workdir (SQLite: DIR/N/register.sqlite3) and in PostgreSQL databases
answerable_bench_1m, answerable_bench_10m, ... made with the role in --postgres.
"""

import argparse
import functools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ANSWERABLE = [sys.executable, "-m", "answerable"]
DEFAULT_WORKDIR = ROOT / "var" / "answer-benchmark"
DEFAULT_POSTGRES = "postgres://answerable:answerable-ci@127.0.0.1:5432/postgres"
LAST_DAY = "2026-11-22"  # generate --to: the same files on any day
SEED = 1
CUSTODY_FILE, DISCLOSURES_FILE = "custody-episodes.csv", "disclosures.csv"
# Episodes imported per second on the machine this was written on (2 cores), for progress.
IMPORT_RATE = {"sqlite": 6_000, "postgres": 4_500}

YEAR = (date(2025, 4, 1), date(2026, 3, 31))  # the financial year 2025-26
PERIODS: dict[str, tuple[date | None, date | None]] = {"year": YEAR, "all years": (None, None)}
TARGET_SIZE, TARGET_SECONDS, TARGET_RATIO = 10_000_000, 0.5, 5.0

# The reference aggregations, written from the interchange formats' Meaning sections (not
# from the engine's code), over the DuckDB tables built by DUCKDB_LOAD and DUCKDB_DERIVE.
# {period:COLUMN} is replaced by the period's filter on that column, the UK local date.
IMMIGRATION = "detention_basis IN ('immigration_powers', 'immigration_offence')"
BAND = """CASE WHEN duration_minutes IS NULL THEN 'in_custody'
    WHEN duration_minutes <= 24 * 60 THEN '0-24'
    WHEN duration_minutes <= 48 * 60 THEN '24-48'
    ELSE '48+' END"""


def _nr(column: str) -> str:
    return f"coalesce({column}, 'not_recorded')"


@dataclass(frozen=True)
class Case:
    question: str
    by: tuple[str, ...]
    # DuckDB: SELECT <labels, one per dimension>, count(*) ... GROUP BY ALL; None: no data
    reference: str | None
    note: str = ""


CASES = [
    Case(
        "custody-count",
        ("station", "duration"),
        f"SELECT station, {BAND}, count(*) FROM custody "
        f"WHERE {IMMIGRATION} AND {{period:arrived_on}} GROUP BY ALL",
    ),
    Case(
        "custody-all",
        ("nationality",),
        f"SELECT {_nr('nationality')}, count(*) FROM custody "
        "WHERE {period:arrived_on} GROUP BY ALL",
    ),
    Case(
        "disclosures",
        ("role", "crime_type"),
        f"SELECT role, {_nr('crime_type')}, count(*) FROM disclosures "
        "WHERE {period:disclosed_on} GROUP BY ALL",
    ),
    Case(
        "referrals",
        ("crime_type", "sex"),
        f"SELECT {_nr('crime_type')}, {_nr('sex')}, count(*) FROM disclosures "
        "WHERE purpose IN ('referral', 'icce_high_harm') AND {period:disclosed_on} GROUP BY ALL",
    ),
    Case("nccu-contacts", ("trigger",), None, "empty: `generate` writes no NCCU contacts"),
    Case("icce-requests", ("result",), None, "empty: `generate` writes no ICCE requests"),
]

# Loading the CSV files into DuckDB, deriving what the register derives on import:
# custody-episodes-v1 (File, Meaning): an empty cell or `not_recorded` is not recorded; a
# date-time without an offset is UK local time, and one in the hour repeated when the clocks
# go back is its first occurrence (BST), as the importer reads it (core/uk_time.py);
# duration is real elapsed whole minutes; a period holds an event by its UK local date.
DUCKDB_LOAD = r"""
SET TimeZone = 'UTC';
CREATE MACRO has_offset(s) AS regexp_matches(s, '(Z|[+-]\d\d(:?\d\d)?)$');
-- a naive UK local time as UTC: BST (one hour back) if that reads back as the same wall
-- time, which picks the first occurrence of a repeated hour; otherwise GMT
CREATE MACRO uk_utc(s) AS CASE
    WHEN has_offset(s) THEN timezone('UTC', s::TIMESTAMPTZ)
    WHEN timezone('Europe/London', (s::TIMESTAMP - INTERVAL 1 HOUR)::TIMESTAMPTZ)
        = s::TIMESTAMP THEN s::TIMESTAMP - INTERVAL 1 HOUR
    ELSE s::TIMESTAMP END;
CREATE MACRO uk_day(s) AS CASE
    WHEN has_offset(s) THEN timezone('Europe/London', s::TIMESTAMPTZ)::DATE
    ELSE s::TIMESTAMP::DATE END;
CREATE MACRO recorded(s) AS CASE
    WHEN lower(trim(s)) IN ('', 'not_recorded') THEN NULL ELSE trim(s) END;
CREATE MACRO choice(s) AS lower(recorded(s));
CREATE TABLE custody_csv AS SELECT * FROM read_csv({custody}, all_varchar = true, header = true);
CREATE TABLE disclosures_csv AS
    SELECT * FROM read_csv({disclosures}, all_varchar = true, header = true);
"""

DUCKDB_DERIVE = r"""
CREATE TABLE custody AS SELECT
    trim(c.station) AS station,
    choice(c.detention_basis) AS detention_basis,
    uk_day(trim(c.arrived_at)) AS arrived_on,
    CASE WHEN recorded(c.released_at) IS NULL THEN NULL ELSE floor(
        (epoch(uk_utc(trim(c.released_at))) - epoch(uk_utc(trim(c.arrived_at)))) / 60
    )::BIGINT END AS duration_minutes,
    n.code AS nationality
FROM custody_csv c LEFT JOIN nationality_codes n ON n.raw = recorded(c.nationality)
ORDER BY c.rowid;  -- the files' order, which is the register's order of import
CREATE TABLE disclosures AS SELECT
    uk_day(trim(d.disclosed_at)) AS disclosed_on,
    choice(d.purpose) AS purpose,
    choice(d.role) AS role,
    choice(d.crime_type) AS crime_type,
    choice(d.sex) AS sex,
    n.code AS nationality
FROM disclosures_csv d LEFT JOIN nationality_codes n ON n.raw = recorded(d.nationality)
ORDER BY d.rowid;
DROP TABLE custody_csv;
DROP TABLE disclosures_csv;
"""


def say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def label(size: int) -> str:
    if size % 1_000_000 == 0:
        return f"{size // 1_000_000}m"
    if size % 1_000 == 0:
        return f"{size // 1_000}k"
    return str(size)


def rows_in(path: Path) -> int:
    """Data rows of a generated file (no quoted newlines in them: one line per row)."""
    with path.open("rb") as stream:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: stream.read(1 << 24), b"")) - 1


def run(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(ANSWERABLE + args, env=env, check=True, cwd=ROOT)
    return time.perf_counter() - start


# -- the registers ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Register:
    database: str  # sqlite or postgres
    url: str

    def held(self) -> tuple[int, int]:
        """(custody episodes, disclosures) held; (0, 0) before migration."""
        queries = (
            "SELECT count(*) FROM register_custodyepisode",
            "SELECT count(*) FROM register_disclosure",
        )
        if self.database == "sqlite":
            import sqlite3

            path = Path(self.url.removeprefix("sqlite:///"))
            if not path.exists():
                return 0, 0
            connection = sqlite3.connect(path)
            try:
                return tuple(connection.execute(q).fetchone()[0] for q in queries)  # type: ignore[return-value]
            except sqlite3.OperationalError:
                return 0, 0
            finally:
                connection.close()
        import psycopg

        with psycopg.connect(self.url) as connection:
            try:
                return tuple(connection.execute(q).fetchone()[0] for q in queries)  # type: ignore[return-value]
            except psycopg.errors.UndefinedTable:
                return 0, 0

    def wipe(self, server: str) -> None:
        if self.database == "sqlite":
            path = Path(self.url.removeprefix("sqlite:///"))
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        else:
            _postgres_admin(server, f'DROP DATABASE IF EXISTS "{_db_name(self.url)}"')
            _postgres_admin(server, f'CREATE DATABASE "{_db_name(self.url)}"')


def _db_name(url: str) -> str:
    return url.rsplit("/", 1)[1]


def _postgres_admin(server: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(statement)


def _register(database: str, size: int, work: Path, server: str) -> Register:
    if database == "sqlite":
        return Register(database, f"sqlite:///{work / str(size) / 'register.sqlite3'}")
    if database == "postgres":
        name = f"answerable_bench_{label(size)}"
        import psycopg

        with psycopg.connect(server, autocommit=True) as connection:
            exists = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", (name,)
            ).fetchone()
        if not exists:
            _postgres_admin(server, f'CREATE DATABASE "{name}"')
        return Register(database, f"{server.rsplit('/', 1)[0]}/{name}")
    raise SystemExit(f"unknown database {database!r}: sqlite or postgres")


def ensure_files(size: int, work: Path) -> Path:
    data = work / str(size)
    custody, disclosures = data / CUSTODY_FILE, data / DISCLOSURES_FILE
    if custody.exists() and disclosures.exists():
        say(f"{size:,}: reusing {data}")
        return data
    say(f"{size:,}: answerable generate --episodes {size} --seed {SEED} --to {LAST_DAY}")
    command = ["generate", "--episodes", str(size), "--seed", str(SEED), "--to", LAST_DAY]
    command += ["--out", str(data)]
    seconds = run(command, {**os.environ, "DEBUG": "1"})
    say(f"{size:,}: generated in {seconds:.0f} s")
    return data


def split(path: Path, rows: int, part_rows: int) -> list[tuple[Path, int]]:
    """The file as parts of at most `part_rows` rows, each with the header, written once
    (into DIR/N/parts) and reused; a file that small is its own single part. The generated
    files hold one row per line, so the parts are cut at line ends."""
    if rows <= part_rows:
        return [(path, rows)]
    count = -(-rows // part_rows)
    folder = path.parent / "parts"
    parts = [
        (folder / f"{path.stem}.{index + 1:03d}-of-{count:03d}.csv", min(part_rows, rows - start))
        for index, start in enumerate(range(0, rows, part_rows))
    ]
    if all(part.exists() for part, _ in parts):
        return parts
    say(f"  splitting {path.name} into {count} parts of {part_rows:,} rows")
    folder.mkdir(exist_ok=True)
    with path.open("rb") as source:
        header = source.readline()
        for part, part_size in parts:
            scratch = part.with_suffix(".partial")
            with scratch.open("wb") as target:
                target.write(header)
                for _ in range(part_size):
                    target.write(source.readline())
            scratch.rename(part)
    return parts


def ensure_register(register: Register, data: Path, size: int, server: str, part_rows: int) -> None:
    """Build the register from the size's files, or reuse it; an interrupted build resumes
    at the first part not yet held (each part is imported whole or not at all, in order)."""
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": register.url}
    where = f"{size:,} {register.database}"
    custody = split(data / CUSTODY_FILE, size, part_rows)
    disclosures = split(data / DISCLOSURES_FILE, rows_in(data / DISCLOSURES_FILE), part_rows)
    expected = (size, sum(rows for _, rows in disclosures))
    held = register.held()
    if not (_boundary(held[0], custody) and _boundary(held[1], disclosures)):
        say(f"{where}: holds {held[0]:,} episodes and {held[1]:,} disclosures: starting again")
        register.wipe(server)
        held = (0, 0)
    say(f"{where}: answerable migrate")
    run(["migrate", "-v0"], env)
    if held == expected:
        say(f"{where}: reusing the register ({held[0]:,} episodes, {held[1]:,} disclosures)")
    else:
        rate = IMPORT_RATE[register.database]
        for kind, parts, already in (
            ("custody", custody, held[0]),
            ("disclosures", disclosures, held[1]),
        ):
            done = 0
            for index, (path, rows) in enumerate(parts, 1):
                done += rows
                if done <= already:
                    continue  # held from an earlier run
                say(
                    f"{where}: answerable import {kind} {path.name} ({rows:,} rows, part "
                    f"{index} of {len(parts)}; roughly {rows / rate / 60:.0f} min)"
                )
                seconds = run(["import", kind, str(path), "--synthetic", "--no-progress"], env)
                say(f"{where}: imported in {seconds / 60:.1f} min")
        held = register.held()
        if held != expected:
            raise SystemExit(f"{where}: the register holds {held} after import, not {expected}")
    if register.database == "postgres":
        # What autovacuum does soon after a large import; done now so plans are steady.
        import psycopg

        with psycopg.connect(register.url, autocommit=True) as connection:
            connection.execute("ANALYZE")


def _boundary(held: int, parts: list[tuple[Path, int]]) -> bool:
    """Whether `held` rows are a whole number of parts (in order), none included."""
    done = 0
    for _, rows in [(None, 0), *parts]:
        done += rows
        if held == done:
            return True
    return False


# -- the engine, timed in a Django process of its own ----------------------------------------


def _asks() -> Iterator[tuple[Case, str, Any]]:
    from answerable.answers.engine import Ask

    for case in CASES:
        for period, (first, last) in PERIODS.items():
            yield case, period, Ask(case.question, first_day=first, last_day=last, by=case.by)


def worker(repeats: int, queries: bool) -> None:
    """Run inside Django: time each question; one JSON line per question and period."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "answerable.settings")
    import django

    django.setup()
    from answerable.answers import answer as answering
    from answerable.answers import engine
    from answerable.register.models import CustodyEpisode, Disclosure
    from answerable.register.planner import refresh_statistics

    # The planner's statistics as an import leaves them (a register built before an index
    # was added has none for it).
    refresh_statistics(CustodyEpisode, Disclosure)

    counting = {"seconds": 0.0}

    def timed_count(ask: Any) -> Any:
        start = time.perf_counter()
        try:
            return engine.count(ask)
        finally:
            counting["seconds"] += time.perf_counter() - start

    answering.count = timed_count  # type: ignore[assignment]
    for case, period, ask in _asks():
        start = time.perf_counter()
        exact = answering.answer(ask, suppress=False).counts.table.counts
        first = time.perf_counter() - start
        totals, counts = [], []
        for _ in range(repeats):
            counting["seconds"] = 0.0
            start = time.perf_counter()
            answering.answer(ask)
            totals.append(time.perf_counter() - start)
            counts.append(counting["seconds"])
        statements = _statements(functools.partial(answering.answer, ask)) if queries else []
        print(
            json.dumps(
                {
                    "question": case.question,
                    "period": period,
                    "first": first,
                    "totals": totals,
                    "counts": counts,
                    "exact": [[list(labels), n] for labels, n in exact.items() if n],
                    "statements": statements[:4],
                }
            ),
            flush=True,
        )


def _statements(call: Callable[[], Any]) -> list[tuple[float, str]]:
    """Each SQL statement `call` runs, with its seconds, slowest first."""
    from django.db import connection

    statements: list[tuple[float, str]] = []

    def record(execute: Callable, sql: str, params: Any, many: bool, context: Any) -> Any:
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            shown = f"{sql} {list(params)}" if params else sql
            statements.append((time.perf_counter() - start, shown))

    with connection.execute_wrapper(record):
        call()
    return sorted(statements, reverse=True)


def time_engine(register: Register, repeats: int, queries: bool) -> dict[tuple[str, str], dict]:
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": register.url}
    command = [sys.executable, __file__, "--worker", "--repeats", str(repeats)]
    if queries:
        command.append("--queries")
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    results: dict[tuple[str, str], dict] = {}
    assert process.stdout is not None
    for line in process.stdout:
        if not line.startswith("{"):
            print(line, end="", file=sys.stderr)
            continue
        result = json.loads(line)
        results[result["question"], result["period"]] = result
        say(
            f"  {register.database}: {result['question']} over {result['period']}: "
            f"median {statistics.median(result['totals']):.3f} s"
        )
    if process.wait():
        raise SystemExit(f"the engine worker failed on {register.database}")
    return results


# -- the reference: DuckDB ------------------------------------------------------------------


def duckdb_tables(data: Path) -> Any:
    import duckdb

    from answerable.register.nationality import parse_nationality

    connection = duckdb.connect()
    start = time.perf_counter()
    connection.execute(
        DUCKDB_LOAD.format(
            custody=_quote(data / CUSTODY_FILE), disclosures=_quote(data / DISCLOSURES_FILE)
        )
    )
    raw = connection.execute(
        "SELECT DISTINCT recorded(nationality) FROM custody_csv UNION "
        "SELECT DISTINCT recorded(nationality) FROM disclosures_csv"
    ).fetchall()
    codes = [(text, parse_nationality(text)) for (text,) in raw if text is not None]
    connection.execute("CREATE TABLE nationality_codes (raw VARCHAR, code VARCHAR)")
    if codes:
        connection.executemany("INSERT INTO nationality_codes VALUES (?, ?)", codes)
    connection.execute(DUCKDB_DERIVE)
    say(f"  duckdb: loaded and derived in {time.perf_counter() - start:.1f} s")
    return connection


def _quote(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def reference_sql(case: Case, period: str) -> str:
    assert case.reference is not None
    first, last = PERIODS[period]
    sql = case.reference
    for column in ("arrived_on", "disclosed_on"):
        condition = f"{column} BETWEEN DATE '{first}' AND DATE '{last}'" if first else "true"
        sql = sql.replace(f"{{period:{column}}}", condition)
    return sql


def time_duckdb(connection: Any, repeats: int) -> dict[tuple[str, str], dict]:
    results = {}
    for case in CASES:
        if case.reference is None:
            continue
        for period in PERIODS:
            sql = reference_sql(case, period)
            rows = connection.execute(sql).fetchall()  # warm-up, and the counts
            seconds = []
            for _ in range(repeats):
                start = time.perf_counter()
                connection.execute(sql).fetchall()
                seconds.append(time.perf_counter() - start)
            results[case.question, period] = {
                "exact": {tuple(row[:-1]): row[-1] for row in rows},
                "seconds": seconds,
            }
    return results


# -- the report -----------------------------------------------------------------------------


@dataclass
class Row:
    size: int
    database: str
    case: Case
    period: str
    median: float  # answer(): counts, disclosure control, cost estimate
    counting: float  # of which engine.count(): the queries and their labels
    first: float
    duckdb: float | None
    matches: bool | None
    statements: list


def compare(engine: dict, reference: dict | None, where: str) -> bool | None:
    if reference is None:
        return None
    ours = {tuple(labels): n for labels, n in engine["exact"]}
    theirs = reference["exact"]
    if ours == theirs:
        return True
    print(f"\n*** MISMATCH: {where}: the engine's exact counts differ from DuckDB's ***")
    for key in sorted(set(ours) | set(theirs), key=str):
        if ours.get(key) != theirs.get(key):
            print(f"    {key}: engine {ours.get(key)}, duckdb {theirs.get(key)}")
    return False


def print_table(rows: Sequence[Row], queries: bool) -> None:
    print()
    header = (
        f"{'episodes':>10} {'database':<8} {'question':<35} {'period':<9} {'answer s':>8} "
        f"{'count s':>8} {'control':>7} {'first s':>8} {'duckdb s':>8} {'ratio':>6} "
        f"{'count/db':>8}  counts"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        question = f"{row.case.question} --by {','.join(row.case.by)}"
        control = 1 - row.counting / row.median if row.median else 0.0
        if row.duckdb:
            duckdb = f"{row.duckdb:8.4f} {row.median / row.duckdb:5.1f}x "
            duckdb += f"{row.counting / row.duckdb:7.1f}x"
        else:
            duckdb = f"{'n/a':>8} {'n/a':>6} {'n/a':>8}"
        check = {True: "equal", False: "MISMATCH", None: row.case.note}[row.matches]
        print(
            f"{row.size:>10,} {row.database:<8} {question:<35} {row.period:<9} "
            f"{row.median:8.3f} {row.counting:8.3f} {max(control, 0.0):7.0%} {row.first:8.3f} "
            f"{duckdb}  {check}"
        )
        if queries:
            for seconds, sql in row.statements:
                print(f"{'':>12}{seconds:8.3f} s  {sql[:220]}")


def print_summary(rows: Sequence[Row]) -> None:
    target = [r for r in rows if r.size == TARGET_SIZE and r.period == "year"]
    goal = (
        f"every question over a year of {TARGET_SIZE:,} episodes under {TARGET_SECONDS} s "
        f"and within {TARGET_RATIO:.0f}x of DuckDB"
    )
    if not target:
        print(f"\nTarget not measured ({goal}): no {TARGET_SIZE:,}-episode register in this run.")
        return
    databases = ", ".join(sorted({r.database for r in target}))
    for what, seconds in (("answer()", "median"), ("engine.count() alone", "counting")):
        slow = [r for r in target if getattr(r, seconds) >= TARGET_SECONDS]
        far = [r for r in target if r.duckdb and getattr(r, seconds) > TARGET_RATIO * r.duckdb]
        verdict = "MET" if not slow and not far else "NOT MET"
        print(f"\nTarget {verdict} by {what} ({goal}), on {databases}.")
        for r in slow:
            print(
                f"  {getattr(r, seconds):.3f} s: {r.database} {r.case.question} "
                f"--by {','.join(r.case.by)}"
            )
        for r in far:
            ratio = getattr(r, seconds) / r.duckdb  # type: ignore[operator]
            print(
                f"  {ratio:.1f}x DuckDB: {r.database} {r.case.question} --by {','.join(r.case.by)}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000000,10000000", help="episodes, with commas")
    parser.add_argument("--databases", default="sqlite,postgres", help="sqlite and/or postgres")
    parser.add_argument("--repeats", type=int, default=5, help="timed runs per question")
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR, help="files and SQLite")
    parser.add_argument(
        "--postgres", default=DEFAULT_POSTGRES, help="a PostgreSQL URL for a role with CREATEDB"
    )
    parser.add_argument(
        "--part-rows",
        type=int,
        default=1_000_000,
        help="import files in parts of this many rows (default 1,000,000): `answerable "
        "import` holds a whole file in memory, about 2.4 GB per million episodes, so a "
        "10,000,000-row file does not fit in 24 GB",
    )
    parser.add_argument(
        "--queries",
        action="store_true",
        help="show each answer's slowest SQL statements (time in execute(): on SQLite, rows "
        "fetched after the first are not counted)",
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.worker:
        worker(options.repeats, options.queries)
        return

    sizes = [int(text.replace("_", "")) for text in options.sizes.split(",") if text.strip()]
    databases = [text.strip() for text in options.databases.split(",") if text.strip()]
    work: Path = options.workdir.resolve()
    work.mkdir(parents=True, exist_ok=True)
    tempfile.tempdir = str(work)  # DuckDB and sorts spill here, not in a small /tmp
    rows: list[Row] = []
    for size in sizes:
        data = ensure_files(size, work)
        engine_results = {}
        for database in databases:
            register = _register(database, size, work, options.postgres)
            ensure_register(register, data, size, options.postgres, options.part_rows)
            say(f"{size:,} {database}: timing the engine ({options.repeats} repeats)")
            engine_results[database] = time_engine(register, options.repeats, options.queries)
        say(f"{size:,}: DuckDB reference")
        connection = duckdb_tables(data)
        reference = time_duckdb(connection, options.repeats)
        connection.close()
        for database in databases:
            for case in CASES:
                for period in PERIODS:
                    result = engine_results[database][case.question, period]
                    ref = reference.get((case.question, period))
                    median = statistics.median(result["totals"])
                    counted = statistics.median(result["counts"])
                    rows.append(
                        Row(
                            size=size,
                            database=database,
                            case=case,
                            period=period,
                            median=median,
                            counting=counted,
                            first=result["first"],
                            duckdb=statistics.median(ref["seconds"]) if ref else None,
                            matches=compare(
                                result, ref, f"{size:,} {database} {case.question} {period}"
                            ),
                            statements=result["statements"],
                        )
                    )
        print_table([r for r in rows if r.size == size], options.queries)
    print(
        f"\nMedians of {options.repeats} runs after a warm-up. answer s: answer() under "
        "disclosure control; count s: of which engine.count() (the queries); control: the "
        "rest's share (disclosure control, cost estimate); first s: the first call, exact "
        "counts without disclosure control (colder caches); ratio: answer / DuckDB; "
        "count/db: count / DuckDB. "
        f"{os.cpu_count()} cores."
    )
    print_table(rows, False)
    print_summary(rows)


if __name__ == "__main__":
    main()
