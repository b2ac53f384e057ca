"""`answerable remind` tells each officer of their cases' tasks a business unit has not done
by its date (tasking.overdue_tasks)."""

from datetime import date

import pytest
from casework_helpers import make_case, officer
from django.core.management import call_command

from answerable.casework import tasking
from answerable.casework.models import BusinessUnit

pytestmark = pytest.mark.django_db


def test_an_overdue_task_is_in_its_officers_reminder(mailoutbox) -> None:
    mine = officer("mine")
    case = make_case(date(2026, 7, 20), officer=mine)  # due 17 August: not itself due
    unit = BusinessUnit.objects.get(name="Border Policing Command")
    task = tasking.create_task(
        case,
        unit=unit,
        kind="figures",
        asked="Referrals",
        due_on=date(2026, 7, 24),
        today=date(2026, 7, 20),
    )
    call_command("remind", "--today", "2026-07-24")
    assert mailoutbox == []  # due today: not yet overdue
    call_command("remind", "--today", "2026-07-27")
    [sent] = mailoutbox
    line = next(line for line in sent.body.splitlines() if case.reference in line)
    assert "task 1" in line and "OVERDUE" in line and "Fri 24 Jul 2026" in line
    tasking.record_search(
        case,
        task=task,
        where="Ports system",
        searched_by="BPC",
        searched_on=date(2026, 7, 27),
        terms="referrals",
        found="12",
        minutes=20,
        completes_task=True,
        today=date(2026, 7, 27),
    )
    call_command("remind", "--today", "2026-07-28")
    assert len(mailoutbox) == 1  # done: no longer reminded
