"""`answerable backup` and `answerable restore` (issue 7, part 4).

A populated register (the demo's records and their history, FOI cases issued with their
letters, the disclosure log's PDFs, a document file, users in roles and the audit trail) is
backed up, changed, and restored over itself with --replace: every row of every table must
come back exactly, and the audit trail's chain must hold. A damaged backup is refused before
anything is touched. Transactional tests: the snapshot and the restore manage their own
transactions; serialized_rollback puts the migrations' reference data back afterwards.
"""

import json
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from backup_files import members, seal
from casework_helpers import make_case
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, models, transaction

from answerable.audit import guard
from answerable.audit.actions import Action
from answerable.audit.models import AuditEntry, ChainHead
from answerable.audit.trail import record
from answerable.audit.verify import check
from answerable.backup.loader import _in_use
from answerable.backup.manifest import (
    FORMAT,
    VERSION,
    manifest_problems,
    migration_differences,
)
from answerable.backup.scope import all_tables, backed_up_tables
from answerable.backup.values import decoder, encoder
from answerable.backup.writer import table_rows
from answerable.disclosure_log.models import Publication
from answerable.register.models import DocumentVersion, Person
from answerable.roles.assign import assign_role
from answerable.roles.roles import Role

TRANSACTIONAL = pytest.mark.django_db(transaction=True, serialized_rollback=True)
AS_OF = "2026-05-01"


def snapshot() -> dict[str, list[tuple[Any, ...]]]:
    """Every backed-up table's rows, as the ORM reads them, by key."""
    return {table.label: list(table_rows(table)) for table in backed_up_tables()}


def differences(before: dict[str, list], after: dict[str, list]) -> list[str]:
    return [
        f"{label}: {len(before[label])} rows before, {len(after.get(label, []))} after"
        for label in before
        if before[label] != after.get(label)
    ]


