"""Announcing, preparing, checking and publishing an edition of a statistics release.

Every write is here (views and commands stay thin). The release ledger (answers/ledger)
decides what an edition may show: its tables are decided as ONE release against every
earlier release of any kind (FOI responses, API answers, earlier editions and revisions),
and recorded in the ledger as a "statistics" release when the edition is published, so that
no later FOI answer, API answer or edition can be combined with it to recover a small count
(ICO anonymisation guidance, the "mosaic effect").

Publication decides the tables again under the ledger's lock: releases made since the
disclosure manager's check are taken into account. If the only change is that more figures
are withheld, the edition is published so; if any figure would differ otherwise (the
register was corrected since), the edition goes back to "prepared" for a new check, and the
reason is kept on it.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone

from answerable.answers.answer import Answer, ReleaseRefused
from answerable.answers.disclosure_control import WITHHELD_MARKER
from answerable.answers.engine import EPISODES, Ask, AskError
from answerable.answers.ledger.release import Decision, decide, ledger_lock, record
from answerable.answers.ledger.specs import ask_of, definition_of
from answerable.answers.models import ReleaseKind
from answerable.answers.output.document import as_document
from answerable.answers.output.grid import grid, notes
from answerable.answers.views.tables import chart_data, result_table
from answerable.roles.predicates import User
from answerable.statistics_releases.definitions import DefinitionError, ask_for
from answerable.statistics_releases.models import (
    Edition,
    EditionStatus,
    EditionTable,
    ReleaseDefinition,
)
from answerable.statistics_releases.periods import Period
from answerable.web.charts import bar_chart

CHECK_PERMISSION = "statistics_releases.check_edition"
# Notes of an answer that a published table does not need (no request to cost).
LEFT_OUT_NOTES = ("Estimated cost of compliance",)


class ReleaseError(ValueError):
    """The step cannot be taken now; the message says why."""


# -- announcing and preparing ------------------------------------------------------------------


def _slug(definition: ReleaseDefinition, period: Period, number: int) -> str:
    revision = f"-revision-{number - 1}" if number > 1 else ""
    return f"{definition.slug}-{period.slug}{revision}"


def _open_edition(definition: ReleaseDefinition, period: Period) -> Edition | None:
    """The period's edition not yet published (announced, prepared or checked), if any."""
    return (
        Edition.objects.filter(definition=definition, period=period.label)
        .exclude(status=EditionStatus.PUBLISHED)
        .first()
    )


def _next_number(definition: ReleaseDefinition, period: Period) -> int:
    found = Edition.objects.filter(definition=definition, period=period.label).aggregate(
        Max("number")
    )["number__max"]
    return (found or 0) + 1


def announce(
    definition: ReleaseDefinition,
    period: Period,
    publish_on: date | None = None,
    *,
    reason: str = "",
) -> Edition:
    """Put the period's edition on the release calendar (or move its date)."""
    edition = _open_edition(definition, period)
    if edition is not None:
        edition.publish_on = publish_on or edition.publish_on  # keep the date announced
        if reason:
            edition.revision_reason = reason
        edition.save(update_fields=["publish_on", "revision_reason"])
        return edition
    number = _next_number(definition, period)
    if number > 1 and not reason.strip():
        raise ReleaseError(
            f"the {period.label} edition is already published: a revision needs its reason "
            "(--reason), which is published with it"
        )
    publish_on = publish_on or period.last_day + timedelta(days=definition.publication_lag_days)
    return Edition.objects.create(
        definition=definition,
        period=period.label,
        first_day=period.first_day,
        last_day=period.last_day,
        number=number,
        slug=_slug(definition, period, number),
        status=EditionStatus.ANNOUNCED,
        publish_on=publish_on,
        revision_reason=reason.strip(),
        announced_at=timezone.now(),
    )


def _stored(answer: Answer) -> dict[str, Any]:
    table = result_table(answer)
    chart = chart_data(answer)
    return {
        "definition": definition_of(answer.counts.ask),
        "document": as_document(answer),
        "grid": grid(answer),
        "page": {"header": table.header, "rows": table.rows, "total": table.total},
        "chart": {"title": chart.title, "rows": [[label, n] for label, n in chart.rows]},
        "notes": [
            [heading, text] for heading, text in notes(answer) if heading not in LEFT_OUT_NOTES
        ],
    }


