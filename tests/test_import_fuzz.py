"""Imports fuzzed with generated CSV files (hypothesis): valid rows and mangled ones, headers
with columns missing, unknown or repeated, other encodings, broken quoting.

Whatever the file, the import either stores it whole or rejects it with every error named
by file, line and column, and a rejected file leaves the register exactly as it was.
The generator knows which files are faulty, and where, so the verdict is checked too.
"""

import csv
import hashlib
import io
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from answerable.audit.models import AuditEntry
from answerable.interchange.errors import ImportRejected
from answerable.interchange.importer import import_file
from answerable.register.models import (
    CustodyEpisode,
    Disclosure,
    Division,
    Force,
    ImportBatch,
    Person,
    Station,
)
from answerable.register.reference_data import STATIONS

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def register_digest() -> str:
    """Everything an import could change, as one digest."""
    digest = hashlib.sha256()
    for model in (CustodyEpisode, Disclosure, Person, ImportBatch, Station, Division, Force):
        digest.update(repr(list(model.objects.order_by("pk").values())).encode())
        if hasattr(model, "history"):
            digest.update(repr(list(model.history.values_list("pk", flat=True))).encode())
    digest.update(str(AuditEntry.objects.count()).encode())
    return digest.hexdigest()


# --- one cell: a valid value, or a mangled one the importer must refuse ------------------------

moments = st.datetimes(datetime(2015, 1, 1), datetime(2023, 12, 31)).map(
    lambda moment: moment.replace(microsecond=0, fold=0)
)


def cased(values: list[str]) -> st.SearchStrategy[str]:
    return st.sampled_from(values).flatmap(
        lambda value: st.sampled_from([value, value.upper(), f" {value} "])
    )


NOT_RECORDED = st.sampled_from(["", "not_recorded", "NOT_RECORDED"])
NATIONALITIES = ["ALB", "AL", "Albania", "stateless", "Burma / Myanmar", "IRQ", "Viet Nam"]
TEXT = st.text(alphabet="abc é,\"'\n-", max_size=20).map(lambda text: " ".join(text.split()))
HOSTILE = st.sampled_from(["a\x00b", "a\x1bb", "x\u202ey", "a" * 300])

# Each optional column: (valid cells, cells the importer must refuse).
CELLS = {
    "station": (st.sampled_from(sorted(STATIONS)), st.sampled_from(["Govn", "Nowhere"])),
    "detention_basis": (
        cased(["immigration_powers", "immigration_offence", "other"]),
        st.sampled_from(["immigration", "held", ""]),
    ),
    "sex": (NOT_RECORDED | cased(["female", "male", "other"]), st.sampled_from(["m", "F1"])),
    "age": (
        NOT_RECORDED | st.integers(0, 120).map(str),
        st.sampled_from(["121", "-1", "2.5", "abc", "+5", "1_0", "\u0663"]),
    ),
    "nationality": (
        NOT_RECORDED | st.sampled_from(NATIONALITIES),
        st.sampled_from(["Narnia", "826", "X"]),
    ),
    "asylum_claimed": (NOT_RECORDED | cased(["yes", "no"]), st.sampled_from(["y", "N0"])),
    "primary_offence": (TEXT, HOSTILE),
}


@dataclass
class File:
    text: str
    faulty: bool = False
    # (line, column name) of each fault the importer must name
    faults: list[tuple[int, str]] = field(default_factory=list)
    encoding: str = "utf-8"
    only_cells: bool = True  # no fault in the header, the structure or the encoding


@st.composite
def custody_files(draw) -> File:
    extra = draw(st.lists(st.sampled_from(sorted(CELLS)), unique=True))
    columns = ["custody_ref", "arrived_at", "released_at", *(c for c in CELLS if c in extra)]
    if "station" not in columns:
        columns.append("station")
    if "detention_basis" not in columns:
        columns.append("detention_basis")
    columns = draw(st.permutations(columns))
    result = File("")
    header = [draw(st.sampled_from([name, name.upper(), f" {name} "])) for name in columns]

    # Header faults: a required column missing, an unknown one, a repeated one.
    header_fault = draw(st.sampled_from([None] * 12 + ["missing", "unknown", "repeated"]))
    if header_fault == "missing":
        gone = draw(st.sampled_from(["custody_ref", "station", "arrived_at", "detention_basis"]))
        at = columns.index(gone)
        del columns[at], header[at]
    elif header_fault == "unknown":
        columns.append("stationn")
        header.append("stationn")
    elif header_fault == "repeated":
        columns.append(columns[0])
        header.append(columns[0])
    result.faulty = header_fault is not None
    result.only_cells = header_fault is None

    rows = []
    line = 2
    for index in range(draw(st.integers(0, 8))):
        arrived = draw(moments)
        minutes = draw(st.one_of(st.none(), st.integers(0, 5000)))
        row = {
            "custody_ref": (f"R-{index}", True),
            "arrived_at": (arrived.isoformat(), True),
            "released_at": (
                "" if minutes is None else (arrived + timedelta(minutes=minutes)).isoformat(),
                True,
            ),
        }
        # One row in five has one fault, in a cell the file has.
        kinds = ["ref", "arrival", "release", "duplicate", *(c for c in CELLS if c in columns)]
        fault = draw(st.sampled_from([None] * 4 * len(kinds) + kinds))
        if fault == "ref":
            row["custody_ref"] = (draw(st.sampled_from(["", "R\x00", "R" * 65])), False)
        elif fault == "arrival":
            bad = draw(
                st.sampled_from(["2017-02-30T10:00", "yesterday", arrived.date().isoformat()])
            )
            row["arrived_at"] = (bad, False)
        elif fault == "release":
            row["released_at"] = ((arrived - timedelta(hours=1)).isoformat(), False)
        elif fault == "duplicate" and index > 0:
            row["custody_ref"] = ("R-0", False)
        for name, (valid, invalid) in CELLS.items():
            row[name] = (draw(invalid), False) if fault == name else (draw(valid), True)
        cells = [row[name][0] if name in row else "" for name in columns]
        for name in dict.fromkeys(columns):
            if name in row and not row[name][1]:
                result.faulty = True
                result.faults.append((line, name))
        rows.append(cells)
        text = io.StringIO()
        csv.writer(text, lineterminator="\n").writerow(cells)
        line += text.getvalue().count("\n")  # a quoted cell may hold line breaks

    # Structural faults: a row with a field too many, or a quote never closed.
    structure = draw(st.sampled_from([None] * 12 + ["width", "quote"]))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
    writer.writerow(header)
    writer.writerows(rows)
    text = out.getvalue()
    if structure == "width":
        text += "R-x," * len(header) + "extra\n"
        result.faulty = True
    elif structure == "quote":
        text += '"R-q,never closed\n'
        result.faulty = True
    result.text = text

    result.encoding = draw(st.sampled_from(["utf-8"] * 8 + ["utf-8-sig", "latin-1", "utf-16"]))
    if result.encoding == "utf-16" or (result.encoding == "latin-1" and not text.isascii()):
        result.faulty = True
        result.only_cells = False
    result.only_cells = result.only_cells and structure is None
    return result


