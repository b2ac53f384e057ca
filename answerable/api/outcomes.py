"""Reporting a Home Office outcome against a disclosure.

The disclosure holds the latest outcome, which is what FOI answers count; each report is
kept (register OutcomeReport), so an outcome the Home Office later revises is still known.
A report of an outcome dated before the one held is kept but does not replace it.
"""

from collections.abc import Sequence
from typing import Any

from django.utils import timezone

from answerable.api.errors import Invalid
from answerable.api.fields import to_cell
from answerable.api.models import ApiClient
from answerable.api.records import merged
from answerable.audit.actions import Action
from answerable.audit.trail import record
from answerable.interchange import rows
from answerable.interchange.formats import DISCLOSURES, OUTCOME_REPORTS
from answerable.interchange.spec import Problem
from answerable.register.models import Disclosure, OutcomeReport

OUTCOME_FIELDS = ("home_office_outcome", "outcome_at")


def check(
    disclosure: Disclosure, data: dict[str, Any], typing: Sequence[Problem] = ()
) -> dict[str, Any]:
    """The report's values, checked by its columns and by the disclosure's own rules on
    the disclosure's row with this outcome in it; raises Invalid with every problem."""
    now = timezone.now()
    columns = OUTCOME_REPORTS.by_name
    cells = {name: to_cell(columns[name], value) for name, value in data.items() if name in columns}
    values, problems = OUTCOME_REPORTS.check(cells, now)
    problems = merged(list(typing), problems)
    if not problems:
        row = rows.disclosure(disclosure)
        row.update({name: data[name] for name in OUTCOME_FIELDS})
        disclosure_cells = {
            name: to_cell(DISCLOSURES.by_name[name], value) for name, value in row.items()
        }
        _, found = DISCLOSURES.check(disclosure_cells, now)
        # Only the outcome is being reported: the rest of the row is the register's.
        problems = [(name, message) for name, message in found if name in OUTCOME_FIELDS]
    if problems:
        raise Invalid(problems)
    return values


def report(
    client: ApiClient, disclosure: Disclosure, data: dict[str, Any], typing: Sequence[Problem] = ()
) -> OutcomeReport:
    """Keep the report and, when it is the latest, make it the disclosure's outcome.
    Call inside a transaction."""
    values = check(disclosure, data, typing)
    held_on = disclosure.outcome_on
    latest = held_on is None or values["outcome_at"] >= held_on
    outcome = OutcomeReport.objects.create(
        disclosure=disclosure,
        outcome=values["home_office_outcome"],
        outcome_on=values["outcome_at"],
        reference=values["reference"] or "",
        reported_by=client.actor,
        became_latest=latest,
    )
    # The report is about a person's disclosure: its collection is logged (s62(1)(a)).
    record(
        Action.COLLECTION,
        record=outcome,
        purpose="Home Office outcome reported through the systems API",
        detail={"disclosure": disclosure.pk, "became_latest": latest},
    )
    if latest:
        disclosure.home_office_outcome = outcome.outcome
        disclosure.outcome_on = outcome.outcome_on
        # Not the source values of an import (source_hash stays): re-importing the file the
        # disclosure came from does not undo an outcome reported since.
        # Read by django-simple-history as the history row's reason.
        disclosure._change_reason = f"Home Office outcome reported ({client.actor})"  # type: ignore[attr-defined]
        disclosure.save(update_fields=["home_office_outcome", "outcome_on", "updated_at"])
    return outcome


def represent(outcome: OutcomeReport) -> dict[str, Any]:
    return {
        "id": outcome.pk,
        "disclosure_ref": outcome.disclosure.disclosure_ref,
        "home_office_outcome": outcome.outcome,
        "outcome_at": rows.day(outcome.outcome_on),
        "reference": outcome.reference or None,
        "reported_at": rows.moment(outcome.reported_at),
        "reported_by": outcome.reported_by,
        "became_latest": outcome.became_latest,
    }
