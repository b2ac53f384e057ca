"""Benchmark: importing interchange files of N custody episodes, against a bare load.

    .venv/bin/python benchmarks/import_benchmark.py --episodes 1000000 --runs 3
    DATABASE_URL=postgres://... .venv/bin/python benchmarks/import_benchmark.py

Generates the files once (`answerable generate`), then, for each run, on a fresh database:
imports the custody file (every row new), imports it again (every row unchanged), imports
the disclosures, and makes the bare load of the custody file. Each step runs in a child
process of its own, which reports its wall time, its CPU time and its peak resident memory
(ru_maxrss: the process's whole footprint, Django included), so that no step's memory hides
another's. The machine's load average is read before each step.

The bare load is the floor for any import: Python's csv module reading the file and
sqlite3's executemany inserting the raw strings into a table with no checks, no indexes and
no history. The ratio (import / bare, on CPU time and on wall time, medians of the runs)
says what validation, pseudonymisation, indexes, history and the audit trail cost on top.
On PostgreSQL the server's own CPU time is not in the child's: compare wall times there.

With --baseline DIR (another checkout of the code, e.g. `git archive main | tar -x -C DIR`),
each run also imports the same files with that code, on a fresh database of its own, so
that before and after are measured in the same run, under the same load:

    .venv/bin/python benchmarks/import_benchmark.py --episodes 200000 --baseline /tmp/old
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Runs in a child process: one step, measured from inside (start-up excluded).
CHILD = """
import json, os, resource, sys, time
step, path = sys.argv[1], sys.argv[2]
if step == "bare":
    import csv, sqlite3
    def work():
        database = sys.argv[3]
        if os.path.exists(database):
            os.unlink(database)
        connection = sqlite3.connect(database)
        with open(path, newline="", encoding="utf-8") as stream:
            reader = csv.reader(stream)
            header = next(reader)
            columns = ", ".join(f'"{name}" TEXT' for name in header)
            connection.execute(f"CREATE TABLE bare ({columns})")
            marks = ", ".join("?" * len(header))
            connection.executemany(f"INSERT INTO bare VALUES ({marks})", reader)
        connection.commit()
        connection.close()
else:
    import django
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "answerable.settings")
    django.setup()
    from answerable.interchange.importer import import_file
    def work():
        summary = import_file(step, path, progress=False)
        print(summary.describe(), file=sys.stderr)
before = resource.getrusage(resource.RUSAGE_SELF)
wall = time.perf_counter()
work()
wall = time.perf_counter() - wall
after = resource.getrusage(resource.RUSAGE_SELF)
cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
print(json.dumps({"wall": wall, "cpu": cpu, "peak_mib": after.ru_maxrss / 1024}))
"""


def answerable(args: list[str], env: dict[str, str], source: Path = ROOT) -> None:
    subprocess.run([sys.executable, "-m", "answerable", *args], env=env, check=True, cwd=source)


def measure(
    step: str, path: Path, env: dict[str, str], *extra: str, source: Path = ROOT
) -> dict[str, float]:
    """One step in a child process whose working directory is `source`: the child imports
    the `answerable` package found there (the script's directory comes first on its path)."""
    load = os.getloadavg()[0]
    done = subprocess.run(
        [sys.executable, "-c", CHILD, step, str(path), *extra],
        env=env,
        cwd=source,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    return {**json.loads(done.stdout.strip().splitlines()[-1]), "load": load}


def rows_in(path: Path) -> int:
    with path.open("rb") as stream:
        return sum(1 for _ in stream) - 1  # the generator writes no line breaks in cells


def fresh_database(env: dict[str, str], source: Path = ROOT) -> None:
    url = env["DATABASE_URL"]
    if url.startswith("sqlite"):
        database = Path(url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
    answerable(["migrate", "-v0"], env, source)
    if not url.startswith("sqlite"):
        answerable(["flush", "--noinput"], env, source)


STEPS = (
    ("custody", "import custody (new)"),
    ("custody", "re-import custody (unchanged)"),
    ("disclosures", "import disclosures (new)"),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--episodes", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, help="keep files here (default: a temporary one)")
    parser.add_argument("--json", type=Path, help="also write every measurement here")
    parser.add_argument(
        "--baseline",
        type=Path,
        help="another checkout of the code, measured in the same runs ('before: ' steps)",
    )
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        work = options.workdir or Path(scratch)
        work.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "DEBUG": "1"}
        env.setdefault("DATABASE_URL", f"sqlite:///{work / 'benchmark.sqlite3'}")
        database = env["DATABASE_URL"].split("://")[0]
        data = work / "data"
        custody, disclosures = data / "custody-episodes.csv", data / "disclosures.csv"
        if not custody.exists():
            answerable(
                [
                    *("generate", "--episodes", str(options.episodes)),
                    *("--seed", str(options.seed), "--out", str(data)),
                ],
                env,
            )
        rows = {"custody": rows_in(custody), "disclosures": rows_in(disclosures)}
        files = {"custody": custody, "disclosures": disclosures}
        results: dict[str, list[dict[str, float]]] = {}
        sources = [("", ROOT)]
        if options.baseline:
            sources.insert(0, ("before: ", options.baseline.resolve()))
        for run in range(options.runs):
            for label, source in sources:
                fresh_database(env, source)
                for kind, step in STEPS:
                    name = label + step
                    measured = measure(kind, files[kind], env, source=source)
                    results.setdefault(name, []).append(measured)
                    print(f"run {run + 1}: {name}: {measured}", file=sys.stderr)
            bare = measure("bare", custody, env, str(work / "bare.sqlite3"))
            results.setdefault("bare load: csv + sqlite3 executemany", []).append(bare)
            print(f"run {run + 1}: bare: {bare}", file=sys.stderr)

    if options.json:
        options.json.write_text(json.dumps({"rows": rows, "results": results}, indent=1))
    report(results, rows, options, database)


def report(
    results: dict[str, list[dict[str, float]]],
    rows: dict[str, int],
    options: argparse.Namespace,
    database: str,
) -> None:
    def median(step: str, what: str) -> float:
        return statistics.median(result[what] for result in results[step])

    bare = "bare load: csv + sqlite3 executemany"
    loads = [result["load"] for measured in results.values() for result in measured]
    print(
        f"\nDatabase: {database}; {options.episodes:,} episodes; {options.runs} runs; "
        f"{os.cpu_count()} cores; load average (1 min) {min(loads):.1f} to {max(loads):.1f}, "
        f"median {statistics.median(loads):.1f}. Medians of the runs."
    )
    print(
        f"{'step':<44} {'rows':>10} {'wall s':>8} {'CPU s':>8} {'rows/CPU s':>11} "
        f"{'rows/s':>9} {'peak MiB':>9} {'x bare CPU':>11} {'x bare wall':>12}"
    )
    for step in results:
        count = rows["disclosures" if "disclosures" in step else "custody"]
        wall, cpu = median(step, "wall"), median(step, "cpu")
        ratios = ""
        if step != bare and "custody" in step:
            ratios = f"{cpu / median(bare, 'cpu'):>10.1f}x {wall / median(bare, 'wall'):>11.1f}x"
        print(
            f"{step:<44} {count:>10,} {wall:>8.1f} {cpu:>8.1f} {count / cpu:>11,.0f} "
            f"{count / wall:>9,.0f} {median(step, 'peak_mib'):>9,.0f} {ratios}"
        )
    for step in results:
        after = step.removeprefix("before: ")
        if after != step and after in results:
            print(
                f"{after}: {median(step, 'cpu') / median(after, 'cpu'):.2f}x less CPU, "
                f"{median(step, 'wall') / median(after, 'wall'):.2f}x less wall time than before"
            )


if __name__ == "__main__":
    main()
