"""`answerable deadline KIND --regime R --from YYYY-MM-DD [options] [--json]`."""

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from answerable.clock.deadlines import add_months
from answerable.clock.holidays import library_calendar
from answerable.clock.models import HolidayCorrection

SCRIPT = Path(sys.executable).with_name("answerable")
SCOTLAND = library_calendar("foisa")
UK = library_calendar("foia")


def deadline(capsys, *args: str) -> list[str]:
    call_command("deadline", *args)
    return capsys.readouterr().out.splitlines()


def deadline_json(capsys, *args: str) -> dict:
    call_command("deadline", *args, "--json")
    return json.loads(capsys.readouterr().out)


@pytest.mark.django_db
def test_response_prints_the_due_day_first_then_how_it_was_counted(capsys):
    lines = deadline(capsys, "response", "--regime", "foisa", "--from", "2026-03-06")
    assert lines[0] == "2026-04-06"
    assert any("s10(1)" in line for line in lines[1:])
    assert any("Good Friday" in line for line in lines[1:])


@pytest.mark.django_db
def test_json_has_the_contract_keys(capsys):
    document = deadline_json(capsys, "response", "--regime", "foia", "--from", "2026-03-06")
    assert set(document) == {"due", "regime", "kind", "explanation"}
    assert document["due"] == "2026-04-08"  # St Patrick's Day, Good Friday, Easter Monday
    assert document["regime"] == "foia" and document["kind"] == "response"
    assert isinstance(document["explanation"], list)
    assert all(isinstance(line, str) for line in document["explanation"])


@pytest.mark.django_db
def test_response_options(capsys):
    clarified = deadline_json(
        capsys,
        "response",
        "--regime",
        "foisa",
        "--from",
        "2026-02-02",
        "--clarification-received",
        "2026-02-11",
    )
    assert clarified["due"] == "2026-03-11"
    fee = deadline_json(
        capsys,
        "response",
        "--regime",
        "foisa",
        "--from",
        "2026-03-02",
        "--fee-notice-issued",
        "2026-03-17",
        "--fee-paid",
        "2026-03-27",
    )
    assert fee["due"] == "2026-04-13"
    extended = deadline_json(
        capsys, "response", "--regime", "eir-s", "--from", "2026-03-02", "--extended"
    )
    assert (
        SCOTLAND.working_days_between(date(2026, 3, 2), date.fromisoformat(extended["due"])) == 40
    )


@pytest.mark.django_db
def test_the_command_counts_the_corrections_table(capsys):
    HolidayCorrection.objects.create(
        date=date(2026, 3, 16),
        region="scotland",
        action="add",
        name="Test holiday",
        source="The Edinburgh Gazette",
    )
    lines = deadline(capsys, "response", "--regime", "foisa", "--from", "2026-03-06")
    assert lines[0] == "2026-04-07"
    assert any("Test holiday" in line for line in lines)


@pytest.mark.django_db
def test_review_request_from_the_response_and_with_no_response(capsys):
    from_response = deadline_json(
        capsys, "review-request", "--regime", "foisa", "--from", "2026-03-20"
    )
    assert from_response["due"] == SCOTLAND.add_working_days(date(2026, 3, 20), 40).isoformat()
    both = deadline_json(
        capsys,
        "review-request",
        "--regime",
        "foisa",
        "--from",
        "2026-03-20",
        "--request-received",
        "2026-03-06",
    )
    assert both["due"] == "2026-06-03"
    assert any("reading 2" in line for line in both["explanation"])
    no_response = deadline_json(
        capsys, "review-request", "--regime", "foisa", "--from", "2026-03-06", "--no-response"
    )
    assert no_response["due"] == SCOTLAND.add_working_days(date(2026, 4, 6), 40).isoformat()


@pytest.mark.django_db
def test_review_response(capsys):
    assert (
        deadline_json(capsys, "review-response", "--regime", "foisa", "--from", "2026-03-06")["due"]
        == "2026-04-06"
    )
    eir = deadline_json(capsys, "review-response", "--regime", "eir", "--from", "2026-03-06")
    assert eir["due"] == UK.add_working_days(date(2026, 3, 6), 40).isoformat()


