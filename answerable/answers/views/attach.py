"""Keeping the answer on the page as a figures question of an FOI case (answers:attach).

The case keeps the query (RequestQuestion.ask, the options of `answerable ask`), never a
copy of the page's table: casework/answering.py answers it again now, always under
disclosure control whatever the page showed, and again whenever the case's figures are
refreshed, until the response is issued and they are frozen. A frozen question is never
changed: the case file keeps the figures the requester was given.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from answerable.answers.forms import NEW, AttachForm
from answerable.answers.views.access import can_attach
from answerable.answers.views.page import (
    PAGE_PURPOSE,
    answered,
    attach_form_for,
    render_page,
    too_costly_page,
)
from answerable.answers.views.running import log_run, query_of
from answerable.casework import answering
from answerable.casework.models import InformationRequest, RequestQuestion
from answerable.casework.models.choices import AnswerKind
from answerable.web.access import require

ATTACH_PURPOSE = "answer attached to a case"


class Frozen(Exception):
    pass


def _question(form: AttachForm, query: dict) -> RequestQuestion:
    """The question to keep the query on, locked, created or changed (not yet saved)."""
    data = form.cleaned_data
    if data["target"] == NEW:
        case = InformationRequest.objects.select_for_update().get(pk=data["case"].pk)
        number = data.get("number") or (case.questions.aggregate(n=Max("number"))["n"] or 0) + 1
        question = RequestQuestion(request=case, number=number, text=data["text"].strip())
    else:
        question = (
            RequestQuestion.objects.select_for_update()
            .select_related("request")
            .get(pk=data["existing"].pk)
        )
        if question.frozen:  # issued since the form was checked
            raise Frozen(
                f"{question.request.reference} question {question.number} was answered in "
                f"the response issued on {question.frozen_at:%d %B %Y}: its figures are "
                "frozen and cannot be changed"
            )
    question.answer_kind = AnswerKind.FIGURES
    question.ask = query
    return question


@require(can_attach)
@require_POST
@too_costly_page
def attach(request: HttpRequest) -> HttpResponse:
    # The question comes in the action's query string, as the page asked it, and is kept
    # without `exact`: a case's figures are always disclosure-controlled (answering.refresh).
    ask_form = attach_form_for(request)
    form = AttachForm(request.POST)
    if not ask_form.is_valid():
        return render_page(request, ask_form, None, status=400)
    if form.is_valid():
        ask = ask_form.ask()
        query = query_of(ask)
        if ask_form.chosen_threshold is not None:  # kept as `answerable ask --threshold`
            query["threshold"] = ask_form.chosen_threshold
        try:
            with transaction.atomic():
                question = _question(form, query)
                question.full_clean()
                question.save()
                outcome = answering.refresh(question)
                log_run(
                    ask,
                    exact=False,
                    **({"threshold": query["threshold"]} if "threshold" in query else {}),
                    purpose=ATTACH_PURPOSE,
                    case=question.request.reference,
                    number=question.number,
                )
        except Frozen as error:
            form.add_error("existing", str(error))
        except ValidationError as error:
            for problems in error.message_dict.values():
                for problem in problems:
                    form.add_error(None, problem)
        except IntegrityError:  # another officer took the number meanwhile
            form.add_error("number", "That question number has just been taken: try again")
        else:
            level = messages.SUCCESS if outcome.ok else messages.ERROR
            messages.add_message(request, level, outcome.message)
            url = reverse("casework:case_detail", kwargs={"reference": question.request.reference})
            return redirect(url)
    # Shown again with the attach form's errors, and the answer the officer was reading.
    again = attach_form_for(request)
    answer = answered(again, purpose=PAGE_PURPOSE)
    return render_page(request, again, answer, attach_form=form, status=400)
