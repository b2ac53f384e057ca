"""The case list (open cases by deadline) and logging a new request.

The list never shows, searches or filters by the requester: a list of who asked what is
the requester's personal data, and the officer needs only the reference (admin.py keeps
the same rule).
"""

from dataclasses import dataclass
from datetime import date

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.debug import sensitive_post_parameters

from answerable.casework.forms import CaseFilter, NewRequestForm
from answerable.casework.models import InformationRequest, RequestQuestion
from answerable.casework.services import save_request
from answerable.casework.views.access import can_log_requests
from answerable.casework.views.deadlines import Calendars, days_left, deadline_text, status_tag
from answerable.roles import predicates
from answerable.roles.predicates import account_of
from answerable.web.access import require

PER_PAGE = 25


@dataclass(frozen=True)
class CaseRow:
    case: InformationRequest
    status_class: str
    deadline: str  # "3 working days left", "Responded", "Clock stopped: fee unpaid"
    overdue: bool


def case_row(case: InformationRequest, today: date, calendars: Calendars) -> CaseRow:
    overdue = case.is_overdue(today)
    if case.responded_on is not None:
        deadline = "Responded on time" if case.on_time else "Responded late"
    elif case.due_on is None:
        deadline = "Clock stopped until the fee is paid"
    else:
        left = days_left(calendars(case.regime), today, case.due_on)
        deadline = deadline_text(left, overdue=overdue)
    return CaseRow(case, status_tag(case.status), deadline, overdue)


@require(predicates.can_do_casework)
def case_list(request: HttpRequest) -> HttpResponse:
    # Always bound: every field is optional, so no query lists the open cases.
    filters = CaseFilter(request.GET, InformationRequest.objects.select_related("officer"))
    form = filters.form
    page, rows = None, []
    if filters.is_valid():
        cases = filters.qs
        page = Paginator(cases, PER_PAGE).get_page(request.GET.get("page"))
        today, calendars = timezone.localdate(), Calendars()
        rows = [case_row(case, today, calendars) for case in page.object_list]
    filtered = any(request.GET.get(name) for name in CaseFilter.base_filters)
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "filtered": filtered,
        "may_log": can_log_requests(request.user),
    }
    return render(request, "casework/case_list.html", context)


@require(can_log_requests)
@sensitive_post_parameters("requester_name", "requester_email", "requester_address")
def case_new(request: HttpRequest) -> HttpResponse:
    with_requester = predicates.can_see_requester(request.user)
    if request.method != "POST":
        form = NewRequestForm(with_requester=with_requester)
        return render(request, "casework/case_new.html", {"form": form})
    form = NewRequestForm(request.POST, with_requester=with_requester)
    if not form.is_valid():
        return render(request, "casework/case_new.html", {"form": form})
    case = form.instance
    case.officer = account_of(
        request.user
    )  # the officer who logs a request deals with it until reassigned
    with transaction.atomic():
        # The service numbers the reference (services.py, reference.py) and the model's save
        # counts the deadline, as in the admin.
        save_request(case)
        # One by one, not bulk_create: each question's history starts with its creation.
        for number, text in enumerate(form.cleaned_data["questions"], start=1):
            RequestQuestion.objects.create(request=case, number=number, text=text)
    due = f"due {case.due_on:%-d %B %Y}" if case.due_on else "no deadline yet"
    messages.success(request, f"Request {case.reference} logged: {due}.")
    return redirect(reverse("casework:case_detail", kwargs={"reference": case.reference}))
