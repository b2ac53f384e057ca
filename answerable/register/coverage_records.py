"""Recording and reading what the register holds, and from when (models/coverage.py).

Writes go through record_coverage, which saves only a change, so that setting the same
coverage again (the demo does on every run) adds nothing to the history.
"""

from dataclasses import dataclass
from datetime import date

from answerable.register.coverage import KINDS, parse_kind
from answerable.register.models import RecordCoverage


@dataclass(frozen=True)
class Coverage:
    kind: str
    held_from: date | None  # None: not set, everything is treated as held
    reason: str = ""
    recorded_by: str = ""


def held_from(kind: str) -> date | None:
    """The first day the register holds records of `kind`, or None when it is not set."""
    return (
        RecordCoverage.objects.filter(kind=parse_kind(kind))
        .values_list("held_from", flat=True)
        .first()
    )


def all_coverage() -> list[Coverage]:
    """Every record type, in KINDS order, set or not."""
    rows = {row.kind: row for row in RecordCoverage.objects.all()}
    return [
        Coverage(kind, row.held_from, row.reason, row.recorded_by)
        if (row := rows.get(kind))
        else Coverage(kind, None)
        for kind in KINDS
    ]


def record_coverage(kind: str, first_day: date, reason: str, recorded_by: str) -> bool:
    """Record that the register holds `kind` from `first_day`; False if already so."""
    kind = parse_kind(kind)
    row = RecordCoverage.objects.filter(kind=kind).first()
    if row is not None and (row.held_from, row.reason) == (first_day, reason):
        return False
    if row is None:
        row = RecordCoverage(kind=kind)
    row.held_from, row.reason, row.recorded_by = first_day, reason, recorded_by[:150]
    row.save()
    return True
