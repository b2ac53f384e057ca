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
the columns the register derives on import and runs the same aggregation, both exactly as
answer_benchmark.py does (duckdb_tables, reference_sql); its counts must equal the engine's,
group by group, or the row says MISMATCH. The machine's load average is printed with each
table. answer_benchmark.py times these breakdowns too (and every other), with disclosure
control and `ask` end to end; this one adds the CPU time of the counting alone.

Periods and targets as answer_benchmark.py's: over one year (the financial year 2025-26)
within 5x of DuckDB, over all years within 10x.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import answer_benchmark as ab  # the same files and registers

ROOT = ab.ROOT
DEFAULT_WORKDIR = ROOT / "var" / "time-dims-benchmark"
PART_ROWS = 250_000
# The financial year 2025-26 and no dates at all, as answer_benchmark.py names them.
PERIODS = ab.PERIODS
TARGET_RATIO = ab.TARGET_RATIO


@dataclass(frozen=True)
class Case:
    question: str
    by: tuple[str, ...]

    @property
    def name(self) -> str:
        return f"{self.question} --by {','.join(self.by)}"

    def over(self, period: str) -> ab.Case:
        """The same case as answer_benchmark.py times it (and writes DuckDB's query for)."""
        return ab.Case(self.question, self.by, period)


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
            f"  {register.kind}: {result['case']} over {result['period']}: "
            f"median {statistics.median(result['walls']):.3f} s"
        )
    if process.wait():
        raise SystemExit(f"the engine worker failed on {register.kind}")
    return results


# -- DuckDB ---------------------------------------------------------------------------------


def time_duckdb(connection: Any, repeats: int) -> dict[tuple[str, str], dict]:
    """Each case's counts and timings in DuckDB: answer_benchmark.py's query for it."""
    results = {}
    for case in CASES:
        for period in PERIODS:
            sql = ab.reference_sql(case.over(period))
            assert sql is not None  # every case here counts custody or disclosures
            rows = connection.execute(sql).fetchall()
            walls, cpus = [], []
            for _ in range(repeats):
                wall, cpu = time.perf_counter(), time.process_time()
                connection.execute(sql).fetchall()
                cpus.append(time.process_time() - cpu)
                walls.append(time.perf_counter() - wall)
            results[case.name, period] = {
                "exact": {tuple(row[:-1]): row[-1] for row in rows},
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
            differences = ab.compare(ours["exact"], theirs["exact"])
            same = not differences
            median = statistics.median(ours["walls"])
            reference_median = statistics.median(theirs["walls"])
            ratio = median / reference_median
            target = TARGET_RATIO[period]
            flag = "" if ratio <= target else f"  over {target:.0f}x"
            print(
                f"{case.name:<46} {period:<9} {median:9.4f} "
                f"{statistics.median(ours['cpus']):7.3f} {reference_median:9.4f} "
                f"{statistics.median(theirs['cpus']):7.3f} {ratio:6.1f}x  "
                f"{'ok' if same else 'MISMATCH'}{flag}"
            )
            if not same:
                print(f"    differ: {differences[:6]}")
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
    ab.answerable(["migrate", "-v0"], env)
    expected = (size, ab.rows_in(data / ab.DISCLOSURES_FILE))
    if register.held() == expected:
        say(f"{size:,} {register.kind}: reusing the directly loaded register")
        return
    if register.held() != (0, 0):
        raise SystemExit(f"{register.url} holds other rows: remove it")
    say(f"{size:,} {register.kind}: benchmarks/direct_load.py")
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
    from django.conf import settings

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
            register = ab.Register(f"sqlite:///{data / 'register-direct.sqlite3'}")
            direct_register(register, data, size)
        else:
            url = database if database == "sqlite" else options.postgres
            register = ab.register_for(url, size, options.workdir)
            ab.ensure_register(register, data, size, PART_ROWS)
        at_start = load()
        say(f"{database} {size:,}: timing the engine ({at_start})")
        engine = time_engine(register, options.repeats)
        connection = ab.duckdb_tables(data, settings.ANSWERABLE_FORCE)
        reference = time_duckdb(connection, options.repeats)
        connection.close()
        rows += report(database, size, engine, reference, first_load=at_start)
    if options.json:
        options.json.write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
