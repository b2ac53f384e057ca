"""Casework's part of the answer page (answers/case_page.py): the case question the page was
opened for (links.answers_url: ?case=REF&case_question=N), and keeping the page's question
as a figures question of an FOI case (answers:attach).

The case keeps the query (RequestQuestion.ask, the options of `answerable ask`), never a
copy of the page's table: casework/answering.py answers it again now, always under
disclosure control whatever the page showed, and again whenever the case's figures are
refreshed, until the response is issued and they are frozen. A frozen question is never
changed: the case file keeps the figures the requester was given.
"""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from answerable.answers.case_page import CasePage
from answerable.answers.links import CASE, CASE_QUESTION
from answerable.answers.views.access import can_attach
from answerable.answers.views.page import (
    PAGE_PURPOSE,
    answered,
    attach_form_for,
    render_page,
)
from answerable.answers.views.running import log_run, query_of
from answerable.casework import answering
from answerable.casework.models import InformationRequest, RequestQuestion
from answerable.casework.models.choices import AnswerKind
from answerable.roles import predicates
from answerable.web.access import require

# --- the form ------------------------------------------------------------------------------

NEW, EXISTING = "new", "existing"


def open_cases() -> models.QuerySet[InformationRequest]:
    """Cases still to be answered (not responded, closed or withdrawn), by deadline; only
    the fields the list shows, never the requester's."""
    return (
        InformationRequest.objects.awaiting_response()
        .only("reference", "title", "due_on")
        .order_by(models.F("due_on").asc(nulls_last=True), "reference")
    )


class CaseChoice(forms.ModelChoiceField):
    # When the form needs a case though the field is optional (its clean() says so), or "".
    needed_when = ""

    def label_from_instance(self, case: InformationRequest) -> str:
        return f"{case.reference}: {case.title}"


class QuestionChoice(forms.ModelChoiceField):
    def label_from_instance(self, question: RequestQuestion) -> str:
        text = question.text if len(question.text) <= 70 else question.text[:69] + "…"
        frozen = " (issued: frozen)" if question.frozen else ""
        return f"{question.request.reference} question {question.number}{frozen}: {text}"


class AttachForm(forms.Form):
    """Which case, and which of its questions, the answer is kept on."""

    target = forms.ChoiceField(
        label="Attach the figures to",
        choices=[(NEW, "A new question of a case"), (EXISTING, "A question the case already has")],
        widget=forms.RadioSelect,
        initial=NEW,
        error_messages={"required": "Choose a new question or an existing one"},
    )
    case = CaseChoice(
        label="Case",
        queryset=InformationRequest.objects.none(),
        required=False,
        empty_label="Choose a case",
        help_text=(
            "Needed for a new question. Cases awaiting a response, the soonest deadline first"
        ),
        error_messages={"invalid_choice": "Choose a case awaiting a response from the list"},
    )
    case.needed_when = NEW  # required for a new question (clean()): not labelled optional
    number = forms.IntegerField(
        label="New question number",
        required=False,
        min_value=1,
        max_value=999,
        help_text="Leave empty for the case's next number",
    )
    text = forms.CharField(
        label="The question as the requester put it",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    existing = QuestionChoice(
        label="Existing question",
        queryset=RequestQuestion.objects.none(),
        required=False,
        empty_label="Choose a question",
        help_text="Its figures are replaced by these",
        error_messages={"invalid_choice": "Choose a question of a case awaiting a response"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cases = open_cases()
        case, existing = self.fields["case"], self.fields["existing"]
        assert isinstance(case, CaseChoice) and isinstance(existing, QuestionChoice)
        case.queryset = cases
        existing.queryset = (
            RequestQuestion.objects.filter(
                request__in=InformationRequest.objects.awaiting_response()
            )
            .select_related("request")
            .only("number", "text", "frozen_at", "request", "request__reference")
            .order_by("request__reference", "number")
        )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        target, case, existing = data.get("target"), data.get("case"), data.get("existing")
        if target == NEW:
            if case is None and "case" not in self.errors:
                self.add_error("case", "Choose the case to add the question to")
            if not (data.get("text") or "").strip():
                self.add_error("text", "Enter the question as the requester put it")
            number = data.get("number")
            if case is not None and number and case.questions.filter(number=number).exists():
                self.add_error(
                    "number",
                    f"{case.reference} already has a question {number}: choose “a question "
                    "the case already has” to replace its figures, or another number",
                )
        elif target == EXISTING:
            if existing is None:
                if "existing" not in self.errors:
                    self.add_error("existing", "Choose the question to attach the figures to")
            elif case is not None and existing.request_id != case.pk:
                self.add_error(
                    "existing",
                    f"{existing.request.reference} question {existing.number} is not a question "
                    f"of {case.reference}",
                )
            elif existing.frozen:
                self.add_error(
                    "existing",
                    f"{existing.request.reference} question {existing.number} was answered in "
                    f"the response issued on {existing.frozen_at:%d %B %Y}: its figures are "
                    "frozen and cannot be changed",
                )
        return data


# --- the case question the page was opened for -----------------------------------------------


@dataclass(frozen=True)
class ForCase:
    reference: str
    number: int
    question: RequestQuestion | None
    back_url: str
    problem: str  # why the figures cannot be saved to the question; "" when they can

    @property
    def can_save(self) -> bool:
        return self.question is not None and not self.problem


def for_case(request: HttpRequest) -> ForCase | None:
    """The case question the page was opened for (?case=REF&case_question=N), for those who
    may read cases; None when there is none, or the user may not see cases."""
    reference = request.GET.get(CASE, "").strip()
    number = request.GET.get(CASE_QUESTION, "").strip()
    if not reference or not number.isdigit() or not predicates.can_do_casework(request.user):
        return None
    case = InformationRequest.objects.filter(reference=reference).first()
    if case is None:
        return ForCase(reference, int(number), None, "", f"There is no case {reference}")
    back = reverse("casework:case_detail", kwargs={"reference": reference})
    question = case.questions.filter(number=int(number)).first()
    if question is None:
        return ForCase(reference, int(number), None, back, f"{reference} has no question {number}")
    problem = ""
    if question.frozen:
        problem = (
            f"Question {question.number} was answered in the response issued on "
            f"{question.frozen_at:%d %B %Y}: its figures are frozen and cannot be changed"
        )
    elif not InformationRequest.objects.awaiting_response().filter(pk=case.pk).exists():
        problem = f"{reference} is not awaiting a response: its figures cannot be changed"
    return ForCase(reference, question.number, question, f"{back}#question-{number}", problem)


# --- keeping the answer on a case ------------------------------------------------------------

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


def page() -> CasePage:
    """What casework gives the answer page (connected in apps.py)."""
    return CasePage(for_case=for_case, attach_form=AttachForm, attach=attach)
