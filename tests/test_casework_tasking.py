"""Tasking the business units, chasing them, and the search record (casework/tasking.py)."""

from datetime import date
from decimal import Decimal

import pytest
from casework_helpers import make_case, officer
from django.core import mail

from answerable.audit.models import AuditEntry
from answerable.casework import fees, tasking
from answerable.casework.models import BusinessUnit, SearchTask
from answerable.casework.tasking import TaskError, task_due_problem

RECEIVED = date(2026, 7, 1)  # a Wednesday: FOISA's 20 working days end on 29 July 2026


def test_a_tasks_due_date_must_fall_inside_the_statutory_one() -> None:
    due = date(2026, 7, 29)
    assert task_due_problem(date(2026, 7, 20), asked_on=date(2026, 7, 2), statutory_due=due) is None
    assert task_due_problem(due, asked_on=date(2026, 7, 2), statutory_due=due) is None
    late = task_due_problem(date(2026, 7, 30), asked_on=date(2026, 7, 2), statutory_due=due)
    assert late and "on or before the request's statutory due date, 29 July 2026" in late
    early = task_due_problem(date(2026, 7, 1), asked_on=date(2026, 7, 2), statutory_due=due)
    assert early and "cannot be before today" in early
    stopped = task_due_problem(date(2026, 7, 20), asked_on=date(2026, 7, 2), statutory_due=None)
    assert stopped and "fee is unpaid" in stopped


def test_the_recorded_search_time_counts_towards_the_cost_estimate() -> None:
    within = fees.assess("foisa", recorded_search_minutes=600)  # 10 hours at GBP 15
    assert within.cost.gbp == Decimal("150.00") and not within.s12_applies
    assert any("600 minutes recorded" in line for line in within.explanation)
    over = fees.assess("foisa", recorded_search_minutes=1800, manual_search_minutes=660)
    assert over.cost.gbp == Decimal("615.00") and over.s12_applies  # 41 hours > GBP 600
    # Searching is locating the information: FOIA counts it too, at its flat GBP 25 an hour.
    assert fees.assess("foia", recorded_search_minutes=60).cost.gbp == Decimal("25.00")


@pytest.mark.django_db
def test_business_units_are_seeded_for_police_scotland() -> None:
    names = set(BusinessUnit.objects.values_list("name", flat=True))
    assert {
        "Custody Division",
        "Public Protection Unit",
        "Border Policing Command",
        "Information Management",
    } <= names
    assert all(unit.mailbox for unit in BusinessUnit.objects.all())


