"""The `answerable` command: `python -m answerable` and the installed console script."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).with_name("answerable")


@pytest.fixture
def environ(tmp_path) -> dict[str, str]:
    """A development environment with the production settings module (as `make run` has)."""
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in {"DJANGO_SETTINGS_MODULE", "SECRET_KEY", "ANSWERABLE_PSEUDONYM_KEY"}
    }
    env.update(
        DEBUG="1",
        ANSWERABLE_VAR_DIR=str(tmp_path / "var"),
        DATABASE_URL=f"sqlite:///{tmp_path / 'cli.sqlite3'}",
    )
    return env


def run(command: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL
    )


def test_python_dash_m_answerable_check(environ):
    result = run([sys.executable, "-m", "answerable", "check"], environ)
    assert result.returncode == 0, result.stderr
    assert "System check identified" in result.stdout


def test_console_script_check(environ):
    assert SCRIPT.exists(), f"{SCRIPT} is missing: install the package (pip install -e .)"
    result = run([str(SCRIPT), "check"], environ)
    assert result.returncode == 0, result.stderr
    assert "System check identified" in result.stdout


def test_console_script_names_itself_in_help(environ):
    result = run([str(SCRIPT), "help"], environ)
    assert result.returncode == 0, result.stderr
    assert "answerable help <subcommand>" in result.stdout
    assert "migrate" in result.stdout


def test_production_settings_refuse_to_start_without_secrets(environ):
    del environ["DEBUG"]
    result = run([sys.executable, "-m", "answerable", "check"], environ)
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_migrate_on_a_new_database_loads_police_scotland(environ, tmp_path):
    result = run([str(SCRIPT), "migrate", "--noinput"], environ)
    assert result.returncode == 0, result.stderr
    code = (
        "from answerable.register.models import Force, Station; "
        "force = Force.objects.get(name='Police Scotland'); "
        "print(force.divisions.count(), Station.objects.filter(force=force).count())"
    )
    result = run([str(SCRIPT), "shell", "--verbosity", "0", "-c", code], environ)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["13", "31"]
