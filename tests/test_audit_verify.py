"""`answerable audit verify` finds an edited, deleted, reordered or forged entry.

The test settings leave the guard's triggers off (settings_test.py), so the tampering here is
done as an intruder who had dropped them would do it: raw SQL on the table.
"""

import json
from unittest import mock

import pytest
from django.db import connection

from answerable.audit import verify as verify_module
from answerable.audit.actions import Action
from answerable.audit.chain import entry_hash
from answerable.audit.models import AuditEntry, ChainHead
from answerable.audit.trail import record
from answerable.cli import main

pytestmark = pytest.mark.django_db

COLUMNS = ("action", "actor", "record_type", "record_id", "recipient", "purpose", "detail")


@pytest.fixture
def five() -> list[AuditEntry]:
    return [
        record(Action.CONSULTATION, record_type="register.person", record_id=n, actor=f"user{n}")
        for n in range(1, 6)
    ]


def run(capsys, *args: str) -> tuple[int, str, str]:
    """`answerable audit ARGS` as the console script runs it: (exit status, stdout, stderr).

    The console script closes every database connection when it ends; here that would be the
    test's own, inside its transaction (PostgreSQL), so it is kept open.
    """
    try:
        with mock.patch("django.core.management.base.connections.close_all"):
            main(["answerable", "audit", *args])
        status = 0
    except SystemExit as exit:
        status = exit.code
    out, err = capsys.readouterr()
    return status, out, err


def sql(statement: str, *params: object) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def as_stored(row: dict, columns: tuple[str, ...]) -> list[object]:
    """The row's values as raw SQL takes them (SQLite keeps date-times as naive UTC text)."""
    adapt = connection.ops.adapt_datetimefield_value
    return [adapt(row[name]) if name == "at" else row[name] for name in columns]


def stored(sequence: int) -> dict:
    return AuditEntry.objects.filter(sequence=sequence).values().get()


def test_an_intact_chain(capsys, five):
    status, out, err = run(capsys, "verify")
    head = ChainHead.objects.get()
    assert status == 0, err
    assert out.strip() == f"audit trail intact: 5 entries; head 5:{head.hash}"
    assert head.hash == five[-1].hash


def test_an_empty_trail_is_intact(capsys, db):
    status, out, _ = run(capsys, "verify")
    assert status == 0 and "intact: 0 entries; head (empty)" in out


def test_an_edited_entry(capsys, five):
    sql("UPDATE audit_auditentry SET actor = %s WHERE sequence = 3", "someone else")
    status, out, err = run(capsys, "verify")
    assert status == 1 and out == ""
    assert "audit trail broken at entry 3: its content does not match its hash (edited)" in err


def test_an_edited_date_and_time(capsys, five):
    sql("UPDATE audit_auditentry SET at = %s WHERE sequence = 2", *as_stored(stored(4), ("at",)))
    status, _, err = run(capsys, "verify")
    assert status == 1 and "broken at entry 2: its content" in err


def test_a_deleted_middle_entry(capsys, five):
    sql("DELETE FROM audit_auditentry WHERE sequence = 3")
    status, _, err = run(capsys, "verify")
    assert status == 1 and "broken at entry 3: missing (deleted)" in err


def test_a_deleted_last_entry(capsys, five):
    sql("DELETE FROM audit_auditentry WHERE sequence = 5")
    status, _, err = run(capsys, "verify")
    assert status == 1
    assert "broken at entry 5: missing (deleted): the chain head records later entries" in err


def test_a_deleted_chain_head(capsys, five):
    sql("DELETE FROM audit_chainhead")
    status, _, err = run(capsys, "verify")
    assert status == 1 and "broken at entry 1: the chain head is missing" in err


def test_two_entries_swapped(capsys, five):
    # Entries 3 and 4 change places: each row keeps its sequence number and takes the other's
    # content and hashes, as if the log had been reordered.
    third, fourth = stored(3), stored(4)
    columns = (*COLUMNS, "at", "previous_hash", "hash")
    assignments = ", ".join(f"{name} = %s" for name in columns)
    sql("UPDATE audit_auditentry SET hash = %s WHERE sequence = 3", "f" * 64)  # hash is unique
    sql(f"UPDATE audit_auditentry SET {assignments} WHERE sequence = 4", *as_stored(third, columns))
    sql(
        f"UPDATE audit_auditentry SET {assignments} WHERE sequence = 3", *as_stored(fourth, columns)
    )
    status, _, err = run(capsys, "verify")
    assert status == 1 and "broken at entry 3: does not follow entry 2" in err


def test_two_entries_contents_swapped_but_not_their_hashes(capsys, five):
    third, fourth = stored(3), stored(4)
    assignments = ", ".join(f"{name} = %s" for name in COLUMNS)
    sql(
        f"UPDATE audit_auditentry SET {assignments} WHERE sequence = 3",
        *(fourth[c] for c in COLUMNS),
    )
    sql(
        f"UPDATE audit_auditentry SET {assignments} WHERE sequence = 4",
        *(third[c] for c in COLUMNS),
    )
    status, _, err = run(capsys, "verify")
    assert status == 1 and "broken at entry 3: its content does not match its hash" in err


