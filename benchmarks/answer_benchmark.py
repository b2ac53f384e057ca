"""Benchmark: answering catalogue questions from registers of 1,000,000 and 10,000,000 episodes.

    .venv/bin/python benchmarks/answer_benchmark.py --sizes 1000000,10000000 \\
        --databases sqlite,postgres [--repeats 5] [--workdir DIR] [--queries]

For each size it writes synthetic interchange files with `answerable generate --episodes N
--seed 1 --to 2026-11-22` (kept in the workdir and reused), builds a register per database
with the real commands (`answerable migrate`, `answerable import custody ... --synthetic`,
`answerable import disclosures ...`; a register that already holds the files' rows is
reused, as building 10,000,000 episodes takes the best part of an hour per database), then
times each catalogue question with a representative breakdown, over one year and over all
years. The engine is timed in a Django process of its own per database (DATABASE_URL set),
calling `answerable.answers.answer.answer` directly, so Django's start-up is not timed; the
first call (exact counts, `suppress=False`) warms the caches and the figures are the median
of the repeats after it. "control" is the share of that time spent after the counts were
made: disclosure control and the cost estimate.

The reference, measured in the same run over the same rows, is DuckDB: the same CSV files
are loaded in-process with `read_csv`, with the columns the register derives on import
(the UK local date of the event, real elapsed minutes in custody, nationality as an ISO
code) computed at load time as the register computes them at import, and the same
aggregation (same filters, same groups, a count per group) is timed. DuckDB's counts must
equal the engine's exact counts; a difference is printed as a MISMATCH.

Target (the issue): every question over a year of a 10,000,000-episode register under
0.5 s, and within 5x of DuckDB.

Registers live in the workdir (SQLite: DIR/N/register.sqlite3) and in PostgreSQL databases
answerable_bench_1m, answerable_bench_10m, ... made with the role in --postgres.
"""

import argparse
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

YEAR = (date(2025, 4, 1), date(2026, 3, 31))  # the financial year 2025-26
PERIODS: dict[str, tuple[date | None, date | None]] = {"year": YEAR, "all years": (None, None)}
TARGET_SIZE, TARGET_SECONDS, TARGET_RATIO = 10_000_000, 0.5, 5.0

# The reference aggregations, written from the interchange formats' Meaning sections (not
# from the engine's code), over the DuckDB tables built by DUCKDB_LOAD. {period} is replaced
# by the period's filter on the event's UK local date.
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
# go back is its first occurrence (BST), as the importer reads it (register/uk_time.py);
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
        queries = ("SELECT count(*) FROM register_custodyepisode",
                   "SELECT count(*) FROM register_disclosure")
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
    seconds = run(
        ["generate", "--episodes", str(size), "--seed", str(SEED), "--to", LAST_DAY]
        + ["--out", str(data)],
        {**os.environ, "DEBUG": "1"},
    )
    say(f"{size:,}: generated in {seconds:.0f} s")
    return data


