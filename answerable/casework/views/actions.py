"""What is done to a case from its page, each a POST (CSRF-checked): re-run its figures,
issue its response, close it.

Issuing calls issue.issue_response as the admin's action does, in one transaction: a
refusal (a letter lacking what the Act requires, figures that cannot be released, a
response already given) leaves nothing written and is shown as the page's error summary.
"""

import re

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from answerable.audit.actions import Action
from answerable.audit.trail import record
from answerable.casework import answering, dispatch
from answerable.casework.forms import IssueForm, notices_for
from answerable.casework.issue import issue_response
from answerable.casework.models import InformationRequest, RequestQuestion
from answerable.casework.models.choices import Status
from answerable.casework.models.dispatch import DispatchStatus
from answerable.casework.views.access import can_change_cases, can_edit_questions
from answerable.casework.views.case import get_case, render_case
from answerable.web.access import require


def _to_case(case: InformationRequest, query: str = "") -> HttpResponse:
    url = reverse("casework:case_detail", kwargs={"reference": case.reference})
    return redirect(url + query)


def _record_combination(case: InformationRequest, question: RequestQuestion) -> None:
    # DPA 2018 s62(1)(e): running a figures question combines the register's records of
    # people into counts. The entry names the query, never a person.
    record(
        Action.COMBINATION,
        record=question,
        purpose=f"FOI request {case.reference}: figures for question {question.number}",
        detail={"question": (question.ask or {}).get("question", ""), "answer": "figures"},
    )


@require(can_edit_questions)
@require_POST
def refresh(request: HttpRequest, reference: str) -> HttpResponse:
    case = get_case(reference)
    with transaction.atomic():
        results = answering.refresh_all(case)
        for result in results:
            _record_combination(case, result.question)
    if not results:
        messages.info(request, f"{case.reference}: no figures to refresh.")
    for result in results:
        messages.add_message(
            request, messages.SUCCESS if result.ok else messages.ERROR, result.message
        )
    return _to_case(case)


@require(can_change_cases)
@require_POST
def issue(request: HttpRequest, reference: str) -> HttpResponse:
    case = get_case(reference)
    questions = list(case.questions.order_by("number"))
    choice = notices_for(question.answer_kind for question in questions)
    form = IssueForm(request.POST, notices=choice.notices)
    if case.responded_on is not None:
        return render_case(
            request,
            case,
            status=409,
            error_title="The response cannot be issued",
            errors=[(f"{case.reference} was answered on {case.responded_on:%-d %B %Y}.", "")],
        )
    if not choice.notices:
        return render_case(
            request,
            case,
            error_title="The response cannot be issued",
            errors=[(choice.reason, "#questions")],
        )
    if not form.is_valid():
        problems = [(error, "#id_notice") for error in form.errors.get("notice", [])]
        return render_case(
            request, case, issue_form=form, error_title="There is a problem", errors=problems
        )
    # The figures questions issuing will run first (answering.freeze), for the audit trail.
    to_run = [q for q in answering.figures_questions(case) if not q.frozen and q.result is None]
    try:
        with transaction.atomic():
            issued = issue_response(
                case,
                notice=form.cleaned_data["notice"],
                issued_on=timezone.localdate(),
                user=request.user,
            )
            for question in to_run:
                _record_combination(case, question)
    except (ValueError, answering.AnsweringError) as refusal:
        # Nothing was written (issue_response is one transaction); the case is read again so
        # the page shows it as it is, not as issuing had begun to change it.
        case = get_case(reference)
        return render_case(
            request,
            case,
            issue_form=IssueForm(request.POST, notices=choice.notices),
            error_title="The response cannot be issued",
            errors=[(line, anchor_of(line)) for line in refusal_lines(str(refusal))],
        )
    # Issued and kept first, sent after: a failure to send is recorded on the case (and
    # shown there, to send again or post), never a reason to lose the response.
    sent = dispatch.send_response(issued, user=request.user)
    if sent.status == DispatchStatus.FAILED:
        messages.error(request, f"The response was issued but the e-mail failed: {sent.error}")
    return _to_case(case, f"?issued={issued.pk}")


def anchor_of(line: str) -> str:
    """ "Question 2: ..." points to question 2 on the page; other lines to nothing."""
    match = re.match(r"Question (\d+)\b", line)
    return f"#question-{match.group(1)}" if match else ""


def refusal_lines(message: str) -> list[str]:
    """A refusal's message as the error summary's items: a LetterError lists each thing the
    letter lacks on a line of its own ("- ..."), after a first line saying which letter."""
    lines = [line.strip() for line in message.splitlines() if line.strip()]
    items = [line.removeprefix("- ").strip() for line in lines if line.startswith("- ")]
    if not items:
        return [message.strip()[:1].upper() + message.strip()[1:]]
    head = [line for line in lines if not line.startswith("- ")]
    return [*(h[:1].upper() + h[1:] for h in head), *(i[:1].upper() + i[1:] for i in items)]


@require(can_change_cases)
@require_POST
def close(request: HttpRequest, reference: str) -> HttpResponse:
    case = get_case(reference)
    if case.status != Status.RESPONDED:
        # A request still to be answered is not closed but answered (or, in the
        # administration, marked withdrawn); a closed one is closed already.
        reason = (
            "The case is closed already."
            if case.status in (Status.CLOSED, Status.WITHDRAWN)
            else "Issue the response before closing the case."
        )
        return render_case(
            request,
            case,
            status=409,
            error_title="The case cannot be closed",
            errors=[(reason, "")],
        )
    case.status = Status.CLOSED
    case.save()
    messages.success(request, f"{case.reference} closed.")
    return _to_case(case)