def test_a_forged_entry_with_its_hash_recomputed(capsys, five):
    forged = {**stored(3), "actor": "nobody"}
    digest = entry_hash(forged["previous_hash"], forged)
    sql("UPDATE audit_auditentry SET actor = %s, hash = %s WHERE sequence = 3", "nobody", digest)
    status, _, err = run(capsys, "verify")
    assert status == 1 and "broken at entry 4: does not follow entry 3" in err


def test_a_forged_last_entry_with_its_hash_recomputed(capsys, five):
    forged = {**stored(5), "purpose": "nothing to see"}
    digest = entry_hash(forged["previous_hash"], forged)
    sql(
        "UPDATE audit_auditentry SET purpose = %s, hash = %s WHERE sequence = 5",
        forged["purpose"],
        digest,
    )
    status, _, err = run(capsys, "verify")
    assert status == 1 and "broken at entry 5: does not match the chain head" in err


def test_an_entry_added_behind_the_trails_back(capsys, five):
    last = stored(5)
    extra = {**last, "sequence": 6, "actor": "intruder", "previous_hash": last["hash"]}
    extra["hash"] = entry_hash(last["hash"], extra)
    columns = ("sequence", "at", *COLUMNS, "previous_hash", "hash")
    placeholders = ", ".join(["%s"] * len(columns))
    sql(
        f"INSERT INTO audit_auditentry ({', '.join(columns)}) VALUES ({placeholders})",
        *as_stored(extra, columns),
    )
    status, _, err = run(capsys, "verify")
    assert status == 1 and "broken at entry 6: after the chain head" in err


def test_a_chain_rewritten_to_the_end_needs_a_head_recorded_outside(capsys, five):
    recorded = f"4:{five[3].hash}"
    # Rewrite entry 2 and recompute every hash after it, and the head: the chain holds.
    previous = stored(1)["hash"]
    for sequence in range(2, 6):
        values = stored(sequence)
        if sequence == 2:
            values["actor"] = "nobody"
        digest = entry_hash(previous, values)
        sql(
            "UPDATE audit_auditentry SET actor = %s, previous_hash = %s, hash = %s "
            "WHERE sequence = %s",
            values["actor"],
            previous,
            digest,
            sequence,
        )
        previous = digest
    sql("UPDATE audit_chainhead SET hash = %s", previous)
    assert run(capsys, "verify")[0] == 0
    status, _, err = run(capsys, "verify", "--recorded", recorded)
    assert status == 1 and "broken at entry 4: its hash is not the one recorded" in err


def test_a_recorded_head_that_still_holds(capsys, five):
    assert run(capsys, "verify", "--recorded", f"2:{five[1].hash}")[0] == 0
    status, _, err = run(capsys, "verify", "--recorded", "2:nonsense")
    assert status == 1 and "--recorded: a recorded head's hash is 64 hexadecimal digits" in err


def test_json_output(capsys, five):
    status, out, _ = run(capsys, "verify", "--json")
    assert status == 0
    assert json.loads(out) == {
        "intact": True,
        "entries": 5,
        "first_broken": None,
        "head_sequence": 5,
        "head": five[-1].hash,
        "anchor": None,  # anchoring is off in the test settings (tests/test_audit_anchor.py)
    }
    sql("DELETE FROM audit_auditentry WHERE sequence = 2")
    status, out, err = run(capsys, "verify", "--json")
    report = json.loads(out)
    assert status == 1 and "broken at entry 2" in err
    assert report["intact"] is False and report["entries"] == 4
    assert report["first_broken"] == {"sequence": 2, "reason": "missing (deleted): entry 2"}


def test_progress_is_shown_at_verbosity_2(capsys, monkeypatch, five):
    monkeypatch.setattr(verify_module, "PROGRESS_EVERY", 2)
    status, _, err = run(capsys, "verify", "-v", "2")
    assert status == 0
    assert err.splitlines() == ["  checked 2 entries", "  checked 4 entries"]
    assert run(capsys, "verify")[2] == ""


def test_entries_appended_while_verifying_are_not_a_break(monkeypatch, five):
    # The head is read first; an entry appended meanwhile (the service does not stop) is
    # after it, written by the trail with the head moved in the same transaction.
    entries = verify_module.stored_entries

    def appending_midway(progress=None, upto=None):
        for entry in entries(progress, upto):
            if entry["sequence"] == 3:
                record(Action.CONSULTATION, record_type="register.person", record_id=99)
            yield entry

    monkeypatch.setattr(verify_module, "stored_entries", appending_midway)
    result = verify_module.check()
    monkeypatch.undo()
    assert result.intact and result.entries == 5 and result.head_sequence == 5
    assert verify_module.check().entries == 6
