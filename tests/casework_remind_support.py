"""Shared by the reminders' tests: a Monday, and cases due soon, overdue and unassigned on it."""

from datetime import date

import pytest
from casework_helpers import make_case, officer

from answerable.casework.models import Review

TODAY = date(2026, 7, 27)  # a Monday


@pytest.fixture
def cases():
    mine = officer("mine")
    no_mail = officer("nomail", email="")
    reviewer = officer("reviewer")
    due_soon = make_case(date(2026, 7, 1), officer=mine)  # due 29 July: 2 days left
    overdue = make_case(date(2026, 6, 24), officer=mine)  # due 22 July
    make_case(date(2026, 7, 20), officer=mine)  # due 17 August: not yet
    make_case(  # answered: never reminded
        date(2026, 6, 24), officer=mine, status="responded", responded_on=date(2026, 7, 20)
    )
    make_case(date(2026, 7, 1), officer=no_mail)
    unassigned = make_case(date(2026, 7, 1))
    answered = make_case(
        date(2026, 6, 1), officer=mine, status="responded", responded_on=date(2026, 6, 20)
    )
    Review.objects.create(
        request=answered,
        requirement_received_on=date(2026, 7, 1),  # due 29 July
        channel="email",
        dissatisfaction="Refused.",
        reviewer=reviewer,
    )
    return {"due_soon": due_soon, "overdue": overdue, "unassigned": unassigned}
