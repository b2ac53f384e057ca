"""`answerable` starts without the heavy libraries it does not need yet (issue 16).

SciPy, NumPy, openpyxl, WeasyPrint, pypdf, the holidays library and Django REST framework's
views cost most of a command's start-up; they are imported when first used (answerable/
lazy.py), and `--help` and `ask` discover no admin modules and run no system checks
(answerable/startup.py). Each command runs in a subprocess of its own, as a user runs it,
and reports the modules it imported when it exits. Not a timing test: the machine's load
would make one flaky; benchmarks/cli_benchmark.py measures the time.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# Never imported by `--help` or by `ask` of a question whose table needs no solving.
# `rest_framework` itself is an installed app (its package is loaded with the others, a few
# lines); its views, serializers and requests are what cost.
HEAVY = (
    "scipy",
    "highspy",
    "numpy",
    "openpyxl",
    "weasyprint",
    "pypdf",
    "holidays",
    "rest_framework.views",
    "rest_framework.serializers",
    "rest_framework.request",
    "drf_spectacular.openapi",
    # The answer page's views and casework's part of them (answers/case_page.py), made when a
    # page first asks for them: a command shows no page.
    "answerable.answers.views.page",
    "answerable.casework.answer_page",
    # The URLs (every view, the API): loaded by the pages' system checks, which no command of
    # answerable's own runs (answerable/startup.py: COMMAND_CHECKS).
    "answerable.urls",
)

# Runs the console script's main() and prints, at exit, which of HEAVY were imported.
PROBE = """
import atexit, json, sys
heavy = {heavy!r}
atexit.register(lambda: print("IMPORTED " + json.dumps(sorted(
    name for name in heavy if name in sys.modules)), file=sys.stderr))
sys.argv = ["answerable", *{args!r}]
from answerable.cli import main
main()
"""


def imported(args: list[str], env: dict[str, str]) -> tuple[list[str], subprocess.CompletedProcess]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY, args=args)],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        stdin=subprocess.DEVNULL,
    )
    lines = [line for line in result.stderr.splitlines() if line.startswith("IMPORTED ")]
    assert lines, result.stderr
    return json.loads(lines[-1].removeprefix("IMPORTED ")), result


@pytest.fixture(scope="module")
def environ(tmp_path_factory) -> dict[str, str]:
    """The production settings in development mode, over a migrated empty register."""
    folder: Path = tmp_path_factory.mktemp("startup")
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in {"DJANGO_SETTINGS_MODULE", "SECRET_KEY", "ANSWERABLE_PSEUDONYM_KEY"}
    }
    env.update(
        DEBUG="1",
        ANSWERABLE_VAR_DIR=str(folder / "var"),
        DATABASE_URL=f"sqlite:///{folder / 'startup.sqlite3'}",
    )
    migrate = subprocess.run(
        [sys.executable, "-m", "answerable", "migrate", "--noinput", "-v0"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert migrate.returncode == 0, migrate.stderr
    return env


@pytest.mark.parametrize("args", [["--help"], ["help"], ["ask", "--help"]])
def test_help_imports_no_heavy_library(environ, args):
    modules, result = imported(args, environ)
    assert result.returncode == 0, result.stderr
    assert "answerable" in result.stdout
    assert modules == []


# What Django itself prints for `--help` once set up (every model imported): the text to match.
DJANGO_MAIN_HELP = (
    "import os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'answerable.settings'); "
    "import django; django.setup(); from django.core.management import ManagementUtility; "
    "ManagementUtility(['answerable', '--help']).execute()"
)
MODELS_PROBE = """
import atexit, sys
atexit.register(lambda: print("MODELS", "answerable.register.models" in sys.modules,
    "django.contrib.auth.models" in sys.modules, file=sys.stderr))
