"""The audit trail is append-only: the model refuses, and the database's triggers refuse raw SQL.

The triggers are off in the test settings (the runner empties every table between tests), so
the trigger tests install them and remove them again before the database is emptied; they
are transactional tests because a trigger's refusal must be seen as the database gives it.
Migrations load reference data, which serialized_rollback keeps for the tests after these.
"""

import threading

import pytest
from django.db import DatabaseError, connection, transaction

from answerable.audit import guard
from answerable.audit.actions import Action
from answerable.audit.actor import acting_as
from answerable.audit.models import AppendOnly, AuditEntry
from answerable.audit.trail import record
from answerable.audit.verify import verify

TRANSACTIONAL = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def execute(statement: str, *params: object) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, params)


@pytest.fixture
def guarded():
    first = record(Action.CONSULTATION, record_type="register.person", record_id=1)
    second = record(Action.ERASURE, record_type="register.person", record_id=2)
    guard.install()
    try:
        yield first, second
    finally:
        guard.remove()  # before the runner empties the table


@TRANSACTIONAL
def test_raw_update_is_refused(guarded):
    first, _ = guarded
    with pytest.raises(DatabaseError, match="append-only"):
        execute("UPDATE audit_auditentry SET actor = %s WHERE sequence = 1", "someone else")
    assert AuditEntry.objects.get(sequence=1).actor == first.actor


@TRANSACTIONAL
def test_raw_delete_is_refused(guarded):
    with pytest.raises(DatabaseError, match="append-only"):
        execute("DELETE FROM audit_auditentry WHERE sequence = 2")
    with pytest.raises(DatabaseError, match="append-only"):
        execute("DELETE FROM audit_auditentry")
    assert AuditEntry.objects.count() == 2


@TRANSACTIONAL
def test_truncate_is_refused_on_postgresql(guarded):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no TRUNCATE")
    with pytest.raises(DatabaseError, match="append-only"):
        execute("TRUNCATE audit_auditentry")
    assert AuditEntry.objects.count() == 2


@TRANSACTIONAL
def test_appending_still_works_and_installing_twice_is_harmless(guarded):
    guard.install()
    third = record(Action.DISCLOSURE, record_type="register.disclosure", record_id=3, recipient="X")
    assert third.sequence == 3
    assert verify() == (3, None)


@TRANSACTIONAL
def test_without_the_triggers_a_change_goes_through_and_verify_finds_it(guarded):
    guard.remove()
    execute("UPDATE audit_auditentry SET actor = %s WHERE sequence = 1", "someone else")
    _, problem = verify()
    assert problem is not None and problem.sequence == 1 and "edited" in problem.reason


@TRANSACTIONAL  # the module is all of one kind (see tests/test_migrations.py)
def test_the_model_refuses_to_change_or_remove_an_entry():
    entry = record(Action.CONSULTATION, record_type="register.person", record_id=1)
    entry.actor = "someone else"
    with pytest.raises(AppendOnly, match="cannot change"):
        entry.save()
    with pytest.raises(AppendOnly, match="cannot go"):
        entry.delete()
    entries = AuditEntry.objects.all()
    with pytest.raises(AppendOnly, match="cannot change"):
        entries.update(actor="someone else")
    with pytest.raises(AppendOnly, match="cannot go"):
        entries.delete()
    with pytest.raises(AppendOnly, match="cannot change"):
        AuditEntry.objects.bulk_update([entry], ["actor"])
    with pytest.raises(AppendOnly, match="one at a time"):
        AuditEntry.objects.bulk_create([AuditEntry(sequence=2, at=entry.at, action="erasure")])
    assert AuditEntry.objects.get().actor == "system"


@TRANSACTIONAL
def test_concurrent_appends_on_postgresql_keep_one_chain():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's in-memory test database cannot be written by two threads")
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def append(name: str) -> None:
        try:
            start.wait()
            with acting_as(name):
                for number in range(25):
                    record(Action.CONSULTATION, record_type="register.person", record_id=number)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=append, args=(name,)) for name in ("one", "two")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert list(AuditEntry.objects.values_list("sequence", flat=True)) == list(range(1, 51))
    assert AuditEntry.objects.filter(actor="one").count() == 25
    assert verify() == (50, None)
