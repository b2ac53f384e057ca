"""Deciding what a release may show, against everything released before, and recording it.

Every figure that leaves the staff room goes through `release`: the tables are counted,
each is put under disclosure control on its own (primary and secondary suppression, the
single-table audit), and then they are audited jointly with each other and with every
earlier release that shares records with them (same kind of record, same count unit,
overlapping period: answers/ledger/joint.py). Where the joint audit finds a count of 1 to
T-1 that a reader could work out or pin below T, one more figure of the new release that the
reader's argument uses is withheld, single-table protection runs again around it, and the
joint audit is repeated, until it passes. If that does not end within the time budget, or
nothing short of withholding every figure passes, every non-zero figure is withheld; then,
if need be, every figure, zeros included; if even that cannot be shown safe in time, the
release is refused with the reason (ReleaseRefused), and nothing is recorded.

`explore` does the same for staff (`answerable ask`, the answers page, a case's figures
before issue) without recording anything: staff see what could be released today.
"""

import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from answerable.answers.answer import (
    Answer,
    Figure,
    Published,
    ReleaseRefused,
    estimate_for,
    policy_for,
    protected,
)
from answerable.answers.disclosure_control import WITHHELD_MARKER, Policy
from answerable.answers.disclosure_control.system import SolverFailure
from answerable.answers.disclosure_control.table import FigureKey, Table, figure_key
from answerable.answers.engine import (
    Ask,
    Counts,
    count,
    question_named,
    records_of,
)
from answerable.answers.ledger.joint import AuditTimeout, JointProblem, audit_jointly
from answerable.answers.ledger.specs import (
    PublishedFigure,
    Spec,
    ask_of,
    definition_of,
    figures_json,
    figures_of,
)
from answerable.answers.models import LedgerLock, Release, ReleasedTable, ReleaseKind
from answerable.core.record_types import record_type_of

# A backstop: every round withholds at least one more figure, so the loop ends anyway.
MAX_ROUNDS = 60
# How long the joint audits of one release may take, in seconds, before the release falls
# back to withholding every figure (and, if even that cannot be checked in time, is refused).
TIME_BUDGET_SECONDS = 30.0


@dataclass(frozen=True)
class Decision:
    """The answers a release may show, and how the ledger shaped them."""

    answers: list[Answer]
    checked_against: int  # earlier tables read by the joint audit
    withheld_for_ledger: int  # figures withheld because of earlier releases or siblings


def ask_record_type(ask: Ask) -> str:
    """The register's record type an ask counts (as the audit trail names it)."""
    return record_type_of(question_named(ask.question).model)


def published_figures(published: Published, by: Sequence[str]) -> tuple[PublishedFigure, ...]:
    """A table's figures as a reader sees them: cells, margins (two or more dimensions) and
    the total, each once."""
    figures = [
        PublishedFigure(tuple(zip(by, cell.labels, strict=True)), cell.display)
        for cell in published.cells
    ]
    for dimension, margin in published.margins.items():
        figures += [PublishedFigure(((dimension, m.labels[0]),), m.display) for m in margin]
    figures.append(PublishedFigure((), published.total.display))
    return tuple(figures)


def _overlapping(spans: Sequence[tuple[str, str, Any, Any]]) -> Q:
    conditions = Q(pk__in=[])
    for record_type, unit, first_day, last_day in spans:
        period = Q()
        if first_day:
            period &= Q(last_day__isnull=True) | Q(last_day__gte=first_day)
        if last_day:
            period &= Q(first_day__isnull=True) | Q(first_day__lte=last_day)
        conditions |= Q(record_type=record_type, count_unit=unit) & period
    return conditions


def _earlier(asks: Sequence[Ask], exclude: int | None) -> list[Spec]:
    """The ledger's tables that share records with any of these asks, and with those, and so
    on: a table of January to March tells what a table of January to June holds beyond it,
    so both are read with a new table of April to June (the closure of overlapping periods,
    per kind of record and count unit)."""
    spans = [(ask_record_type(ask), ask.count, ask.first_day, ask.last_day) for ask in asks]
    found: dict[int, ReleasedTable] = {}
    while spans:
        tables = ReleasedTable.objects.filter(_overlapping(spans)).exclude(pk__in=found)
        if exclude is not None:
            tables = tables.exclude(release_id=exclude)
        new = list(tables.select_related("release"))
        found.update((table.pk, table) for table in new)
        spans = [(t.record_type, t.count_unit, t.first_day, t.last_day) for t in new]
    ordered = sorted(
        found.values(), key=lambda t: (t.release.released_at, t.release_id, t.position)
    )
    return [
        Spec(
            ask=ask_of(table.definition),
            figures=figures_of(table.figures),
            threshold=table.threshold or 0,
            new=False,
            label=f"{table.release} table {table.position}",
        )
        for table in ordered
    ]


