"""The public request form: a member of the public asks for information, without signing in.

Question pages, one question each (GOV.UK "question pages" pattern): name, contact address,
the request; then "check your answers", and a confirmation page with the reference. The
answers are kept in the visitor's session until sent. Sending makes the case through the
same service as a request e-mailed (casework.intake.log_request), and the requester gets
the same acknowledgement (acknowledge.py). Spam is kept out by spam.py, with no
third-party service.
"""

from datetime import date
from typing import Any

from django import forms
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from answerable.casework import intake
from answerable.casework.models.choices import Channel
from answerable.casework.regime_guess import guess_regime
from answerable.mail import acknowledge, spam
from answerable.mail.forms import ContactForm, NameForm, RequestForm

SESSION = "foi_request"
DONE = "foi_request_reference"
STEPS = ("name", "contact", "details")
PERSONAL = ("name", "email", "address", "request", "website")


def _answers(request: HttpRequest) -> dict[str, Any]:
    return dict(request.session.get(SESSION, {}))


def _save(http: HttpRequest, **values: Any) -> None:
    http.session[SESSION] = {**_answers(http), **values}


def _url(name: str) -> str:
    return reverse(f"request_form:{name}")


def _next(request: HttpRequest, default: str) -> HttpResponse:
    # From "check your answers", a changed answer goes back there.
    if request.GET.get("change") and {"name", "request"} <= _answers(request).keys():
        return redirect(_url("check"))
    return redirect(_url(default))


def _question(
    request: HttpRequest, form: forms.Form, template: str, back: str, **extra: Any
) -> HttpResponse:
    context = {"form": form, "back": _url(back), "change": bool(request.GET.get("change")), **extra}
    return render(request, f"mail/request/{template}.html", context)


@never_cache
def start(request: HttpRequest) -> HttpResponse:
    return render(request, "mail/request/start.html")


@never_cache
@sensitive_post_parameters(*PERSONAL)
def name(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        form = NameForm(initial={"name": _answers(request).get("name", "")})
        return _question(request, form, "name", "start")
    form = NameForm(request.POST)
    if not form.is_valid():
        return _question(request, form, "name", "start")
    _save(request, name=" ".join(form.cleaned_data["name"].split()))
    return _next(request, "contact")


@never_cache
@sensitive_post_parameters(*PERSONAL)
def contact(request: HttpRequest) -> HttpResponse:
    answers = _answers(request)
    if "name" not in answers:
        return redirect(_url("name"))
    if request.method != "POST":
        form = ContactForm(initial={k: answers.get(k, "") for k in ("email", "address")})
        return _question(request, form, "contact", "name")
    form = ContactForm(request.POST)
    if not form.is_valid():
        return _question(request, form, "contact", "name")
    _save(request, email=form.cleaned_data["email"], address=form.cleaned_data["address"].strip())
    return _next(request, "details")


@never_cache
@sensitive_post_parameters(*PERSONAL)
def details(request: HttpRequest) -> HttpResponse:
    answers = _answers(request)
    if "name" not in answers:
        return redirect(_url("name"))
    if request.method != "POST":
        form = RequestForm(
            initial={"request": answers.get("request", ""), "token": spam.form_token()}
        )
        return _question(request, form, "details", "contact")
    form = RequestForm(request.POST)
    refusal = ""
    if form.is_valid():
        try:
            spam.check_honeypot(form.cleaned_data["website"])
            spam.check_token(form.cleaned_data["token"])
        except spam.Refused as error:
            refusal = str(error)
        else:
            _save(request, request=form.cleaned_data["request"].strip())
            return redirect(_url("check"))
    # Shown again with a fresh token: the time to fill it in counts again from here.
    data = request.POST.copy()
    data["token"] = spam.form_token()
    form = RequestForm(data)
    form.is_valid()
    if refusal:
        form.add_error(None, refusal)
    return _question(request, form, "details", "contact")


@never_cache
@sensitive_post_parameters(*PERSONAL)
def check(request: HttpRequest) -> HttpResponse:
    answers = _answers(request)
    if not {"name", "request"} <= answers.keys():
        return redirect(_url("name"))
    if request.method != "POST":
        return render(request, "mail/request/check.html", {"answers": answers})
    try:
        key = spam.check_rate(request)
    except spam.Refused as refusal:
        context = {"answers": answers, "refusal": str(refusal)}
        return render(request, "mail/request/check.html", context, status=429)
    with transaction.atomic():
        case = intake.log_request(
            received_on=timezone.localdate(),
            channel=Channel.WEB_FORM,
            requester=intake.Requester(
                name=answers["name"],
                email=answers.get("email", ""),
                address=answers.get("address", ""),
            ),
            title=intake.short_title("", answers["request"]),
            request_text=answers["request"],
            regime=guess_regime(answers["request"]),
        )
        spam.count_submission(key)
    acknowledge.acknowledge(case)
    del request.session[SESSION]
    request.session[DONE] = {
        "reference": case.reference,
        "email": bool(case.requester_email),
        "due_on": case.due_on.isoformat() if case.due_on else "",
    }
    return redirect(_url("done"))


@never_cache
def done(request: HttpRequest) -> HttpResponse:
    sent = request.session.get(DONE)
    if not sent:
        return redirect(_url("start"))
    due_on = date.fromisoformat(sent["due_on"]) if sent.get("due_on") else None
    return render(request, "mail/request/done.html", {"sent": sent, "due_on": due_on})
