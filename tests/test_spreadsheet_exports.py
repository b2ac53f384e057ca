"""Every CSV and XLSX the product writes, walked with hostile labels (issue 15: formula
injection). No cell may start with what a spreadsheet reads as a formula, and no XLSX cell
is a formula; every writer in the code is one of the exports walked here.
"""

import csv
import io
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from casework_helpers import officer
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from interchange_files import write
from openpyxl import load_workbook
from seed_001 import custody_csv
from statistics_releases_support import manager, publish, register, series  # noqa: F401

from answerable.audit.actions import Action
from answerable.audit.trail import record
from answerable.casework.statistics import as_csv as statistics_csv
from answerable.casework.statistics import parse_quarter, quarterly_return
from answerable.core.spreadsheet import FORMULA_STARTS, neutralise
from answerable.interchange.importer import import_file
from answerable.register.models import Station
from answerable.roles.assign import assign_role
from answerable.roles.roles import Role

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[1] / "answerable"

HOSTILE = [
    '=HYPERLINK("http://x.example","y")',
    "+1",
    "-1",
    "@SUM(1)",
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
]
# The seed's custody centres renamed to hostile labels (a station added by
# `import --add-stations`, an offence code through the API, can say anything).
STATIONS = ["Dundee", "Saltcoats", "Falkirk", "Fraserburgh", "Elgin", "Kilmarnock", "Perth"]

# Every module that writes CSV or XLSX for people to open, and the export of each walked
# below; and the modules that write files only for the importer to read back (synthetic
# interchange data, from the generator's own vocabulary), which are not spreadsheets for
# anyone to open.
WRITERS = {
    "answers/output/formats.py": ("ask csv", "ask xlsx", "web csv", "web xlsx"),
    "answers/views/downloads.py": ("web csv exact", "web xlsx exact"),
    "disclosure_log/views.py": ("disclosure log csv",),
    "audit/views.py": ("audit export csv",),
    "casework/statistics.py": ("statistics csv",),
    "statistics_releases/views.py": ("published statistics csv",),
}
NOT_SPREADSHEETS = {
    "demo/synthetic/demo.py": "the demo's interchange files, imported at once",
    "core/spreadsheet.py": "the neutralising function itself",
    "lazy.py": "imports openpyxl when first used; writes nothing",
}
WRITING = re.compile(r"csv\.(writer|DictWriter)|\bopenpyxl\b|\bWorkbook\(|\bwriterows?\(")


def test_every_writer_in_the_code_is_walked() -> None:
    found = {
        path.relative_to(ROOT).as_posix()
        for path in ROOT.rglob("*.py")
        if "migrations" not in path.parts and WRITING.search(path.read_text(encoding="utf-8"))
    }
    assert found == set(WRITERS) | set(NOT_SPREADSHEETS)
    for module in WRITERS:
        assert "answerable.core.spreadsheet" in (ROOT / module).read_text(encoding="utf-8")


@pytest.fixture
def hostile_register(tmp_path: Path) -> None:
    import_file("custody", write(tmp_path, custody_csv()), progress=False)
    for name, label in zip(STATIONS, HOSTILE, strict=True):
        assert Station.objects.filter(name=name).update(name=label) == 1


def signed_in(role: Role) -> Client:
    user = officer(f"user-{role}")
    assign_role(user, role)
    client = Client()
    client.force_login(user)
    return client


BY_STATION = {"question": "custody-count", "from": "2017-04-01", "to": "2018-03-31"}


def csv_cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))) for cell in row]


def xlsx_cells(content: bytes) -> list[object]:
    book = load_workbook(io.BytesIO(content))
    cells = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula"
                cells.append(cell.value)
    return cells


def ask_csv(tmp_path: Path) -> list[object]:
    out = tmp_path / "a.csv"
    call_command("ask", "custody-count", "--by", "station", "--format", "csv", "--out", str(out))
    return list(csv_cells(out.read_text(encoding="utf-8")))


def ask_xlsx(tmp_path: Path) -> list[object]:
    out = tmp_path / "a.xlsx"
    call_command("ask", "custody-count", "--by", "station", "--format", "xlsx", "--out", str(out))
    return xlsx_cells(out.read_bytes())


