"""The chain head recorded outside the database: the audit trail's anchor.

The hash chain shows an entry edited, moved or deleted, and the chain head (audit_chainhead)
shows a tail cut off; but someone with the database owner's rights can delete the tail and
move the head back with it (or empty both), and the chain alone then looks whole. So the
head is also written outside the database, to an append-only file of anchors in
ANSWERABLE_AUDIT_ANCHOR_DIR, one JSON line each:

    {"sequence": 1200, "hash": "...", "at": "2026-12-05T09:00:00.000000Z", "mac": "..."}

`mac` is HMAC-SHA256 over the other three with ANSWERABLE_AUDIT_ANCHOR_KEY (a key the
database does not hold), so an anchor cannot be forged or moved back without the key.
An anchor is written:

- by the trail itself, after the transaction that appended entry N commits, whenever N is a
  multiple of ANSWERABLE_AUDIT_ANCHOR_EVERY, and after the first entry of each day;
- by `answerable audit anchor` (run it daily from the scheduler: README, "Backups"), which
  also e-mails the anchor to ANSWERABLE_AUDIT_ANCHOR_EMAIL when that is set, so a copy is
  kept where nobody with rights over this server can reach it.

`answerable audit verify` checks the trail against the latest authentic anchor: the entry it
names must still be in the trail with the hash it recorded (DPA 2018 s62 and s66: integrity
of the log). The file and the directory are the server operator's to keep (written 0600).
"""

import hashlib
import hmac
import json
import logging
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

FILE_NAME = "audit-anchors.jsonl"
logger = logging.getLogger(__name__)


class AnchorError(Exception):
    """An anchor file that cannot be read or holds an anchor that is not authentic."""


@dataclass(frozen=True)
class Anchor:
    sequence: int
    hash: str
    at: str  # UTC, ISO 8601 with Z

    def signed_content(self) -> bytes:
        return json.dumps(
            {"at": self.at, "hash": self.hash, "sequence": self.sequence},
            sort_keys=True,
            separators=(",", ":"),
        ).encode()

    def as_dict(self) -> dict[str, Any]:
        return {"sequence": self.sequence, "hash": self.hash, "at": self.at}


def anchor_key() -> bytes:
    """ANSWERABLE_AUDIT_ANCHOR_KEY, or one derived from SECRET_KEY when it is not set."""
    key = settings.ANSWERABLE_AUDIT_ANCHOR_KEY
    if key:
        return key.encode()
    return hmac.new(
        settings.SECRET_KEY.encode(), b"answerable audit anchor", hashlib.sha256
    ).digest()


def mac(anchor: Anchor, key: bytes | None = None) -> str:
    return hmac.new(key or anchor_key(), anchor.signed_content(), hashlib.sha256).hexdigest()


def anchor_directory() -> Path | None:
    directory = settings.ANSWERABLE_AUDIT_ANCHOR_DIR
    return Path(directory) if directory else None


def default_file() -> Path | None:
    directory = anchor_directory()
    return directory / FILE_NAME if directory else None


def _line(anchor: Anchor) -> str:
    return json.dumps({**anchor.as_dict(), "mac": mac(anchor)}, sort_keys=True) + "\n"


def append(anchor: Anchor, path: Path | None = None) -> Path:
    """Append `anchor` to the file (created 0600, its directory 0700), and flush it to disk."""
    path = path or default_file()
    if path is None:
        raise AnchorError("ANSWERABLE_AUDIT_ANCHOR_DIR is not set: there is nowhere to anchor")
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(descriptor, _line(anchor).encode())
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    return path


def parse_line(text: str, number: int, path: Path) -> Anchor:
    where = f"{path} line {number}"
    try:
        values = json.loads(text)
    except ValueError as error:
        raise AnchorError(f"{where} is not JSON: {error}") from None
    if not isinstance(values, dict) or set(values) != {"sequence", "hash", "at", "mac"}:
        raise AnchorError(f"{where} is not an anchor (sequence, hash, at, mac)")
    sequence = values["sequence"]
    if not isinstance(sequence, int) or isinstance(sequence, bool) or sequence < 1:
        raise AnchorError(f"{where}: the sequence is not a whole number of 1 or more")
    anchor = Anchor(sequence=sequence, hash=str(values["hash"]), at=str(values["at"]))
    if not hmac.compare_digest(mac(anchor), str(values["mac"])):
        raise AnchorError(
            f"{where}: the anchor is not authentic (its MAC does not match: changed, forged, "
            "or signed with another ANSWERABLE_AUDIT_ANCHOR_KEY)"
        )
    return anchor


def read_all(path: Path) -> list[Anchor]:
    """Every anchor in the file, each checked; an anchor that is not authentic is an error."""
    try:
        text = path.read_text()
    except FileNotFoundError:
        raise AnchorError(f"{path}: no such anchor file") from None
    except OSError as error:
        raise AnchorError(f"{path}: cannot be read ({error})") from None
    anchors = [
        parse_line(line, number, path)
        for number, line in enumerate(text.splitlines(), 1)
        if line.strip()
    ]
    return anchors


def latest(path: Path | None = None) -> tuple[Path, Anchor] | None:
    """The latest anchor (the furthest along the chain) in `path`, by default the anchor
    directory's file, if any.

    None when anchoring is off or nothing has been anchored yet; AnchorError when an anchor
    in the file is not authentic (a verify must not pass over a forged one).
    """
    path = path or default_file()
    if path is None or (not path.exists() and path == default_file()):
        return None
    anchors = read_all(path)
    # The furthest along: two processes' anchors may be appended out of order.
    return (path, max(anchors, key=lambda anchor: anchor.sequence)) if anchors else None


def now_text() -> str:
    return timezone.now().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def anchor_head(*, email: bool = False) -> Anchor | None:
    """Write the current chain head as an anchor (and e-mail it if asked and configured).

    None when the trail is empty. The head is read in its own query: it is committed.
    """
    from answerable.audit.models import ChainHead

    head = ChainHead.objects.filter(pk=1).values("sequence", "hash").first()
    if head is None or head["sequence"] == 0:
        return None
    anchor = Anchor(sequence=head["sequence"], hash=head["hash"], at=now_text())
    append(anchor)
    if email and settings.ANSWERABLE_AUDIT_ANCHOR_EMAIL:
        send_mail(
            subject=f"Answerable audit trail anchor: entry {anchor.sequence}",
            message=(
                "The audit trail's chain head, recorded outside Answerable (DPA 2018 s62).\n"
                "Keep this message: `answerable audit verify --recorded "
                f"{anchor.sequence}:{anchor.hash}` checks the trail against it.\n\n" + _line(anchor)
            ),
            from_email=None,
            recipient_list=list(settings.ANSWERABLE_AUDIT_ANCHOR_EMAIL),
        )
    return anchor


def _anchored_today(path: Path) -> bool:
    try:
        modified = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
    except FileNotFoundError:
        return False
    return timezone.localdate(modified) == timezone.localdate()


def after_append(sequence: int, digest: str) -> None:
    """Called once the entry `sequence` is committed: anchor it when it is due."""
    path = default_file()
    if path is None:
        return
    every = settings.ANSWERABLE_AUDIT_ANCHOR_EVERY
    if not (every and sequence % every == 0) and _anchored_today(path):
        return
    try:
        append(Anchor(sequence=sequence, hash=digest, at=now_text()), path)
    except OSError as error:
        # The entry is committed; an anchor that cannot be written is for the operator to
        # fix, and the next one (or `answerable audit anchor`) covers this entry too.
        logger.error("the audit trail's anchor could not be written to %s: %s", path, error)
