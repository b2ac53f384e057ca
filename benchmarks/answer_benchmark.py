"""Benchmark: every catalogue question, with every breakdown, against DuckDB over the same rows.

    .venv/bin/python benchmarks/answer_benchmark.py [--episodes 1000000] \\
        [--database sqlite | sqlite:///PATH | postgres://USER:PASSWORD@HOST:PORT/NAME] \\
        [--out FILE.md] [--quick] [--repeats 3] [--ask-repeats 1] [--only REGEX] \\
        [--workdir DIR] [--source DIR]

What is timed. Every question of the catalogue (answers/catalogue.py) with each of its
documented breakdowns alone, and with the two-way breakdowns the corpus asks for: custody
station x duration (seed 001), crime type x sex, child, disability and outcome (corpus B3,
seed 000), and year x every other breakdown (requests ask for years side by side); each over
one year (the financial year 2025-26) and over all years. The list of breakdowns is read
from the catalogue of the code timed, so a breakdown added later is timed (and needs a
reference below, or the run stops saying so).

For each case:
- answer s: the median of --repeats calls of `answers.answer.answer` (the counts under
  disclosure control, as `answerable ask` publishes them) in one Django process per run
  (SciPy's solvers imported before the first case), after a first call that reads the exact
  counts (`suppress=False`, the warm-up);
- count s: of that, `engine.count` (the queries);
- duckdb s: DuckDB, in the same run, over the same rows (the same CSV files loaded with the
  columns the register derives on import computed at load time), the same filters and
  groups, a count per group: the median of --repeats;
- ratio: answer s / duckdb s;
- ask s, ask CPU s: `python -m answerable ask QUESTION --from --to --by ... --format csv`
  end to end in a process of its own (start-up included), wall time and the CPU time the
  process used (user + system), the median of --ask-repeats;
- counts: the engine's exact counts compared with DuckDB's, group by group. Any difference
  is a MISMATCH, listed at the end, and the run exits with status 1.

The register is built once per size and database with the real commands (`answerable
generate --episodes N --seed 1 --to 2026-11-22`, `answerable migrate`, `answerable import
custody|disclosures FILE --synthetic`) and reused while it holds the files' rows. NCCU
contacts and ICCE requests have no interchange file, so `generate` writes none: their
questions are timed over empty tables and their counts must all be 0.

--ask-period: the cases timed with `ask` end to end, by default those over one year (the
issue's target: under 0.5 s at 1,000,000 episodes); `every` times all of them.
--quick: one timed call per case and `ask` end to end for one case per question (for the
test suite, at a small size); every count is still checked against DuckDB.
--source DIR: time the `answerable` package found in DIR (e.g. `git archive` of another
commit, unpacked) instead of this checkout's, for before/after figures from one register.
"""

import argparse
import contextlib
import json
import math
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_WORKDIR = ROOT / "var" / "answer-benchmark"
LAST_DAY = "2026-11-22"  # generate --to: the same files on any day
SEED = 1
CUSTODY_FILE, DISCLOSURES_FILE = "custody-episodes.csv", "disclosures.csv"
# Episodes imported per second on the machine this was written on (2 cores), for progress.
IMPORT_RATE = {"sqlite": 4_500, "postgres": 4_000}

YEAR = (date(2025, 4, 1), date(2026, 3, 31))  # the financial year 2025-26
PERIODS: dict[str, tuple[date | None, date | None]] = {"one year": YEAR, "all years": (None, None)}
# The targets: over a year within 5x of DuckDB and under 0.5 s; over all years 10x.
TARGET_RATIO = {"one year": 5.0, "all years": 10.0}
TARGET_SECONDS = 0.5
TIME_DIMENSIONS = ("year", "financial_year", "month")

# -- the reference: DuckDB, written from the interchange formats' Meaning sections -----------

IMMIGRATION = "detention_basis IN ('immigration_powers', 'immigration_offence')"
REFERRAL = "purpose IN ('referral', 'icce_high_harm')"


def _nr(column: str) -> str:
    return f"coalesce({column}, 'not_recorded')"


def _time_labels(day: str) -> dict[str, str]:
    return {
        "year": f"strftime({day}, '%Y')",
        "month": f"strftime({day}, '%Y-%m')",
        # periods.financial_year: 2017/18 from 1 April 2017 to 31 March 2018
        "financial_year": f"""CASE WHEN month({day}) >= 4
            THEN year({day})::VARCHAR || '/' || lpad(((year({day}) + 1) % 100)::VARCHAR, 2, '0')
            ELSE (year({day}) - 1)::VARCHAR || '/' || lpad((year({day}) % 100)::VARCHAR, 2, '0')
            END""",
    }