def web(format_name: str, exact: bool) -> list[object]:
    client = signed_in(Role.DISCLOSURE_MANAGER if exact else Role.FOI_OFFICER)
    query = {**BY_STATION, "by": "station", **({"exact": "on"} if exact else {})}
    response = client.get(reverse("answers:download", kwargs={"format": format_name}), query)
    assert response.status_code == 200
    if format_name == "csv":
        return list(csv_cells(response.content.decode("utf-8")))
    return xlsx_cells(response.content)


EXPORTS: dict[str, Callable[[Path], list[object]]] = {
    "ask csv": ask_csv,
    "ask xlsx": ask_xlsx,
    "web csv": lambda _: web("csv", exact=False),
    "web xlsx": lambda _: web("xlsx", exact=False),
    "web csv exact": lambda _: web("csv", exact=True),
    "web xlsx exact": lambda _: web("xlsx", exact=True),
}


def assert_no_formula(cells: list[object]) -> None:
    texts = [cell for cell in cells if isinstance(cell, str)]
    starting = [cell for cell in texts if cell.startswith(FORMULA_STARTS)]
    assert starting == []
    # Each hostile label is there, as text.
    for label in HOSTILE:
        assert neutralise(label) in texts, label


@pytest.mark.parametrize("export", list(EXPORTS))
def test_answers_keep_hostile_labels_as_text(
    export: str, hostile_register: None, tmp_path: Path
) -> None:
    assert_no_formula(EXPORTS[export](tmp_path))


def test_the_disclosure_log_export(client: Client) -> None:
    from disclosure_log_support import at, issue

    with at("2024-01-31T12:00:00+00:00"):
        for number, label in enumerate(HOSTILE):
            issue(f"23-30{number:02d}", date(2023, 8, 2), title=label, exemptions_cited=label)
        response = client.get(reverse("disclosure_log:export"))
    cells = csv_cells(response.content.decode("utf-8"))
    assert [c for c in cells if c.startswith(FORMULA_STARTS)] == []
    assert cells.count(neutralise(HOSTILE[0])) == 2


def test_the_audit_export() -> None:
    for label in HOSTILE:
        record(Action.CONSULTATION, record_type="register.person", purpose=label, actor=label)
    response = signed_in(Role.DATA_PROTECTION_OFFICER).get(reverse("audit:export"))
    text = b"".join(response.streaming_content).decode("utf-8")
    cells = csv_cells(text)
    assert [c for c in cells if c.startswith(FORMULA_STARTS)] == []
    assert cells.count("'" + HOSTILE[0]) == 2


def test_the_statistics_return() -> None:
    cells = csv_cells(statistics_csv(quarterly_return(parse_quarter("2026-Q1"))))
    assert len(cells) > 5
    assert [c for c in cells if c.startswith(FORMULA_STARTS)] == []


def test_the_published_statistics_csv(series, manager) -> None:
    # Whatever a stored table holds (its labels come from the register when it was prepared)
    # is written as text.
    edition = publish(series, manager, "2026-Q1")
    table = edition.tables.get(position=1)
    table.grid = [["Custody centre", "Count"], *[[label, 1] for label in HOSTILE]]
    table.save(update_fields=["grid"])
    kwargs = {"slug": edition.slug, "position": 1}
    response = Client().get(reverse("statistics:csv", kwargs=kwargs))
    assert_no_formula(csv_cells(response.content.decode("utf-8")))


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("-1", "'-1"),
        ("\t@x", "'\t@x"),
        ("Dundee", "Dundee"),
        # A carriage return would end the row in a file written with "\n" line ends.
        ("\r=1", "'\n=1"),
        ("a\r\nb\rc", "a\nb\nc"),
        ("", ""),
        (537, 537),
        (None, None),
        (True, "True"),
    ],
)
def test_the_neutralising_function(value: object, cell: object) -> None:
    assert neutralise(value) == cell


def test_every_registered_export_is_walked() -> None:
    walked = set(EXPORTS) | {
        "disclosure log csv",
        "audit export csv",
        "statistics csv",
        "published statistics csv",
    }
    assert {name for names in WRITERS.values() for name in names} == walked
