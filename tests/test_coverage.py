"""What the register holds, and from when (issue 12, point 5): `answerable coverage`.

The pure split of a period at the first day held, the command that lists and sets it, the
history kept of every change, and that backups carry it.
"""

import json
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from answerable.backup.scope import backed_up_tables, holds_data
from answerable.register.coverage import KINDS, holding, parse_kind, split_period
from answerable.register.coverage_records import all_coverage, held_from, record_coverage
from answerable.register.models import RecordCoverage

NCS = date(2017, 4, 1)


# --- the pure split ---------------------------------------------------------------------------


def test_without_a_first_day_everything_is_held():
    split = split_period(date(2015, 4, 1), date(2018, 3, 31), None)
    assert split.held == (date(2015, 4, 1), date(2018, 3, 31)) and not split.starts_before
    assert holding(date(2015, 4, 1), date(2016, 3, 31), None) == "held"


@pytest.mark.parametrize(
    ("first", "last", "held", "starts_before"),
    [
        (date(2015, 4, 1), date(2016, 3, 31), None, True),  # wholly before
        (date(2015, 4, 1), date(2017, 3, 31), None, True),  # ends the day before
        (date(2015, 4, 1), date(2018, 3, 31), (NCS, date(2018, 3, 31)), True),  # straddles
        (None, date(2018, 3, 31), (NCS, date(2018, 3, 31)), True),  # open start
        (NCS, date(2018, 3, 31), (NCS, date(2018, 3, 31)), False),  # starts on it
        (date(2019, 1, 1), None, (date(2019, 1, 1), None), False),  # after it, open end
    ],
)
def test_a_period_is_split_at_the_first_day_held(first, last, held, starts_before):
    split = split_period(first, last, NCS)
    assert split.held == held
    assert split.starts_before is starts_before
    assert split.wholly_not_held is (held is None)


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        (date(2016, 4, 1), date(2017, 3, 31), "not_held"),
        (date(2017, 1, 1), date(2017, 12, 31), "partly_held"),
        (date(2017, 4, 1), date(2017, 4, 30), "held"),
        (date(2017, 3, 1), date(2017, 3, 31), "not_held"),
    ],
)
def test_a_year_or_month_is_held_wholly_partly_or_not(first, last, expected):
    assert holding(first, last, NCS) == expected


def test_a_kind_is_checked():
    assert parse_kind(" Custody ") == "custody"
    with pytest.raises(ValueError, match="custody, disclosures, nccu, icce"):
        parse_kind("custodies")


# --- the command ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_list_says_not_set_until_a_first_day_is_recorded(capsys):
    call_command("coverage")
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == list(KINDS)
    assert all("not set" in line for line in lines)

    call_command("coverage", "set", "custody", "--from", "2017-04-01", "--reason", "NCS 2017")
    assert "custody: held from 2017-04-01 (recorded)" in capsys.readouterr().out
    call_command("coverage")
    lines = capsys.readouterr().out.splitlines()
    assert "held from 2017-04-01" in lines[0] and "NCS 2017" in lines[0]
    assert all("not set" in line for line in lines[1:])
    assert held_from("custody") == NCS and held_from("icce") is None


@pytest.mark.django_db
def test_the_list_as_json(capsys):
    record_coverage("nccu", date(2019, 6, 1), "contacts logged from June 2019", "test")
    call_command("coverage", "--json")
    listed = {row["kind"]: row for row in json.loads(capsys.readouterr().out)}
    assert list(listed) == list(KINDS)
    assert listed["nccu"] == {
        "kind": "nccu",
        "held_from": "2019-06-01",
        "reason": "contacts logged from June 2019",
        "recorded_by": "test",
    }
    assert listed["custody"]["held_from"] is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["set", "custodies", "--from", "2017-04-01"], "not a record type.*custody, disclosures"),
        (["set", "custody", "--from", "2017-13-01"], "--from '2017-13-01' is not a date"),
        (["set", "custody", "--from", "1 April 2017"], "YYYY-MM-DD"),
        (["set", "custody"], "--from"),
    ],
)
def test_bad_input_is_refused_with_a_reason_and_nothing_recorded(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("coverage", *args)
    assert not RecordCoverage.objects.exists()


@pytest.mark.django_db
def test_every_change_is_kept_in_the_history(capsys):
    call_command("coverage", "set", "custody", "--from", "2016-04-01")
    call_command("coverage", "set", "custody", "--from", "2016-04-01")  # the same: no change
    assert "nothing changed" in capsys.readouterr().out
    call_command("coverage", "set", "custody", "--from", "2017-04-01", "--reason", "NCS")
    row = RecordCoverage.objects.get(kind="custody")
    assert (row.held_from, row.reason) == (NCS, "NCS")
    assert row.recorded_by  # who recorded it (the command's actor)
    history = list(row.history.order_by("history_date").values_list("held_from", "reason"))
    assert history == [(date(2016, 4, 1), ""), (NCS, "NCS")]
    assert [c.kind for c in all_coverage()] == list(KINDS)


def test_backups_carry_the_coverage_and_its_history():
    labels = {table.label for table in backed_up_tables()}
    assert {"register.recordcoverage", "register.historicalrecordcoverage"} <= labels
    # Not filled by `migrate`: a database with coverage recorded is in use.
    assert holds_data("register.recordcoverage")


def test_each_catalogue_question_knows_its_record_type():
    from answerable.answers.catalogue import CATALOGUE

    kinds = {
        "custody-count": "custody",
        "custody-all": "custody",
        "disclosures": "disclosures",
        "referrals": "disclosures",
        "nccu-contacts": "nccu",
        "icce-requests": "icce",
    }
    assert {name: CATALOGUE[name].kind for name in kinds} == kinds
    assert all(question.kind in KINDS for question in CATALOGUE.values())
