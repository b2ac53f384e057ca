"""Benchmark: importing interchange files of N custody episodes into a fresh register.

    .venv/bin/python benchmarks/import_benchmark.py --episodes 1000000
    DATABASE_URL=postgres://... .venv/bin/python benchmarks/import_benchmark.py

Runs the real commands (`answerable generate`, `answerable import ...`) against a fresh
database and prints, for each step, rows, seconds and rows per second. The reference,
measured in the same run on the same file, is the floor for any import: Python's csv
module reading the file and sqlite3 inserting the raw strings into a table with no checks,
no indexes and no history. The ratio says what validation, pseudonymisation, indexes and
history cost on top of it.
"""

import argparse
import csv
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ANSWERABLE = [sys.executable, "-m", "answerable"]


def run(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(ANSWERABLE + args, env=env, check=True, cwd=ROOT)
    return time.perf_counter() - start


def rows_in(path: Path) -> int:
    with path.open(newline="", encoding="utf-8") as stream:
        return sum(1 for _ in csv.reader(stream)) - 1


def bare_load(path: Path, database: Path) -> float:
    """The reference: csv.reader into sqlite3.executemany, nothing else."""
    database.unlink(missing_ok=True)
    start = time.perf_counter()
    connection = sqlite3.connect(database)
    with path.open(newline="", encoding="utf-8") as stream:
        reader = csv.reader(stream)
        header = next(reader)
        columns = ", ".join(f'"{name}" TEXT' for name in header)
        connection.execute(f"CREATE TABLE bare ({columns})")
        marks = ", ".join("?" * len(header))
        connection.executemany(f"INSERT INTO bare VALUES ({marks})", reader)
    connection.commit()
    connection.close()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--episodes", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, help="keep files here (default: a temporary one)")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        work = options.workdir or Path(scratch)
        work.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "DEBUG": "1"}
        env.setdefault("DATABASE_URL", f"sqlite:///{work / 'benchmark.sqlite3'}")
        database = env["DATABASE_URL"].split("://")[0]
        if database.startswith("sqlite"):
            Path(env["DATABASE_URL"].removeprefix("sqlite:///")).unlink(missing_ok=True)
        else:
            run(["flush", "--noinput"], env)

        results: list[tuple[str, int, float]] = []
        data = work / "data"
        seconds = run(
            [
                "generate",
                "--episodes",
                str(options.episodes),
                "--seed",
                str(options.seed),
                "--out",
                str(data),
            ],
            env,
        )
        custody, disclosures = data / "custody-episodes.csv", data / "disclosures.csv"
        custody_rows, disclosure_rows = rows_in(custody), rows_in(disclosures)
        results.append(("generate (both files)", custody_rows + disclosure_rows, seconds))
        run(["migrate", "-v0"], env)
        results.append(
            ("import custody (new)", custody_rows, run(["import", "custody", str(custody)], env))
        )
        results.append(
            (
                "import disclosures (new)",
                disclosure_rows,
                run(["import", "disclosures", str(disclosures)], env),
            )
        )
        results.append(
            (
                "re-import custody (unchanged)",
                custody_rows,
                run(["import", "custody", str(custody)], env),
            )
        )
        reference = bare_load(custody, work / "bare.sqlite3")
        results.append(("reference: csv + sqlite3 executemany", custody_rows, reference))

    print(f"\nDatabase: {database}; {options.episodes:,} episodes; {os.cpu_count()} cores")
    print(f"{'step':<40} {'rows':>11} {'seconds':>9} {'rows/s':>10} {'x reference':>12}")
    for step, rows, seconds in results:
        ratio = seconds / reference if step.startswith(("import", "re-import")) else None
        print(
            f"{step:<40} {rows:>11,} {seconds:>9.1f} {rows / seconds:>10,.0f} "
            f"{f'{ratio:.1f}x' if ratio else '':>12}"
        )


if __name__ == "__main__":
    main()
