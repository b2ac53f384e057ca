"""The case page's tasks, search record, cost estimate and sign-off (case.py shows them)."""

from datetime import date
from typing import Any

from answerable.casework import signoff
from answerable.casework.models import InformationRequest, TaskStatus
from answerable.casework.views.access import (
    can_approve,
    can_ask_sign_off,
    can_record_searches,
    can_task_units,
)


def work_context(user: Any, case: InformationRequest, today: date, *, open_: bool) -> dict:
    """What the case page shows of the searches made and the sign-off of its response."""
    tasks = list(
        case.tasks.select_related("unit").prefetch_related("chases__chased_by").order_by("number")
    )
    searches = list(
        case.searches.select_related("task", "task__unit").order_by("searched_on", "pk")
    )
    state = signoff.state(case)
    decisions = [
        (sign_off, list(sign_off.decisions.select_related("decided_by").order_by("pk")))
        for sign_off in case.sign_offs.select_related("requested_by").order_by("pk")
    ]
    return {
        "tasks": [(task, task.status == TaskStatus.OPEN and task.due_on < today) for task in tasks],
        "searches": searches,
        "search_minutes": sum(search.minutes for search in searches),
        "cost": case.cost_assessment(),
        "sign_off": state,
        "sign_off_history": decisions,
        "may_task": open_ and can_task_units(user),
        "may_record_search": open_ and can_record_searches(user),
        "may_ask_sign_off": open_ and can_ask_sign_off(user),
        "may_decide": open_ and state.awaiting_decision and can_approve(user),
    }