def ensure_register(register: Register, data: Path, size: int, server: str) -> None:
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": register.url}
    disclosures = rows_in(data / DISCLOSURES_FILE)
    episodes, held_disclosures = register.held()
    where = f"{size:,} {register.database}"
    if episodes not in (0, size):
        say(f"{where}: holds {episodes:,} episodes, not {size:,}: starting again")
        register.wipe(server)
        episodes, held_disclosures = 0, 0
    say(f"{where}: answerable migrate")
    run(["migrate", "-v0"], env)
    if episodes == size and held_disclosures == disclosures:
        say(f"{where}: reusing the register ({episodes:,} episodes, {disclosures:,} disclosures)")
    else:
        if episodes != size:
            say(f"{where}: importing {size:,} custody episodes (about {size / 4500 / 60:.0f} min)")
            seconds = run(
                ["import", "custody", str(data / CUSTODY_FILE), "--synthetic", "--no-progress"],
                env,
            )
            say(f"{where}: custody imported in {seconds / 60:.1f} min")
        say(f"{where}: importing {disclosures:,} disclosures")
        seconds = run(
            ["import", "disclosures", str(data / DISCLOSURES_FILE), "--synthetic"]
            + ["--no-progress"],
            env,
        )
        say(f"{where}: disclosures imported in {seconds / 60:.1f} min")
        held = register.held()
        if held != (size, disclosures):
            raise SystemExit(f"{where}: the register holds {held} after import")
    if register.database == "postgres":
        # What autovacuum does soon after a large import; done now so plans are steady.
        import psycopg

        with psycopg.connect(register.url, autocommit=True) as connection:
            connection.execute("ANALYZE")


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
    from django.db import connection

    from answerable.answers import answer as answering
    from answerable.answers import engine

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
        statements: list[tuple[float, str]] = []
        if queries:

            def record(execute: Callable, sql: str, params: Any, many: bool, context: Any) -> Any:
                start = time.perf_counter()
                try:
                    return execute(sql, params, many, context)
                finally:
                    shown = f"{sql} {list(params)}" if params else sql
                    statements.append((time.perf_counter() - start, shown))

            with connection.execute_wrapper(record):
                answering.answer(ask)
        print(
            json.dumps(
                {
                    "question": case.question,
                    "period": period,
                    "first": first,
                    "totals": totals,
                    "counts": counts,
                    "exact": [[list(labels), n] for labels, n in exact.items() if n],
                    "statements": sorted(statements, reverse=True)[:4],
                }
            ),
            flush=True,
        )


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
    median: float
    first: float
    control: float  # share of the median spent after counting
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
        f"{'episodes':>10} {'database':<8} {'question':<30} {'period':<9} "
        f"{'median s':>9} {'first s':>8} {'control':>7} {'duckdb s':>9} {'ratio':>7}  counts"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        question = f"{row.case.question} --by {','.join(row.case.by)}"
        duckdb = f"{row.duckdb:9.4f}" if row.duckdb is not None else f"{'n/a':>9}"
        ratio = f"{row.median / row.duckdb:6.1f}x" if row.duckdb else f"{'n/a':>7}"
        check = {True: "equal", False: "MISMATCH", None: row.case.note}[row.matches]
        print(
            f"{row.size:>10,} {row.database:<8} {question:<30} {row.period:<9} "
            f"{row.median:9.3f} {row.first:8.3f} {row.control:7.0%} {duckdb} {ratio}  {check}"
        )
        if queries:
            for seconds, sql in row.statements:
                print(f"{'':>12}{seconds:8.3f} s  {sql[:220]}")


def print_summary(rows: Sequence[Row]) -> None:
    target = [r for r in rows if r.size == TARGET_SIZE and r.period == "year"]
    if not target:
        print(
            f"\nTarget not measured: no {TARGET_SIZE:,}-episode register in this run "
            f"(every question over a year under {TARGET_SECONDS} s, within "
            f"{TARGET_RATIO:.0f}x of DuckDB)."
        )
        return
    slow = [r for r in target if r.median >= TARGET_SECONDS]
    far = [r for r in target if r.duckdb and r.median > TARGET_RATIO * r.duckdb]
    met = not slow and not far
    print(
        f"\nTarget {'MET' if met else 'NOT MET'}: every question over a year of "
        f"{TARGET_SIZE:,} episodes under {TARGET_SECONDS} s and within {TARGET_RATIO:.0f}x of "
        f"DuckDB, on {', '.join(sorted({r.database for r in target}))}."
    )
    for r in slow:
        print(f"  over {TARGET_SECONDS} s: {r.database} {r.case.question} ({r.median:.3f} s)")
    for r in far:
        print(
            f"  over {TARGET_RATIO:.0f}x DuckDB: {r.database} {r.case.question} "
            f"({r.median / r.duckdb:.1f}x)"  # type: ignore[operator]
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
    parser.add_argument("--queries", action="store_true", help="show each answer's slowest SQL")
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
            ensure_register(register, data, size, options.postgres)
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
                            first=result["first"],
                            control=max(0.0, 1 - counted / median) if median else 0.0,
                            duckdb=statistics.median(ref["seconds"]) if ref else None,
                            matches=compare(
                                result, ref, f"{size:,} {database} {case.question} {period}"
                            ),
                            statements=result["statements"],
                        )
                    )
        print_table([r for r in rows if r.size == size], options.queries)
    print(
        f"\nMedians of {options.repeats} runs after a warm-up; control: share spent on "
        "disclosure control and the cost estimate; ratio: engine / DuckDB; "
        f"{os.cpu_count()} cores."
    )
    print_table(rows, False)
    print_summary(rows)


if __name__ == "__main__":
    main()
