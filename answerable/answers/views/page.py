"""The answer page: ask a catalogue question (a GET form) and read its table and chart.

Answers are always under disclosure control. Only a user who may see exact figures
(predicates.can_see_exact_figures: the disclosure manager) is offered "exact figures (not for
publication)"; for anyone else the form has no such field, so `?exact=1` changes nothing.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse

from answerable.answers.answer import Answer
from answerable.answers.budget import QuestionTooCostly
from answerable.answers.case_page import case_page
from answerable.answers.catalogue import CATALOGUE
from answerable.answers.coarser import offers
from answerable.answers.forms import AskForm, is_query_field
from answerable.answers.links import CASE, CASE_QUESTION
from answerable.answers.output.grid import notes
from answerable.answers.views.access import can_attach
from answerable.answers.views.downloads import FORMATS
from answerable.answers.views.running import RunError, run
from answerable.answers.views.tables import chart_data, result_table
from answerable.roles import predicates
from answerable.web.access import require

PAGE_PURPOSE = "answer page"


def asked(request: HttpRequest) -> bool:
    """Whether the query string asks a question (rather than opening an empty form)."""
    return any(is_query_field(name) for name in request.GET)


def ask_form(request: HttpRequest, *, bound: bool = False) -> AskForm:
    exact_allowed = predicates.can_see_exact_figures(request.user)
    data = request.GET if bound or asked(request) else None
    return AskForm(data, exact_allowed=exact_allowed)


def attach_form_for(request: HttpRequest) -> AskForm:
    """The question as the attach view reads it: never exact (a case's figures are always
    disclosure-controlled)."""
    return AskForm(request.GET, exact_allowed=False)


def query_string(request: HttpRequest, *, exact: bool, case: bool = False) -> str:
    """The question's query string for the download and attach links: only the form's own
    parameters, `exact` only where it was granted, and the case question it answers (`case`)
    for the attach form, which shows the page again when it cannot attach."""
    query = request.GET.copy()
    kept = (CASE, CASE_QUESTION) if case else ()
    for name in list(query):
        if not (is_query_field(name) or name in kept) or (name == "exact" and not exact):
            del query[name]
    return query.urlencode(safe=",/")


def answered(form: AskForm, *, purpose: str, **detail: Any) -> Answer | None:
    """The form's answer, or None with the reason put on the form."""
    if not form.is_valid():
        return None
    try:
        return run(
            form.ask(),
            exact=form.wants_exact,
            threshold=form.chosen_threshold,
            purpose=purpose,
            **detail,
        )
    except RunError as error:
        field = error.field if error.field in form.fields else None
        form.add_error(field, error.message)
        return None


def render_page(
    request: HttpRequest,
    form: AskForm,
    answer: Answer | None,
    *,
    attach_form: forms.Form | None = None,
    status: int | None = None,
) -> HttpResponse:
    exact = answer is not None and form.wants_exact
    context: dict[str, Any] = {
        "form": form,
        "catalogue": list(CATALOGUE.values()),
        "exact_allowed": "exact" in form.fields,
        "exact_refused": "exact" in request.GET and "exact" not in form.fields,
        "answer": answer,
        "exact": exact,
        "for_case": case_page().for_case(request),
    }
    if answer is not None:
        chart = chart_data(answer)
        query = query_string(request, exact=exact)
        may_attach = can_attach(request.user)
        context.update(
            question=answer.counts.question,
            table=result_table(answer),
            notes=notes(answer),
            cost=answer.cost,
            chart_title=chart.title,
            chart_rows=chart.rows,
            downloads=[
                (name.upper(), reverse("answers:download", kwargs={"format": name}) + "?" + query)
                for name in FORMATS
            ],
            offers=[] if exact else _offers(request, answer),
            may_attach=may_attach,
            attach_form=(attach_form or case_page().attach_form()) if may_attach else None,
            attach_url=reverse("answers:attach")
            + "?"
            + query_string(request, exact=False, case=True),
        )
    if status is None:
        status = 400 if form.is_bound and form.errors else 200
    return render(request, "answers/index.html", context, status=status)


def _offers(request: HttpRequest, answer: Answer) -> list[tuple[str, str]]:
    """Coarser groupings to offer when most figures are withheld: (words, address)."""
    found = []
    for offer in offers(answer):
        query = request.GET.copy()
        for item in offer.option():
            query.appendlist("group", item)
        found.append((offer.words(), f"{reverse('answers:index')}?{query.urlencode()}"))
    return found


def too_costly_page(
    view: Callable[..., HttpResponseBase],
) -> Callable[..., HttpResponseBase]:
    """A question whose counting passed the answer budget (answers/budget.py) gets a page
    saying so and what to do, as 503 with Retry-After: not now, and nothing was counted."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            return view(request, *args, **kwargs)
        except QuestionTooCostly as error:
            retry_after = settings.ANSWERABLE_ANSWER_RETRY_AFTER
            context = {
                "budget_seconds": f"{error.budget_ms / 1000:g}",
                "retry_after": retry_after,
                "back_url": reverse("answers:index") + "?" + query_string(request, exact=True),
            }
            response = render(request, "answers/too_costly.html", context, status=503)
            response["Retry-After"] = str(retry_after)
            response["Cache-Control"] = "no-store"
            return response

    return wrapped


@require(predicates.can_ask)
@too_costly_page
def index(request: HttpRequest) -> HttpResponse:
    form = ask_form(request)
    return render_page(request, form, answered(form, purpose=PAGE_PURPOSE))