# bands.py with the default bounds: durations 24,48 hours, ages from 18
PERSON = {
    "sex": _nr("sex"),
    "age_band": "CASE WHEN age IS NULL THEN 'not_recorded' WHEN age < 18 THEN '0-17' "
    "ELSE '18+' END",
    "child": "CASE WHEN age IS NULL THEN 'not_recorded' WHEN age < 18 THEN 'yes' ELSE 'no' END",
    "nationality": _nr("nationality"),
    "disability": _nr("disability"),
    "division": _nr("division"),
}
CUSTODY_LABELS = {
    **PERSON,
    "station": "station",
    "duration": """CASE WHEN duration_minutes IS NULL THEN 'in_custody'
        WHEN duration_minutes <= 24 * 60 THEN '0-24'
        WHEN duration_minutes <= 48 * 60 THEN '24-48' ELSE '48+' END""",
    "asylum_claimed": _nr("asylum_claimed"),
    "detention_basis": "detention_basis",
    "offence_code": _nr("offence_code"),
    "outcome": _nr("outcome"),
    **_time_labels("arrived_on"),
}
# reports.py: no NCCU contact, outcome report or ICCE request is generated, so a report is a
# referral, and what happened afterwards is read from the disclosure's own outcome and the
# person's later immigration-related custody (same force, same person identifier).
LATER_CUSTODY = f"""EXISTS (SELECT 1 FROM custody c WHERE c.person_key = disclosures.person_key
    AND c.{IMMIGRATION} AND c.arrived_utc > disclosures.disclosed_utc)"""
DISCLOSURE_LABELS = {
    **PERSON,
    "role": "role",
    "crime_type": _nr("crime_type"),
    "recipient": "recipient",
    "channel": _nr("channel"),
    "purpose": "purpose",
    "initiated_by": _nr("initiated_by"),
    "consent": _nr("consent"),
    "agreement": _nr("agreement_ref"),
    "home_office_outcome": _nr("home_office_outcome"),
    "corrected": "CASE WHEN corrected_at IS NULL THEN 'no' ELSE 'yes' END",
    "correction_reason": _nr("correction_reason"),
    "report_or_referral": """CASE WHEN purpose = 'referral' THEN 'referral'
        WHEN purpose = 'icce_high_harm' THEN 'icce_high_harm' ELSE 'other' END""",
    "detained_after": f"""CASE
        WHEN home_office_outcome = 'detained_immigration_powers' OR {LATER_CUSTODY} THEN 'yes'
        WHEN home_office_outcome IS NOT NULL THEN 'no' ELSE 'not_known' END""",
    "removed_after": """CASE WHEN home_office_outcome IN ('removed', 'deported') THEN 'yes'
        WHEN home_office_outcome IS NOT NULL THEN 'no' ELSE 'not_known' END""",
    **_time_labels("disclosed_on"),
}


@dataclass(frozen=True)
class Source:
    """Where a question's records are in DuckDB: table, filter, day column, labels."""

    table: str
    base: str
    day: str
    labels: dict[str, str]


SOURCES: dict[str, Source | None] = {
    "custody-count": Source("custody", IMMIGRATION, "arrived_on", CUSTODY_LABELS),
    "custody-all": Source("custody", "true", "arrived_on", CUSTODY_LABELS),
    "disclosures": Source("disclosures", "true", "disclosed_on", DISCLOSURE_LABELS),
    "referrals": Source("disclosures", REFERRAL, "disclosed_on", DISCLOSURE_LABELS),
    "reported-or-referred": Source("disclosures", REFERRAL, "disclosed_on", DISCLOSURE_LABELS),
    "nccu-contacts": None,  # no interchange file: empty
    "icce-requests": None,
}
EMPTY_NOTE = "empty: `generate` writes none"

# Loading the CSV files, deriving what the register derives on import:
# custody-episodes-v1 (File, Meaning): an empty cell or `not_recorded` is not recorded; a
# date-time without an offset is UK local time, and one in the hour repeated when the clocks
# go back is its first occurrence (BST), as the importer reads it (core/uk_time.py);
# duration is real elapsed whole minutes; a period holds an event by its UK local date; a
# person is their force's identifier (register/pseudonym.py: force casefolded, ref trimmed).
DUCKDB_LOAD = r"""
SET TimeZone = 'UTC';
CREATE MACRO has_offset(s) AS regexp_matches(s, '(Z|[+-]\d\d(:?\d\d)?)$');
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
CREATE MACRO person(force, ref) AS CASE WHEN recorded(ref) IS NULL THEN NULL
    ELSE lower(coalesce(recorded(force), {force})) || chr(31) || trim(ref) END;
CREATE TABLE custody_csv AS SELECT * FROM read_csv({custody}, all_varchar = true, header = true);
CREATE TABLE disclosures_csv AS
    SELECT * FROM read_csv({disclosures}, all_varchar = true, header = true);
"""

