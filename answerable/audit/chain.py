"""The hash chain that makes the audit trail tamper-evident (pure functions).

Each entry's hash is SHA-256 over the previous entry's hash and the entry's own canonical
content, so editing an entry changes its hash and breaks the link to the next one, deleting
one breaks the link across the gap (and the sequence), and reordering breaks both. The chain
head (the last hash and sequence) is also kept apart, so a truncated tail is noticed too.

What the chain alone cannot show is a trail rewritten or cut from some entry to the end with
every hash recomputed (and the head with them): so the head is also anchored outside the
database (audit/anchor.py), and `answerable audit verify` checks the latest anchor's entry
still has the hash anchored; `--recorded N:HASH` checks a head the data protection officer
recorded by hand the same way.
"""

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64

# The fields an entry's hash covers, in this order. Changing it breaks every existing chain.
HASHED_FIELDS = (
    "sequence",
    "at",
    "action",
    "actor",
    "record_type",
    "record_id",
    "recipient",
    "purpose",
    "detail",
)


def canonical(entry: Mapping[str, Any]) -> bytes:
    """The entry's content as bytes that are the same on every database and platform.

    Keys are sorted, so the order a database or a dict returns them in does not matter, and
    the date and time is written in UTC, so the server's time zone and a clock change do not.
    """
    values = {}
    for name in HASHED_FIELDS:
        if name not in entry:
            raise ValueError(f"an audit entry needs {name!r} to be hashed; it has {sorted(entry)}")
        value = entry[name]
        if isinstance(value, datetime):
            if value.tzinfo is None or value.utcoffset() is None:
                # A naive time would be read in the server's local zone, which differs by host.
                raise ValueError(f"an audit entry's {name!r} must be timezone-aware: {value!r}")
            value = value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        values[name] = value
    return json.dumps(values, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def entry_hash(previous: str, entry: Mapping[str, Any]) -> str:
    return hashlib.sha256(previous.encode() + b"\n" + canonical(entry)).hexdigest()


@dataclass(frozen=True)
class Break:
    sequence: int
    reason: str

    def __str__(self) -> str:
        # Sequence 0: a problem with no entry of its own (an anchor that cannot be trusted).
        return f"entry {self.sequence}: {self.reason}" if self.sequence else self.reason


def parse_recorded(text: str) -> tuple[int, str]:
    """A head recorded outside Answerable, written "SEQUENCE:HASH" (as the verify page shows)."""
    sequence, _, digest = text.strip().partition(":")
    digest = digest.strip().lower()
    if not sequence.strip().isdigit() or int(sequence) < 1:
        raise ValueError(f"a recorded head is SEQUENCE:HASH with a sequence of 1 or more: {text!r}")
    if len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
        raise ValueError(f"a recorded head's hash is 64 hexadecimal digits: {text!r}")
    return int(sequence), digest


def first_break(
    entries: Iterable[Mapping[str, Any]],
    head: Mapping[str, Any] | None = None,
    recorded: tuple[int, str] | None = None,
    anchored: tuple[int, str] | None = None,
) -> Break | None:
    """The first entry where the chain does not hold, or None when all of it does.

    `entries` come in sequence order, each with its stored `previous_hash` and `hash`;
    `head` is the stored chain head ({"sequence", "hash"}), if any; `recorded` is a
    (sequence, hash) the data protection officer recorded outside Answerable, if any;
    `anchored` is the latest anchor's (sequence, hash) (audit/anchor.py), if any.
    """
    outside = [
        (known, where)
        for known, where in ((recorded, "recorded"), (anchored, "anchored"))
        if known is not None
    ]
    previous_hash, expected_sequence = GENESIS, 1
    last_sequence = 0
    for entry in entries:
        sequence = entry["sequence"]
        if sequence != expected_sequence:
            if sequence > expected_sequence:
                missing = f"missing (deleted): entry {expected_sequence}"
                if sequence > expected_sequence + 1:
                    missing += f" to {sequence - 1}"
                return Break(expected_sequence, missing)
            return Break(sequence, f"repeated or out of order after entry {last_sequence}")
        if entry["previous_hash"] != previous_hash:
            return Break(
                sequence,
                f"does not follow entry {last_sequence} (an entry deleted, moved or rewritten)"
                if last_sequence
                else "does not start the chain (entries before it deleted or moved)",
            )
        if entry_hash(previous_hash, entry) != entry["hash"]:
            return Break(sequence, "its content does not match its hash (edited)")
        for (known_sequence, known_hash), where in outside:
            if sequence == known_sequence and entry["hash"] != known_hash:
                return Break(
                    sequence,
                    f"its hash is not the one {where} for it outside Answerable "
                    "(the trail was rewritten at or before this entry)",
                )
        previous_hash, last_sequence = entry["hash"], sequence
        expected_sequence = sequence + 1
    for (known_sequence, _), where in outside:
        if known_sequence > last_sequence:
            return Break(
                last_sequence + 1,
                f"missing (deleted): entry {known_sequence} was {where} outside Answerable "
                f"but is no longer in the trail, which ends at entry {last_sequence}",
            )
    if head is not None and (head["sequence"], head["hash"]) != (last_sequence, previous_hash):
        if head["sequence"] > last_sequence:
            return Break(
                last_sequence + 1, "missing (deleted): the chain head records later entries"
            )
        if head["sequence"] < last_sequence:
            return Break(head["sequence"] + 1, "after the chain head (not appended by the trail)")
        return Break(last_sequence, "does not match the chain head (the last entry was replaced)")
    return None
