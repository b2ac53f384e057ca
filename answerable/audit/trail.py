"""Writing to the audit trail: `record()` appends one entry to the chain."""

import json
from typing import Any

from django.db import IntegrityError, models, transaction
from django.utils import timezone

from answerable.audit import anchor
from answerable.audit.actions import Action
from answerable.audit.actor import current_actor
from answerable.audit.chain import GENESIS, entry_hash
from answerable.audit.models import AuditEntry, ChainHead
from answerable.core.record_types import record_type_of


def _max_length(name: str) -> int:
    field = AuditEntry._meta.get_field(name)
    assert isinstance(field, models.CharField) and field.max_length is not None
    return field.max_length


MAX_LENGTHS = {name: _max_length(name) for name in ("record_type", "record_id")}


def record(
    action: Action,
    *,
    record: models.Model | None = None,
    record_type: str = "",
    record_id: str | int = "",
    recipient: str = "",
    purpose: str = "",
    detail: dict[str, Any] | None = None,
    actor: str | None = None,
) -> AuditEntry:
    """Append one entry, in the caller's transaction: if the processing is rolled back, so is
    its entry, and an entry is never written for processing that did not happen.

    `detail` names what was processed (fields, filters, counts), never the personal data
    itself: that stays in the register, where its own history keeps every version.
    """
    if record is not None:
        record_type, record_id = record_type_of(record), record.pk
    record_id = "" if record_id is None else str(record_id)
    # An identifier cut short would name another record: refuse rather than mislead.
    for name, value in (("record_type", record_type), ("record_id", record_id)):
        if len(value) > MAX_LENGTHS[name]:
            raise ValueError(
                f"an audit entry's {name} is at most {MAX_LENGTHS[name]} characters; "
                f"{len(value)} were given"
            )
    values: dict[str, Any] = {
        "action": Action(action).value,
        "actor": (actor or current_actor())[:150],
        "record_type": record_type,
        "record_id": record_id,
        "recipient": recipient[:100],
        "purpose": purpose[:200],
        "detail": json.dumps(detail or {}, sort_keys=True, separators=(",", ":"), default=str),
    }
    with transaction.atomic():
        head = _locked_head()
        # Timed once the chain is ours, so that the order of entries is the order of times.
        values["at"] = timezone.now()
        values["sequence"] = head.sequence + 1
        values["previous_hash"] = head.hash
        values["hash"] = entry_hash(head.hash, values)
        entry = AuditEntry.objects.create(**values)
        head.sequence, head.hash = entry.sequence, entry.hash
        head.save(update_fields=["sequence", "hash"])
        # Once committed (never for an entry rolled back), anchored outside if it is due.
        sequence, digest = entry.sequence, entry.hash
        transaction.on_commit(lambda: anchor.after_append(sequence, digest))
    return entry


def _locked_head() -> ChainHead:
    # One row, locked for the rest of the transaction, so that two processes appending at
    # once take turns (SQLite's write lock does the same for its IMMEDIATE transactions).
    head = ChainHead.objects.select_for_update().filter(pk=1).first()
    if head is not None:
        return head
    try:
        with transaction.atomic():
            ChainHead.objects.create(pk=1, sequence=0, hash=GENESIS)
    except IntegrityError:
        pass  # another process made it first
    return ChainHead.objects.select_for_update().get(pk=1)
