"""Periods before the register holds its records are "not held", never 0 (issue 12, point 5).

Seed 001 asks for 2015/16, 2016/17 and 2017/18; the register holds custody episodes from the
National Custody System (1 April 2017). A few episodes dated before that day are in the
register here too (as a migration might leave them): they are not counted once the register
is said to hold custody only from 1 April 2017, because what it holds before is incomplete.
"""

import csv
import io
import json
from datetime import date, datetime

import pytest
from django.core.management import call_command
from interchange_files import write
from seed_001 import custody_csv

from answerable.answers import answer as answer_module
from answerable.answers.answer import answer
from answerable.answers.engine import Ask, count
from answerable.answers.output.document import as_document
from answerable.casework.letters.figures import figure_table
from answerable.core.uk_time import UK
from answerable.interchange.importer import import_file
from answerable.register.models import CustodyEpisode, Force

pytestmark = pytest.mark.django_db

NCS_DAY = "2017-04-01"
SEED_001 = ["--from", "2015-04-01", "--to", "2018-03-31"]
NOT_HELD = {"count": None, "display": "not held", "status": "not_held"}
# Before the National Custody System: six in June 2016 (2016/17) and three in February 2017
# (2016/17, and calendar year 2017 before 1 April).
EARLIER = [datetime(2016, 6, 10 + n, 12, tzinfo=UK) for n in range(6)] + [
    datetime(2017, 2, 15, 12, tzinfo=UK)
] * 3


@pytest.fixture(autouse=True)
def register(tmp_path, police_scotland: Force, stations):
    import_file("custody", write(tmp_path, custody_csv(), "seed.csv"), progress=False)
    for number, arrived in enumerate(EARLIER):
        CustodyEpisode.objects.create(
            force=police_scotland,
            custody_ref=f"LEGACY-{number}",
            station=stations["Govan"],
            division=stations["Govan"].division,
            arrived_at=arrived,
            released_at=arrived.replace(hour=20),
            detention_basis="immigration_powers",
        )


@pytest.fixture
def ncs() -> None:
    call_command(
        "coverage",
        "set",
        "custody",
        "--from",
        NCS_DAY,
        "--reason",
        "NCS 2017",
        stdout=io.StringIO(),
    )


def ask_json(capsys, *args: str) -> dict:
    call_command("ask", "custody-count", *args, "--format", "json")
    return json.loads(capsys.readouterr().out)


def cells_by(document: dict, dimension: str) -> dict[str, dict]:
    return {cell.pop(dimension): cell for cell in document["cells"]}


def test_without_coverage_everything_in_the_register_is_counted(capsys):
    document = ask_json(capsys, *SEED_001, "--by", "financial_year", "--no-suppression")
    counted = {cell["financial_year"]: cell["count"] for cell in document["cells"]}
    assert counted == {"2015/16": 0, "2016/17": 9, "2017/18": 537}
    assert "held_from" not in document["period"]


def test_a_period_wholly_before_is_not_held(ncs, capsys):
    document = ask_json(capsys, "--from", "2015-04-01", "--to", "2017-03-31")
    assert document["total"] == NOT_HELD
    assert document["period"]["held_from"] == NCS_DAY
    assert document["suppression"]["withheld"] == 0
    assert not any(note.startswith("0 means none") for note in document["footnotes"])
    assert any("from 1 April 2017" in note for note in document["footnotes"])

    by_station = ask_json(capsys, "--from", "2015-04-01", "--to", "2017-03-31", "--by", "station")
    assert len(by_station["cells"]) == 31
    assert all({k: c[k] for k in NOT_HELD} == NOT_HELD for c in by_station["cells"])

    call_command("ask", "custody-count", "--from", "2016-04-01", "--to", "2017-03-31")
    out = capsys.readouterr().out
    assert "Total  not held" in out and "Not held: the register holds custody episodes" in out


def test_a_period_that_starts_before_is_counted_from_the_first_day_held(ncs, capsys):
    document = ask_json(capsys, "--from", "2016-04-01", "--to", "2018-03-31")
    assert document["period"] == {"from": "2016-04-01", "to": "2018-03-31", "held_from": NCS_DAY}
    assert document["total"] == {"count": 537, "display": "537", "status": "shown"}  # not 546
    assert any(note.startswith("Counted from 1 April 2017") for note in document["footnotes"])
    # A period wholly held says nothing of it.
    held = ask_json(capsys, "--from", NCS_DAY, "--to", "2018-03-31")
    assert "held_from" not in held["period"] and held["total"]["count"] == 537


def test_seed_001s_financial_years_two_not_held_and_one_counted(ncs, capsys):
    document = ask_json(capsys, *SEED_001, "--by", "financial_year")
    cells = cells_by(document, "financial_year")
    assert list(cells) == ["2015/16", "2016/17", "2017/18"]
    assert cells["2015/16"] == NOT_HELD and cells["2016/17"] == NOT_HELD
    assert cells["2017/18"] == {"count": 537, "display": "537", "status": "shown"}
    assert document["total"]["count"] == 537
    notes = document["footnotes"]
    assert sum(note.startswith("Not held") for note in notes) == 1
    assert not any(note.startswith("0 means none") for note in notes)  # no zero is shown