def _table(counts: Counts) -> Table:
    """The table disclosure control was given: what the register holds."""
    return counts.held_table() or counts.table


def _key(counts: Counts, fixed: Sequence[tuple[str, str]]) -> FigureKey:
    return figure_key(dict(fixed), _table(counts).sizes())


def _counted(counts: Counts) -> Ask | None:
    """The ask as the register counted it (the held part of its period, filters as codes),
    or None when nothing asked is held (then nothing is released)."""
    coverage, ask = counts.coverage, counts.ask
    if coverage.wholly_not_held:
        return None
    if coverage.held_from and (ask.first_day is None or ask.first_day < coverage.held_from):
        return replace(ask, first_day=coverage.held_from)
    return ask


class _Round:
    """The release as it stands in one round: each table's answer and forced figures."""

    def __init__(
        self,
        asks: Sequence[Ask],
        thresholds: Sequence[int | None],
        counts: Sequence[Counts] | None = None,
    ) -> None:
        self.asks = list(asks)
        # Counted once: by the caller (within the answer budget) or here.
        self.counts = list(counts) if counts is not None else [count(ask) for ask in asks]
        if len(self.counts) != len(self.asks):
            raise ValueError("one Counts per ask")
        self.policies = [policy_for(ask, t) for ask, t in zip(asks, thresholds, strict=True)]
        self.forced: list[set[FigureKey]] = [set() for _ in asks]
        self.published: list[Published] = []

    def protect(self) -> None:
        self.published = [
            protected(counts, policy, forced)
            for counts, policy, forced in zip(self.counts, self.policies, self.forced, strict=True)
        ]

    def withhold_everything(self) -> None:
        for index, counts in enumerate(self.counts):
            table = _table(counts)
            keys = {
                _key(counts, tuple(zip(table.dimensions, labels, strict=True)))
                for labels in table.combinations()
            }
            keys |= {_key(counts, ((d, v),)) for d in table.dimensions for v in table.values_of(d)}
            keys.add(())
            self.forced[index] |= keys

    def withhold_zeros_too(self) -> None:
        """The last resort: every figure withheld, true zeros included, so that the release
        tells a reader nothing to combine (as a table whose total is below the threshold)."""
        self.published = [
            _all_withheld(published, policy)
            for published, policy in zip(self.published, self.policies, strict=True)
        ]

    def specs(self) -> dict[int, Spec]:
        """The tables a reader is given, by position (none for a table wholly not held)."""
        found: dict[int, Spec] = {}
        for index, (counts, published, policy) in enumerate(
            zip(self.counts, self.published, self.policies, strict=True)
        ):
            ask = _counted(counts)
            if ask is None:
                continue
            found[index] = Spec(
                ask=ask,
                figures=published_figures(published, ask.by),
                threshold=published.threshold or policy.threshold,
                new=True,
                label=f"table {index + 1} of this release",
            )
        return found


def _audit(
    round_: _Round, earlier: Sequence[Spec], deadline: float | None = None
) -> tuple[list[JointProblem], list[list[int]]]:
    """Joint audit, one group per kind of record and count unit. Returns the problems and,
    per group, the new tables' positions in it (to map culprits back)."""
    new_specs = round_.specs()
    groups: dict[tuple[str, str], list[int]] = {}
    for index, spec in new_specs.items():
        groups.setdefault((ask_record_type(spec.ask), spec.ask.count), []).append(index)
    problems: list[JointProblem] = []
    positions: list[list[int]] = []
    for (record_type, unit), members in groups.items():
        old = [
            spec
            for spec in earlier
            if ask_record_type(spec.ask) == record_type and spec.ask.count == unit
        ]
        specs = old + [new_specs[i] for i in members]
        if len(specs) == 1:
            # One table and nothing before it: its own audit (which passed) is the joint one.
            positions.append(members)
            continue
        report = audit_jointly(specs, deadline=deadline)
        for problem in report.problems:
            if problem.earlier:
                continue
            culprits = tuple(
                (members[s - len(old)], f) for s, f in problem.culprits if s >= len(old)
            )
            problems.append(replace(problem, culprits=culprits))
        positions.append(members)
    return problems, positions