@pytest.fixture
def media(settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def populate_small() -> None:
    user = get_user_model().objects.create_user("officer", email="officer@force.example")
    assign_role(user, Role.FOI_OFFICER)
    make_case()
    Publication.objects.create(
        reference="IM-FOI-2026-0001",
        title="Immigration custodies",
        summary="How many.",
        regime="foisa",
        outcome="full",
        received_on=date(2026, 1, 5),
        issued_on=date(2026, 1, 20),
        publish_on=date(2026, 1, 27),
        body_html="<p>Answer</p>",
        body_text="Answer",
        pdf=b"%PDF-1.4\n\x00\xff binary \x80 content\n%%EOF",
    )
    record(Action.CONSULTATION, record_type="register.person", record_id=1, purpose="test")
    record(Action.DISCLOSURE, record_type="register.person", record_id=2, recipient="Home Office")


def backup(path: Path) -> dict[str, Any]:
    call_command("backup", str(path), "--no-progress", stdout=_quiet())
    return json.loads(members(path)["manifest.json"])


def restore(path: Path, *args: str) -> str:
    out = _quiet()
    call_command("restore", str(path), "--no-progress", *args, stdout=out)
    return out.getvalue()


def _quiet():
    import io

    return io.StringIO()


def rewrite(source: Path, target: Path, change) -> None:
    """A copy of the backup `source` with its manifest passed through `change` (and sealed
    again with its MAC recomputed, as only a holder of the backup key could)."""
    entries = members(source)
    manifest = json.loads(entries["manifest.json"])
    change(manifest)
    entries["manifest.json"] = json.dumps(manifest).encode()
    seal(entries, target)


# --- the round trip ---------------------------------------------------------------------------


def freshly_migrated() -> None:
    """Empty the test database and put back what its migrations loaded, so the test starts
    from a freshly migrated database whatever tests ran before it on this worker."""
    call_command("flush", "--no-input", verbosity=0, inhibit_post_migrate=True)
    connection.creation.deserialize_db_from_string(connection._test_serialized_contents)


@TRANSACTIONAL
def test_a_populated_register_comes_back_exactly(tmp_path, media):
    freshly_migrated()
    fresh = tmp_path / "fresh.zip"
    assert _in_use(all_tables()) == [], "a freshly migrated database counts as empty"
    backup(fresh)

    call_command("demo", "--as-of", AS_OF, "--no-progress", stdout=_quiet())
    populate_small()
    version = DocumentVersion.objects.order_by("pk").first()
    version.file.save("isa-2016.pdf", ContentFile(b"%PDF-1.4 the agreement"), save=True)
    person = Person.objects.order_by("pk").first()
    person.save()  # an ORM save: history and an audit entry by the hooks
    before = snapshot()
    for kind in ("register", "casework", "disclosure_log", "auth", "audit", "answers.release"):
        assert any(rows for label, rows in before.items() if label.startswith(kind)), kind
    assert before["register.recordcoverage"]  # the demo's custody coverage, and its history
    assert before["register.historicalrecordcoverage"]
    assert Publication.objects.exists() and AuditEntry.objects.count() >= 3
    populated = tmp_path / "populated.zip"
    manifest = backup(populated)
    assert manifest["format"] == FORMAT and manifest["version"] == VERSION
    assert {entry["label"]: entry["rows"] for entry in manifest["tables"]} == {
        label: len(rows) for label, rows in before.items()
    }
    assert manifest["audit"]["head"] == ChainHead.objects.get().hash
    # Every stored file: the document above and the demo's enclosed documents.
    stored = {v.file.name for v in DocumentVersion.objects.exclude(file="")}
    assert version.file.name in stored
    assert {entry["name"] for entry in manifest["files"]} >= stored

    # Changed after the backup: a record altered, a case added, an entry appended, the
    # document's file lost.
    Publication.objects.update(title="Changed after the backup")
    make_case(title="A later case")
    record(Action.CONSULTATION, record_type="register.person", record_id=3)
    default_storage.delete(version.file.name)

    with pytest.raises(CommandError, match=r"holds data.*--replace"):
        restore(populated)
    out = restore(populated, "--replace")

    assert differences(before, snapshot()) == []
    assert "audit trail intact" in out
    assert check().intact and check().head == manifest["audit"]["head"]
    with default_storage.open(version.file.name, "rb") as restored:
        assert restored.read() == b"%PDF-1.4 the agreement"
    call_command("audit", "verify", stdout=_quiet())  # exits 0: intact

    # Back to the freshly migrated state, and then into it without --replace.
    restore(fresh, "--replace")
    assert _in_use(all_tables()) == []
    restore(populated)
    assert differences(before, snapshot()) == []


@TRANSACTIONAL
def test_restore_puts_the_audit_guard_back_when_the_settings_ask(tmp_path, settings):
    populate_small()
    path = tmp_path / "b.zip"
    backup(path)
    settings.ANSWERABLE_AUDIT_GUARD = True
    try:
        restore(path, "--replace")  # puts the guard in
        restore(path, "--replace")  # empties a guarded trail: takes it out and back again
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute("DELETE FROM audit_auditentry")
        assert AuditEntry.objects.count() == 2
    finally:
        guard.remove()  # before the runner empties the table


@TRANSACTIONAL
def test_sessions_are_not_backed_up_and_a_restore_signs_everyone_out(tmp_path, client):
    populate_small()
    client.force_login(get_user_model().objects.get(username="officer"))
    path = tmp_path / "b.zip"
    manifest = backup(path)
    assert "sessions.session" not in {entry["label"] for entry in manifest["tables"]}
    restore(path, "--replace")
    from django.contrib.sessions.models import Session

    assert not Session.objects.exists()


# --- damaged and foreign files: refused, nothing changed ------------------------------------


@pytest.fixture
def made(tmp_path) -> tuple[Path, dict[str, list]]:
    populate_small()
    path = tmp_path / "good.zip"
    backup(path)
    make_case(title="After the backup")  # so that a restore would show
    return path, snapshot()


def _refused(path: Path, match: str, before: dict[str, list]) -> None:
    with pytest.raises(CommandError, match=match):
        restore(path, "--replace")
    assert differences(before, snapshot()) == []


@TRANSACTIONAL
def test_a_damaged_member_is_refused_with_nothing_changed(made, tmp_path):
    path, before = made
    data = bytearray(path.read_bytes())
    # A byte in the middle of the sealed file: its chunk no longer authenticates.
    data[len(data) // 2] ^= 0xFF
    damaged = tmp_path / "damaged.zip"
    damaged.write_bytes(bytes(data))
    _refused(damaged, "fails authentication", before)


@TRANSACTIONAL
def test_a_member_changed_after_writing_is_refused(made, tmp_path):
    path, before = made
    changed = tmp_path / "changed.zip"
    entries = members(path)
    member = "tables/disclosure_log.publication.jsonl"
    entries[member] = entries[member].replace(b"Immigration custodies", b"Something else")
    seal(entries, changed)
    _refused(changed, "publication.jsonl does not match its SHA-256", before)


@TRANSACTIONAL
def test_a_truncated_file_is_refused_with_nothing_changed(made, tmp_path):
    path, before = made
    truncated = tmp_path / "truncated.zip"
    truncated.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    _refused(truncated, "cut short", before)


@TRANSACTIONAL
def test_another_format_version_is_refused(made, tmp_path):
    path, before = made
    other = tmp_path / "v2.zip"
    rewrite(path, other, lambda manifest: manifest.update(version=VERSION + 1))
    _refused(other, f"format version {VERSION + 1}", before)


@TRANSACTIONAL
def test_a_backup_from_other_migrations_is_refused(made, tmp_path):
    path, before = made
    other = tmp_path / "later.zip"
    rewrite(path, other, lambda manifest: manifest["migrations"]["register"].append("0099_later"))
    _refused(other, "register: the backup has 0099_later, not applied here", before)


@TRANSACTIONAL
def test_a_row_that_cannot_be_loaded_rolls_back_everything(made, tmp_path):
    """Checksums pass (the manifest is rewritten to match) but a row breaks a constraint:
    the tables already emptied and loaded are put back as they were."""
    import hashlib

    path, before = made
    member = "tables/disclosure_log.publication.jsonl"
    broken = tmp_path / "broken.zip"
    entries = members(path)
    rows = [json.loads(line) for line in entries[member].splitlines()]
    manifest = json.loads(entries["manifest.json"])
    entry = next(e for e in manifest["tables"] if e["member"] == member)
    # Published before it was issued: the table's check constraint refuses it.
    rows[0][entry["columns"].index("publish_on")] = "2000-01-01"
    data = b"".join(json.dumps(row).encode() + b"\n" for row in rows)
    entry["sha256"] = hashlib.sha256(data).hexdigest()
    entries[member] = data
    entries["manifest.json"] = json.dumps(manifest).encode()
    seal(entries, broken)
    with pytest.raises(CommandError, match=r"(?i)refused the restore.*(constraint|check)"):
        restore(broken, "--replace")
    assert differences(before, snapshot()) == []


@TRANSACTIONAL
def test_backup_refuses_to_overwrite_a_file(tmp_path):
    path = tmp_path / "b.zip"
    path.write_bytes(b"keep me")
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", str(path), "--no-progress")
    assert path.read_bytes() == b"keep me"


# --- pure parts ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [
        (models.DateTimeField(), datetime(2024, 10, 27, 1, 30, 5, 123456, tzinfo=UTC)),
        (models.DateField(), date(2024, 2, 29)),
        (models.TimeField(), time(23, 59, 59, 999999)),
        (models.DurationField(), timedelta(days=-1, seconds=5, microseconds=7)),
        (models.DecimalField(max_digits=10, decimal_places=2), Decimal("12345678.90")),
        (models.BinaryField(), b"\x00\xff%PDF"),
        (models.UUIDField(), UUID("12345678-1234-5678-1234-567812345678")),
        (models.CharField(), "Ms Ünïcode"),
        (models.JSONField(), {"b": [1, None], "a": "x"}),
        (models.IntegerField(), 2**40),
        (models.BooleanField(), False),
    ],
)
def test_each_type_of_value_round_trips_through_json(field, value):
    encode, decode = encoder(field), decoder(field)
    text = json.dumps(value if encode is None else encode(value))
    loaded = json.loads(text)
    assert (loaded if decode is None else decode(loaded)) == value
    assert (None if encode is None else encode(None)) is None


