"""Catalogue answers through the API: the `ask --format json` document, always under
disclosure control, and logged as a combination of records."""

import io
import json

import pytest
from api_helpers import calling, entries, system
from django.core.management import call_command
from interchange_files import write

from answerable.answers.catalogue import CATALOGUE
from answerable.interchange.importer import import_file

pytestmark = pytest.mark.django_db

ANSWER = "/api/v1/questions/custody-count/answer/"


@pytest.fixture
def register(stations, tmp_path):
    """Nine immigration-related episodes at Govan and two at Ayr in 2017-18."""
    rows = [f"G-{n},Govan,2017-0{1 + n % 8}-02T10:00:00,immigration_powers" for n in range(9)]
    rows += [f"A-{n},Ayr,2017-06-0{1 + n}T10:00:00,immigration_offence" for n in range(2)]
    text = "custody_ref,station,arrived_at,detention_basis\n" + "\n".join(rows) + "\n"
    import_file("custody", write(tmp_path, text), progress=False)


@pytest.fixture
def dashboard(register):
    _, token = system("foi-dashboard", ["answers:read"])
    return calling(token)


def ask_json(*args: str) -> dict:
    out = io.StringIO()
    call_command("ask", *args, "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def test_the_catalogue_lists_every_question_and_its_dimensions(dashboard):
    listed = dashboard.get("/api/v1/questions/").json()
    assert [question["name"] for question in listed] == list(CATALOGUE)
    custody = listed[0]
    assert {"name": "station", "title": "Custody centre"} in custody["dimensions"]


def test_the_answer_is_the_ask_commands_document_under_disclosure_control(dashboard):
    response = dashboard.get(ANSWER + "?by=station&from=2017-01-01&to=2017-12-31")
    assert response.status_code == 200, response.json()
    expected = ask_json(
        "custody-count", "--by", "station", "--from", "2017-01-01", "--to", "2017-12-31"
    )
    assert response.json() == expected
    cells = {cell["station"]: cell for cell in response.json()["cells"]}
    assert cells["Ayr"] == {  # 2 < 5
        "station": "Ayr",
        "count": None,
        "display": "[c]",
        "status": "withheld",
    }
    assert response.json()["total"] == {"count": 11, "display": "11", "status": "shown"}


def test_a_posted_question_gets_the_same_answer(dashboard):
    posted = dashboard.post(
        ANSWER,
        {"by": ["station"], "where": {"detention_basis": ["immigration_powers"]}},
        format="json",
    )
    got = dashboard.get(ANSWER + "?by=station&where=detention_basis=immigration_powers")
    assert posted.status_code == 200
    assert posted.json() == got.json()


@pytest.mark.parametrize("parameter", ["threshold=2", "no_suppression=1", "format=csv"])
def test_exact_figures_cannot_be_asked_for(dashboard, parameter):
    response = dashboard.get(f"{ANSWER}?by=station&{parameter}")
    assert response.status_code == 400
    assert parameter.split("=")[0] in response.json()["fields"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("by=shoe_size", "question"),
        ("from=2017-13-01", "from"),
        ("from=2018-01-01&to=2017-01-01", "from"),
        ("bands=48,24", "bands"),
        ("bands=99999999999999999999", "bands"),
        ("where=station", "where"),
        ("count=everyone", "count"),
        ("by=station&by=sex", "by"),
        ("by=%00", "by"),
    ],
)
def test_a_question_that_cannot_be_asked_is_a_400(dashboard, query, field):
    response = dashboard.get(f"{ANSWER}?{query}")
    assert response.status_code == 400
    assert field in response.json()["fields"]


def test_a_table_too_large_to_read_is_refused(dashboard):
    response = dashboard.get(ANSWER + "?by=month,station,sex&from=1900-01-01&to=2020-12-31")
    assert response.status_code == 400
    assert "cells" in response.json()["fields"]["by"][0]


def test_an_unknown_question_is_404(dashboard):
    assert dashboard.get("/api/v1/questions/shoe-sizes/answer/").status_code == 404


def test_an_answer_is_logged_as_a_combination_by_the_system(dashboard):
    dashboard.get(ANSWER + "?by=station")
    assert entries(action="combination") == [
        ("combination", "api:foi-dashboard", "register.custodyepisode")
    ]