def decide(
    asks: Sequence[Ask],
    thresholds: Sequence[int | None] | None = None,
    *,
    exclude_release: int | None = None,
    counts: Sequence[Counts] | None = None,
) -> Decision:
    """The answers these tables may show as one release, given the ledger; `counts`, when
    given, are the asks' counts already made (engine.count), so none is counted again."""
    thresholds = list(thresholds) if thresholds is not None else [None] * len(asks)
    round_ = _Round(asks, thresholds, counts)
    earlier = _earlier(asks, exclude_release)
    deadline = time.monotonic() + TIME_BUDGET_SECONDS
    forced_total = 0
    problems: list[JointProblem] = []
    try:
        for _ in range(MAX_ROUNDS):
            if time.monotonic() > deadline:
                break
            round_.protect()
            problems, _ = _audit(round_, earlier, deadline)
            if not problems:
                return _decision(round_, earlier, forced_total)
            added = _withhold_culprits(round_, problems)
            if not added:
                break
            forced_total += added
    except (AuditTimeout, SolverFailure):
        pass  # withhold everything, and check that alone, with a time of its own
    round_.withhold_everything()
    round_.protect()
    for last_resort in (False, True):
        if last_resort:
            round_.withhold_zeros_too()
        try:
            problems, _ = _audit(round_, earlier, time.monotonic() + TIME_BUDGET_SECONDS)
        except (AuditTimeout, SolverFailure):
            raise ReleaseRefused(
                "these figures could not be checked against earlier releases in time: ask for "
                "fewer breakdowns or a shorter period"
            ) from None
        if not problems:
            return _decision(round_, earlier, forced_total)
    raise ReleaseRefused(
        "these figures cannot be released, even with every figure withheld, because of what "
        "was released before: " + "; ".join(p.detail for p in problems[:3])
    )


def _all_withheld(published: Published, policy: Policy) -> Published:
    def hidden(figure: Figure) -> Figure:
        if figure.status == "not_held":
            return figure
        return Figure(figure.labels, None, WITHHELD_MARKER, "withheld")

    cells = [hidden(f) for f in published.cells]
    margins = {d: [hidden(f) for f in row] for d, row in published.margins.items()}
    withheld = sum(
        1 for f in [*cells, *(f for row in margins.values() for f in row)] if f.count is None
    )
    return replace(
        published,
        cells=cells,
        margins=margins,
        total=hidden(published.total),
        threshold=published.threshold or policy.threshold,
        withheld=withheld,
        footnotes=[
            f"{WITHHELD_MARKER} Every figure in this table is withheld, zeros included: with "
            "what has been released before, publishing any of it could let a reader work "
            "out a small count.",
            *[note for note in published.footnotes if not note.startswith("0 means")],
        ],
    )


def _withhold_culprits(round_: _Round, problems: Sequence[JointProblem]) -> int:
    """Withhold, for each problem, the first of its culprits not yet withheld."""
    added = 0
    chosen: set[tuple[int, int]] = set()
    specs = round_.specs()
    for problem in problems:
        for table, figure in problem.culprits:
            if (table, figure) in chosen:
                break
            fixed = specs[table].figures[figure].fixed
            key = _key(round_.counts[table], fixed)
            if key not in round_.forced[table]:
                round_.forced[table].add(key)
                chosen.add((table, figure))
                added += 1
                break
    return added


def _decision(round_: _Round, earlier: Sequence[Spec], forced: int) -> Decision:
    answers = []
    for ask, counts, published, policy in zip(
        round_.asks, round_.counts, round_.published, round_.policies, strict=True
    ):
        answers.append(
            Answer(
                counts,
                published,
                estimate_for(ask),
                average_withheld=_average_withheld(ask, counts, policy.threshold),
            )
        )
    return Decision(answers, len(earlier), forced)


# -- averages -------------------------------------------------------------------------------


