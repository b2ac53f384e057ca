"""The chain head anchored outside the database, and `audit verify` checked against it.

An intruder with the database owner's rights (the guard's triggers dropped: the test settings
leave them off) deletes the tail of the trail and moves the chain head back with it, or
empties both: the chain alone then holds; the anchor alone shows what was cut.
"""

import json
import os
import stat
from unittest import mock

import pytest
from casework_helpers import officer
from django.core import mail
from django.db import connection, transaction

from answerable.audit import anchor
from answerable.audit.actions import Action
from answerable.audit.chain import first_break
from answerable.audit.models import AuditEntry, ChainHead
from answerable.audit.trail import record
from answerable.audit.verify import check
from answerable.cli import main
from answerable.roles.assign import assign_role
from answerable.roles.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def anchor_dir(settings, tmp_path):
    settings.ANSWERABLE_AUDIT_ANCHOR_DIR = str(tmp_path / "anchors")
    settings.ANSWERABLE_AUDIT_ANCHOR_KEY = "test-anchor-key"
    settings.ANSWERABLE_AUDIT_ANCHOR_EVERY = 0
    return tmp_path / "anchors"


def append_entries(count: int, start: int = 1) -> list[AuditEntry]:
    return [
        record(Action.CONSULTATION, record_type="register.person", record_id=n, actor=f"u{n}")
        for n in range(start, start + count)
    ]


def run(capsys, *args: str) -> tuple[int, str, str]:
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


def cut_tail_and_head(keep: int) -> None:
    """Delete every entry after `keep` and move the head back to it: the chain holds."""
    kept = AuditEntry.objects.get(sequence=keep)
    sql("DELETE FROM audit_auditentry WHERE sequence > %s", keep)
    sql("UPDATE audit_chainhead SET sequence = %s, hash = %s", keep, kept.hash)


def test_the_anchor_command_writes_a_signed_head_readable_by_the_owner_only(capsys, anchor_dir):
    entries = append_entries(3)
    status, out, err = run(capsys, "anchor")
    assert status == 0, err
    path = anchor_dir / anchor.FILE_NAME
    assert f"anchored entry 3:{entries[-1].hash}" in out
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    line = json.loads(path.read_text())
    assert (line["sequence"], line["hash"]) == (3, entries[-1].hash)
    assert line["mac"] == anchor.mac(anchor.Anchor(3, entries[-1].hash, line["at"]))


def test_a_tail_deleted_with_the_head_is_caught_by_the_anchor_alone(capsys, anchor_dir):
    append_entries(5)
    assert run(capsys, "anchor")[0] == 0
    cut_tail_and_head(3)
    # Without the anchor the chain holds in itself: that is the gap the anchor closes.
    assert run(capsys, "verify", "--no-anchor")[0] == 0
    status, out, err = run(capsys, "verify")
    assert status == 1 and out == ""
    assert "broken at entry 4: missing (deleted): entry 5 was anchored outside" in err
    status, out, _ = run(capsys, "verify", "--json")
    report = json.loads(out)
    assert status == 1 and report["intact"] is False
    assert report["anchor"]["sequence"] == 5 and report["first_broken"]["sequence"] == 4


def test_everything_deleted_is_caught_by_the_anchor(capsys, anchor_dir):
    append_entries(4)
    run(capsys, "anchor")
    sql("DELETE FROM audit_auditentry")
    sql("DELETE FROM audit_chainhead")
    status, _, err = run(capsys, "verify")
    assert status == 1 and "entry 4 was anchored outside Answerable" in err


def test_a_chain_rewritten_and_rehashed_is_caught_by_the_anchor(anchor_dir):
    entries = append_entries(3)
    anchor.anchor_head()
    # Entry 3 replaced by another with its hash recomputed, and the head moved with it.
    sql("DELETE FROM audit_auditentry WHERE sequence = 3")
    sql("UPDATE audit_chainhead SET sequence = 2, hash = %s", entries[1].hash)
    forged = record(Action.CONSULTATION, record_type="register.person", record_id=99)
    assert forged.sequence == 3
    assert check(use_anchor=False).intact
    result = check()
    assert not result.intact and result.problem.sequence == 3
    assert "not the one anchored" in result.problem.reason