@pytest.mark.django_db
def test_commissioner_application(capsys, settings):
    assert (
        deadline_json(
            capsys, "commissioner-application", "--regime", "foisa", "--from", "2023-08-31"
        )["due"]
        == "2024-02-29"
    )
    no_notice = deadline_json(
        capsys,
        "commissioner-application",
        "--regime",
        "foisa",
        "--from",
        "2026-03-06",
        "--no-review-notice",
    )
    expiry = SCOTLAND.add_working_days(date(2026, 3, 6), 20)
    assert no_notice["due"] == add_months(expiry, 6).isoformat()
    settings.ANSWERABLE_ICO_COMPLAINT_MONTHS = 3
    ico = deadline_json(
        capsys, "commissioner-application", "--regime", "foia", "--from", "2026-03-06"
    )
    assert ico["due"] == "2026-06-06"
    assert "ICO" in ico["explanation"][0]


def test_court_of_session_days_come_from_the_setting_or_the_option(capsys, settings):
    assert (
        deadline(capsys, "court-of-session", "--regime", "foisa", "--from", "2026-03-06")[0]
        == "2026-04-17"
    )
    settings.ANSWERABLE_COURT_OF_SESSION_DAYS = 45
    assert (
        deadline(capsys, "court-of-session", "--regime", "foisa", "--from", "2026-03-06")[0]
        == "2026-04-20"
    )
    assert (
        deadline(
            capsys, "court-of-session", "--regime", "eir-s", "--from", "2026-03-06", "--days", "10"
        )[0]
        == "2026-03-16"
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["response", "--regime", "foisa", "--from", "2026-03-06", "--extended"], "--extended"),
        (
            [
                "response",
                "--regime",
                "foisa",
                "--from",
                "2026-03-06",
                "--clarification-received",
                "2026-03-01",
            ],
            "--clarification-received",
        ),
        (
            [
                "response",
                "--regime",
                "foisa",
                "--from",
                "2026-03-06",
                "--fee-notice-issued",
                "2026-03-10",
                "--fee-paid",
                "2026-03-09",
            ],
            "--fee-paid",
        ),
        (
            [
                "response",
                "--regime",
                "foisa",
                "--from",
                "2026-03-06",
                "--fee-notice-issued",
                "2026-03-10",
            ],
            "--fee-paid",
        ),
        (
            [
                "review-response",
                "--regime",
                "foisa",
                "--from",
                "2026-03-06",
                "--fee-paid",
                "2026-03-09",
            ],
            "--fee-paid",
        ),
        (
            [
                "review-request",
                "--regime",
                "foisa",
                "--from",
                "2026-03-06",
                "--no-response",
                "--request-received",
                "2026-03-01",
            ],
            "--request-received",
        ),
        (
            ["review-request", "--regime", "foisa", "--from", "2026-03-20", "--extended"],
            "--extended",
        ),
        (["court-of-session", "--regime", "foia", "--from", "2026-03-06"], "--regime"),
        (
            [
                "commissioner-application",
                "--regime",
                "foisa",
                "--from",
                "2026-03-06",
                "--days",
                "3",
            ],
            "--days",
        ),
    ],
)
def test_bad_options_exit_2_naming_the_option(args, named):
    with pytest.raises(CommandError) as error:
        call_command("deadline", *args)
    assert error.value.returncode == 2
    assert str(error.value).startswith(named)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["response", "--from", "2026-03-06"], "required: --regime"),
        (["response", "--regime", "foisa"], "required: --from"),
        (
            ["response", "--regime", "foisa", "--from", "2026-03-06", "--fee-paid", "soon"],
            "argument --fee-paid: 'soon' is not a date",
        ),
        (
            ["court-of-session", "--regime", "foisa", "--from", "2026-03-06", "--days", "0"],
            "argument --days: must be at least 1",
        ),
        (["someday", "--regime", "foisa", "--from", "2026-03-06"], "argument kind"),
    ],
)
def test_argument_errors_name_the_argument(args, message):
    # From the console script these are argparse's errors, exit status 2 (tested below).
    with pytest.raises(CommandError, match=message):
        call_command("deadline", *args)


@pytest.fixture
def environ(tmp_path) -> dict[str, str]:
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


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["response", "--regime", "foisa", "--from", "2026-02-30"], "argument --from"),
        (["response", "--regime", "scots", "--from", "2026-03-06"], "argument --regime"),
        (
            ["review-response", "--regime", "foisa", "--from", "2026-03-06", "--no-response"],
            "--no-response does not apply to review-response",
        ),
        (["court-of-session", "--regime", "eir", "--from", "2026-03-06"], "--regime: under EIR"),
    ],
)
def test_the_console_script_exits_2_with_the_message_on_stderr(environ, args, message):
    # None of these reaches the database, so the fresh, unmigrated one is enough.
    result = subprocess.run(
        [str(SCRIPT), "deadline", *args],
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
    assert result.stdout == ""
