"""The chain head is guarded like the trail: its triggers refuse deleting it, moving it back,
or moving it to an entry the trail does not hold, whoever connects (audit/guard.py).

Transactional tests, as in tests/test_audit_guard.py: the triggers are installed here and
removed before the runner empties the tables.
"""

import pytest
from django.db import DatabaseError, connection, transaction

from answerable.audit import guard
from answerable.audit.actions import Action
from answerable.audit.models import ChainHead
from answerable.audit.trail import record
from answerable.audit.verify import verify

TRANSACTIONAL = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def execute(statement: str, *params: object) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, params)


@pytest.fixture
def guarded():
    entries = [
        record(Action.CONSULTATION, record_type="register.person", record_id=n) for n in (1, 2, 3)
    ]
    guard.install()
    try:
        yield entries
    finally:
        guard.remove()


@TRANSACTIONAL
def test_the_head_cannot_be_deleted(guarded):
    with pytest.raises(DatabaseError, match="chain head of the audit trail only moves forward"):
        execute("DELETE FROM audit_chainhead")
    assert ChainHead.objects.get().sequence == 3


@TRANSACTIONAL
def test_the_head_cannot_move_back_with_a_deleted_tail(guarded):
    with pytest.raises(DatabaseError, match="chain head of the audit trail only moves forward"):
        execute("UPDATE audit_chainhead SET sequence = 2, hash = %s", guarded[1].hash)
    assert ChainHead.objects.get().hash == guarded[2].hash


@TRANSACTIONAL
def test_the_head_cannot_move_to_an_entry_not_in_the_trail(guarded):
    with pytest.raises(DatabaseError, match="chain head of the audit trail only moves forward"):
        execute("UPDATE audit_chainhead SET sequence = 4, hash = %s", "a" * 64)


@TRANSACTIONAL
def test_a_second_head_cannot_be_made(guarded):
    with pytest.raises(DatabaseError, match="chain head of the audit trail only moves forward"):
        execute("INSERT INTO audit_chainhead (id, sequence, hash) VALUES (2, 0, %s)", "0" * 64)


@TRANSACTIONAL
def test_truncating_the_head_is_refused_on_postgresql(guarded):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no TRUNCATE")
    with pytest.raises(DatabaseError, match="append-only"):
        execute("TRUNCATE audit_chainhead")


@TRANSACTIONAL
def test_the_trail_still_moves_the_head_forward(guarded):
    fourth = record(Action.ERASURE, record_type="register.person", record_id=4)
    assert ChainHead.objects.get().sequence == fourth.sequence == 4
    assert verify() == (4, None)


@TRANSACTIONAL
def test_a_first_head_is_made_at_zero_under_the_guard():
    guard.install()
    try:
        entry = record(Action.CONSULTATION, record_type="register.person", record_id=1)
        assert entry.sequence == 1 and verify() == (1, None)
    finally:
        guard.remove()