@pytest.mark.django_db
def test_an_officer_tasks_a_unit_chases_it_and_records_the_search() -> None:
    case = make_case(RECEIVED)
    assert case.due_on == date(2026, 7, 29)
    user = officer("foi")
    unit = BusinessUnit.objects.get(name="Custody Division")
    with pytest.raises(TaskError, match="statutory due date") as refused:
        tasking.create_task(
            case,
            unit=unit,
            kind="search",
            asked="x",
            due_on=date(2026, 7, 30),
            user=user,
            today=date(2026, 7, 2),
        )
    assert refused.value.field == "due_on" and not SearchTask.objects.exists()
    task = tasking.create_task(
        case,
        unit=unit,
        kind="figures",
        asked="Custody episodes under immigration powers, 2025/26, by centre.",
        due_on=date(2026, 7, 15),
        user=user,
        today=date(2026, 7, 2),
    )
    second = tasking.create_task(
        case,
        unit=BusinessUnit.objects.get(name="Public Protection Unit"),
        kind="search",
        asked="Referrals policy",
        due_on=date(2026, 7, 15),
        user=user,
        today=date(2026, 7, 2),
    )
    assert (task.number, second.number) == (1, 2)

    assert tasking.send_to_unit(task) == ""
    sent = mail.outbox[-1]
    assert sent.to == [unit.mailbox] and case.reference in sent.subject
    assert "Ms Requester Private" not in sent.body and "Custody episodes" in sent.body

    # Overdue from the day after its due date, for the reminders; not once done.
    assert tasking.overdue_tasks(date(2026, 7, 15)) == []
    assert tasking.overdue_tasks(date(2026, 7, 16)) == [task, second]
    chase = tasking.chase_task(task, user=user, note="Needed for Friday.", today=date(2026, 7, 16))
    assert chase.chased_by == user and chase.chased_on == date(2026, 7, 16)
    tasking.send_to_unit(task, chase=chase)
    assert mail.outbox[-1].subject.startswith("Reminder: ")

    with pytest.raises(TaskError, match="future"):
        tasking.record_search(
            case,
            task=task,
            where="Custody system",
            searched_by="PC Search",
            searched_on=date(2026, 7, 18),
            terms="immigration",
            found="412 episodes",
            minutes=90,
            user=user,
            today=date(2026, 7, 17),
        )
    search = tasking.record_search(
        case,
        task=task,
        where="National Custody System",
        searched_by="Custody Division analyst",
        searched_on=date(2026, 7, 17),
        terms="detention reason = immigration; 1 April 2025 to 31 March 2026",
        found="412 custody episodes at 14 centres",
        minutes=90,
        completes_task=True,
        user=user,
        today=date(2026, 7, 17),
    )
    task.refresh_from_db()
    assert task.status == "done" and task.done_on == date(2026, 7, 17)
    assert tasking.overdue_tasks(date(2026, 7, 20)) == [second]
    with pytest.raises(TaskError, match="nothing to chase"):
        tasking.chase_task(task, user=user)

    case.manual_search_minutes = 30
    case.save()
    assert case.recorded_search_minutes() == 90
    assessment = case.cost_assessment()
    assert assessment.cost.counted_minutes == 120  # the search recorded and the estimate
    assert assessment.cost.gbp == Decimal("30.00")

    purposes = list(AuditEntry.objects.values_list("record_type", "purpose"))
    assert (
        "casework.searchtask",
        f"FOI request {case.reference}: search task 1 to Custody Division",
    ) in purposes
    assert (
        "casework.searchrecord",
        f"FOI request {case.reference}: search of {search.where}",
    ) in purposes
    assert any(rt == "casework.taskchase" for rt, _ in purposes)


@pytest.mark.django_db
def test_no_task_on_an_answered_case_nor_to_a_unit_no_longer_active() -> None:
    case = make_case(RECEIVED)
    unit = BusinessUnit.objects.get(name="Information Management")
    unit.active = False
    unit.save()
    with pytest.raises(TaskError, match="no longer an active unit"):
        tasking.create_task(
            case,
            unit=unit,
            kind="search",
            asked="x",
            due_on=date(2026, 7, 10),
            today=date(2026, 7, 2),
        )
    case.status, case.responded_on = "responded", date(2026, 7, 20)
    case.save()
    with pytest.raises(TaskError, match="has been answered"):
        tasking.create_task(
            case,
            unit=BusinessUnit.objects.first(),
            kind="search",
            asked="x",
            due_on=date(2026, 7, 10),
            today=date(2026, 7, 2),
        )


@pytest.mark.django_db
def test_an_administrator_edits_a_units_mailbox_in_the_admin() -> None:
    from django.test import Client
    from django.urls import reverse

    from answerable.roles.assign import assign_role
    from answerable.roles.roles import Role

    admin_user = officer("admin-user")
    assign_role(admin_user, Role.ADMINISTRATOR)
    client = Client()
    client.force_login(admin_user)
    unit = BusinessUnit.objects.get(name="Border Policing Command")
    url = reverse("admin:casework_businessunit_change", args=[unit.pk])
    response = client.post(
        url,
        {"name": unit.name, "mailbox": "bpc.foi@force.example", "description": "", "active": "on"},
    )
    assert response.status_code == 302
    unit.refresh_from_db()
    assert unit.mailbox == "bpc.foi@force.example"
    assert unit.history.count() == 1  # the change is kept in the unit's history
    foi = officer("foi-user")
    assign_role(foi, Role.FOI_OFFICER)
    client.force_login(foi)
    assert client.post(url, {"name": "x", "mailbox": "x@y.example"}).status_code == 403