DUCKDB_DERIVE = r"""
CREATE TABLE custody AS SELECT
    trim(c.station) AS station,
    recorded(c.division) AS division,
    choice(c.detention_basis) AS detention_basis,
    uk_day(trim(c.arrived_at)) AS arrived_on,
    uk_utc(trim(c.arrived_at)) AS arrived_utc,
    CASE WHEN recorded(c.released_at) IS NULL THEN NULL ELSE floor(
        (epoch(uk_utc(trim(c.released_at))) - epoch(uk_utc(trim(c.arrived_at)))) / 60
    )::BIGINT END AS duration_minutes,
    person(c.force, c.person_ref) AS person_key,
    choice(c.sex) AS sex,
    TRY_CAST(recorded(c.age) AS INTEGER) AS age,
    n.code AS nationality,
    choice(c.asylum_claimed) AS asylum_claimed,
    choice(c.disability) AS disability,
    recorded(c.offence_code) AS offence_code,
    choice(c.outcome) AS outcome
FROM custody_csv c LEFT JOIN nationality_codes n ON n.raw = recorded(c.nationality)
ORDER BY c.rowid;
CREATE TABLE disclosures AS SELECT
    uk_day(trim(d.disclosed_at)) AS disclosed_on,
    uk_utc(trim(d.disclosed_at)) AS disclosed_utc,
    person(d.force, d.person_ref) AS person_key,
    recorded(d.division) AS division,
    choice(d.role) AS role,
    choice(d.crime_type) AS crime_type,
    choice(d.sex) AS sex,
    TRY_CAST(recorded(d.age) AS INTEGER) AS age,
    choice(d.disability) AS disability,
    n.code AS nationality,
    choice(d.recipient) AS recipient,
    choice(d.channel) AS channel,
    choice(d.purpose) AS purpose,
    choice(d.initiated_by) AS initiated_by,
    choice(d.consent) AS consent,
    recorded(d.agreement_ref) AS agreement_ref,
    choice(d.home_office_outcome) AS home_office_outcome,
    recorded(d.corrected_at) AS corrected_at,
    choice(d.correction_reason) AS correction_reason
FROM disclosures_csv d LEFT JOIN nationality_codes n ON n.raw = recorded(d.nationality)
ORDER BY d.rowid;
DROP TABLE custody_csv;
DROP TABLE disclosures_csv;
"""


# -- the cases -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    question: str
    by: tuple[str, ...]
    period: str

    @property
    def name(self) -> str:
        return f"{self.question} --by {','.join(self.by) or '(none)'} over {self.period}"

    def ask_arguments(self) -> list[str]:
        first, last = PERIODS[self.period]
        arguments = ["ask", self.question, "--format", "csv"]
        if first and last:
            arguments += ["--from", first.isoformat(), "--to", last.isoformat()]
        if self.by:
            arguments += ["--by", ",".join(self.by)]
        return arguments


# The two-way breakdowns the corpus asks for, besides year x every other breakdown.
TWO_WAY = (
    ("station", "duration"),  # seed 001: custody centre by time in custody
    ("crime_type", "sex"),  # corpus B3 and seed 000: victims referred, by crime type and ...
    ("crime_type", "child"),
    ("crime_type", "disability"),
    ("crime_type", "home_office_outcome"),
    ("crime_type", "detained_after"),
    ("crime_type", "removed_after"),
    ("crime_type", "action_taken"),  # NCCU: what the officer then did
)


def cases_for(catalogue: dict[str, list[str]]) -> list[Case]:
    """Every question with each breakdown, the corpus's two-way breakdowns that apply, and
    year x every other breakdown, over each period."""
    cases = []
    for period in PERIODS:  # one year first: the first target
        for question, dimensions in catalogue.items():
            breakdowns: list[tuple[str, ...]] = [(name,) for name in dimensions]
            breakdowns += [pair for pair in TWO_WAY if set(pair) <= set(dimensions)]
            if "year" in dimensions:
                breakdowns += [("year", name) for name in dimensions if name not in TIME_DIMENSIONS]
            cases += [Case(question, by, period) for by in breakdowns]
    return cases


