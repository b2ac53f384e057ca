"""Correcting a record: custody episodes and NCCU contacts by custody staff, ICCE requests
by the ICCE coordinator, each in their own division (predicates.can_correct).

Two people may open the same record at once. The form carries the version it was opened
on (forms/corrections.py); the check and the save happen in one transaction with the row
locked, so if the record has changed since, nothing is saved and the form comes back with
the other person's version shown below it. Nothing is silently overwritten.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Model
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.dateformat import format as date_format
from django.views.decorators.debug import sensitive_post_parameters

from answerable.audit.actions import Action
from answerable.audit.trail import record as audit
from answerable.core.uk_time import UK
from answerable.register.forms.corrections import VERSION_FIELD, CorrectionMixin, version_of
from answerable.register.forms.custody_correction import CustodyEpisodeCorrectionForm
from answerable.register.forms.icce_entry import IcceRequestCorrectionForm
from answerable.register.forms.nccu_entry import NccuContactCorrectionForm
from answerable.register.forms.people import PERSON_REF_FIELD
from answerable.register.models import IcceRequest, NccuContact
from answerable.register.models.fields import Timestamped
from answerable.register.sharing import record_icce_referral_disclosure
from answerable.register.views import access
from answerable.register.views.display import summary
from answerable.register.views.kinds import CUSTODY, ICCE, NCCU, Kind
from answerable.roles import predicates
from answerable.web.access import require
from answerable.web.wording import titled

FORM_PURPOSE = "correction form"
CONFLICT = (
    "This record was changed by someone else at {time} after you opened it; their version "
    "is shown below, check and correct again"
)


@dataclass(frozen=True)
class Correction:
    kind: Kind
    form: type[CorrectionMixin]
    title: str
    # Whether the form is told the record's division (NCCU contacts and ICCE requests).
    takes_division: bool = False
    # Called after the save, in its transaction (register/sharing.py).
    after_save: Callable[[Any], Any] | None = None


def conflict_message(current: Timestamped) -> str:
    return CONFLICT.format(time=date_format(current.updated_at.astimezone(UK), "H:i"))


def _form(correction: Correction, record: Timestamped, data: Any = None) -> CorrectionMixin:
    kwargs: dict[str, Any] = {"instance": record}
    if correction.takes_division:
        assert isinstance(record, NccuContact | IcceRequest)
        kwargs["division"] = record.division
    return correction.form(data, **kwargs)


def _render(
    request: HttpRequest,
    correction: Correction,
    record: Model,
    form: ModelForm,
    stored: Model | None = None,
) -> HttpResponse:
    kind = correction.kind
    context = {
        "title": titled(correction.title, str(record)),
        "form": form,
        "submit": "Save correction",
        "back_url": kind.detail_url(record),
        "stored_rows": summary(stored, request.user) if stored is not None else None,
    }
    return render(request, "register/form.html", context)


def correct(request: HttpRequest, correction: Correction, pk: int) -> HttpResponse:
    kind, user = correction.kind, request.user
    record = get_object_or_404(kind.model, pk=pk)
    if not predicates.can_correct(user, kind.name, record):
        raise PermissionDenied
    if request.method != "POST":
        # The form shows the record's values: a consultation, as its page is.
        audit(Action.CONSULTATION, record=record, purpose=FORM_PURPOSE)
        return _render(request, correction, record, _form(correction, record))
    with transaction.atomic():
        # Locked until the transaction ends: no other save comes between the check and
        # this one (SQLite: the IMMEDIATE transaction holds the write lock already).
        current = kind.model._default_manager.select_for_update().get(pk=pk)
        if not predicates.can_correct(user, kind.name, current):
            raise PermissionDenied
        form = _form(correction, current, request.POST)
        if not form.is_valid():
            return _render(request, correction, current, form)
        if form.opened_version != version_of(current):
            return _conflict(request, correction, current)
        saved = form.save()
        if correction.after_save is not None:
            correction.after_save(saved)
    messages.success(request, f"{kind.title} {saved} corrected.")
    return redirect(kind.detail_url(saved))


def _conflict(request: HttpRequest, correction: Correction, current: Timestamped) -> HttpResponse:
    """The form again, with what the user typed, now carrying the stored version: saving
    it again is a choice made having seen the other person's version."""
    model = type(current)
    theirs = model._default_manager.get(pk=current.pk)  # `current` holds the form's values by now
    data = request.POST.copy()
    data[VERSION_FIELD] = version_of(theirs)
    form = _form(correction, model._default_manager.get(pk=current.pk), data)
    form.is_valid()
    form.add_error(None, conflict_message(theirs))
    audit(Action.CONSULTATION, record=theirs, purpose=FORM_PURPOSE)
    return _render(request, correction, theirs, form, stored=theirs)


CUSTODY_CORRECTION = Correction(CUSTODY, CustodyEpisodeCorrectionForm, "Correct custody episode")
NCCU_CORRECTION = Correction(
    NCCU, NccuContactCorrectionForm, "Correct NCCU contact", takes_division=True
)
ICCE_CORRECTION = Correction(
    ICCE,
    IcceRequestCorrectionForm,
    "Update ICCE request",
    takes_division=True,
    # A request referred to Immigration Enforcement by this update has made a disclosure.
    after_save=record_icce_referral_disclosure,
)


@require(access.may_correct_custody)
def custody_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return correct(request, CUSTODY_CORRECTION, pk)


@require(access.may_correct_nccu)
@sensitive_post_parameters(PERSON_REF_FIELD)
def nccu_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return correct(request, NCCU_CORRECTION, pk)


@require(access.may_correct_icce)
@sensitive_post_parameters(PERSON_REF_FIELD)
def icce_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return correct(request, ICCE_CORRECTION, pk)