sys.argv = ["answerable", *{args!r}]
from answerable.cli import main
main()
"""


@pytest.mark.parametrize("args", [[], ["help"], ["--help"], ["-h"]])
def test_the_list_of_commands_is_djangos_own_without_importing_a_model(environ, args):
    """`answerable --help` lists the commands from the installed apps' configurations, not
    their models (answerable/startup.py): word for word what Django prints once set up."""
    expected = subprocess.run(
        [sys.executable, "-c", DJANGO_MAIN_HELP],
        env=environ,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert expected.returncode == 0, expected.stderr
    assert "[answers]" in expected.stdout and "    ask" in expected.stdout
    result = subprocess.run(
        [sys.executable, "-c", MODELS_PROBE.format(args=args)],
        env=environ,
        capture_output=True,
        text=True,
        timeout=180,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == expected.stdout
    assert "MODELS False False" in result.stderr


def test_the_list_of_commands_with_settings_that_cannot_load_is_djangos_note(environ):
    """Settings that fail to load: Django's own path, its core commands and its note."""
    env = {**environ, "DJANGO_SETTINGS_MODULE": "answerable.no_such_settings"}
    result = subprocess.run(
        [sys.executable, "-m", "answerable", "--help"],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    assert "Note that only Django core commands are listed" in result.stdout
    assert "    migrate" in result.stdout
    assert "    ask" not in result.stdout


def test_every_command_of_answerables_own_runs_the_datas_checks_only():
    """Each command in answerable's apps is a light one (no admin discovered) and runs none of
    the pages' checks (URLs, templates, admin); Django's own commands keep all of theirs."""
    from django.core.management import get_commands, load_command_class

    from answerable.cli import LIGHT_COMMANDS, OWN_COMMANDS
    from answerable.startup import PAGE_CHECKS

    own = {name for name, app in get_commands().items() if app.startswith("answerable.")}
    assert own == OWN_COMMANDS
    assert own <= LIGHT_COMMANDS
    for name in own:
        checks = load_command_class(get_commands()[name], name).requires_system_checks
        assert checks != "__all__", name
        assert not set(checks) & set(PAGE_CHECKS), name
    assert load_command_class("django.core", "migrate").requires_system_checks == "__all__"


def test_a_data_command_runs_the_data_checks_without_loading_the_pages(environ, tmp_path):
    """`answerable coverage` still runs the system checks of the data (here the static
    files' warning about a folder that is missing), but not the URLs' or the admin's."""
    env = {**environ, "ANSWERABLE_ASSETS_DIR": str(tmp_path / "no-assets")}
    modules, result = imported(["coverage"], env)
    assert result.returncode == 0, result.stderr
    assert "Custody episodes" in result.stdout
    assert "staticfiles.W004" in result.stderr and "no-assets" in result.stderr
    assert modules == []


ASK = ["ask", "custody-count", "--from", "2025-04-01", "--to", "2026-03-31", "--by", "sex"]


def test_ask_imports_no_heavy_library_and_runs_no_checks(environ):
    modules, result = imported([*ASK, "--no-suppression"], environ)
    assert result.returncode == 0, result.stderr
    assert "Immigration-related custody episodes" in result.stdout
    assert "female" in result.stdout
    assert modules == []
    # No system checks: their warnings (a missing static folder here) are not printed.
    assert "System check identified" not in result.stderr


def test_ask_under_disclosure_control_imports_no_solver_when_nothing_is_withheld(environ):
    """The table is laid out with NumPy (disclosure_control/layout.py); with every figure
    shown, the audit of the published table has no unknown left to bound, so it builds no
    linear programme and SciPy (HiGHS) is not imported. Nothing else heavy is."""
    modules, result = imported(ASK, environ)
    assert result.returncode == 0, result.stderr
    assert "0 figures withheld" in result.stdout
    assert modules == ["numpy"]


def test_ask_as_xlsx_imports_openpyxl_when_it_writes_one(environ, tmp_path):
    """Lazy, not missing: the workbook is still written, openpyxl imported to write it."""
    out = tmp_path / "answer.xlsx"
    modules, result = imported(
        ["ask", "custody-all", "--by", "outcome", "--format", "xlsx", "--out", str(out)], environ
    )
    assert result.returncode == 0, result.stderr
    assert out.read_bytes()[:2] == b"PK"
    assert "openpyxl" in modules


def test_other_commands_still_discover_the_admin(environ):
    """`answerable shell` (not a light command) starts with every admin module registered,
    as before."""
    code = (
        "from django.contrib import admin; from answerable.casework.models import "
        "InformationRequest; print('REGISTERED', admin.site.is_registered(InformationRequest))"
    )
    result = subprocess.run(
        [sys.executable, "-m", "answerable", "shell", "-v0", "-c", code],
        env=environ,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    assert "REGISTERED True" in result.stdout