def reference_sql(case: Case) -> str | None:
    source = SOURCES[case.question]
    if source is None:
        return None
    labels = []
    for name in case.by:
        if name not in source.labels:
            raise SystemExit(
                f"{case.question} --by {name}: no DuckDB reference for this breakdown; add its "
                "label to benchmarks/answer_benchmark.py (CUSTODY_LABELS or DISCLOSURE_LABELS)"
            )
        labels.append(source.labels[name])
    first, last = PERIODS[case.period]
    period = f"{source.day} BETWEEN DATE '{first}' AND DATE '{last}'" if first else "true"
    columns = "".join(f"{label}, " for label in labels)
    return (
        f"SELECT {columns}count(*) FROM {source.table} "
        f"WHERE {source.base} AND {period} GROUP BY ALL"
    )


# -- the register ------------------------------------------------------------------------------


def say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def rows_in(path: Path) -> int:
    """Data rows of a generated file (no quoted newlines in them: one line per row)."""
    with path.open("rb") as stream:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: stream.read(1 << 24), b"")) - 1


def answerable(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "answerable", *args], env=env, check=True, cwd=ROOT)
    return time.perf_counter() - start


@dataclass(frozen=True)
class Register:
    url: str

    @property
    def kind(self) -> str:
        return "sqlite" if self.url.startswith("sqlite") else "postgres"

    def path(self) -> Path:
        return Path(self.url.removeprefix("sqlite:///"))

    def held(self) -> tuple[int, int]:
        """(custody episodes, disclosures) held; (0, 0) before migration."""
        queries = (
            "SELECT count(*) FROM register_custodyepisode",
            "SELECT count(*) FROM register_disclosure",
        )
        if self.kind == "sqlite":
            import sqlite3

            if not self.path().exists():
                return 0, 0
            connection = sqlite3.connect(self.path())
            try:
                first, second = (connection.execute(q).fetchone()[0] for q in queries)
                return first, second
            except sqlite3.OperationalError:
                return 0, 0
            finally:
                connection.close()
        import psycopg

        with psycopg.connect(self.url) as server:
            try:
                first, second = (server.execute(q).fetchone()[0] for q in queries)  # type: ignore[index]
                return first, second
            except psycopg.errors.UndefinedTable:
                return 0, 0

    def wipe(self) -> None:
        if self.kind == "sqlite":
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.path()}{suffix}").unlink(missing_ok=True)
            return
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as connection:
            connection.execute("DROP SCHEMA public CASCADE")
            connection.execute("CREATE SCHEMA public")


def register_for(database: str, episodes: int, work: Path) -> Register:
    if database == "sqlite":
        return Register(f"sqlite:///{work / str(episodes) / 'register.sqlite3'}")
    if database.startswith(("sqlite:///", "postgres://", "postgresql://")):
        return Register(database)
    raise SystemExit(f"--database {database!r}: sqlite, sqlite:///PATH or postgres://...")


def ensure_files(episodes: int, work: Path) -> Path:
    data = work / str(episodes)
    if (data / CUSTODY_FILE).exists() and (data / DISCLOSURES_FILE).exists():
        return data
    say(f"answerable generate --episodes {episodes} --seed {SEED} --to {LAST_DAY}")
    command = ["generate", "--episodes", str(episodes), "--seed", str(SEED), "--to", LAST_DAY]
    answerable([*command, "--out", str(data)], {**os.environ, "DEBUG": "1"})
    return data


def split(path: Path, rows: int, part_rows: int) -> list[tuple[Path, int]]:
    """The file as parts of at most `part_rows` rows, each with the header, written once
    (into DIR/N/parts) and reused; a file that small is its own single part."""
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


def _boundary(held: int, parts: list[tuple[Path, int]]) -> bool:
    """Whether `held` rows are a whole number of parts (in order), none included."""
    done = 0
    for rows in [0, *(rows for _, rows in parts)]:
        done += rows
        if held == done:
            return True
    return False


