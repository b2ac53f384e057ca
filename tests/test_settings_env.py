"""Settings are read from the environment and a bad value stops start-up, naming the variable."""

import runpy
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

import answerable
from answerable.env import env_bool, env_int, env_list, env_str

SETTINGS_FILE = Path(answerable.__file__).with_name("settings.py")

# --- answerable/env.py ---------------------------------------------------------------------


@pytest.mark.parametrize("raw", ["1", "true", "TRUE", "Yes", "on", " on "])
def test_env_bool_true(monkeypatch, raw):
    monkeypatch.setenv("ANSWERABLE_FLAG", raw)
    assert env_bool("ANSWERABLE_FLAG", False) is True


@pytest.mark.parametrize("raw", ["0", "false", "False", "no", "OFF", ""])
def test_env_bool_false(monkeypatch, raw):
    monkeypatch.setenv("ANSWERABLE_FLAG", raw)
    assert env_bool("ANSWERABLE_FLAG", True) is False


def test_env_bool_default_when_unset(monkeypatch):
    monkeypatch.delenv("ANSWERABLE_FLAG", raising=False)
    assert env_bool("ANSWERABLE_FLAG", True) is True
    assert env_bool("ANSWERABLE_FLAG", False) is False


@pytest.mark.parametrize("raw", ["maybe", "2", "y", "treu"])
def test_env_bool_refuses_other_values_naming_the_variable(monkeypatch, raw):
    monkeypatch.setenv("ANSWERABLE_FLAG", raw)
    with pytest.raises(ImproperlyConfigured, match="ANSWERABLE_FLAG") as error:
        env_bool("ANSWERABLE_FLAG", False)
    assert repr(raw) in str(error.value)


def test_env_int(monkeypatch):
    monkeypatch.setenv("ANSWERABLE_NUMBER", "60")
    assert env_int("ANSWERABLE_NUMBER", 0) == 60
    monkeypatch.delenv("ANSWERABLE_NUMBER")
    assert env_int("ANSWERABLE_NUMBER", 7) == 7


@pytest.mark.parametrize("raw", ["ten", "1.5", "", "60s"])
def test_env_int_refuses_non_integers_naming_the_variable(monkeypatch, raw):
    monkeypatch.setenv("ANSWERABLE_NUMBER", raw)
    with pytest.raises(ImproperlyConfigured, match="ANSWERABLE_NUMBER must be a whole number"):
        env_int("ANSWERABLE_NUMBER", 0)


def test_env_int_refuses_values_below_the_minimum(monkeypatch):
    monkeypatch.setenv("ANSWERABLE_NUMBER", "-1")
    with pytest.raises(ImproperlyConfigured, match="ANSWERABLE_NUMBER must be at least 0"):
        env_int("ANSWERABLE_NUMBER", 0, minimum=0)
    monkeypatch.setenv("ANSWERABLE_NUMBER", "0")
    assert env_int("ANSWERABLE_NUMBER", 5, minimum=0) == 0


def test_env_list(monkeypatch):
    monkeypatch.setenv("ANSWERABLE_LIST", " example.org, ,localhost ,")
    assert env_list("ANSWERABLE_LIST", []) == ["example.org", "localhost"]
    monkeypatch.delenv("ANSWERABLE_LIST")
    assert env_list("ANSWERABLE_LIST", ["a"]) == ["a"]


def test_env_str(monkeypatch):
    monkeypatch.delenv("ANSWERABLE_TEXT", raising=False)
    assert env_str("ANSWERABLE_TEXT", "default") == "default"
    monkeypatch.setenv("ANSWERABLE_TEXT", "set")
    assert env_str("ANSWERABLE_TEXT", "default") == "set"


# --- answerable/settings.py, executed afresh under a chosen environment ---------------------

_SETTINGS_VARIABLES = [
    "DEBUG",
    "SECRET_KEY",
    "ANSWERABLE_PSEUDONYM_KEY",
    "ANSWERABLE_FORCE",
    "DATABASE_URL",
    "ALLOWED_HOSTS",
    "MEDIA_ROOT",
    "LOG_LEVEL",
    "CONN_MAX_AGE",
]


@pytest.fixture
def load_settings(monkeypatch, tmp_path):
    """Run answerable/settings.py with only the given variables set (var/ under tmp_path)."""

    def load(**environ: str) -> dict:
        for name in _SETTINGS_VARIABLES:
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("ANSWERABLE_VAR_DIR", str(tmp_path / "var"))
        for name, value in environ.items():
            monkeypatch.setenv(name, value)
        return runpy.run_path(str(SETTINGS_FILE))

    return load


def test_production_settings_refuse_to_start_without_a_secret_key(load_settings):
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY must be set"):
        load_settings()


def test_production_settings_refuse_to_start_without_a_pseudonym_key(load_settings):
    with pytest.raises(ImproperlyConfigured, match="ANSWERABLE_PSEUDONYM_KEY must be set"):
        load_settings(SECRET_KEY="s3cret")


def test_production_settings(load_settings, tmp_path):
    settings = load_settings(
        SECRET_KEY="s3cret",
        ANSWERABLE_PSEUDONYM_KEY="k3y",
        ALLOWED_HOSTS="answerable.example, localhost",
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    assert settings["DEBUG"] is False
    assert settings["SECRET_KEY"] == "s3cret"
    assert settings["PSEUDONYM_KEY"] == "k3y"
    assert settings["ANSWERABLE_FORCE"] == "Police Scotland"
    assert settings["ALLOWED_HOSTS"] == ["answerable.example", "localhost"]
    assert settings["MEDIA_ROOT"] == tmp_path / "media"
    assert settings["TIME_ZONE"] == "Europe/London"


def test_debug_supplies_development_keys(load_settings):
    settings = load_settings(DEBUG="1")
    assert settings["DEBUG"] is True
    assert settings["SECRET_KEY"]
    assert settings["PSEUDONYM_KEY"]


def test_debug_refuses_an_unclear_value(load_settings):
    with pytest.raises(ImproperlyConfigured, match="DEBUG must be one of"):
        load_settings(DEBUG="maybe")


def test_default_database_is_sqlite_under_the_var_dir(load_settings, tmp_path):
    database = load_settings(DEBUG="1")["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"] == str(tmp_path / "var" / "answerable.sqlite3")
    assert "journal_mode=WAL" in database["OPTIONS"]["init_command"]
    assert (tmp_path / "var").is_dir()


def test_postgres_database_url(load_settings):
    database = load_settings(
        DEBUG="1",
        DATABASE_URL="postgres://answerable:pw@db.example:5433/answerable",
        CONN_MAX_AGE="60",
    )["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["PORT"], database["NAME"]) == (
        "db.example",
        5433,
        "answerable",
    )
    assert database["USER"] == "answerable"
    assert database["CONN_MAX_AGE"] == 60


def test_a_bad_database_url_names_the_variable(load_settings):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        load_settings(DEBUG="1", DATABASE_URL="nonsense")


def test_a_negative_conn_max_age_is_refused(load_settings):
    with pytest.raises(ImproperlyConfigured, match="CONN_MAX_AGE must be at least 0"):
        load_settings(DEBUG="1", CONN_MAX_AGE="-5")
