"""`answerable ask`: the command-line contract and its four formats."""

import csv
import json

import pytest
from django.core.management import CommandError, call_command
from interchange_files import write
from openpyxl import load_workbook
from seed_001 import custody_csv

from answerable.interchange.importer import import_file

pytestmark = pytest.mark.django_db

FY_2017 = ["--from", "2017-04-01", "--to", "2018-03-31"]


@pytest.fixture(autouse=True)
def seed_001(tmp_path):
    import_file("custody", write(tmp_path, custody_csv(), "seed.csv"), progress=False)


def ask_json(capsys, *args: str) -> dict:
    call_command("ask", *args, "--format", "json")
    return json.loads(capsys.readouterr().out)


def test_json_has_every_key_of_the_contract(capsys):
    document = ask_json(capsys, "custody-count", *FY_2017, "--by", "station,duration")
    assert {
        "question",
        "title",
        "period",
        "by",
        "cells",
        "margins",
        "total",
        "suppression",
        "cost",
    } <= set(document)
    assert document["question"] == "custody-count"
    assert document["period"] == {"from": "2017-04-01", "to": "2018-03-31"}
    assert document["by"] == ["station", "duration"]
    assert set(document["cells"][0]) == {"station", "duration", "count", "display", "status"}
    assert len(document["cells"]) == 31 * 4
    assert set(document["margins"]) == {"station", "duration"}
    assert {"duration", "count", "display", "status"} == set(document["margins"]["duration"][0])
    assert document["total"] == {"count": 537, "display": "537", "status": "shown"}
    assert {"threshold", "withheld", "method"} <= set(document["suppression"])
    assert set(document["cost"]) == {"hours", "gbp", "limit_gbp"}
    assert document["cost"]["limit_gbp"] == 600


def test_withheld_cells_are_null_and_display_c(capsys):
    document = ask_json(capsys, "custody-count", *FY_2017, "--by", "station")
    dundee = next(c for c in document["cells"] if c["station"] == "Dundee")  # seed 001: 1
    assert dundee == {"station": "Dundee", "count": None, "display": "[c]", "status": "withheld"}
    assert document["suppression"]["threshold"] == 5
    assert document["suppression"]["withheld"] >= 9
    assert "margins" not in document  # one dimension: the total is its margin


def test_no_suppression_gives_exact_figures_for_internal_use(capsys):
    document = ask_json(capsys, "custody-count", *FY_2017, "--by", "station", "--no-suppression")
    assert {c["station"]: c["count"] for c in document["cells"]}["Dundee"] == 1
    assert document["suppression"]["withheld"] == 0
    assert "internal use only" in document["suppression"]["method"]


def test_a_threshold_can_be_raised_for_one_answer(capsys):
    usual = ask_json(capsys, "custody-count", *FY_2017, "--by", "station")
    raised = ask_json(capsys, "custody-count", *FY_2017, "--by", "station", "--threshold", "10")
    usual_cells = {c["station"]: c["display"] for c in usual["cells"]}
    raised_cells = {c["station"]: c["display"] for c in raised["cells"]}
    assert usual_cells["Elgin"] == "9" and raised_cells["Elgin"] == "[c]"
    assert raised["suppression"]["threshold"] == 10


def test_a_threshold_is_never_lowered_below_the_policy():
    with pytest.raises(CommandError, match="below the policy's 5"):
        call_command("ask", "custody-count", *FY_2017, "--by", "station", "--threshold", "3")


def test_the_table_format_shows_the_cost_and_the_marker(capsys):
    call_command("ask", "custody-count", *FY_2017, "--by", "duration", "--bands", "24,48")
    out = capsys.readouterr().out
    assert "0-24" in out and "384" in out and "Total" in out and "537" in out
    assert "Estimated cost of compliance" in out and "£600.00" in out


def test_csv_and_xlsx_are_written(tmp_path):
    csv_path, xlsx_path = tmp_path / "a.csv", tmp_path / "a.xlsx"
    call_command(
        "ask",
        "custody-count",
        *FY_2017,
        "--by",
        "station",
        "--format",
        "csv",
        "--out",
        str(csv_path),
    )
    rows = list(csv.reader(csv_path.open()))
    assert rows[0] == ["Custody centre", "Count"] and rows[-1] == ["Total", "537"]
    assert ["Dundee", "[c]"] in rows
    call_command(
        "ask",
        "custody-count",
        *FY_2017,
        "--by",
        "station,duration",
        "--format",
        "xlsx",
        "--out",
        str(xlsx_path),
    )
    book = load_workbook(xlsx_path)
    assert book.sheetnames == ["Cover", "Table", "Notes"]
    table = list(book["Table"].values)
    assert table[-1][-1] == 537


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["custody-count", "--from", "2017-13-01"], "not a date"),
        (["custody-count", "--where", "station"], "DIM=VALUE"),
        (["custody-count", "--where", "sex=male", "--where", "sex=female"], "twice"),
        (["custody-count", "--bands", "48,24"], "increasing"),
        (["custody-count", "--threshold", "1"], "at least 2"),
        (["custody-count", "--format", "xlsx"], "needs --out"),
        (["custody-count", "--from", "2018-01-01", "--to", "2017-01-01"], "after --to"),
    ],
)
def test_bad_arguments_are_refused_with_a_reason(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("ask", *args)