def ensure_register(register: Register, data: Path, episodes: int, part_rows: int) -> None:
    """Build the register from the files, or reuse it; an interrupted build resumes at the
    first part not yet held (each part is imported whole or not at all, in order)."""
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": register.url}
    custody = split(data / CUSTODY_FILE, episodes, part_rows)
    disclosures = split(data / DISCLOSURES_FILE, rows_in(data / DISCLOSURES_FILE), part_rows)
    expected = (episodes, sum(rows for _, rows in disclosures))
    held = register.held()
    if not (_boundary(held[0], custody) and _boundary(held[1], disclosures)):
        say(f"the register holds {held[0]:,} episodes and {held[1]:,} disclosures: rebuilding")
        register.wipe()
        held = (0, 0)
    answerable(["migrate", "-v0"], env)
    if held != expected:
        for kind, parts, already in (
            ("custody", custody, held[0]),
            ("disclosures", disclosures, held[1]),
        ):
            done = 0
            for path, rows in parts:
                done += rows
                if done <= already:
                    continue
                minutes = rows / IMPORT_RATE[register.kind] / 60
                say(f"answerable import {kind} {path.name} ({rows:,} rows, ~{minutes:.0f} min)")
                answerable(["import", kind, str(path), "--synthetic", "--no-progress"], env)
        held = register.held()
        if held != expected:
            raise SystemExit(f"the register holds {held} after import, not {expected}")
    if register.kind == "postgres":
        import psycopg  # what autovacuum does soon after an import: steady plans

        with psycopg.connect(register.url, autocommit=True) as connection:
            connection.execute("ANALYZE")


# -- the engine, in a Django process of its own ----------------------------------------------


def worker_catalogue() -> None:
    """Run inside Django: each question's breakdowns, as JSON."""
    from answerable.answers.catalogue import CATALOGUE

    print(json.dumps({name: list(q.dimensions) for name, q in CATALOGUE.items()}), flush=True)


def worker(repeats: int) -> None:
    """Run inside Django: time each case read from stdin; one JSON line per case."""
    from answerable.answers import answer as answering
    from answerable.answers import engine
    from answerable.register.models import CustodyEpisode, Disclosure

    try:  # the planner's statistics as an import leaves them
        from answerable.register.planner import refresh_statistics

        refresh_statistics(CustodyEpisode, Disclosure)
    except ImportError:
        pass
    # Disclosure control's solver (HiGHS, through highspy; SciPy's wrapper of it in code
    # before issue 16's second round, timed with --source), imported when first used
    # (lazy.py): a server process has it after its first answer; imported here, before any
    # case is timed, so that the first case under disclosure control is not charged for the
    # import (`ask`, timed end to end, pays for it).
    import highspy  # noqa: F401

    with contextlib.suppress(ImportError):
        import scipy.optimize  # noqa: F401

    counting = {"seconds": 0.0}
    real_count = engine.count

    def timed_count(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return real_count(*args, **kwargs)
        finally:
            counting["seconds"] += time.perf_counter() - start

    answering.count = timed_count
    for line in sys.stdin:
        item = json.loads(line)
        first, last = PERIODS[item["period"]]
        ask = engine.Ask(item["question"], first_day=first, last_day=last, by=tuple(item["by"]))
        start = time.perf_counter()
        try:
            exact = answering.answer(ask, suppress=False).counts.table.counts
        except Exception as error:  # the engine's own failure: reported, not fatal
            print(json.dumps({"error": f"{type(error).__name__}: {error}"}), flush=True)
            continue
        warm = time.perf_counter() - start
        totals, counts = [], []
        for _ in range(repeats):
            counting["seconds"] = 0.0
            start = time.perf_counter()
            answering.answer(ask)
            totals.append(time.perf_counter() - start)
            counts.append(counting["seconds"])
        exact_rows = [[list(labels), n] for labels, n in exact.items() if n]
        print(
            json.dumps({"first": warm, "totals": totals, "counts": counts, "exact": exact_rows}),
            flush=True,
        )


def _environment(register: Register, source: Path | None) -> dict[str, str]:
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": register.url}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    if source is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(source), env.get("PYTHONPATH")]))
    return env


def _worker_command(*flags: str) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), *flags]


