"""Backups sealed with ANSWERABLE_BACKUP_KEY (backup/sealed.py): owner-only, encrypted, and a
forged one refused on restore, even with its manifest recomputed to match forged rows.

The forgery the security probe made: a backup's users table given a superuser, the member's
SHA-256 recomputed in the manifest, and the file restored. Here it is made three ways, by
someone without the key: as a plain zip, sealed with a key of their own, and sealed with the
right encryption but the manifest's MAC left as it was; each is refused with the database as
it was.
"""

import hashlib
import io
import json
import os
import stat
import zipfile
from pathlib import Path

import pytest
from backup_files import members, seal
from casework_helpers import make_case
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from answerable.backup import sealed
from answerable.backup.manifest import BackupError

TRANSACTIONAL = pytest.mark.django_db(transaction=True, serialized_rollback=True)
USERS = "tables/auth.user.jsonl"


def backup(path: Path) -> None:
    call_command("backup", str(path), "--no-progress", stdout=io.StringIO())


def restore(path: Path, *args: str) -> None:
    call_command("restore", str(path), "--no-progress", *args, stdout=io.StringIO())


@pytest.fixture
def made(tmp_path) -> Path:
    get_user_model().objects.create_user("officer", email="officer@force.example")
    make_case()
    path = tmp_path / "good.backup"
    backup(path)
    return path


def forged_entries(path: Path) -> dict[str, bytes]:
    """The backup's members with a superuser added and the manifest recomputed to match."""
    entries = members(path)
    manifest = json.loads(entries["manifest.json"])
    table = next(t for t in manifest["tables"] if t["member"] == USERS)
    rows = [json.loads(line) for line in entries[USERS].splitlines()]
    intruder = list(rows[0])
    columns = table["columns"]
    intruder[columns.index("id")] = 999
    intruder[columns.index("username")] = "intruder"
    intruder[columns.index("is_superuser")] = True
    intruder[columns.index("is_staff")] = True
    rows.append(intruder)
    data = b"".join(json.dumps(row).encode() + b"\n" for row in rows)
    table.update(rows=len(rows), sha256=hashlib.sha256(data).hexdigest())
    entries[USERS] = data
    entries["manifest.json"] = json.dumps(manifest).encode()
    return entries


def refused(path: Path, match: str) -> None:
    with pytest.raises(CommandError, match=match):
        restore(path, "--replace")
    assert not get_user_model().objects.filter(username="intruder").exists()
    assert get_user_model().objects.filter(username="officer").exists()


@TRANSACTIONAL
def test_a_backup_is_readable_by_its_owner_only_whatever_the_umask(tmp_path):
    make_case()
    previous = os.umask(0)
    try:
        path = tmp_path / "b.backup"
        backup(path)
    finally:
        os.umask(previous)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not list(tmp_path.glob(".*.partial"))


@TRANSACTIONAL
def test_no_requester_detail_or_table_is_in_clear_text(made):
    data = made.read_bytes()
    assert data.startswith(sealed.MAGIC) and not zipfile.is_zipfile(made)
    for clear in (
        b"Ms Requester Private",
        b"requester@private.example",
        b"officer@force.example",
        b"requester_name",
        b"manifest.json",
        b"PK\x03\x04",
    ):
        assert clear not in data, clear
    # ...and the key opens it: the requester is in the casework table inside.
    assert b"Ms Requester Private" in members(made)["tables/casework.informationrequest.jsonl"]


@TRANSACTIONAL
def test_a_forged_plain_zip_with_a_recomputed_manifest_is_refused(made, tmp_path):
    forged = tmp_path / "forged.zip"
    with zipfile.ZipFile(forged, "w") as archive:
        for name, data in forged_entries(made).items():
            archive.writestr(name, data)
    refused(forged, "an unencrypted backup")


@TRANSACTIONAL
def test_a_forgery_sealed_with_another_key_is_refused(made, tmp_path):
    forged = tmp_path / "forged.backup"
    seal(forged_entries(made), forged, key=os.urandom(32))
    refused(forged, "fails authentication")


