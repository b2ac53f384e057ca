"""An import killed or cut off part-way leaves the register exactly as it was (issue 7, part 3).

The importer writes a whole file in one transaction (interchange/importer.py), so a
process killed mid-write, or a connection lost mid-write, must leave nothing of it behind:
not a row, not a history entry, not a person. Each test runs the real `answerable import
custody FILE` in a subprocess against a database on disk (a copy of the test database in a
SQLite file; on PostgreSQL the test database itself), stops it after it has written the
first 20,000 episodes of a larger file (and their people and history), and compares every
table's rows with what they were before (backup/writer.content_digest). The register must
then take the same file whole.

This file is also the subprocess's driver: `python tests/test_faults.py import ...` runs the
import with a hook on the bulk writer that signals, then waits to be killed or breaks the
connection, when the episodes' second chunk is about to be written.
"""

import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve()
BASE_EPISODES = 5_000
FAILED_EPISODES = 30_000  # two of the importer's write chunks (20,000 rows each)
FAIL_AT_CHUNK = 2
WAIT_SECONDS = 300  # for the import to reach the point of failure on a loaded machine

TRANSACTIONAL = pytest.mark.django_db(transaction=True, serialized_rollback=True)


# --- the subprocess ------------------------------------------------------------------------------


def _drop_connection() -> None:
    """Cut the import's own database connection, as a network fault or a restarted server
    would: SQLite's is closed under Django's feet; PostgreSQL's backend is terminated from
    another connection (pg_terminate_backend), so the server ends the session itself."""
    from django.db import connection

    if connection.vendor == "sqlite":
        connection.connection.close()
        return
    import psycopg

    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    pid = connection.connection.info.backend_pid
    with psycopg.connect(**params, autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])


def _drive_import(path: str, then: str, marker: str) -> None:
    from django.db import connection
    from django.db.backends.signals import connection_created

    from answerable.cli import main
    from answerable.register import bulk
    from answerable.register.models import CustodyEpisode

    def small_cache(sender, connection, **kwargs) -> None:
        # A 64 KiB page cache (settings: 256 MB) so that the open transaction's pages spill
        # into the WAL file before the kill: the crash then leaves uncommitted frames on
        # disk for recovery to discard, not just memory that dies with the process.
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA cache_size = -64")

    connection_created.connect(small_cache)
    original, chunks = bulk.insert, 0

    def insert(model, rows, **kwargs):
        nonlocal chunks
        if model is CustodyEpisode:
            chunks += 1
            if chunks == FAIL_AT_CHUNK:
                Path(marker).write_text(connection.vendor)
                if then == "hang":
                    time.sleep(WAIT_SECONDS)  # mid-transaction, until the test kills us
                elif then == "drop":
                    _drop_connection()
        return original(model, rows, **kwargs)

    bulk.insert = insert
    main(["answerable", "import", "custody", path, "--no-progress", "--skip-checks"])


def _drive(argv: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "answerable.settings_test")
    import django

    django.setup()
    if argv[0] == "digest":
        from answerable.backup.writer import content_digest

        print(json.dumps(content_digest()))
    elif argv[0] == "import":
        _drive_import(*argv[1:])
    else:
        raise SystemExit(f"unknown driver command {argv[0]!r}")


# --- the tests -----------------------------------------------------------------------------------


@pytest.fixture
def database(tmp_path) -> dict[str, str]:
    """The environment of a subprocess that uses a database this test may break."""
    from django.db import connection

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "answerable.settings_test"}
    env.pop("PYTEST_XDIST_WORKER", None)
    if connection.vendor == "sqlite":
        # The migrated test database (in memory) copied to a file with SQLite's backup API.
        path = tmp_path / "register.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.execute("PRAGMA journal_mode=WAL")
        target.close()
        env["DATABASE_URL"] = f"sqlite:///{path}"
    elif connection.vendor == "postgresql":
        s = connection.settings_dict
        user, password = quote(s["USER"], safe=""), quote(s["PASSWORD"], safe="")
        env["DATABASE_URL"] = (
            f"postgres://{user}:{password}@{s['HOST'] or 'localhost'}:"
            f"{s['PORT'] or 5432}/{s['NAME']}"
        )
    else:
        pytest.skip(f"no fault test for {connection.vendor}")
    return env


