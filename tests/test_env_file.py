"""The checkout's `.env` (answerable/env.py): `make run` writes its development settings
there once, settings.py reads them under the environment, so that every command run after
`make run` works as the README shows it; production, with no `.env`, still refuses to start
without its secrets."""

import os
import runpy
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

import answerable
from answerable.env import (
    env_file,
    load_env_file,
    main,
    read_env_file,
    write_development_env,
)

PACKAGE = Path(answerable.__file__).parent
REPOSITORY = PACKAGE.parent


@pytest.fixture
def environ(monkeypatch):
    """The variables a `.env` may set, unset for the test and restored after it (even those
    the test's `.env` adds)."""
    for name in ("ANSWERABLE_ENV_FILE", "DEBUG", "SECRET_KEY", "ANSWERABLE_PSEUDONYM_KEY"):
        monkeypatch.setenv(name, "")  # recorded, so that teardown restores or removes it
        monkeypatch.delenv(name)
    return monkeypatch


@pytest.fixture
def checkout(tmp_path) -> Path:
    """A checkout of its own: settings.py copied, so that its BASE_DIR is tmp_path."""
    (tmp_path / "answerable").mkdir()
    shutil.copy(PACKAGE / "settings.py", tmp_path / "answerable" / "settings.py")
    return tmp_path


def load_settings(checkout: Path, monkeypatch) -> dict:
    monkeypatch.setenv("ANSWERABLE_VAR_DIR", str(checkout / "var"))
    return runpy.run_path(str(checkout / "answerable" / "settings.py"))


def test_a_env_file_is_read_as_a_shell_would_without_expansion(tmp_path):
    path = tmp_path / ".env"
    path.write_text(
        "# development settings\n"
        "\n"
        "DEBUG=1\n"
        "export LOG_LEVEL=INFO\n"
        "  SECRET_KEY = 'a b#c'  \n"
        'ALLOWED_HOSTS="localhost,127.0.0.1"\n'
        "EMPTY=\n"
        "HOME_DIR=$HOME\n",
        encoding="utf-8",
    )
    assert read_env_file(path) == {
        "DEBUG": "1",
        "LOG_LEVEL": "INFO",
        "SECRET_KEY": "a b#c",
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        "EMPTY": "",
        "HOME_DIR": "$HOME",
    }


@pytest.mark.parametrize("line", ["DEBUG", "1DEBUG=1", "DE BUG=1", "=1"])
def test_a_line_that_is_not_name_equals_value_is_refused_naming_file_and_line(tmp_path, line):
    path = tmp_path / ".env"
    path.write_text(f"DEBUG=1\n{line}\n", encoding="utf-8")
    with pytest.raises(ImproperlyConfigured, match=r"\.env, line 2: expected NAME=value"):
        read_env_file(path)


def test_the_default_file_is_read_only_if_it_exists(environ, tmp_path):
    default = tmp_path / ".env"
    assert env_file(default) is None
    default.write_text("DEBUG=1\n", encoding="utf-8")
    assert env_file(default) == default


def test_answerable_env_file_names_another_file_or_none(environ, tmp_path):
    default = tmp_path / ".env"
    default.write_text("DEBUG=1\n", encoding="utf-8")
    other = tmp_path / "other.env"
    other.write_text("DEBUG=0\n", encoding="utf-8")
    environ.setenv("ANSWERABLE_ENV_FILE", str(other))
    assert env_file(default) == other
    environ.setenv("ANSWERABLE_ENV_FILE", "")
    assert env_file(default) is None


def test_a_missing_file_named_by_answerable_env_file_is_an_error(environ, tmp_path):
    environ.setenv("ANSWERABLE_ENV_FILE", str(tmp_path / "missing.env"))
    with pytest.raises(ImproperlyConfigured, match=r"ANSWERABLE_ENV_FILE names .*missing\.env"):
        env_file(tmp_path / ".env")


def test_the_environment_wins_over_the_file(environ, tmp_path):
    path = tmp_path / ".env"
    path.write_text("DEBUG=1\nSECRET_KEY=from-the-file\n", encoding="utf-8")
    environ.setenv("SECRET_KEY", "from-the-environment")
    assert load_env_file(path) == path
    assert os.environ["DEBUG"] == "1"
    assert os.environ["SECRET_KEY"] == "from-the-environment"


def test_the_development_file_is_written_once_owner_only(tmp_path):
    path = tmp_path / ".env"
    assert write_development_env(path) is True
    written = read_env_file(path)
    assert written["DEBUG"] == "1"
    assert len(written["SECRET_KEY"]) >= 50
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    # Kept as it is: a second `make run` (or the user's edits) keep the same settings.
    assert write_development_env(path) is False
    assert read_env_file(path) == written
    # Each checkout a key of its own.
    other = tmp_path / "other.env"
    write_development_env(other)
    assert read_env_file(other)["SECRET_KEY"] != written["SECRET_KEY"]


def test_make_runs_module_writes_the_file_when_missing(tmp_path, capsys):
    path = tmp_path / ".env"
    assert main([str(path)]) == 0
    assert "wrote" in capsys.readouterr().out
    key = read_env_file(path)["SECRET_KEY"]
    assert main([str(path)]) == 0
    assert capsys.readouterr().out == ""
    assert read_env_file(path)["SECRET_KEY"] == key


def test_make_run_writes_the_file_before_it_runs_anything():
    makefile = (REPOSITORY / "Makefile").read_text(encoding="utf-8")
    assert ".env: | $(STAMP)\n\t$(BIN)/python -m answerable.env .env\n" in makefile
    assert "\nrun: $(STAMP) .env " in makefile
    assert ".env" in (REPOSITORY / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_settings_read_the_checkouts_env_file(environ, checkout):
    write_development_env(checkout / ".env")
    settings = load_settings(checkout, environ)
    assert settings["ENV_FILE"] == checkout / ".env"
    assert settings["DEBUG"] is True
    assert settings["SECRET_KEY"] == read_env_file(checkout / ".env")["SECRET_KEY"]
    assert settings["PSEUDONYM_KEY"]  # DEBUG's development key
    assert settings["ANSWERABLE_BACKUP_KEY"]


def test_production_without_a_env_file_still_refuses_to_start(environ, checkout):
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY must be set when DEBUG is off"):
        load_settings(checkout, environ)


def test_the_test_settings_read_no_env_file():
    assert os.environ["ANSWERABLE_ENV_FILE"] == ""
    from django.conf import settings

    assert settings.ENV_FILE is None


def test_a_command_runs_after_make_run_with_nothing_exported(tmp_path):
    """`answerable check`, as the README shows commands, with only the file `make run` wrote:
    no DEBUG, SECRET_KEY or settings module in the environment."""
    path = tmp_path / ".env"
    write_development_env(path)
    unset = {"DJANGO_SETTINGS_MODULE", "DEBUG", "SECRET_KEY", "ANSWERABLE_PSEUDONYM_KEY"}
    env = {name: value for name, value in os.environ.items() if name not in unset}
    env.update(
        ANSWERABLE_ENV_FILE=str(path),
        ANSWERABLE_VAR_DIR=str(tmp_path / "var"),
        DATABASE_URL=f"sqlite:///{tmp_path / 'answerable.sqlite3'}",
    )
    command = [str(Path(sys.executable).with_name("answerable")), "check"]
    result = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
    env["ANSWERABLE_ENV_FILE"] = ""
    result = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr
