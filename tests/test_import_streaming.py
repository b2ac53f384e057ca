"""The import reads, checks and writes a file in chunks (interchange/importer.py): what it
stores, the history and the audit trail it leaves, and the errors it reports are those of
the file as a whole, wherever the chunks fall, on SQLite and PostgreSQL alike.

A generated file of a few thousand rows, cut into many small chunks, in which people recur
across chunks and their records arrive out of time order: every stored value is checked
against what the file says (custody-episodes-v1) and the profile rule (register/profile.py).
"""

import json
import random
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.db import connection
from interchange_files import write

from answerable.audit.models import AuditEntry
from answerable.core.uk_time import as_uk_aware
from answerable.interchange import importer
from answerable.interchange.errors import ImportRejected
from answerable.interchange.importer import import_file
from answerable.register.models import CustodyEpisode, ImportBatch, Person
from answerable.register.profile import merge_profile

pytestmark = pytest.mark.django_db

ROWS = 3_000
CHUNK = 257  # a dozen chunks, none aligned with anything in the file
HEADER = (
    "custody_ref,division,station,arrived_at,released_at,detention_basis,person_ref,sex,age,"
    "nationality,asylum_claimed,outcome"
)
STATIONS = {"Govan": "G", "Kittybrewster": "A"}
NATIONALITIES = {"GBR": "GB", "POL": "PL", "ALB": "AL", "": None}


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch):
    monkeypatch.setattr(importer, "CHUNK", CHUNK)
    monkeypatch.setattr(importer, "PEOPLE_CHUNK", 100)


def _rows(seed: int, rows: int = ROWS) -> list[dict[str, Any]]:
    chooser = random.Random(seed)
    start = datetime(2021, 1, 1, 8, 0)
    made = []
    for number in range(1, rows + 1):
        station = chooser.choice(sorted(STATIONS))
        # Arrivals out of time order, across both clock changes of 2021 and 2022.
        arrived = start + timedelta(minutes=chooser.randrange(0, 700 * 24 * 60))
        released = arrived + timedelta(minutes=chooser.randrange(1, 3000))
        made.append(
            {
                "custody_ref": f"STREAM-{number:06d}",
                "division": STATIONS[station],
                "station": station,
                "arrived_at": arrived,
                "released_at": released if chooser.random() < 0.9 else None,
                "detention_basis": chooser.choice(["immigration_powers", "other"]),
                # 700 people, most on several rows, in different chunks.
                "person_ref": f"P{chooser.randrange(700):04d}" if chooser.random() < 0.95 else "",
                "sex": chooser.choice(["male", "female", ""]),
                "age": chooser.choice([str(chooser.randrange(10, 90)), ""]),
                "nationality": chooser.choice(sorted(NATIONALITIES)),
                "asylum_claimed": chooser.choice(["yes", "no", ""]),
                "outcome": chooser.choice(["charged", "released_no_restriction", ""]),
            }
        )
    return made


def _csv(rows: list[dict[str, Any]]) -> str:
    lines = [HEADER]
    for row in rows:
        cells = [
            row["custody_ref"],
            row["division"],
            row["station"],
            row["arrived_at"].isoformat(),
            row["released_at"].isoformat() if row["released_at"] else "",
            row["detention_basis"],
            row["person_ref"],
            row["sex"],
            row["age"],
            row["nationality"],
            row["asylum_claimed"],
            row["outcome"],
        ]
        lines.append(",".join(cells))
    return "\n".join(lines) + "\n"


