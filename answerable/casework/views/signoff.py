"""Asking for sign-off of a response, and an approver's decision (services in signoff.py)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from answerable.casework import signoff
from answerable.casework.forms import notices_for
from answerable.casework.models import InformationRequest
from answerable.casework.taskforms import DecisionForm, SignOffRequestForm
from answerable.casework.views.access import can_approve, can_ask_sign_off
from answerable.casework.views.case import get_case
from answerable.web.access import require


def _to_case(case: InformationRequest) -> HttpResponse:
    url = reverse("casework:case_detail", kwargs={"reference": case.reference})
    return redirect(url + "#sign-off")


@require(can_ask_sign_off)
def sign_off_request(request: HttpRequest, reference: str) -> HttpResponse:
    case = get_case(reference)
    choice = notices_for(q.answer_kind for q in case.questions.order_by("number"))
    form = SignOffRequestForm(request.POST or None, case=case, notices=choice.notices)
    context = {"case": case, "form": form, "no_notice_reason": choice.reason}
    answered = case.responded_on is not None
    if answered or not choice.notices:
        context["refusal"] = (
            f"{case.reference} has been answered: nothing to sign off."
            if answered
            else choice.reason
        )
        status = 409 if request.method == "POST" else 200
        return render(request, "casework/sign_off_request.html", context, status=status)
    if request.method != "POST" or not form.is_valid():
        return render(request, "casework/sign_off_request.html", context)
    try:
        signoff.request_sign_off(
            case,
            notice=form.cleaned_data["notice"],
            user=request.user,
            note=form.cleaned_data["note"],
            flags=form.cleaned_data["flags"],
        )
    except signoff.SignOffError as error:
        form.add_error(None, str(error))
        return render(request, "casework/sign_off_request.html", context, status=409)
    messages.success(request, "Sign-off asked for: an approver will approve or reject it.")
    return _to_case(case)


@require(can_approve)
def sign_off_decide(request: HttpRequest, reference: str) -> HttpResponse:
    case = get_case(reference)
    state = signoff.state(case)
    pending = state.sign_off if state.awaiting_decision else None
    form = DecisionForm(request.POST or None)
    context = {
        "case": case,
        "state": state,
        "pending": pending,
        "form": form,
        "own": pending is not None and pending.requested_by_id == request.user.pk,
        "questions": list(case.questions.order_by("number")),
    }
    if pending is None or request.method != "POST" or not form.is_valid():
        status = 409 if pending is None and request.method == "POST" else 200
        return render(request, "casework/sign_off_decide.html", context, status=status)
    approved = form.cleaned_data["decision"] == "approve"
    try:
        signoff.decide(
            pending, user=request.user, approved=approved, comment=form.cleaned_data["comment"]
        )
    except signoff.SignOffError as error:
        form.add_error(None, str(error))
        return render(request, "casework/sign_off_decide.html", context, status=409)
    messages.success(request, "Response approved." if approved else "Response rejected.")
    return _to_case(case)