def _average_withheld(ask: Ask, counts: Counts, threshold: int) -> bool:
    """The average time to disclose can single out one record's time: over fewer than T
    records, or over a set of records that differs from an earlier published average's by
    1 to T-1 records (two averages and their counts give the odd records' total)."""
    timing = counts.time_to_disclose
    if timing is None or timing.based_on == 0:
        return False
    if timing.based_on < threshold:
        return True
    earlier = ReleasedTable.objects.filter(
        record_type=ask_record_type(ask), derived__has_key="based_on"
    ).exclude(derived__average_seconds=None)
    mine = None
    for table in earlier:
        mine = _timed(ask) if mine is None else mine
        theirs = _timed(ask_of(table.definition))
        differ = (
            mine.exclude(pk__in=theirs.values("pk")).count()
            + theirs.exclude(pk__in=mine.values("pk")).count()
        )
        if 0 < differ < threshold:
            return True
    return False


def _timed(ask: Ask) -> Any:
    return records_of(ask).filter(seconds_to_disclose__isnull=False)


# -- entry points ----------------------------------------------------------------------------


def explore(ask: Ask, threshold: int | None = None, counts: Counts | None = None) -> Answer:
    """One table as it could be released today (checked against the ledger, not recorded),
    from `counts` when the caller has counted it already."""
    return decide([ask], [threshold], counts=None if counts is None else [counts]).answers[0]


def explore_all(asks: Sequence[Ask], thresholds: Sequence[int | None] | None = None) -> Decision:
    """Several tables as one release, checked against the ledger, not recorded."""
    return decide(asks, thresholds)


@contextmanager
def ledger_lock() -> Iterator[int]:
    """Decide and record one release at a time: the first write takes SQLite's write lock
    and PostgreSQL's row lock until the transaction ends. Yields the number of releases
    decided before this one (the ledger's version)."""
    with transaction.atomic():
        lock, _ = LedgerLock.objects.get_or_create(pk=1)
        LedgerLock.objects.filter(pk=lock.pk).update(releases=F("releases") + 1)
        yield lock.releases


def _version() -> int:
    return LedgerLock.objects.filter(pk=1).values_list("releases", flat=True).first() or 0


def release(
    asks: Sequence[Ask],
    *,
    kind: ReleaseKind | str,
    reference: str,
    released_by: str,
    thresholds: Sequence[int | None] | None = None,
    counts: Sequence[Counts] | None = None,
) -> Decision:
    """Decide these tables as one release against the ledger and record what is shown.

    The decision is made first without the lock, so that other writers are not kept
    waiting while it is worked out; under the lock it is recorded if no release came in
    meanwhile, and made again (under the lock) if one did: against the new ledger, from the
    same counts (the register is counted once per release; `counts` when the caller has).
    """
    version = _version()
    decision = decide(asks, thresholds, counts=counts)
    with ledger_lock() as current:
        if current != version:
            counted = [answer.counts for answer in decision.answers]
            decision = decide(asks, thresholds, counts=counted)
        record(decision, kind=kind, reference=reference, released_by=released_by)
    return decision


def record(
    decision: Decision, *, kind: ReleaseKind | str, reference: str, released_by: str
) -> Release:
    """Add a decided release to the ledger (in the caller's transaction)."""
    entry = Release.objects.create(
        kind=ReleaseKind(kind),
        reference=reference[:100],
        released_at=timezone.now(),
        released_by=released_by[:150],
        checked_against=decision.checked_against,
        withheld_for_ledger=decision.withheld_for_ledger,
    )
    for position, answer in enumerate(decision.answers, start=1):
        ask = _counted(answer.counts)
        if ask is None:
            continue  # nothing asked is held: "not held" tells a reader nothing to combine
        derived: dict[str, Any] = {}
        timing = answer.counts.time_to_disclose
        if timing is not None and timing.based_on and not answer.average_withheld:
            average = timing.average or timedelta(0)
            derived = {"average_seconds": average.total_seconds(), "based_on": timing.based_on}
        ReleasedTable.objects.create(
            release=entry,
            position=position,
            question=ask.question,
            record_type=ask_record_type(ask),
            count_unit=ask.count,
            first_day=ask.first_day,
            last_day=ask.last_day,
            definition=definition_of(ask),
            figures=figures_json(published_figures(answer.published, ask.by)),
            threshold=answer.published.threshold,
            derived=derived,
        )
    return entry
