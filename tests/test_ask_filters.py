"""A dimension both filtered and broken down (issue 12, point 6).

The cells are exactly the values asked for, in the order asked, each shown even when zero;
values not asked for never appear. Values may be codes or their labels, in any case, and are
read back as codes.
"""

import json

import pytest
from django.core.management import CommandError, call_command
from interchange_files import write
from seed_001 import BAND_COUNTS, STATION_COUNTS, custody_csv

from answerable.interchange.importer import import_file

pytestmark = pytest.mark.django_db

FY_2017 = ["--from", "2017-04-01", "--to", "2018-03-31", "--no-suppression"]


@pytest.fixture(autouse=True)
def seed_001(tmp_path):
    import_file("custody", write(tmp_path, custody_csv(), "seed.csv"), progress=False)


def ask_json(capsys, *args: str) -> dict:
    call_command("ask", "custody-count", *FY_2017, *args, "--format", "json")
    return json.loads(capsys.readouterr().out)


def counted(document: dict, dimension: str) -> list[tuple[str, int]]:
    return [(cell[dimension], cell["count"]) for cell in document["cells"]]


def test_the_cells_are_the_values_asked_in_the_order_asked(capsys):
    document = ask_json(capsys, "--where", "station=Govan,Ayr,Dundee", "--by", "station")
    assert counted(document, "station") == [
        ("Govan", STATION_COUNTS["Govan"]),
        ("Ayr", STATION_COUNTS["Ayr"]),
        ("Dundee", STATION_COUNTS["Dundee"]),
    ]
    bands = ask_json(capsys, "--where", "duration=48+,in_custody,0-24", "--by", "duration")
    assert counted(bands, "duration") == [
        ("48+", BAND_COUNTS["48+"]),
        ("in_custody", 0),
        ("0-24", BAND_COUNTS["0-24"]),
    ]


def test_a_value_asked_with_no_records_is_shown_as_0_and_no_other_appears(capsys):
    document = ask_json(capsys, "--where", "outcome=charged,immigration_bail", "--by", "outcome")
    assert counted(document, "outcome") == [("charged", 0), ("immigration_bail", 0)]
    # every outcome is not recorded in seed 001: the total is of the values asked, 0
    assert document["total"]["count"] == 0


def test_with_two_dimensions_the_margins_are_the_values_asked(capsys):
    document = ask_json(capsys, "--where", "station=Stornoway,Govan", "--by", "station,duration")
    assert [m["station"] for m in document["margins"]["station"]] == ["Stornoway", "Govan"]
    assert {cell["station"] for cell in document["cells"]} == {"Stornoway", "Govan"}
    assert document["total"]["count"] == STATION_COUNTS["Stornoway"] + STATION_COUNTS["Govan"]


@pytest.mark.parametrize(
    ("dimension", "asked"),
    [
        ("nationality", ["LY", "YE"]),
        ("offence_code", ["IA71-24", "IA71-26"]),
    ],
)
def test_open_ended_values_asked_with_no_records_are_shown_as_0(capsys, dimension, asked):
    document = ask_json(capsys, "--where", f"{dimension}={','.join(asked)}", "--by", dimension)
    assert counted(document, dimension) == [(value, 0) for value in asked]


def test_values_may_be_labels_in_any_case_and_are_read_back_as_codes(capsys):
    document = ask_json(
        capsys,
        "--where",
        "station=govan,AYR",
        "--where",
        "detention_basis=Held under UK immigration legislation powers",
        "--where",
        "duration=IN CUSTODY,0-24",
        "--by",
        "station",
    )
    assert document["where"] == {
        "station": ["Govan", "Ayr"],
        "detention_basis": ["immigration_powers"],
        "duration": ["in_custody", "0-24"],
    }
    assert [cell["station"] for cell in document["cells"]] == ["Govan", "Ayr"]
    glasgow = ask_json(capsys, "--where", "division=greater glasgow")
    assert glasgow["where"] == {"division": ["G"]}
    assert glasgow["total"]["count"] == 236  # The Ferret: Glasgow stations combined 236
    named = ask_json(capsys, "--where", "nationality=Libya,ye,not recorded", "--by", "nationality")
    assert [cell["nationality"] for cell in named["cells"]] == ["LY", "YE", "not_recorded"]
    assert named["cells"][-1]["count"] == 537  # seed 001 records no nationality


def test_a_value_named_twice_is_one_value(capsys):
    document = ask_json(capsys, "--where", "station=Govan,GOVAN", "--by", "station")
    assert counted(document, "station") == [("Govan", STATION_COUNTS["Govan"])]


def test_an_unknown_value_is_still_refused_with_the_values():
    with pytest.raises(CommandError, match=r"'flying' is not a value; the values are: .*charged"):
        call_command("ask", "custody-count", "--where", "outcome=charged,flying")
