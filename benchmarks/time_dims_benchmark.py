"""Benchmark: time breakdowns (year, month, financial year) and the common breakdowns that go
with them, against DuckDB over the same rows in the same run (issue 16, part 1).

    .venv/bin/python benchmarks/time_dims_benchmark.py [--sqlite-episodes 1000000] \\
        [--postgres-episodes 200000] [--postgres URL] [--repeats 5] [--workdir DIR] \\
        [--json FILE]

The registers are built as answer_benchmark.py builds them, with the real commands: files
from `answerable generate --episodes N --seed 1 --to 2026-11-22`, then `answerable migrate`
and `answerable import custody|disclosures ... --synthetic` (in parts of 250,000 rows), reused
when they already hold the files' rows. SQLite lives in DIR/N/register.sqlite3; PostgreSQL in
the database of --postgres (default: $BENCH_POSTGRES_URL), which is emptied and rebuilt when
it holds other rows. `--postgres-episodes 0` leaves PostgreSQL out.

Each database is timed in a Django process of its own calling `engine.count` (the exact
counts: the queries and their labels; disclosure control is another benchmark's), once to
warm the caches, then --repeats times: the median wall time and the median CPU time of that
process (on PostgreSQL the server's CPU is not in it). DuckDB loads the same CSV files with
the columns the register derives on import (answer_benchmark.DUCKDB_LOAD: the UK local date,
nationality as an ISO code) and runs the same aggregation; its counts must equal the
engine's, or the row says MISMATCH. The machine's load average is printed with each table.

Target (the issue): over a year within 5x of DuckDB, over all years within 10x.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import answer_benchmark as ab  # the same files and registers

ROOT = ab.ROOT
DEFAULT_WORKDIR = ROOT / "var" / "time-dims-benchmark"
PART_ROWS = 250_000
YEAR = (date(2025, 4, 1), date(2026, 3, 31))  # the financial year 2025-26
PERIODS: dict[str, tuple[date | None, date | None]] = {"year": YEAR, "all years": (None, None)}

# Each dimension's label in DuckDB, written from the interchange formats and
# answers/periods.py's labels (not from the engine's SQL); `d` is the event's UK date.
FY_START = "(year({d}) - CASE WHEN month({d}) < 4 THEN 1 ELSE 0 END)"
LABELS = {
    "year": "strftime({d}, '%Y')",
    "month": "strftime({d}, '%Y-%m')",
    "financial_year": (
        f"{FY_START}::VARCHAR || '/' || lpad((({FY_START} + 1) % 100)::VARCHAR, 2, '0')"
    ),
    "division": "coalesce(division, 'not_recorded')",
    "station": "station",
    "sex": "coalesce(sex, 'not_recorded')",
    "nationality": "coalesce(nationality, 'not_recorded')",
    "offence_code": "coalesce(offence_code, 'not_recorded')",
    "crime_type": "coalesce(crime_type, 'not_recorded')",
}
TABLES = {
    "custody-all": ("custody", "arrived_on", "true"),
    "custody-count": ("custody", "arrived_on", ab.IMMIGRATION),
    "disclosures": ("disclosures", "disclosed_on", "true"),
}


@dataclass(frozen=True)
class Case:
    question: str
    by: tuple[str, ...]

    @property
    def name(self) -> str:
        return f"{self.question} --by {','.join(self.by)}"


CASES = [
    *(
        Case("custody-all", (by,))
        for by in (
            "year",
            "month",
            "financial_year",
            "division",
            "station",
            "nationality",
            "sex",
            "offence_code",
        )
    ),
    Case("custody-all", ("division", "month")),
    Case("custody-all", ("month", "sex")),
    Case("custody-all", ("year", "nationality")),
    Case("custody-all", ("station", "financial_year")),
    Case("custody-count", ("financial_year",)),
    Case("custody-count", ("month", "station")),
    Case("disclosures", ("year",)),
    Case("disclosures", ("month", "crime_type")),
]

# The extra columns the cases need, loaded as answer_benchmark loads the others.
DUCKDB_DERIVE = r"""
CREATE TABLE custody AS SELECT
    trim(c.station) AS station,
    recorded(c.division) AS division,
    choice(c.detention_basis) AS detention_basis,
    uk_day(trim(c.arrived_at)) AS arrived_on,
    choice(c.sex) AS sex,
    recorded(c.offence_code) AS offence_code,
    n.code AS nationality
