"""One set of rules: a record sent to the API and the same record as a row of an import
file get the same verdict, naming the same fields (hypothesis)."""

import csv
import io
import itertools

import pytest
from api_helpers import calling, post, system
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from answerable.interchange.errors import ImportRejected
from answerable.interchange.importer import import_file
from answerable.register.models import CustodyEpisode
from answerable.register.reference_data import STATIONS

pytestmark = pytest.mark.django_db

NUMBER = itertools.count()
NOT_RECORDED = ("", "not_recorded")

cell = {
    "station": st.sampled_from([*sorted(STATIONS)[:5], "Govn"]),
    "arrived_at": st.sampled_from(
        ["2019-03-31T01:30:00", "2019-10-27T01:30:00+00:00", "2019-02-30T10:00", "2019-05-01"]
    ),
    "released_at": st.sampled_from(["", "2019-11-01T10:00:00", "2019-01-01T00:00:00"]),
    "detention_basis": st.sampled_from(["immigration_powers", "OTHER", "held", ""]),
    "sex": st.sampled_from(["", "female", "Male", "m", "not_recorded"]),
    "age": st.sampled_from(["", "0", "120", "121", "not_recorded"]),
    "nationality": st.sampled_from(["", "ALB", "Viet Nam", "stateless", "Narnia"]),
    "primary_offence": st.sampled_from(["", "Theft", "x" * 201, "a\x1bb"]),
    "division": st.sampled_from(["", "G", "Z"]),
}


def as_json(row: dict[str, str]) -> dict:
    """The row as a system would send it: whole numbers as numbers, not recorded as null."""
    body: dict = {}
    for name, text in row.items():
        if text in NOT_RECORDED:
            body[name] = None
        elif name == "age":
            body[name] = int(text)
        else:
            body[name] = text
    return body


STORED = (
    "division_id",
    "station_id",
    "arrived_at",
    "released_at",
    "detention_basis",
    "primary_offence",
    "sex",
    "age",
    "nationality",
    "arrived_on",
    "duration_minutes",
    "source_hash",
)


def imported(tmp_path, row: dict[str, str]) -> tuple[set[str], dict | None]:
    """The fields an import of the row names in its errors, or what it stores (undone)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(row)
    writer.writerow(row.values())
    path = tmp_path / "one.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    with transaction.atomic():
        try:
            import_file("custody", path, progress=False)
        except ImportRejected as rejected:
            return {error.column_name for error in rejected.errors}, None
        stored = CustodyEpisode.objects.values(*STORED).get(custody_ref=row["custody_ref"])
        transaction.set_rollback(True)
    return set(), stored


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(row=st.fixed_dictionaries(cell))
def test_the_api_and_an_import_give_the_same_verdict_and_values(row, tmp_path, stations):
    row = {"custody_ref": f"RULES-{next(NUMBER)}", **row}
    _, token = system(f"rules-{next(NUMBER)}")
    problems, stored = imported(tmp_path, row)
    response = post(calling(token), "/api/v1/custody-episodes/", as_json(row))
    if problems:
        assert response.status_code == 400
        assert set(response.json()["fields"]) == problems
    else:
        assert response.status_code == 201, response.json()
        # The same values, down to the fingerprint a re-import compares with.
        assert CustodyEpisode.objects.values(*STORED).get(custody_ref=row["custody_ref"]) == stored