def _store(edition: Edition, titles: Sequence[str], answers: Sequence[Answer]) -> None:
    edition.tables.all().delete()
    for position, (title, answer) in enumerate(zip(titles, answers, strict=True), start=1):
        table = EditionTable(edition=edition, position=position, title=title, **_stored(answer))
        # The table and its chart drawn once, as the page shows them: a page reads them.
        chart = bar_chart(table.chart["title"], table.chart["rows"])
        table.chart["svg"] = render_to_string(
            "web/chart.html", {"chart": chart, "chart_id": f"chart-{table.element_id}"}
        )
        table.page["html"] = render_to_string(
            "answers/_result_table.html", {"table": table.page, "caption": title}
        )
        table.save()


def prepare(
    definition: ReleaseDefinition,
    period: Period,
    *,
    prepared_by: str,
    publish_on: date | None = None,
    reason: str = "",
) -> Edition:
    """Count the definition's tables for the period and decide them as one release against
    the ledger (not recorded yet: nothing has left the staff room). A period whose edition
    is published gets a revision, which needs its reason."""
    return prepared(
        definition, period, prepared_by=prepared_by, publish_on=publish_on, reason=reason
    )[0]


def prepared(
    definition: ReleaseDefinition,
    period: Period,
    *,
    prepared_by: str,
    publish_on: date | None = None,
    reason: str = "",
) -> tuple[Edition, Decision]:
    """`prepare`, and the ledger's decision it stored."""
    defined = list(definition.tables.all())
    if not defined:
        raise ReleaseError(f"{definition.slug} has no tables: define them first")
    asks = []
    for table in defined:
        try:
            asks.append(ask_for(table, period))
        except DefinitionError as error:
            raise ReleaseError(f"table {table.position} ({table.title}): {error}") from None
    try:
        decision = decide(asks)
    except (AskError, ReleaseRefused) as error:
        raise ReleaseError(str(error)) from None
    with transaction.atomic():
        edition = announce(definition, period, publish_on, reason=reason)
        _store(edition, [table.title for table in defined], decision.answers)
        edition.status = EditionStatus.PREPARED
        edition.prepared_at = timezone.now()
        edition.prepared_by = prepared_by[:150]
        edition.checked_at, edition.checked_by, edition.problem = None, "", ""
        edition.save()
    return edition, decision


# -- checking ---------------------------------------------------------------------------------


def check(edition: Edition, user: User) -> Edition:
    """The disclosure manager's sign-off: someone other than who prepared it."""
    if not user.is_authenticated or not user.has_perm(CHECK_PERMISSION):
        raise ReleaseError("only a disclosure manager can check an edition for publication")
    if edition.status != EditionStatus.PREPARED:
        raise ReleaseError(
            f"{edition.slug} is {edition.get_status_display().lower()}: only a prepared "
            "edition can be checked"
        )
    if user.get_username() == edition.prepared_by:
        raise ReleaseError(
            f"{edition.slug} was prepared by {edition.prepared_by}: someone else must check it"
        )
    edition.status = EditionStatus.CHECKED
    edition.checked_at = timezone.now()
    edition.checked_by = user.get_username()
    edition.save(update_fields=["status", "checked_at", "checked_by"])
    return edition


# -- publishing -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    edition: Edition
    published: bool
    message: str


def _displays(document: dict[str, Any]) -> list[str]:
    found = [cell["display"] for cell in document["cells"]]
    for figures in (document.get("margins") or {}).values():
        found += [figure["display"] for figure in figures]
    found.append(document["total"]["display"])
    return found


def _only_more_withheld(before: list[str], after: list[str]) -> bool:
    return len(before) == len(after) and all(
        old == new or new == WITHHELD_MARKER for old, new in zip(before, after, strict=True)
    )