FROM custody_csv c LEFT JOIN nationality_codes n ON n.raw = recorded(c.nationality)
ORDER BY c.rowid;
CREATE TABLE disclosures AS SELECT
    uk_day(trim(d.disclosed_at)) AS disclosed_on,
    choice(d.crime_type) AS crime_type
FROM disclosures_csv d
ORDER BY d.rowid;
DROP TABLE custody_csv;
DROP TABLE disclosures_csv;
"""


def say(message: str) -> None:
    ab.say(message)


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.1f} {five:.1f} {fifteen:.1f} on {os.cpu_count()} cores"


# -- the engine, in a Django process of its own ---------------------------------------------


def worker(repeats: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "answerable.settings")
    import django

    django.setup()
    from answerable.answers.engine import Ask, count
    from answerable.register.models import CustodyEpisode, Disclosure
    from answerable.register.planner import refresh_statistics

    refresh_statistics(CustodyEpisode, Disclosure)
    for case in CASES:
        for period, (first, last) in PERIODS.items():
            ask = Ask(case.question, first_day=first, last_day=last, by=case.by)
            exact = count(ask).table.counts  # warms the caches
            walls, cpus = [], []
            for _ in range(repeats):
                wall, cpu = time.perf_counter(), time.process_time()
                count(ask)
                cpus.append(time.process_time() - cpu)
                walls.append(time.perf_counter() - wall)
            result = {
                "case": case.name,
                "period": period,
                "walls": walls,
                "cpus": cpus,
                "exact": [[list(labels), n] for labels, n in exact.items() if n],
            }
            print(json.dumps(result), flush=True)


def time_engine(register: ab.Register, repeats: int) -> dict[tuple[str, str], dict]:
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": register.url}
    command = [sys.executable, __file__, "--worker", "--repeats", str(repeats)]
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    results: dict[tuple[str, str], dict] = {}
    assert process.stdout is not None
    for line in process.stdout:
        if not line.startswith("{"):
            print(line, end="", file=sys.stderr)
            continue
        result = json.loads(line)
        results[result["case"], result["period"]] = result
        say(
            f"  {register.database}: {result['case']} over {result['period']}: "
            f"median {statistics.median(result['walls']):.3f} s"
        )
    if process.wait():
        raise SystemExit(f"the engine worker failed on {register.database}")
    return results


# -- DuckDB ---------------------------------------------------------------------------------


def duckdb_tables(data: Path) -> Any:
    import duckdb

    from answerable.register.nationality import parse_nationality

    connection = duckdb.connect()
    start = time.perf_counter()
    connection.execute(
        ab.DUCKDB_LOAD.format(
            custody=ab._quote(data / ab.CUSTODY_FILE),
            disclosures=ab._quote(data / ab.DISCLOSURES_FILE),
        )
    )
    raw = connection.execute("SELECT DISTINCT recorded(nationality) FROM custody_csv").fetchall()
    codes = [(text, parse_nationality(text)) for (text,) in raw if text is not None]
    connection.execute("CREATE TABLE nationality_codes (raw VARCHAR, code VARCHAR)")
    if codes:
        connection.executemany("INSERT INTO nationality_codes VALUES (?, ?)", codes)
    connection.execute(DUCKDB_DERIVE)
    say(f"  duckdb: loaded {data} in {time.perf_counter() - start:.1f} s")
    return connection


def reference_sql(case: Case, period: str) -> str:
    table, day, base = TABLES[case.question]
    first, last = PERIODS[period]
    during = f"{day} BETWEEN DATE '{first}' AND DATE '{last}'" if first else "true"
    labels = ", ".join(LABELS[name].format(d=day) for name in case.by)
    return f"SELECT {labels}, count(*) FROM {table} WHERE {base} AND {during} GROUP BY ALL"


def time_duckdb(connection: Any, repeats: int) -> dict[tuple[str, str], dict]:
    results = {}
    for case in CASES:
        for period in PERIODS:
            sql = reference_sql(case, period)
            rows = connection.execute(sql).fetchall()
            walls, cpus = [], []
            for _ in range(repeats):
                wall, cpu = time.perf_counter(), time.process_time()
                connection.execute(sql).fetchall()
                cpus.append(time.process_time() - cpu)
                walls.append(time.perf_counter() - wall)
            results[case.name, period] = {
                "exact": {tuple(str(v) for v in row[:-1]): row[-1] for row in rows},
                "walls": walls,
                "cpus": cpus,
            }
    return results


# -- the report -----------------------------------------------------------------------------


def report(
    database: str, size: int, engine: dict, reference: dict, *, first_load: str
) -> list[dict]:
    print(f"\n{database}, {size:,} episodes ({first_load} at the start; {load()} at the end)")
    print(
        f"{'question and breakdown':<46} {'period':<9} {'engine s':>9} {'cpu s':>7} "
        f"{'duckdb s':>9} {'cpu s':>7} {'ratio':>7}  check"
    )
    rows = []
    for case in CASES:
        for period in PERIODS:
            ours, theirs = engine[case.name, period], reference[case.name, period]
            counted = {tuple(labels): n for labels, n in ours["exact"]}
            same = counted == theirs["exact"]
            median = statistics.median(ours["walls"])
            reference_median = statistics.median(theirs["walls"])
            ratio = median / reference_median
            target = 5.0 if period == "year" else 10.0
            flag = "" if ratio <= target else f"  over {target:.0f}x"
            print(
                f"{case.name:<46} {period:<9} {median:9.4f} "
                f"{statistics.median(ours['cpus']):7.3f} {reference_median:9.4f} "
                f"{statistics.median(theirs['cpus']):7.3f} {ratio:6.1f}x  "
                f"{'ok' if same else 'MISMATCH'}{flag}"
            )
            if not same:
                missing = set(counted.items()) ^ set(theirs["exact"].items())
                print(f"    differ: {sorted(missing)[:6]}")
            rows.append(
                {
                    "database": database,
                    "episodes": size,
                    "case": case.name,
                    "period": period,
                    "engine_median_s": median,
                    "engine_cpu_s": statistics.median(ours["cpus"]),
                    "duckdb_median_s": reference_median,
                    "duckdb_cpu_s": statistics.median(theirs["cpus"]),
                    "ratio": ratio,
                    "counts_equal": same,
                }
            )
    return rows


def direct_register(register: ab.Register, data: Path, size: int) -> None:
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": register.url}
    ab.run(["migrate", "-v0"], env)
    expected = (size, ab.rows_in(data / ab.DISCLOSURES_FILE))
    if register.held() == expected:
        say(f"{size:,} {register.database}: reusing the directly loaded register")
        return
    if register.held() != (0, 0):
        raise SystemExit(f"{register.url} holds other rows: remove it")
    say(f"{size:,} {register.database}: benchmarks/direct_load.py")
    loader = Path(__file__).resolve().parent / "direct_load.py"
    subprocess.run([sys.executable, str(loader), str(data)], env=env, check=True, cwd=ROOT)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sqlite-episodes", type=int, default=1_000_000)
    parser.add_argument("--postgres-episodes", type=int, default=200_000)
    parser.add_argument("--postgres", default=os.environ.get("BENCH_POSTGRES_URL", ""))
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    parser.add_argument("--json", type=Path, help="write the rows here too")
    parser.add_argument(
        "--load",
        choices=("import", "direct"),
        default="import",
        help="build SQLite's register with `answerable import` (default) or benchmarks/"
        "direct_load.py (no validation or history: when the importer is too slow)",
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.worker:
        worker(options.repeats)
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "answerable.settings")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()  # for parse_nationality, as the importer reads nationalities

    plan = [("sqlite", options.sqlite_episodes)] if options.sqlite_episodes else []
    if options.postgres_episodes:
        if not options.postgres:
            raise SystemExit("--postgres URL (or BENCH_POSTGRES_URL) for PostgreSQL")
        plan.append(("postgres", options.postgres_episodes))
    options.workdir.mkdir(parents=True, exist_ok=True)
    rows: list[dict] = []
    for database, size in plan:
        data = ab.ensure_files(size, options.workdir)
        if database == "sqlite" and options.load == "direct":
            register = ab.Register("sqlite", f"sqlite:///{data / 'register-direct.sqlite3'}")
            direct_register(register, data, size)
        else:
            if database == "sqlite":
                register = ab.Register("sqlite", f"sqlite:///{data / 'register.sqlite3'}")
            else:
                register = ab.Register("postgres", options.postgres)
            ab.ensure_register(register, data, size, options.postgres, PART_ROWS)
        at_start = load()
        say(f"{database} {size:,}: timing the engine ({at_start})")
        engine = time_engine(register, options.repeats)
        connection = duckdb_tables(data)
        reference = time_duckdb(connection, options.repeats)
        connection.close()
        rows += report(database, size, engine, reference, first_load=at_start)
    if options.json:
        options.json.write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