def read_catalogue(register: Register, source: Path | None) -> dict[str, list[str]]:
    output = subprocess.run(
        _worker_command("--worker-catalogue"),
        env=_environment(register, source),
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def time_engine(
    register: Register,
    source: Path | None,
    cases: Sequence[Case],
    repeats: int,
    budget: float | None = None,
) -> list[dict[str, Any]]:
    """Each case's result; once `budget` seconds have gone, the cases left are not timed
    (their result says so), so that a run on a busy machine still ends with a table."""
    process = subprocess.Popen(
        _worker_command("--worker", "--repeats", str(repeats)),
        env=_environment(register, source),
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdin is not None and process.stdout is not None
    results: list[dict[str, Any]] = []
    start = time.perf_counter()
    for index, case in enumerate(cases, 1):
        if budget is not None and time.perf_counter() - start > budget:
            results += [{"untimed": True}] * (len(cases) - len(results))
            say(f"--budget reached: {len(cases) - index + 1} cases not timed")
            break
        process.stdin.write(
            json.dumps({"question": case.question, "by": case.by, "period": case.period}) + "\n"
        )
        process.stdin.flush()
        line = process.stdout.readline()
        while line and not line.startswith("{"):  # something else the code printed
            if not line.startswith("Highs"):  # HiGHS writes to the process's stdout
                print(line, end="", file=sys.stderr)
            line = process.stdout.readline()
        if not line:
            raise SystemExit(f"the engine worker failed on {case.name}")
        result = json.loads(line)
        results.append(result)
        outcome = result.get("error") or f"{statistics.median(result['totals']):.3f} s"
        say(f"  {index}/{len(cases)} {case.name}: {outcome}")
    process.stdin.close()
    if process.wait():
        raise SystemExit("the engine worker failed")
    return results


def time_ask(
    register: Register, source: Path | None, case: Case, repeats: int
) -> tuple[float, float]:
    """`answerable ask` end to end: (wall s, CPU s of the process), medians."""
    env = _environment(register, source)
    walls, cpus = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "answerable", *case.ask_arguments()],
            env=env,
            cwd=source or ROOT,  # `-m` looks in the working directory first
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        _, status, usage = os.wait4(process.pid, 0)
        walls.append(time.perf_counter() - start)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            stderr = process.stderr.read().decode() if process.stderr else ""
            raise SystemExit(f"answerable {' '.join(case.ask_arguments())} failed:\n{stderr}")
        if process.stderr:
            process.stderr.close()
        cpus.append(usage.ru_utime + usage.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


# -- DuckDB ------------------------------------------------------------------------------------


def duckdb_tables(data: Path, force: str) -> Any:
    import duckdb

    from answerable.register.nationality import parse_nationality

    connection = duckdb.connect()
    start = time.perf_counter()
    connection.execute(
        DUCKDB_LOAD.format(
            custody=_quote(str(data / CUSTODY_FILE)),
            disclosures=_quote(str(data / DISCLOSURES_FILE)),
            force=_quote(force),
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
    say(f"DuckDB: loaded and derived in {time.perf_counter() - start:.1f} s")
    return connection


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def time_duckdb(connection: Any, sql: str, repeats: int) -> tuple[dict, float]:
    rows = connection.execute(sql).fetchall()  # warm-up, and the counts
    seconds = []
    for _ in range(repeats):
        start = time.perf_counter()
        connection.execute(sql).fetchall()
        seconds.append(time.perf_counter() - start)
    return {tuple(row[:-1]): row[-1] for row in rows}, statistics.median(seconds)


# -- the report --------------------------------------------------------------------------------


@dataclass
class Row:
    case: Case
    answer: float
    counting: float
    first: float
    duckdb: float | None
    check: str  # equal, MISMATCH, or why there is no reference
    ask: tuple[float, float] | None = None
    differences: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float | None:
        return self.answer / self.duckdb if self.duckdb else None


def compare(engine_rows: Iterable[tuple[list[str], int]], reference: dict | None) -> list[str]:
    """The groups whose counts differ, as text; [] when every count is equal."""
    ours = {tuple(labels): n for labels, n in engine_rows}
    theirs = {key: n for key, n in (reference or {}).items() if n}
    return [
        f"{key}: engine {ours.get(key)}, duckdb {theirs.get(key)}"
        for key in sorted(set(ours) | set(theirs), key=str)
        if ours.get(key) != theirs.get(key)
    ]


def _seconds(value: float | None) -> str:
    if value is None or math.isnan(value):
        return "n/a"
    return f"{value:.4f}" if value < 0.1 else f"{value:.3f}"


def report(rows: Sequence[Row], context: dict[str, str]) -> str:
    lines = ["# Answer benchmark", ""]
    lines += [f"- {name}: {value}" for name, value in context.items()]
    lines += ["", *summary(rows), ""]
    lines += [
        "| question | by | period | answer s | count s | DuckDB s | ratio | ask s | ask CPU s "
        "| counts |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        ratio = f"{row.ratio:.1f}x" if row.ratio is not None else "n/a"
        ask_wall, ask_cpu = (f"{row.ask[0]:.2f}", f"{row.ask[1]:.2f}") if row.ask else ("", "")
        lines.append(
            f"| {row.case.question} | {','.join(row.case.by)} | {row.case.period} "
            f"| {_seconds(row.answer)} | {_seconds(row.counting)} | {_seconds(row.duckdb)} "
            f"| {ratio} | {ask_wall} | {ask_cpu} | {row.check} |"
        )
    mismatches = [row for row in rows if row.differences]
    if mismatches:
        lines += ["", "## Mismatches", ""]
        for row in mismatches:
            lines.append(f"- {row.case.name}:")
            lines += [f"  - {text}" for text in row.differences[:20]]
    return "\n".join(lines) + "\n"


def summary(rows: Sequence[Row]) -> list[str]:
    checked = [row for row in rows if row.check in ("equal", "MISMATCH")]
    equal = sum(row.check == "equal" for row in checked)
    lines = [f"- Counts equal to DuckDB's: {equal}/{len(checked)} cases (of {len(rows)})."]
    untimed = sum(row.check.startswith("not timed") for row in rows)
    if untimed:
        lines.append(f"- {untimed} cases not timed: the --budget ran out.")
    failed = [row for row in rows if row.check.startswith("ERROR")]
    if failed:
        lines.append(
            f"- The engine failed on {len(failed)} case(s): "
            + "; ".join(f"{row.case.name} ({row.check[7:]})" for row in failed[:5])
        )
    for period, target in TARGET_RATIO.items():
        measured = [row for row in rows if row.case.period == period and row.ratio is not None]
        if not measured:
            continue
        far = [row for row in measured if row.ratio is not None and row.ratio > target]
        slow = [row for row in measured if row.answer > TARGET_SECONDS]
        worst = max(measured, key=lambda row: row.ratio or 0.0)
        ratios = [row.ratio for row in measured if row.ratio is not None]
        lines.append(
            f"- Over {period}: {len(far)}/{len(measured)} cases more than {target:.0f}x DuckDB, "
            f"{len(slow)} over {TARGET_SECONDS} s; median ratio {statistics.median(ratios):.1f}x; "
            f"worst {worst.case.question} --by {','.join(worst.case.by)}: "
            f"{worst.answer:.3f} s, {worst.ratio:.0f}x."
        )
    asked = [row.ask for row in rows if row.ask]
    if asked:
        lines.append(
            f"- `answerable ask` end to end ({len(asked)} cases): median "
            f"{statistics.median(a[0] for a in asked):.2f} s wall, "
            f"{statistics.median(a[1] for a in asked):.2f} s CPU; "
            f"max {max(a[0] for a in asked):.2f} s wall."
        )
    return lines


def _git(*args: str) -> str:
    try:
        return subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _context(
    options: argparse.Namespace,
    source: Path | None,
    register: Register,
    repeats: int,
    started: datetime,
    load_before: tuple[float, float, float],
) -> dict[str, str]:
    load_after = os.getloadavg()
    code = (
        str(source)
        if source
        else f"this checkout, {_git('rev-parse', '--short', 'HEAD')} "
        f"({_git('log', '-1', '--format=%s')[:80]})"
    )
    asked_what = " for one case per question (--quick)" if options.quick else ""
    context = {
        "Run": f"{started:%Y-%m-%d %H:%M} UTC, {datetime.now(UTC) - started} long",
        "Code timed": code,
        "Register": f"{options.episodes:,} synthetic episodes (seed {SEED}, to {LAST_DAY}), "
        f"{register.held()[1]:,} disclosures, on {register.kind}",
        "Machine": f"{os.cpu_count()} cores; load average {load_before[0]:.1f} at the start, "
        f"{load_after[0]:.1f} at the end",
        "Medians": f"answer and DuckDB of {repeats} call(s) after a warm-up; `ask` of "
        f"{options.ask_repeats} run(s), over {options.ask_period}, {options.ask_breakdowns} "
        f"breakdowns{asked_what}",
        "Periods": f"one year = {YEAR[0]} to {YEAR[1]}; all years = no dates given",
    }
    return context


def _write(out: Path, text: str) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    say(f"wrote {out}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--episodes", type=int, default=1_000_000, help="register size")
    parser.add_argument(
        "--database",
        default="sqlite",
        help="sqlite (a file in the workdir), sqlite:///PATH or a PostgreSQL URL (its "
        "tables are replaced when they hold other rows)",
    )
    parser.add_argument("--out", type=Path, help="also write the markdown table to FILE")
    parser.add_argument(
        "--quick", action="store_true", help="one timed call; ask once per question"
    )
    parser.add_argument("--repeats", type=int, default=3, help="timed calls per case")
    parser.add_argument("--ask-repeats", type=int, default=1, help="`answerable ask` runs per case")
    parser.add_argument(
        "--ask-period",
        choices=(*PERIODS, "every", "none"),
        default="one year",
        help="the cases timed with `answerable ask` end to end (default: those over one year, "
        "the issue's target; over all years the in-process time is most of it)",
    )
    parser.add_argument(
        "--ask-breakdowns",
        choices=("single", "every"),
        default="single",
        help="the cases timed with `ask`: those with one breakdown (default), or every one",
    )
    parser.add_argument(
        "--budget",
        type=float,
        metavar="SECONDS",
        help="stop timing new cases in the engine after this long (the rest are listed as "
        "not timed): a table by a deadline on a busy machine",
    )
    parser.add_argument("--only", help="time only the cases whose name matches this regex")
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR, help="files, SQLite")
    parser.add_argument("--source", type=Path, help="time the answerable package found here")
    parser.add_argument(
        "--part-rows", type=int, default=1_000_000, help="import files in parts of this many rows"
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--worker-catalogue", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.worker or options.worker_catalogue:
        if options.source is None and str(ROOT) not in sys.path:
            sys.path.insert(0, str(ROOT))
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "answerable.settings")
        import django

        django.setup()
        worker(options.repeats) if options.worker else worker_catalogue()
        return

    repeats = 1 if options.quick else options.repeats
    work: Path = options.workdir.resolve()
    work.mkdir(parents=True, exist_ok=True)
    tempfile.tempdir = str(work)  # DuckDB and sorts spill here, not in a small /tmp
    source = options.source.resolve() if options.source else None
    load_before = os.getloadavg()
    started = datetime.now(UTC)

    data = ensure_files(options.episodes, work)
    register = register_for(options.database, options.episodes, work)
    ensure_register(register, data, options.episodes, options.part_rows)
    cases = cases_for(read_catalogue(register, source))
    if options.only:
        cases = [case for case in cases if re.search(options.only, case.name)]
    references = [reference_sql(case) for case in cases]  # stops at a breakdown with none
    say(f"{len(cases)} cases, {repeats} timed call(s) each")

    engine = time_engine(register, source, cases, repeats, options.budget)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "answerable.settings")
    os.environ.setdefault("DEBUG", "1")
    sys.path.insert(0, str(ROOT))
    import django
    from django.conf import settings

    django.setup()
    connection = duckdb_tables(data, settings.ANSWERABLE_FORCE)
    rows: list[Row] = []
    for case, sql, result in zip(cases, references, engine, strict=True):
        if "untimed" in result:
            rows.append(Row(case, math.nan, math.nan, math.nan, None, "not timed (--budget)"))
            continue
        if "error" in result:
            if result["error"].startswith("NothingToBreakDown"):
                # A time breakdown of an empty table over all years: the engine says there is
                # nothing to break down, as `ask` does (an answer, not a failure).
                check = f"{EMPTY_NOTE}: nothing to break down"
            else:
                check = f"ERROR: {result['error']}"
            rows.append(Row(case, math.nan, math.nan, math.nan, None, check))
            continue
        reference: dict[tuple[str, ...], int]
        duckdb_seconds: float | None
        if sql is None:
            reference, duckdb_seconds = {}, None
        else:
            reference, duckdb_seconds = time_duckdb(connection, sql, repeats)
        differences = compare(result["exact"], reference)
        if differences:
            check = "MISMATCH"
        elif sql is None:
            check = f"all 0 ({EMPTY_NOTE})"
        else:
            check = "equal"
        rows.append(
            Row(
                case=case,
                answer=statistics.median(result["totals"]),
                counting=statistics.median(result["counts"]),
                first=result["first"],
                duckdb=duckdb_seconds,
                check=check,
                differences=differences,
            )
        )
    connection.close()

    context = _context(options, source, register, repeats, started, load_before)
    if options.out:  # the table so far, in case the `ask` runs are cut short
        _write(options.out, report(rows, context))
    asked: list[str] = []
    for row in rows:
        if math.isnan(row.answer) or (options.quick and row.case.question in asked):
            continue
        if options.ask_period not in ("every", row.case.period):
            continue
        if options.ask_breakdowns == "single" and len(row.case.by) > 1:
            continue
        asked.append(row.case.question)
        row.ask = time_ask(register, source, row.case, options.ask_repeats)
        say(f"  ask {row.case.name}: {row.ask[0]:.2f} s wall, {row.ask[1]:.2f} s CPU")
        if options.out and len(asked) % 10 == 0:  # the table so far
            _write(options.out, report(rows, context))

    context = _context(options, source, register, repeats, started, load_before)
    text = report(rows, context)
    print(text)
    if options.out:
        _write(options.out, text)
    if any(row.differences for row in rows):
        say("MISMATCH: some counts differ from DuckDB's (listed under Mismatches)")
        sys.exit(1)


if __name__ == "__main__":
    main()