def publish(edition: Edition, today: date) -> Outcome:
    """Publish a checked edition on (or after) its date, recording it in the ledger."""
    if edition.status != EditionStatus.CHECKED:
        raise ReleaseError(
            f"{edition.slug} is {edition.get_status_display().lower()}: only a checked "
            "edition is published"
        )
    if edition.publish_on > today:
        raise ReleaseError(f"{edition.slug} is announced for {edition.publish_on}, not before")
    tables = list(edition.tables.all())
    asks = [ask_of(table.definition) for table in tables]
    with ledger_lock():
        try:
            decision = decide(asks)
        except (AskError, ReleaseRefused) as error:
            return _back_to_prepared(edition, f"it could not be decided again: {error}")
        before = [_displays(table.document) for table in tables]
        after = [_displays(as_document(answer)) for answer in decision.answers]
        if before != after:
            if not all(_only_more_withheld(b, a) for b, a in zip(before, after, strict=True)):
                _store(edition, [t.title for t in tables], decision.answers)
                return _back_to_prepared(
                    edition,
                    "its figures have changed since they were checked (the register was "
                    "corrected); check them again",
                )
            _store(edition, [t.title for t in tables], decision.answers)
        recorded(edition, decision)
    note = " (more figures withheld because of releases since the check)" if before != after else ""
    return Outcome(edition, True, f"published {edition.slug}{note}")


def recorded(edition: Edition, decision: Decision) -> Edition:
    """Record the edition's decided tables in the ledger as one statistics release, and mark
    it published (in the caller's transaction, under the ledger's lock)."""
    edition.ledger_release = record(
        decision,
        kind=ReleaseKind.STATISTICS,
        reference=edition.slug,
        released_by=edition.checked_by,
    )
    edition.status = EditionStatus.PUBLISHED
    edition.published_at = timezone.now()
    edition.problem = ""
    edition.save(update_fields=["ledger_release", "status", "published_at", "problem"])
    return edition


def _back_to_prepared(edition: Edition, why: str) -> Outcome:
    edition.status = EditionStatus.PREPARED
    edition.checked_at, edition.checked_by = None, ""
    edition.problem = f"Not published on {timezone.localdate():%-d %B %Y}: {why}."
    edition.save(update_fields=["status", "checked_at", "checked_by", "problem"])
    return Outcome(edition, False, f"{edition.slug} not published: {why}")


def due(today: date) -> list[Edition]:
    return list(
        Edition.objects.filter(publish_on__lte=today)
        .exclude(status=EditionStatus.PUBLISHED)
        .select_related("definition")
        .order_by("publish_on", "pk")
    )


def publish_due(today: date) -> list[Outcome]:
    """Publish every checked edition whose date has come; report those due but not
    checked (they are not published)."""
    outcomes = []
    for edition in due(today):
        if edition.status == EditionStatus.CHECKED:
            outcomes.append(publish(edition, today))
        else:
            outcomes.append(
                Outcome(
                    edition,
                    False,
                    f"{edition.slug} is due ({edition.publish_on}) but "
                    f"{edition.get_status_display().lower()}: not published",
                )
            )
    return outcomes


# -- reading ----------------------------------------------------------------------------------


def published_editions() -> Any:
    return Edition.objects.filter(status=EditionStatus.PUBLISHED).select_related("definition")


def superseded(edition: Edition) -> bool:
    """A later revision of the same period is published."""
    return (
        published_editions()
        .filter(definition=edition.definition, period=edition.period, number__gt=edition.number)
        .exists()
    )


def current_editions() -> list[Edition]:
    """Each period's newest published edition, newest period first."""
    newest: dict[tuple[int, str], Edition] = {}
    for edition in published_editions().order_by("number"):
        newest[(edition.definition_id, edition.period)] = edition
    return sorted(newest.values(), key=lambda e: (e.last_day, e.number), reverse=True)


def _comparable(definition: dict[str, Any]) -> tuple[Any, ...]:
    dims = set(definition.get("by") or ()) | set(definition.get("where") or {})
    return (
        definition.get("question"),
        definition.get("from"),
        definition.get("to"),
        tuple(definition.get("by") or ()),
        tuple(sorted((k, tuple(v)) for k, v in (definition.get("where") or {}).items())),
        tuple(definition.get("bands") or ()) if "duration" in dims else (),
        tuple(definition.get("ages") or ()) if dims & {"age_band"} else (),
        definition.get("count") or EPISODES,
    )


def published_table_for(ask: Ask) -> EditionTable | None:
    """The current published table that answers exactly this question (FOISA s25: the
    information is otherwise accessible), or None."""
    wanted = _comparable(definition_of(ask))
    current = {edition.pk for edition in current_editions()}
    candidates = EditionTable.objects.filter(
        edition_id__in=current, definition__question=ask.question
    ).select_related("edition")
    for table in candidates:
        if _comparable(table.definition) == wanted:
            return table
    return None