def test_a_year_partly_before_is_counted_for_the_part_held(ncs, capsys):
    document = ask_json(
        capsys, "--from", "2016-01-01", "--to", "2017-12-31", "--by", "year", "--no-suppression"
    )
    cells = cells_by(document, "year")
    assert cells["2016"] == NOT_HELD
    held_2017 = CustodyEpisode.objects.filter(
        detention_basis="immigration_powers", arrived_on__range=("2017-04-01", "2017-12-31")
    ).count()
    assert cells["2017"]["count"] == held_2017  # not the three of February 2017
    assert any(
        note.startswith("2017 counted from 1 April 2017 only") for note in document["footnotes"]
    )


def test_disclosure_control_is_given_only_what_is_held(ncs, monkeypatch, capsys):
    given = []
    real = answer_module.protect

    def spy(table, policy, **options):
        given.append(table)
        return real(table, policy, **options)

    monkeypatch.setattr(answer_module, "protect", spy)
    document = ask_json(capsys, *SEED_001, "--by", "financial_year,station")
    assert given[0].values[0] == ("2017/18",)  # the years not held are no figures at all
    held_only = ask_json(
        capsys, "--from", NCS_DAY, "--to", "2018-03-31", "--by", "financial_year,station"
    )
    shown = [c for c in document["cells"] if c["financial_year"] == "2017/18"]
    assert shown == held_only["cells"]  # the same protection as asking for 2017/18 alone
    assert document["suppression"]["withheld"] == held_only["suppression"]["withheld"]
    not_held = [c for c in document["cells"] if c["financial_year"] != "2017/18"]
    assert len(not_held) == 62 and all(c["status"] == "not_held" for c in not_held)
    margins = cells_by({"cells": document["margins"]["financial_year"]}, "financial_year")
    assert margins["2015/16"] == NOT_HELD and margins["2017/18"]["count"] == 537

    given.clear()
    ask_json(capsys, "--from", "2015-04-01", "--to", "2017-03-31", "--by", "station")
    assert given == []  # a table wholly not held needs no disclosure control


def test_a_where_on_years_not_held(ncs, capsys):
    document = ask_json(capsys, "--where", "financial_year=2015/16")
    assert document["total"] == NOT_HELD
    document = ask_json(
        capsys, "--where", "financial_year=2016/17,2017/18", "--by", "financial_year"
    )
    cells = cells_by(document, "financial_year")
    assert cells["2016/17"] == NOT_HELD and cells["2017/18"]["count"] == 537


def _days(first: str, last: str) -> dict:
    return {"first_day": date.fromisoformat(first), "last_day": date.fromisoformat(last)}


def test_people_are_counted_in_the_held_part_only(ncs):
    people = {"count": "people", "by": ("financial_year",)}
    counts = count(Ask("custody-count", **people, **_days("2016-04-01", "2018-03-31")))
    assert counts.coverage.not_held == {"financial_year": frozenset({"2016/17"})}
    held = count(Ask("custody-count", count="people", **_days(NCS_DAY, "2018-03-31")))
    assert counts.table.count(("2017/18",)) == held.table.total == 500


def test_other_record_types_are_not_affected(ncs):
    result = answer(Ask("disclosures", **_days("2015-04-01", "2018-03-31")))
    assert result.published.total.status == "shown"
    assert "held_from" not in as_document(result)["period"]


def test_csv_and_letters_say_not_held(ncs, tmp_path, capsys):
    path = tmp_path / "a.csv"
    call_command(
        "ask",
        "custody-count",
        *SEED_001,
        "--by",
        "financial_year",
        "--format",
        "csv",
        "--out",
        str(path),
    )
    capsys.readouterr()
    rows = list(csv.reader(path.open()))
    assert ["2015/16", "not held"] in rows and ["2017/18", "537"] in rows
    table = figure_table(ask_json(capsys, *SEED_001, "--by", "financial_year"))
    assert [row.cells for row in table.rows] == [("not held",), ("not held",), ("537",), ("537",)]
    # The letter says from when records are held in the table's caption, and explains "not
    # held" once for the whole response (casework/letters/notes.py), not under each table.
    assert "records held from 1 April 2017" in table.caption
    xlsx = tmp_path / "a.xlsx"
    call_command(
        "ask",
        "custody-count",
        *SEED_001,
        "--by",
        "financial_year,duration",
        "--format",
        "xlsx",
        "--out",
        str(xlsx),
    )
    from openpyxl import load_workbook

    from answerable.answers.output.formats import TABLE_FIRST_ROW

    sheet = list(load_workbook(xlsx)["Table"].values)[TABLE_FIRST_ROW - 1 :]
    assert sheet[1][0] == "2015/16" and set(sheet[1][1:]) == {"not held"}
