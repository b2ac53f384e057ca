"""`answerable check --deploy` is clean with the production settings: Django's deployment
checks (HTTPS, HSTS, secure cookies, the secret key, DEBUG, ALLOWED_HOSTS) and every app's
own checks pass with nothing but the environment production sets.

Run as production runs it, in a process of its own: the console script with the production
settings module, never the test settings.
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

import answerable

ANSWERABLE = Path(sys.prefix) / "bin" / "answerable"
REPOSITORY = Path(answerable.__file__).parent.parent
GOVUK_FRONTEND = REPOSITORY / "node_modules" / "govuk-frontend" / "dist" / "govuk"


@pytest.fixture
def production_environment(tmp_path) -> dict[str, str]:
    assert GOVUK_FRONTEND.is_dir(), "GOV.UK Frontend is not installed: run `make assets`"
    assets = tmp_path / "assets"
    assets.mkdir()
    # Only what a production host sets; nothing from the test process (its settings module,
    # ANSWERABLE_HTTPS=0 from the test settings, DEBUG).
    keep = {name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ}
    return {
        **keep,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ANSWERABLE_PSEUDONYM_KEY": secrets.token_urlsafe(32),
        "ALLOWED_HOSTS": "answerable.example.police.uk",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'answerable.sqlite3'}",
        "ANSWERABLE_VAR_DIR": str(tmp_path / "var"),
        "ANSWERABLE_ASSETS_DIR": str(assets),
        # No `.env`: a checkout where `make run` was used has one (DEBUG=1).
        "ANSWERABLE_ENV_FILE": "",
    }


def check_deploy(environment: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(ANSWERABLE), "check", "--deploy", "--fail-level", "WARNING"],
        env=environment,
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_the_production_settings(production_environment):
    result = check_deploy(production_environment)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_fails_on_a_weak_secret_key(production_environment):
    result = check_deploy({**production_environment, "SECRET_KEY": "too-short"})
    assert result.returncode == 1
    assert "security.W009" in result.stderr


def test_check_deploy_fails_when_https_is_switched_off(production_environment):
    result = check_deploy({**production_environment, "ANSWERABLE_HTTPS": "0"})
    assert result.returncode == 1
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in result.stderr
