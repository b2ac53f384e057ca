"""Properties of the custody import over generated files (hypothesis)."""

import csv
import io
from datetime import datetime, timedelta

import pytest
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from answerable.core.uk_time import as_uk_aware, elapsed_minutes
from answerable.interchange.errors import ImportRejected
from answerable.interchange.importer import import_file
from answerable.register.models import CustodyEpisode
from answerable.register.reference_data import STATIONS

pytestmark = pytest.mark.django_db

COLUMNS = [
    "custody_ref",
    "station",
    "arrived_at",
    "released_at",
    "detention_basis",
    "primary_offence",
    "age",
    "sex",
]
# Free text with commas, quotes and line breaks: the CSV quoting must carry it intact.
offence_text = st.text(alphabet=st.sampled_from("ab ,\"\n'é"), max_size=12).map(
    lambda s: " ".join(s.split())
)
episode = st.fixed_dictionaries(
    {
        "station": st.sampled_from(sorted(STATIONS)),
        # Across several clock changes; naive, so read as UK local time.
        "arrived_at": st.datetimes(datetime(2017, 1, 1), datetime(2026, 1, 1)).map(
            # ISO 8601 text cannot carry PEP 495's fold, so the file means fold=0.
            lambda d: d.replace(microsecond=0, fold=0)
        ),
        "minutes": st.one_of(st.none(), st.integers(0, 10_000)),
        "detention_basis": st.sampled_from(["immigration_powers", "immigration_offence", "other"]),
        "primary_offence": offence_text,
        "age": st.one_of(st.none(), st.integers(0, 120)),
        "sex": st.sampled_from(["", "female", "male", "other", "not_recorded"]),
    }
)


def to_csv(rows: list[dict], raw_offences: list[str] | None = None) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for index, row in enumerate(rows):
        released = (
            as_uk_aware(row["arrived_at"]) + timedelta(minutes=row["minutes"])
            if row["minutes"] is not None
            else None
        )
        offence = raw_offences[index] if raw_offences else row["primary_offence"]
        writer.writerow(
            [
                f"P-{index}",
                row["station"],
                row["arrived_at"].isoformat(),
                released.isoformat() if released else "",
                row["detention_basis"],
                offence,
                "" if row["age"] is None else row["age"],
                row["sex"],
            ]
        )
    return out.getvalue()


# The hour skipped when the clocks went forward, and the hour repeated when they went back.
EDGES = [
    {
        "station": "Ayr",
        "arrived_at": moment,
        "minutes": minutes,
        "detention_basis": "immigration_powers",
        "primary_offence": "",
        "age": None,
        "sex": "",
    }
    for moment, minutes in ((datetime(2020, 3, 29, 1, 0), 0), (datetime(2020, 10, 25, 1, 30), 45))
]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(episode, min_size=1, max_size=15))
@example(rows=EDGES)
def test_any_valid_file_round_trips_and_reimports_unchanged(rows, tmp_path):
    path = tmp_path / "episodes.csv"
    path.write_text(to_csv(rows), encoding="utf-8")
    with transaction.atomic():
        first = import_file("custody", path, progress=False)
        second = import_file("custody", path, progress=False)
        stored = {e.custody_ref: e for e in CustodyEpisode.objects.select_related("station")}
        transaction.set_rollback(True)

    assert (first.created, second.unchanged, second.created, second.updated) == (
        len(rows),
        len(rows),
        0,
        0,
    )
    for index, row in enumerate(rows):
        episode = stored[f"P-{index}"]
        arrived = as_uk_aware(row["arrived_at"])
        assert episode.arrived_at == arrived
        assert episode.station.name == row["station"]
        assert episode.age == row["age"]
        assert episode.sex == (row["sex"] if row["sex"] not in ("", "not_recorded") else None)
        assert episode.primary_offence == row["primary_offence"]
        if row["minutes"] is None:
            assert episode.duration_minutes is None
        else:
            assert episode.duration_minutes == elapsed_minutes(arrived, episode.released_at)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(episode, min_size=2, max_size=10),
    offences=st.lists(st.text(alphabet="ab\n,", max_size=6), min_size=10, max_size=10),
    bad=st.data(),
)
def test_an_error_names_the_physical_line_its_record_starts_on(rows, offences, bad, tmp_path):
    """Quoted fields may span lines; the reported line must still be where the row starts."""
    target = bad.draw(st.integers(0, len(rows) - 1))
    rows = [dict(row) for row in rows]
    rows[target]["detention_basis"] = "held"
    text = to_csv(rows, offences)
    path = tmp_path / "episodes.csv"
    path.write_text(text, encoding="utf-8")

    with pytest.raises(ImportRejected) as caught:
        import_file("custody", path, progress=False)

    reader = csv.reader(io.StringIO(text))
    starts = []  # the physical line each record starts on
    while True:
        line = reader.line_num + 1
        if next(reader, None) is None:
            break
        starts.append(line)
    assert [(e.line, e.column_name) for e in caught.value.errors] == [
        (starts[1 + target], "detention_basis")
    ]