@TRANSACTIONAL
def test_a_forgery_without_the_manifest_key_is_refused(made, tmp_path):
    # Sealed with the right encryption (as if that alone had leaked) but the manifest's MAC
    # left as it was: the recomputed manifest is not authentic.
    forged = tmp_path / "forged.backup"
    seal(forged_entries(made), forged, sign=False)
    refused(forged, "the manifest is not authentic")


@TRANSACTIONAL
def test_the_forgery_restores_only_when_signed_with_the_key(made, tmp_path):
    # The control: the same forgery, signed by a holder of the key, does restore. So the
    # refusals above are the seal's and the MAC's doing, not some other check's.
    forged = tmp_path / "signed.backup"
    seal(forged_entries(made), forged)
    restore(forged, "--replace")
    assert get_user_model().objects.get(username="intruder").is_superuser


@TRANSACTIONAL
def test_without_a_key_backup_and_restore_say_what_to_do(made, settings, tmp_path):
    settings.ANSWERABLE_BACKUP_KEY = ""
    with pytest.raises(CommandError, match=r"ANSWERABLE_BACKUP_KEY is not set.*--new-key"):
        backup(tmp_path / "none.backup")
    assert not (tmp_path / "none.backup").exists()
    with pytest.raises(CommandError, match="ANSWERABLE_BACKUP_KEY is not set"):
        restore(made, "--replace")
    settings.ANSWERABLE_BACKUP_KEY = "too-short"
    with pytest.raises(CommandError, match="is not a backup key"):
        backup(tmp_path / "none.backup")


def test_new_key_prints_a_usable_key(settings):
    printed = []
    for _ in range(2):
        out = io.StringIO()
        call_command("backup", "--new-key", stdout=out)
        printed.append(out.getvalue().strip())
    assert printed[0] != printed[1]
    settings.ANSWERABLE_BACKUP_KEY = printed[0]
    assert len(sealed.backup_key()) == 32


# --- the seal itself, in small chunks ---------------------------------------------------------


@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setattr(sealed, "CHUNK", 64)


def sealed_bytes(data: bytes) -> bytes:
    out = io.BytesIO()
    writer = sealed.SealingWriter(out)
    writer.write(data)
    writer.close()
    return out.getvalue()


def chunks(blob: bytes) -> tuple[bytes, list[bytes]]:
    header_size = len(sealed.MAGIC) + sealed.SALT_BYTES
    header, rest, found = blob[:header_size], blob[header_size:], []
    while rest:
        (length,) = sealed.LENGTH.unpack(rest[:4])
        found.append(rest[: 4 + length])
        rest = rest[4 + length :]
    return header, found


def opened(blob: bytes) -> bytes:
    target = io.BytesIO()
    sealed.unseal(io.BytesIO(blob), target, Path("test.backup"))
    return target.getvalue()


def test_sealing_round_trips_and_hides_the_content(small_chunks):
    data = b"Ms Requester Private, 1 High Street " * 20
    blob = sealed_bytes(data)
    assert opened(blob) == data and b"Requester" not in blob
    assert sealed_bytes(data) != blob  # a fresh salt, so a fresh key, every time
    assert opened(sealed_bytes(b"")) == b""


def test_a_chunk_dropped_moved_or_cut_off_is_refused(small_chunks):
    blob = sealed_bytes(bytes(range(256)) * 2)
    header, parts = chunks(blob)
    assert len(parts) == 8  # the last full chunk is the one marked last
    cases = {
        "dropped": header + b"".join(parts[:3] + parts[4:]),
        "moved": header + b"".join([parts[1], parts[0], *parts[2:]]),
        "last dropped": header + b"".join(parts[:-1]),
        "appended": blob + parts[-1],
        "another header": sealed_bytes(b"x")[: len(header)] + b"".join(parts),
    }
    for name, forged in cases.items():
        with pytest.raises(BackupError, match=r"authentication|cut short|after its last"):
            opened(forged)
            pytest.fail(name)
