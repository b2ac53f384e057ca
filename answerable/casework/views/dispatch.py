"""Sending an issued response again after a failure, or recording that it was posted;
each a POST (CSRF-checked) by those who may change cases."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from answerable.casework import dispatch
from answerable.casework.models import Dispatch, IssuedLetter
from answerable.casework.views.access import can_change_cases
from answerable.casework.views.case import get_case, render_case
from answerable.web.access import require


def _back(reference: str) -> HttpResponse:
    return redirect(reverse("casework:case_detail", kwargs={"reference": reference}) + "#sent")


@require(can_change_cases)
@require_POST
def send_again(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = get_case(reference)
    sent = get_object_or_404(Dispatch, pk=pk, request=case)
    try:
        sent = dispatch.send_again(sent, user=request.user)
    except dispatch.DispatchError as error:
        return render_case(
            request,
            case,
            status=409,
            error_title="The response cannot be sent again",
            errors=[(str(error)[:1].upper() + str(error)[1:] + ".", "#sent")],
        )
    if sent.status == "sent":
        messages.success(request, f"{case.reference}: the response was e-mailed.")
    else:
        messages.error(request, f"{case.reference}: the e-mail failed again: {sent.error}")
    return _back(reference)


@require(can_change_cases)
@require_POST
def record_posted(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = get_case(reference)
    letter = get_object_or_404(IssuedLetter, pk=pk, request=case)
    try:
        dispatch.record_posted(letter, user=request.user)
    except dispatch.DispatchError as error:
        return render_case(
            request,
            case,
            status=409,
            error_title="The letter cannot be recorded as posted",
            errors=[(str(error), "#sent")],
        )
    messages.success(request, f"{case.reference}: recorded as posted.")
    return _back(reference)