def imported(tmp_path, kind: str, data: bytes):
    path = tmp_path / "fuzzed.csv"
    path.write_bytes(data)
    before = register_digest()
    try:
        return import_file(kind, path, progress=False), None
    except ImportRejected as rejected:
        assert register_digest() == before, "a rejected file changed the register"
        return None, rejected


def check_errors(rejected: ImportRejected, lines: int) -> None:
    assert rejected.errors, "a rejection names at least one error"
    for error in rejected.errors:
        assert 1 <= error.line <= lines + 1
        assert error.message.strip()
        formatted = error.format("fuzzed.csv")
        assert formatted.startswith(f"fuzzed.csv:{error.line}")
        if error.column is not None:
            assert formatted.startswith(f"fuzzed.csv:{error.line}:{error.column}:")


@FUZZ
@given(file=custody_files())
def test_a_custody_file_is_imported_whole_or_rejected_with_every_fault_named(file, tmp_path):
    data = file.text.encode(file.encoding)
    summary, rejected = imported(tmp_path, "custody", data)
    if file.faulty:
        assert rejected is not None, "a faulty file was imported"
        check_errors(rejected, file.text.count("\n"))
        if file.only_cells:
            # Every mangled cell is named at its own line and column.
            named = {(error.line, error.column_name) for error in rejected.errors}
            assert set(file.faults) <= named
    else:
        assert rejected is None, rejected.report()
        assert summary.rows_read == summary.created + summary.updated + summary.unchanged


DISCLOSURE_HEADER = (
    "disclosure_ref,disclosed_at,role,recipient,purpose,requested_at,age,outcome_at,"
    "home_office_outcome"
)


@st.composite
def disclosure_rows(draw) -> tuple[str, bool]:
    disclosed = draw(moments)
    requested = draw(st.one_of(st.none(), st.integers(0, 100_000)))
    outcome_days = draw(st.one_of(st.none(), st.integers(0, 400)))
    cells = [
        "D-{index}",
        disclosed.isoformat(),
        draw(cased(["victim", "witness", "suspect", "offender"])),
        draw(cased(["hoie_nccu", "ukvi"])),
        draw(cased(["referral", "status_check", "icce_high_harm"])),
        "" if requested is None else (disclosed - timedelta(minutes=requested)).isoformat(),
        draw(NOT_RECORDED | st.integers(0, 120).map(str)),
        ""
        if outcome_days is None
        else (disclosed + timedelta(days=outcome_days)).date().isoformat(),
        "" if outcome_days is None else "removed",
    ]
    mangle = draw(st.sampled_from([None] * 4 + list(range(len(cells)))))
    if mangle is None:
        return cells, True
    if mangle == 0:
        cells[0] = ""
    elif mangle == 1:
        cells[1] = "2020-02-30T00:00"
    elif mangle == 5:  # a request after the disclosure
        cells[5] = (disclosed + timedelta(hours=2)).isoformat()
    elif mangle == 7:  # an outcome with no outcome named, or before the disclosure
        cells[7] = (disclosed - timedelta(days=2)).date().isoformat()
    else:
        cells[mangle] = draw(st.sampled_from(["maybe", "-3", "\x00", "x" * 400]))
    return cells, False


@FUZZ
@given(rows=st.lists(disclosure_rows(), max_size=8), bom=st.booleans())
def test_a_disclosure_file_is_imported_whole_or_rejected(rows, bom, tmp_path):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(DISCLOSURE_HEADER.split(","))
    for index, (cells, _) in enumerate(rows):
        writer.writerow([cells[0].format(index=index), *cells[1:]])
    text = ("\ufeff" if bom else "") + out.getvalue()
    summary, rejected = imported(tmp_path, "disclosures", text.encode())
    faulty = [index + 2 for index, (_, valid) in enumerate(rows) if not valid]
    if faulty:
        assert rejected is not None, "a faulty file was imported"
        check_errors(rejected, len(rows) + 1)
        assert {error.line for error in rejected.errors} == set(faulty)
    else:
        assert rejected is None, rejected.report()
        assert summary.rows_read == len(rows)
