"""Tasking a business unit, chasing it, and recording a search (services in tasking.py)."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from answerable.casework import tasking
from answerable.casework.models import InformationRequest, SearchTask
from answerable.casework.taskforms import ChaseForm, SearchForm, TaskForm, today
from answerable.casework.views.access import can_record_searches, can_task_units
from answerable.casework.views.case import get_case
from answerable.web.access import require


def _to_case(case: InformationRequest, anchor: str) -> HttpResponse:
    return redirect(reverse("casework:case_detail", kwargs={"reference": case.reference}) + anchor)


def _closed(request: HttpRequest, case: InformationRequest) -> HttpResponse | None:
    if case.responded_on is None and case.status not in ("closed", "withdrawn"):
        return None
    messages.error(request, f"{case.reference} has been answered: no more tasks or searches.")
    return _to_case(case, "#tasks")


@require(can_task_units)
def task_new(request: HttpRequest, reference: str) -> HttpResponse:
    case = get_case(reference)
    if (refusal := _closed(request, case)) is not None:
        return refusal
    day = today()
    form = TaskForm(request.POST or None, case=case, today=day)
    if request.method != "POST" or not form.is_valid():
        return render(request, "casework/task_new.html", {"case": case, "form": form})
    try:
        task = tasking.create_task(case, user=request.user, today=day, **form.cleaned_data)
    except tasking.TaskError as error:
        form.add_error(error.field or None, str(error))
        return render(request, "casework/task_new.html", {"case": case, "form": form})
    problem = tasking.send_to_unit(task)
    if problem:
        messages.warning(request, f"Task {task.number} recorded. {problem}: tell the unit.")
    else:
        messages.success(request, f"Task {task.number} sent to {task.unit.name}.")
    return _to_case(case, "#tasks")


def _task(case: InformationRequest, number: int) -> SearchTask:
    task = case.tasks.select_related("unit").filter(number=number).first()
    if task is None:
        raise Http404(f"{case.reference} has no task {number}")
    return task


@require(can_task_units)
def task_chase(request: HttpRequest, reference: str, number: int) -> HttpResponse:
    case = get_case(reference)
    task = _task(case, number)
    form = ChaseForm(request.POST or None)
    context = {"case": case, "task": task, "form": form}
    if request.method != "POST" or not form.is_valid():
        return render(request, "casework/task_chase.html", context)
    try:
        chase = tasking.chase_task(task, user=request.user, note=form.cleaned_data["note"])
    except tasking.TaskError as error:
        form.add_error(None, str(error))
        return render(request, "casework/task_chase.html", context, status=409)
    problem = tasking.send_to_unit(task, chase=chase)
    if problem:
        messages.warning(request, f"Chaser recorded. {problem}: tell the unit.")
    else:
        messages.success(request, f"{task.unit.name} chased for task {task.number}.")
    return _to_case(case, "#tasks")


@require(can_record_searches)
def search_record(request: HttpRequest, reference: str) -> HttpResponse:
    case = get_case(reference)
    if (refusal := _closed(request, case)) is not None:
        return refusal
    day = today()
    initial = {}
    wanted = request.GET.get("task", "")
    if wanted.isdigit():
        initial["task"] = case.tasks.filter(number=int(wanted)).first()
    form = SearchForm(request.POST or None, case=case, today=day, initial=initial)
    context = {"case": case, "form": form}
    if request.method != "POST" or not form.is_valid():
        return render(request, "casework/search_record.html", context)
    data = dict(form.cleaned_data)
    data.setdefault("completes_task", False)
    try:
        tasking.record_search(case, user=request.user, today=day, **data)
    except tasking.TaskError as error:
        form.add_error(error.field or None, str(error))
        return render(request, "casework/search_record.html", context)
    messages.success(request, "Search recorded: its time counts towards the cost estimate.")
    return _to_case(case, "#searches")