def test_a_naive_date_time_is_refused():
    with pytest.raises(ValueError, match="no time zone"):
        encoder(models.DateTimeField())(datetime(2024, 1, 1, 12, 0))
    with pytest.raises(ValueError, match="no time zone"):
        decoder(models.DateTimeField())("2024-01-01T12:00:00")


def test_a_foreign_key_is_written_as_its_targets_value():
    field = Publication._meta.get_field("topics").remote_field.through._meta.get_field("topic")
    assert encoder(field) is None  # an integer id


GOOD = {
    "format": FORMAT,
    "version": VERSION,
    "migrations": {"register": ["0001_initial"]},
    "tables": [
        {
            "label": "register.force",
            "table": "register_force",
            "member": "tables/register.force.jsonl",
            "columns": ["id", "name"],
            "rows": 1,
            "sha256": "0" * 64,
        }
    ],
    "files": [],
}


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"format": "zip"}, "not an Answerable backup"),
        ({"version": 99}, "format version 99"),
        ({"migrations": []}, "migrations is not"),
        ({"tables": {}}, "tables is not a list"),
        ({"tables": [{**GOOD["tables"][0], "rows": -1}]}, r"tables\[0\].rows is not a count"),
        ({"tables": [{**GOOD["tables"][0], "sha256": "x"}]}, r"tables\[0\].sha256"),
        ({"tables": [GOOD["tables"][0]] * 2}, "same member"),
        ({"files": [{"name": "a"}]}, r"files\[0\].member is missing"),
    ],
)
def test_manifest_problems_are_named(change, problem):
    assert manifest_problems(GOOD) == []
    problems = manifest_problems({**GOOD, **change})
    assert problems and any(__import__("re").search(problem, p) for p in problems), problems


def test_migration_differences_name_each_app_and_side():
    assert migration_differences({"a": ["1", "2"]}, {"a": ["2", "1"]}) == []
    assert migration_differences({"a": ["1", "2"], "b": ["1"]}, {"a": ["1"], "c": ["1"]}) == [
        "a: the backup has 2, not applied here",
        "b: the backup has 1, not applied here",
        "c: applied here but not in the backup: 1",
    ]


@TRANSACTIONAL
def test_the_snapshot_does_not_see_what_is_committed_after_it_began():
    """PostgreSQL: REPEATABLE READ. (SQLite's WAL snapshot needs a database file; the test
    database is in memory, where a second connection would share its cache and its locks.)"""
    if connection.vendor != "postgresql":
        pytest.skip("the test database is in memory on SQLite")
    import psycopg

    from answerable.backup.snapshot import consistent_snapshot
    from answerable.register.models import Force

    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params, autocommit=True) as other:
        with consistent_snapshot():
            before = Force.objects.count()
            other.execute("INSERT INTO register_force (name) VALUES ('Another force')")
            assert Force.objects.count() == before
        assert Force.objects.count() == before + 1
