"""Checking the stored chain (`answerable audit verify` and the verify page).

Verifying a long trail takes a while and the service keeps appending to it meanwhile, so the
chain is checked up to the head as it was read at the start; only then, with the head locked
for a moment (appending takes the same lock), is what lies beyond the head checked: nothing
may be there that the head does not record.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from answerable.audit import anchor as anchors
from answerable.audit.chain import HASHED_FIELDS, Break, first_break
from answerable.audit.models import AuditEntry, ChainHead

COLUMNS = (*HASHED_FIELDS, "previous_hash", "hash")
PROGRESS_EVERY = 5000


@dataclass(frozen=True)
class Result:
    entries: int  # entries in the trail up to the head checked
    problem: Break | None
    head_sequence: int
    head: str  # the checked head's hash, for the data protection officer to record elsewhere
    # The anchor checked against ({"file", "sequence", "hash", "at"}), if any.
    anchor: dict[str, Any] | None = None

    @property
    def intact(self) -> bool:
        return self.problem is None

    def as_dict(self) -> dict[str, Any]:
        broken = None
        if self.problem is not None:
            broken = {"sequence": self.problem.sequence, "reason": self.problem.reason}
        return {
            "intact": self.intact,
            "entries": self.entries,
            "first_broken": broken,
            "head_sequence": self.head_sequence,
            "head": self.head,
            "anchor": self.anchor,
        }


def stored_entries(
    progress: Callable[[int], None] | None = None, upto: int | None = None
) -> Iterator[dict[str, Any]]:
    entries = AuditEntry.objects.order_by("sequence")
    if upto is not None:
        entries = entries.filter(sequence__lte=upto)
    for count, entry in enumerate(entries.values(*COLUMNS).iterator(chunk_size=PROGRESS_EVERY), 1):
        if progress is not None and count % PROGRESS_EVERY == 0:
            progress(count)
        yield entry


def check(
    progress: Callable[[int], None] | None = None,
    recorded: tuple[int, str] | None = None,
    *,
    anchor_file: Path | None = None,
    use_anchor: bool = True,
) -> Result:
    """The whole chain checked, with `recorded` (sequence, hash) from outside if given, and
    against the latest anchor (in `anchor_file`, by default the anchor directory's) unless
    `use_anchor` is False. An anchor that is not authentic is itself a break."""
    anchored, anchor_seen = None, None
    if use_anchor:
        # Read before the head: an anchor is only ever written for a head already committed.
        try:
            found = anchors.latest(anchor_file)
        except anchors.AnchorError as error:
            return Result(
                entries=0,
                problem=Break(0, f"the anchor cannot be trusted: {error}"),
                head_sequence=0,
                head="",
                anchor={"file": str(anchor_file or anchors.default_file()), "error": str(error)},
            )
        if found is not None:
            path, latest = found
            anchored = (latest.sequence, latest.hash)
            anchor_seen = {"file": str(path), **latest.as_dict()}
    head = ChainHead.objects.filter(pk=1).values("sequence", "hash").first()
    upto = head["sequence"] if head else None
    counted = 0

    def counting() -> Iterator[dict[str, Any]]:
        nonlocal counted
        for entry in stored_entries(progress, upto=upto):
            counted += 1
            yield entry

    problem = first_break(counting(), head, recorded, anchored)
    if problem is not None:
        # Checking stops at the first break; the count is still of the whole trail checked.
        stored = AuditEntry.objects.all()
        counted = (stored.filter(sequence__lte=upto) if upto is not None else stored).count()
    if problem is None and head is None and counted:
        problem = Break(1, "the chain head is missing (deleted)")
    if problem is None:
        problem = _beyond_head()
    # The head as it was when checking began: the one the entries were checked against.
    return Result(
        entries=counted,
        problem=problem,
        head_sequence=head["sequence"] if head else 0,
        head=head["hash"] if head else "",
        anchor=anchor_seen,
    )


def _beyond_head() -> Break | None:
    # Under the head's lock no entry can be appended, so any entry after it was not written
    # by trail.record() (which moves the head in the same transaction as it appends).
    with transaction.atomic():
        head = ChainHead.objects.select_for_update().filter(pk=1).first()
        after = AuditEntry.objects.filter(sequence__gt=head.sequence if head else 0)
        stray = after.order_by("sequence").values_list("sequence", flat=True).first()
    if stray is not None:
        return Break(stray, "after the chain head (not appended by the trail)")
    return None


def verify(
    progress: Callable[[int], None] | None = None, recorded: tuple[int, str] | None = None
) -> tuple[int, Break | None]:
    """(entries checked, the first break or None)."""
    result = check(progress, recorded)
    return result.entries, result.problem


def head_hash() -> str:
    head = ChainHead.objects.filter(pk=1).first()
    return head.hash if head else ""
