"""Recording a new NCCU contact (custody staff) or ICCE request (the ICCE coordinator).

Every NCCU contact shares the person's details with Immigration Enforcement (seed 000),
and so does an ICCE high-harm referral: each is saved with its disclosure in one
transaction (register/sharing.py, as the admin and the systems API do), so the disclosure
register, which FOI answers count from, is never missing one (DPA 2018 s62(4)).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.debug import sensitive_post_parameters

from answerable.register.forms.icce_entry import IcceRequestEntryForm
from answerable.register.forms.nccu_entry import NccuContactEntryForm
from answerable.register.forms.people import PERSON_REF_FIELD
from answerable.register.forms.transfers import IcceTransferForm
from answerable.register.models import Disclosure, IcceRequest
from answerable.register.sharing import record_icce_referral_disclosure, record_nccu_disclosure
from answerable.register.transfers import record_transfer
from answerable.register.views import access
from answerable.register.views.kinds import ICCE, NCCU
from answerable.roles import predicates
from answerable.web.access import require


def _render(request: HttpRequest, title: str, form: ModelForm, back: str) -> HttpResponse:
    context = {"title": title, "form": form, "submit": "Save", "back_url": back}
    return render(request, "register/form.html", context)


def _shared(disclosure: Disclosure | None) -> str:
    if disclosure is None:
        return ""
    return f" Its disclosure to the Home Office is {disclosure.disclosure_ref}."


@require(access.can_record_nccu)
@sensitive_post_parameters(PERSON_REF_FIELD)
def nccu_new(request: HttpRequest) -> HttpResponse:
    # The officer's own division (None only for a force-wide user such as a superuser).
    division = predicates.division_of(request.user)
    title, back = "Record an NCCU contact", reverse("register:nccu_list")
    if request.method != "POST":
        return _render(request, title, NccuContactEntryForm(division=division), back)
    form = NccuContactEntryForm(request.POST, division=division)
    if not form.is_valid():
        return _render(request, title, form, back)
    with transaction.atomic():
        contact = form.save()
        disclosure = record_nccu_disclosure(contact)
    messages.success(request, f"NCCU contact {contact} recorded.{_shared(disclosure)}")
    return redirect(NCCU.detail_url(contact))


@require(access.can_record_icce)
@sensitive_post_parameters(PERSON_REF_FIELD)
def icce_new(request: HttpRequest) -> HttpResponse:
    division = predicates.division_of(request.user)
    title, back = "Record an ICCE request", reverse("register:icce_list")
    if request.method != "POST":
        return _render(request, title, IcceRequestEntryForm(division=division), back)
    form = IcceRequestEntryForm(request.POST, division=division)
    if not form.is_valid():
        return _render(request, title, form, back)
    with transaction.atomic():
        icce = form.save()
        disclosure = record_icce_referral_disclosure(icce)
    messages.success(request, f"ICCE request {icce} recorded.{_shared(disclosure)}")
    return redirect(ICCE.detail_url(icce))


@require(access.can_record_icce)
def icce_transfer(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a transfer of the person's data abroad made by this ICCE request (s73-s76)."""
    icce = get_object_or_404(IcceRequest, pk=pk)
    if not predicates.can_view_record(request.user, ICCE.name, icce):
        raise PermissionDenied
    title, back = f"Record a transfer abroad for ICCE request {icce}", ICCE.detail_url(icce)
    form = IcceTransferForm(
        request.POST if request.method == "POST" else None, sent_on=icce.sent_on
    )
    if not form.is_valid():
        return render(
            request,
            "register/form.html",
            {"title": title, "form": form, "submit": "Save", "back_url": back},
            status=400 if form.is_bound else 200,
        )
    record_transfer(icce, **form.cleaned_data, user=request.user)
    messages.success(request, f"Transfer abroad recorded for ICCE request {icce}.")
    return redirect(back)
