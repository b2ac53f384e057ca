"""Benchmark: how quickly `answerable` commands start and answer, against bare Django.

    .venv/bin/python benchmarks/cli_benchmark.py [--runs 7] [--database URL] [--out FILE.md]
        [--source DIR]

Each command runs --runs times in a process of its own, in turn (so that a change in the
machine's load falls on every command alike); the table gives the median wall time and the
median CPU time the process used (user + system, from wait4), in the same run as:

- `python -c pass`: the interpreter alone;
- `python -c "import django; django.setup()"` with Django's own apps only (admin, auth,
  contenttypes, sessions, messages, staticfiles), the floor for any Django command with
  an admin;
- the same with answerable's settings (every installed app, no command).

The commands: `answerable --help`, `answerable ask --help`, `answerable coverage` (a command
of answerable's own that reads the register), and one-year questions (`answerable ask
custody-count --from 2025-04-01 --to 2026-03-31 --by sex`, `--by station`, ...) over the
register in --database, by default the 1,000,000-episode SQLite register that
benchmarks/answer_benchmark.py builds (run it first). Target (issue 16): under 0.3 CPU s to
start; `ask` under 0.5 s end to end for a one-year question at 1,000,000 episodes.

The package's bytecode is compiled first (`python -m compileall`), as `pip install` does
for an installed package: with PYTHONDONTWRITEBYTECODE set and no __pycache__, every run
would compile each of answerable's modules again (about 0.2 CPU s of every start-up here),
timing the compiler rather than the start-up.

--compare DIR also times the `answerable` commands with the package found in DIR (e.g. an
unpacked `git archive main`), interleaved with this checkout's: before and after in one run.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE = f"sqlite:///{ROOT / 'var' / 'answer-benchmark' / '1000000' / 'register.sqlite3'}"
DJANGO_APPS_ONLY = """
import django
from django.conf import settings
settings.configure(
    INSTALLED_APPS=[
        "django.contrib.admin", "django.contrib.auth", "django.contrib.contenttypes",
        "django.contrib.sessions", "django.contrib.messages", "django.contrib.staticfiles",
    ],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
)
django.setup()
"""
ONE_YEAR = ["--from", "2025-04-01", "--to", "2026-03-31"]


def commands() -> list[tuple[str, list[str], bool]]:
    """(name, arguments after the interpreter, whether it is answerable's own)."""
    return [
        ("python -c pass (the interpreter)", ["-c", "pass"], False),
        ("django.setup(), Django's apps only", ["-c", DJANGO_APPS_ONLY], False),
        (
            "django.setup(), answerable's settings",
            ["-c", "import django; django.setup()"],
            False,
        ),
        ("answerable --help", ["-m", "answerable", "--help"], True),
        ("answerable ask --help", ["-m", "answerable", "ask", "--help"], True),
        # A command of answerable's own other than `ask`: it reads the register's coverage.
        ("answerable coverage", ["-m", "answerable", "coverage"], True),
        (
            "answerable ask custody-count (one year) --by sex",
            ["-m", "answerable", "ask", "custody-count", *ONE_YEAR, "--by", "sex"],
            True,
        ),
        (
            "answerable ask custody-count (one year) --by station",
            ["-m", "answerable", "ask", "custody-count", *ONE_YEAR, "--by", "station"],
            True,
        ),
        (
            "answerable ask custody-all (one year) --by station,duration",
            ["-m", "answerable", "ask", "custody-all", *ONE_YEAR, "--by", "station,duration"],
            True,
        ),
    ]


def run_once(arguments: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, *arguments],
        env=env,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    error = process.stderr.read().decode() if process.stderr else ""
    if process.stderr:
        process.stderr.close()
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"python {' '.join(arguments)[:200]} failed:\n{error[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs of each command")
    parser.add_argument("--database", default=DEFAULT_DATABASE, help="the register asked")
    parser.add_argument("--out", type=Path, help="also write the markdown table to FILE")
    parser.add_argument(
        "--compare", type=Path, help="also time the answerable package found here (before)"
    )
    options = parser.parse_args()

    packages = [ROOT / "answerable"]
    if options.compare:
        packages.append(options.compare.resolve() / "answerable")
    for package in packages:
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True)

    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": options.database}
    env["DJANGO_SETTINGS_MODULE"] = "answerable.settings"
    listed = [(name, arguments, env, ROOT) for name, arguments, _ in commands()]
    if options.compare:
        # `-m` and `-c` look in the working directory first, before the installed checkout.
        other = options.compare.resolve()
        other_env = {
            **env,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(other), env.get("PYTHONPATH")])),
        }
        listed += [
            (f"{name} [{other.name}]", arguments, other_env, other)
            for name, arguments, own in commands()
            if own
        ]
    times: dict[str, list[tuple[float, float]]] = {name: [] for name, *_ in listed}
    load_before = os.getloadavg()
    started = datetime.now(UTC)
    for run in range(options.runs):
        for name, arguments, run_env, cwd in listed:
            times[name].append(run_once(arguments, run_env, cwd))
        print(f"run {run + 1} of {options.runs} done", file=sys.stderr, flush=True)
    load_after = os.getloadavg()

    reference = statistics.median(cpu for _, cpu in times["django.setup(), answerable's settings"])
    floor = statistics.median(cpu for _, cpu in times["django.setup(), Django's apps only"])
    code = f"this checkout ({ROOT.name})" + (
        f" and, marked [{options.compare.name}], {options.compare}" if options.compare else ""
    )
    lines = [
        "# Command line start-up",
        "",
        f"- Run: {started:%Y-%m-%d %H:%M} UTC; code timed: {code}; register: "
        f"{options.database.rsplit('/', 2)[-2:]}",
        f"- Machine: {os.cpu_count()} cores; load average {load_before[0]:.1f} at the start, "
        f"{load_after[0]:.1f} at the end; medians of {options.runs} runs, interleaved",
        "",
        "| command | wall s | CPU s | CPU / setup() with answerable's settings "
        "| CPU / setup() with Django's apps only |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, *_ in listed:
        wall = statistics.median(w for w, _ in times[name])
        cpu = statistics.median(c for _, c in times[name])
        lines.append(
            f"| {name} | {wall:.3f} | {cpu:.3f} | {cpu / reference:.2f}x | {cpu / floor:.2f}x |"
        )
    text = "\n".join(lines) + "\n"
    print(text)
    if options.out:
        options.out.parent.mkdir(parents=True, exist_ok=True)
        options.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