def test_a_forged_anchor_is_refused(capsys, anchor_dir):
    entries = append_entries(2)
    anchor.anchor_head()
    path = anchor_dir / anchor.FILE_NAME
    line = json.loads(path.read_text())
    # An anchor moved back to entry 1 without the key: its MAC no longer matches.
    line.update(sequence=1, hash=entries[0].hash)
    path.write_text(json.dumps(line) + "\n")
    status, _, err = run(capsys, "verify")
    assert status == 1 and "the anchor cannot be trusted" in err and "not authentic" in err
    # Signed with another key: refused too.
    other = anchor.Anchor(1, entries[0].hash, line["at"])
    line["mac"] = anchor.mac(other, key=b"another key")
    path.write_text(json.dumps(line) + "\n")
    assert run(capsys, "verify")[0] == 1


def test_anchor_file_option_and_no_anchor(capsys, anchor_dir, tmp_path):
    entries = append_entries(3)
    elsewhere = tmp_path / "kept-by-the-dpo.jsonl"
    anchor.append(anchor.Anchor(3, entries[-1].hash, anchor.now_text()), elsewhere)
    cut_tail_and_head(2)
    # The anchor directory has no anchor yet: verify by default has nothing to check against.
    assert run(capsys, "verify")[0] == 0
    status, _, err = run(capsys, "verify", "--anchor-file", str(elsewhere))
    assert status == 1 and "entry 3 was anchored outside" in err
    status, _, err = run(capsys, "verify", "--anchor-file", str(tmp_path / "none.jsonl"))
    assert status == 1 and "no such file" in err


def test_the_trail_anchors_itself_every_n_entries_and_daily(
    settings, anchor_dir, django_capture_on_commit_callbacks
):
    settings.ANSWERABLE_AUDIT_ANCHOR_EVERY = 3
    path = anchor_dir / anchor.FILE_NAME
    with django_capture_on_commit_callbacks(execute=True):
        append_entries(1)
    # The first entry of the day is anchored.
    assert [a.sequence for a in anchor.read_all(path)] == [1]
    with django_capture_on_commit_callbacks(execute=True):
        append_entries(5, start=2)
    assert [a.sequence for a in anchor.read_all(path)] == [1, 3, 6]
    cut_tail_and_head(4)
    result = check()
    assert not result.intact and result.anchor["sequence"] == 6


def test_an_entry_rolled_back_is_never_anchored(anchor_dir, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        append_entries(2)
        raise RuntimeError("the processing failed")
    assert callbacks == [] and AuditEntry.objects.count() == 0
    assert not (anchor_dir / anchor.FILE_NAME).exists()


def test_the_anchor_is_emailed_to_the_dpo_when_set(capsys, settings, anchor_dir):
    settings.ANSWERABLE_AUDIT_ANCHOR_EMAIL = ["dpo@example.org"]
    entries = append_entries(2)
    assert run(capsys, "anchor")[0] == 0
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["dpo@example.org"]
    assert f"--recorded 2:{entries[-1].hash}" in message.body
    assert run(capsys, "anchor", "--no-email")[0] == 0
    assert len(mail.outbox) == 1


def test_anchoring_off_and_an_empty_trail(capsys, settings, anchor_dir):
    status, out, _ = run(capsys, "anchor")
    assert status == 0 and "nothing to anchor" in out
    settings.ANSWERABLE_AUDIT_ANCHOR_DIR = ""
    status, _, err = run(capsys, "anchor")
    assert status == 1 and "ANSWERABLE_AUDIT_ANCHOR_DIR is not set" in err
    assert ChainHead.objects.count() == 0


def test_first_break_with_an_anchor_is_pure():
    assert first_break([], None, None, (2, "a" * 64)).sequence == 1


def test_the_verify_page_shows_the_anchor_and_a_cut_tail(client, anchor_dir):
    user = officer("dpo")
    assign_role(user, Role.DATA_PROTECTION_OFFICER)
    client.force_login(user)
    append_entries(3)
    anchor.anchor_head()
    html = client.get("/audit/verify/").content.decode()
    assert "Anchor checked (outside the database)" in html and "Entry 3, anchored" in html
    cut_tail_and_head(2)
    html = client.get("/audit/verify/").content.decode()
    assert "The audit trail is broken at entry 3" in html
    (anchor_dir / anchor.FILE_NAME).write_text("not an anchor\n")
    html = client.get("/audit/verify/").content.decode()
    assert "cannot be checked against its anchor" in html


def test_verify_warns_when_anchoring_is_on_but_no_anchor_is_found(capsys, anchor_dir):
    append_entries(2)
    status, out, err = run(capsys, "verify")
    assert status == 0 and "intact" in out
    assert "warning: no anchor in" in err and "audit-anchors.jsonl" in err
    assert run(capsys, "verify", "--no-anchor")[2] == ""