@pytest.fixture
def files(tmp_path) -> dict[str, Path]:
    from django.core.management import call_command

    made = {}
    for name, episodes, seed in (("base", BASE_EPISODES, 1), ("failing", FAILED_EPISODES, 2)):
        out = tmp_path / name
        call_command(
            "generate",
            f"--episodes={episodes}",
            f"--seed={seed}",
            f"--out={out}",
            "--to=2025-12-31",
            "--no-progress",
            stdout=io.StringIO(),
        )
        made[name] = out / "custody-episodes.csv"
    return made


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=600
    )


def answerable(env: dict[str, str], *args: str) -> str:
    done = run(env, "-m", "answerable", *args, "--skip-checks")
    assert done.returncode == 0, done.stderr
    return done.stdout


def digest(env: dict[str, str]) -> dict[str, list]:
    done = run(env, str(HERE), "digest")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def start_failing_import(env, path: Path, then: str, marker: Path) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, str(HERE), "import", str(path), then, str(marker)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + WAIT_SECONDS
    while not marker.exists():
        if process.poll() is not None:
            pytest.fail(f"the import ended before it failed: {process.communicate()}")
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail("the import did not reach its second chunk of episodes in time")
        time.sleep(0.05)
    return process


def with_a_register(env, files) -> dict[str, list]:
    """The register holding the base file, and its content before the failing import."""
    answerable(env, "import", "custody", str(files["base"]), "--no-progress")
    before = digest(env)
    assert before["register.custodyepisode"][0] == BASE_EPISODES
    return before


def takes_the_file_whole_afterwards(env, files, before) -> None:
    """The same file imports after the failure, all of it: nothing was left half-done (no
    lock held, no batch or reference marked as seen)."""
    out = answerable(env, "import", "custody", str(files["failing"]), "--no-progress")
    assert f"{FAILED_EPISODES} rows read" in out
    after = digest(env)
    assert after["register.custodyepisode"][0] == FAILED_EPISODES  # the base's references recur
    assert after["register.importbatch"][0] == before["register.importbatch"][0] + 1


@TRANSACTIONAL
def test_an_import_killed_mid_write_leaves_the_register_as_it_was(database, files, tmp_path):
    before = with_a_register(database, files)
    marker = tmp_path / "writing"
    process = start_failing_import(database, files["failing"], "hang", marker)
    if marker.read_text() == "sqlite":
        wal = Path(database["DATABASE_URL"].removeprefix("sqlite:///") + "-wal")
        # The uncommitted episodes, people and history are on disk, not only in memory.
        assert wal.stat().st_size > 1_000_000
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=60)
    assert process.returncode == -signal.SIGKILL

    assert digest(database) == before
    takes_the_file_whole_afterwards(database, files, before)


@TRANSACTIONAL
def test_an_import_whose_connection_drops_fails_clearly_and_stores_nothing(
    database, files, tmp_path
):
    before = with_a_register(database, files)
    marker = tmp_path / "writing"
    process = start_failing_import(database, files["failing"], "drop", marker)
    _, stderr = process.communicate(timeout=WAIT_SECONDS)

    assert process.returncode != 0
    last_line = stderr.strip().splitlines()[-1]
    # The command says nothing was stored, in the database's own words for a lost connection.
    assert "nothing from the file was stored" in last_line, stderr[-2000:]
    assert any(
        words in last_line
        for words in ("closed database", "terminating connection", "server closed", "consuming")
    ), stderr[-2000:]
    assert digest(database) == before
    takes_the_file_whole_afterwards(database, files, before)


if __name__ == "__main__":
    _drive(sys.argv[1:])