def _expected_episodes(rows: list[dict[str, Any]]) -> dict[str, tuple[Any, ...]]:
    expected = {}
    for row in rows:
        arrived = as_uk_aware(row["arrived_at"])
        released = as_uk_aware(row["released_at"]) if row["released_at"] else None
        expected[row["custody_ref"]] = (
            row["station"],
            row["division"],
            arrived,
            released,
            int((released - arrived).total_seconds() // 60) if released else None,
            row["detention_basis"],
            row["sex"] or None,
            int(row["age"]) if row["age"] else None,
            NATIONALITIES[row["nationality"]],
            row["asylum_claimed"] or None,
            row["outcome"] or None,
            row["person_ref"] or None,
        )
    return expected


def _stored_episodes() -> dict[str, tuple[Any, ...]]:
    # The person is compared by the rows naming them (_same_people): pseudonyms are keyed.
    stored = {}
    for episode in CustodyEpisode.objects.select_related("station", "division"):
        stored[episode.custody_ref] = (
            episode.station.name,
            episode.division.code,
            episode.arrived_at,
            episode.released_at,
            episode.duration_minutes,
            episode.detention_basis,
            episode.sex,
            episode.age,
            _code(episode.nationality),
            episode.asylum_claimed,
            episode.outcome,
            episode.person_id,
        )
    return stored


def _code(country: Any) -> str | None:
    return getattr(country, "code", None) or None


def _same_people(expected: dict[str, tuple[Any, ...]], stored: dict[str, tuple[Any, ...]]):
    """Rows naming the same person_ref are one person, and no two person_refs share one."""
    person_of_ref: dict[str, int | None] = {}
    for custody_ref, values in expected.items():
        person_ref, person_id = values[-1], stored[custody_ref][-1]
        assert (person_ref is None) == (person_id is None), custody_ref
        if person_ref is not None:
            assert person_of_ref.setdefault(person_ref, person_id) == person_id, custody_ref
    assert len(set(person_of_ref.values())) == len(person_of_ref)
    return person_of_ref


def _expected_profiles(rows: list[dict[str, Any]], held=None) -> dict[str, tuple[Any, ...]]:
    """Each person's profile: the file's rows folded in order (profile.py), then merged,
    as one observation at its latest time, with what the register held."""
    folded: dict[str, tuple[dict[str, Any], datetime | None]] = {}
    for row in rows:
        if not row["person_ref"]:
            continue
        observed = {
            "sex": row["sex"] or None,
            "age": int(row["age"]) if row["age"] else None,
            "nationality": NATIONALITIES[row["nationality"]],
            "asylum_claimed": row["asylum_claimed"] or None,
            "disability": None,
        }
        profile, at = folded.get(row["person_ref"], ({}, None))
        folded[row["person_ref"]] = merge_profile(
            profile, at, observed, as_uk_aware(row["arrived_at"])
        )
    expected = {}
    for ref, (profile, at) in folded.items():
        if held and ref in held:
            profile, at = merge_profile(held[ref][0], held[ref][1], profile, at)
        expected[ref] = (
            profile.get("sex"),
            profile.get("age"),
            profile.get("nationality"),
            profile.get("disability"),
            profile.get("asylum_claimed"),
            at,
        )
    return expected


def _stored_profiles(person_of_ref: dict[str, int | None]) -> dict[str, tuple[Any, ...]]:
    by_id = {
        person.pk: (
            person.sex,
            person.age,
            _code(person.nationality),
            person.disability,
            person.asylum_claimed,
            person.last_recorded_at,
        )
        for person in Person.objects.all()
    }
    return {ref: by_id[pk] for ref, pk in person_of_ref.items()}


def _history_types(model) -> dict[int, list[str]]:
    kinds: dict[int, list[str]] = {}
    for pk, kind in model.history.order_by("history_id").values_list("id", "history_type"):
        kinds.setdefault(pk, []).append(kind)
    return kinds


def test_a_file_in_many_chunks_is_stored_as_the_file_says(tmp_path):
    rows = _rows(seed=16)
    path = write(tmp_path, _csv(rows))
    indexes = _indexes()

    summary = import_file("custody", path, progress=False)

    # Built after the load into the empty table (bulk.indexes_deferred), every index is back.
    assert _indexes() == indexes

    assert (summary.rows_read, summary.created, summary.updated, summary.unchanged) == (
        ROWS,
        ROWS,
        0,
        0,
    )
    expected, stored = _expected_episodes(rows), _stored_episodes()
    assert {ref: values[:-1] for ref, values in stored.items()} == {
        ref: values[:-1] for ref, values in expected.items()
    }
    person_of_ref = _same_people(expected, stored)
    assert Person.objects.count() == len(person_of_ref)
    assert _stored_profiles(person_of_ref) == _expected_profiles(rows)
    # One creation in the history of every record and every person, holding it as stored.
    assert _history_types(CustodyEpisode) == {pk: ["+"] for pk in stored_ids()}
    assert _history_types(Person) == {pk: ["+"] for pk in person_of_ref.values()}
    first = CustodyEpisode.history.get(custody_ref="STREAM-000001")
    held = CustodyEpisode.objects.get(custody_ref="STREAM-000001")
    assert (first.arrived_at, first.person_id, first.sex) == (
        held.arrived_at,
        held.person_id,
        held.sex,
    )
    assert first.history_change_reason == (
        f"custody-episodes-v1 import, batch {summary.batch_id} ({path.name})"
    )
    person = Person.objects.get(pk=person_of_ref["P0001"])
    person_history = Person.history.get(id=person.pk)
    assert (person_history.sex, person_history.age, person_history.last_recorded_at) == (
        person.sex,
        person.age,
        person.last_recorded_at,
    )
    # One audit entry for the batch, with its counts.
    entry = AuditEntry.objects.get(record_type="register.importbatch")
    assert entry.record_id == str(summary.batch_id)
    assert json.loads(entry.detail) == {
        "records": "register.custodyepisode",
        "rows_read": ROWS,
        "created": ROWS,
        "updated": 0,
        "unchanged": 0,
        "linked": 0,
    }


def stored_ids() -> list[int]:
    return list(CustodyEpisode.objects.values_list("pk", flat=True))


def test_reimporting_changes_only_what_changed_each_person_once(tmp_path):
    rows = _rows(seed=17)
    import_file("custody", write(tmp_path, _csv(rows), "first.csv"), progress=False)
    held = {
        ref: (
            {
                "sex": sex,
                "age": age,
                "nationality": nationality or None,
                "disability": disability,
                "asylum_claimed": asylum,
            },
            at,
        )
        for ref, (sex, age, nationality, disability, asylum, at) in _expected_profiles(rows).items()
    }
    unchanged = import_file("custody", write(tmp_path, _csv(rows), "again.csv"), progress=False)
    assert (unchanged.created, unchanged.updated, unchanged.unchanged) == (0, 0, ROWS)
    assert CustodyEpisode.history.count() == ROWS
    assert Person.history.filter(history_type="~").count() == 0

    # Later rows change: a person recorded again, newer, with other values, in several
    # chunks; some rows are new.
    changed = [dict(row) for row in rows]
    touched = set()
    for row in changed[2000:]:
        if row["person_ref"] in ("P0001", "P0002") or row["custody_ref"].endswith("7"):
            row["outcome"] = "charged" if row["outcome"] != "charged" else ""
            row["sex"] = "female" if row["sex"] != "female" else "male"
            touched.add(row["custody_ref"])
    extra = _rows(seed=18, rows=400)
    for number, row in enumerate(extra, start=ROWS + 1):
        row["custody_ref"] = f"STREAM-{number:06d}"
    changed += extra

    summary = import_file("custody", write(tmp_path, _csv(changed), "third.csv"), progress=False)

    assert (summary.created, summary.updated, summary.unchanged) == (
        400,
        len(touched),
        ROWS - len(touched),
    )
    expected, stored = _expected_episodes(changed), _stored_episodes()
    assert {ref: values[:-1] for ref, values in stored.items()} == {
        ref: values[:-1] for ref, values in expected.items()
    }
    person_of_ref = _same_people(expected, stored)
    assert _stored_profiles(person_of_ref) == _expected_profiles(changed, held)
    # Each changed record: its creation, then one change; the creation keeps the old values.
    history = _history_types(CustodyEpisode)
    ids = dict(CustodyEpisode.objects.values_list("custody_ref", "pk"))
    for ref, pk in ids.items():
        assert history[pk] == (["+", "~"] if ref in touched else ["+"]), ref
    example = sorted(touched)[0]
    old, new = CustodyEpisode.history.filter(id=ids[example]).order_by("history_id")
    assert old.outcome == (rows[int(example[-6:]) - 1]["outcome"] or None)
    assert new.outcome == (changed[int(example[-6:]) - 1]["outcome"] or None)
    # People: at most one change each, however many chunks named them.
    person_history = _history_types(Person)
    assert all(kinds in (["+"], ["+", "~"]) for kinds in person_history.values())
    assert person_history[person_of_ref["P0001"]] == ["+", "~"]
    assert AuditEntry.objects.filter(record_type="register.importbatch").count() == 3


def test_an_error_in_the_last_chunk_stores_nothing_and_every_error_is_reported(tmp_path):
    rows = _rows(seed=19)
    import_file("custody", write(tmp_path, _csv(rows[:100]), "first.csv"), progress=False)
    counts, indexes = _counts(), _indexes()
    bad = [dict(row) for row in rows]
    bad[ROWS - 5]["age"] = "old"  # in the last chunk
    bad[2 * CHUNK + 3]["custody_ref"] = bad[7]["custody_ref"]  # repeats a reference...
    bad[ROWS - 1]["custody_ref"] = bad[7]["custody_ref"]  # ...twice, chunks apart

    with pytest.raises(ImportRejected) as rejected:
        import_file("custody", write(tmp_path, _csv(bad), "bad.csv"), progress=False)

    ref = bad[7]["custody_ref"]
    assert [error.format("bad.csv") for error in rejected.value.errors] == [
        f"bad.csv:{2 * CHUNK + 3 + 2}:1: custody_ref: {ref!r} is also on line 9",
        f"bad.csv:{ROWS - 5 + 2}:9: age: 'old' is not a whole number",
        f"bad.csv:{ROWS + 1}:1: custody_ref: {ref!r} is also on line 9",
    ]
    assert _counts() == counts  # nothing of the file was stored, nor any trace of it
    assert _indexes() == indexes  # those dropped for the load are restored by the rollback


def _indexes() -> dict[str, dict[str, Any]]:
    """The custody table's and its history's indexes, by name, as the database has them."""
    with connection.cursor() as cursor:
        return {
            f"{model._meta.db_table}.{name}": {
                key: value for key, value in index.items() if key in ("columns", "unique")
            }
            for model in (CustodyEpisode, CustodyEpisode.history.model)
            for name, index in connection.introspection.get_constraints(
                cursor, model._meta.db_table
            ).items()
            if index["index"]
        }


def _counts() -> tuple[int, ...]:
    return (
        CustodyEpisode.objects.count(),
        CustodyEpisode.history.count(),
        Person.objects.count(),
        Person.history.count(),
        ImportBatch.objects.count(),
        AuditEntry.objects.count(),
    )
