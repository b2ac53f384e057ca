"""The casework pages' forms: finding cases, logging a request, editing a question, issuing.

Forms are drawn as GOV.UK Frontend markup by the project's form renderer (web/forms.py).
The model's own validation (the statutory clock in InformationRequest.clean, the figures
query in RequestQuestion.clean) is run through `model_errors_onto`, so an error on a field
the form does not show is still reported, never raised as a server error.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import F, QuerySet

from answerable.casework.letters.request import find
from answerable.casework.models import InformationRequest, RequestQuestion
from answerable.casework.models.choices import (
    AWAITING_RESPONSE,
    CLOSED_STATUSES,
    AnswerKind,
    Channel,
    Notice,
    Regime,
    Status,
)
from answerable.casework.models.questions import PART_KINDS
from answerable.casework.models.requests import REQUESTER_FIELDS
from answerable.core.dates import DATE_FORMATS
from answerable.web.filters import ChoiceFilter

DATE_HINT = "For example, 27/03/2026"


def model_errors_onto(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a model's ValidationError on the form: on the field it names where the form has
    that field, otherwise at the top of the form with the field's label."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, problems in error.error_dict.items():
        if name in form.fields:
            form.add_error(name, problems)
            continue
        for problem in problems:
            text = " ".join(problem.messages)
            label = "" if name == NON_FIELD_ERRORS else name.replace("_", " ") + ": "
            form.add_error(None, f"{label}{text}")


# --- the case list's filters ----------------------------------------------------------------

OPEN, RESPONDED, CLOSED, ALL = "open", "responded", "closed", "all"
STATUS_GROUPS = (
    (OPEN, "Awaiting a response"),
    (RESPONDED, "Responded"),
    (CLOSED, "Closed or withdrawn"),
    (ALL, "All cases"),
)


def officers() -> QuerySet:
    """The staff who hold a case: the officer filter's choices."""
    return (
        get_user_model()
        .objects.filter(foi_cases__isnull=False)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


class OfficerChoice(forms.ModelChoiceField):
    def label_from_instance(self, user: Any) -> str:
        return user.get_full_name() or user.get_username()


class StatusGroupFilter(ChoiceFilter):
    """A group of statuses; none chosen is the open cases (awaiting a response)."""

    def filter(self, qs: QuerySet, value: Any) -> QuerySet:
        group = value or OPEN
        if group == OPEN:
            return qs.filter(status__in=AWAITING_RESPONSE)
        if group == RESPONDED:
            return qs.filter(status=Status.RESPONDED)
        if group == CLOSED:
            return qs.filter(status__in=CLOSED_STATUSES)
        return qs


class OfficerFilter(django_filters.ModelChoiceFilter):
    field_class = OfficerChoice


class CaseFilter(django_filters.FilterSet):
    """The case list's filters (a django-filter FilterSet); every one optional, so an empty
    query lists the open cases, by deadline."""

    status = StatusGroupFilter(
        label="Status",
        choices=STATUS_GROUPS,
        error_messages={"invalid_choice": "Choose a status from the list"},
    )
    regime = ChoiceFilter(
        label="Act or regulations",
        choices=[("", "All"), *Regime.choices],
        error_messages={"invalid_choice": "Choose an Act or regulations from the list"},
    )
    officer = OfficerFilter(
        label="Officer",
        queryset=lambda request: officers(),
        empty_label="Any officer",
        error_messages={"invalid_choice": "Choose an officer from the list"},
    )
    reference = django_filters.CharFilter(
        label="Reference",
        lookup_expr="icontains",
        max_length=40,
        strip=True,
        help_text="All or part of it, for example 2026-0042",
    )

    class Meta:
        model = InformationRequest
        fields: tuple[str, ...] = ()

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        cases = super().filter_queryset(queryset)
        # No deadline (a fees notice unpaid stops the clock) sorts after every deadline.
        return cases.order_by(F("due_on").asc(nulls_last=True), "received_on", "reference")


# --- logging a new request ------------------------------------------------------------------

# "1.", "1)", "(1)", "1:", "Q1.", "Question 1 -": a question's number at the start of its line.
# A number needs its punctuation or its "Q", so that "100 people were held..." stays a question.
_NUMBERED = re.compile(
    r"^\s*(?:q(?:uestion)?\s*(?P<after_q>\d{1,3})\s*[.):\-]?|\(?(?P<number>\d{1,3})\s*[.):\-])"
    r"\s+(?P<text>.*)$",
    re.IGNORECASE,
)


class QuestionsError(ValueError):
    """The questions box cannot be read as numbered questions; the message says where."""


def parse_questions(text: str) -> list[str]:
    """The questions typed one per line, in order, without their numbers.

    Numbers are optional, but where given they must run 1, 2, 3 in order: a gap or a repeat
    is more likely a question lost in copying than a numbering choice, and the response
    answers the questions by number.
    """
    questions: list[str] = []
    for line_number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _NUMBERED.match(line)
        expected = len(questions) + 1
        if match:
            number = int(match.group("number") or match.group("after_q"))
            if number != expected:
                raise QuestionsError(
                    f"Line {line_number} is numbered {number}, but it is question {expected}: "
                    "number the questions 1, 2, 3 in order"
                )
            body = match.group("text").strip()
        else:
            body = line.strip()
        if not body:
            raise QuestionsError(f"Line {line_number} has a number but no question")
        questions.append(body)
    return questions


class NewRequestForm(forms.Form):
    regime = forms.ChoiceField(label="Act or regulations", choices=Regime.choices)
    received_on = forms.DateField(
        label="Date received",
        input_formats=DATE_FORMATS,
        help_text="The day the request reached the authority. " + DATE_HINT,
        error_messages={
            "required": "Enter the date the request was received",
            "invalid": "Enter the date received as a real date, like 27/03/2026",
        },
    )
    channel = forms.ChoiceField(label="How it was received", choices=Channel.choices)
    requester_name = forms.CharField(
        label="Requester's name",
        max_length=200,
        help_text="Private: never published, listed or searched.",
        error_messages={"required": "Enter the requester's name"},
    )
    requester_email = forms.EmailField(
        label="Requester's e-mail address",
        required=False,
        error_messages={"invalid": "Enter an e-mail address like name@example.com"},
    )
    requester_address = forms.CharField(
        label="Requester's address for correspondence",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    title = forms.CharField(
        label="Subject",
        max_length=200,
        help_text="A short subject, as the disclosure log will list it.",
        error_messages={"required": "Enter a short subject for the request"},
    )
    request_text = forms.CharField(
        label="The request as received",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Word for word.",
        error_messages={"required": "Enter the request as it was received"},
    )
    questions = forms.CharField(
        label="Questions",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="One question per line, numbered 1, 2, 3 if you like; each is answered in "
        "turn in the response.",
        error_messages={"required": "Enter the request's questions, one per line"},
    )
    topics = forms.CharField(
        label="Topics",
        required=False,
        max_length=200,
        help_text="Separated by commas, for example Custody, Home Office.",
    )

    def __init__(self, *args: Any, with_requester: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.with_requester = with_requester
        if not with_requester:
            # Only staff who may see the requester type the requester in (roles.py).
            for name in REQUESTER_FIELDS:
                del self.fields[name]

    def clean_questions(self) -> list[str]:
        try:
            questions = parse_questions(self.cleaned_data["questions"])
        except QuestionsError as error:
            raise ValidationError(str(error)) from None
        if not questions:
            raise ValidationError("Enter the request's questions, one per line")
        return questions

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if self.errors:
            return data
        reworded = [
            str(number)
            for number, question in enumerate(data["questions"], start=1)
            if find(data["request_text"], question) is None
        ]
        if reworded:
            self.add_error(
                "questions",
                f"Question {', '.join(reworded)} is not in the request as received: copy each "
                "question's words from the request, without rewording them",
            )
            return data
        self.instance = InformationRequest(
            **{name: data[name] for name in self.request_fields()},
        )
        left_out = [name for name in REQUESTER_FIELDS if name not in self.fields]
        try:
            # The statutory clock checks the dates; services.save_request numbers it.
            self.instance.full_clean(exclude=["reference", *left_out])
        except ValidationError as error:
            model_errors_onto(self, error)
        return data

    def request_fields(self) -> list[str]:
        return [name for name in self.fields if name != "questions"]


# --- one question ---------------------------------------------------------------------------


class QuestionForm(forms.Form):
    text = forms.CharField(
        label="Question",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="As the requester put it.",
        error_messages={"required": "Enter the question"},
    )
    answer_kind = forms.ChoiceField(
        label="How it is answered",
        choices=[("", "Not answered yet"), *AnswerKind.choices],
        required=False,
    )
    answer_text = forms.CharField(
        label="Answer",
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text="The written answer, or the explanation given with a refusal.",
    )
    part_answer_kind = forms.ChoiceField(
        label="Part of the question answered otherwise (optional)",
        choices=[("", "None: the whole question is answered as above"), *PART_KINDS],
        required=False,
        help_text="For example, figures given for 2017/18 and the earlier years refused on "
        "cost, or the figures given and the scans of the reports refused.",
    )
    part_answer_text = forms.CharField(
        label="Which part, and why (optional)",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )

    def __init__(self, *args: Any, question: RequestQuestion, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "text": question.text,
                "answer_kind": question.answer_kind,
                "answer_text": question.answer_text,
                "part_answer_kind": question.part_answer_kind,
                "part_answer_text": question.part_answer_text,
            },
        )
        super().__init__(*args, **kwargs)
        self.question = question

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if self.question.frozen:
            raise ValidationError(
                f"The response was issued on {self.question.frozen_at:%d %B %Y}: this question "
                "is frozen as the response gave it and cannot be changed"
            )
        if self.errors:
            return data
        question = self.question
        question.text = data["text"]
        question.answer_kind = data["answer_kind"]
        question.answer_text = data["answer_text"]
        question.part_answer_kind = data["part_answer_kind"]
        question.part_answer_text = data["part_answer_text"]
        request_text = question.request.request_text
        if request_text.strip() and find(request_text, question.text) is None:
            self.add_error(
                "text",
                "Copy the question's words from the request as received: a question is a "
                "passage of the request, not reworded",
            )
            return data
        if question.answer_kind == AnswerKind.FIGURES and not question.ask:
            self.add_error(
                "answer_kind",
                "A figures answer needs its query to the register: set it in the "
                "administration first",
            )
            return data
        try:
            question.full_clean(exclude=["request", "number"])
        except ValidationError as error:
            model_errors_onto(self, error)
        return data


# --- issuing --------------------------------------------------------------------------------

# How each answer kind answers: with information, or not (elements.DISCLOSED), and the notice
# of a refusal that is made of that kind alone.
_DISCLOSING = {AnswerKind.FIGURES, AnswerKind.TEXT, AnswerKind.DOCUMENT}
_REFUSAL_NOTICE = {
    AnswerKind.EXEMPT: Notice.EXEMPT,
    AnswerKind.NOT_HELD: Notice.NOT_HELD,
    AnswerKind.COST: Notice.COST,
    AnswerKind.NCND: Notice.NCND,
}


@dataclass(frozen=True)
class NoticeChoice:
    notices: tuple[Notice, ...]
    reason: str  # why there is no choice, or ""


def notices_for(answer_kinds: Iterable[str]) -> NoticeChoice:
    """The response notices a request with these answers may be issued with.

    The letter check (letters/elements.py) refuses a full disclosure with a question not
    answered with information, a partial response without both kinds, and a refusal notice
    with any question answered with information; so the questions' answers decide. A
    vexatious notice (s14, s16(5)) needs the reason, which the case does not record, so it is
    not offered here.
    """
    kinds = [AnswerKind(kind) if kind else None for kind in answer_kinds]
    if not kinds:
        return NoticeChoice((), "Add the request's questions before issuing a response.")
    unanswered = [str(n) for n, kind in enumerate(kinds, start=1) if kind is None]
    if unanswered:
        listed = " " + unanswered[0]
        if len(unanswered) > 1:
            listed = "s " + ", ".join(unanswered[:-1]) + " and " + unanswered[-1]
        return NoticeChoice((), f"Answer question{listed} before issuing a response.")
    answered = [kind for kind in kinds if kind is not None]  # every one, by now
    disclosed = [kind for kind in answered if kind in _DISCLOSING]
    withheld = [kind for kind in answered if kind not in _DISCLOSING]
    if disclosed and not withheld:
        return NoticeChoice((Notice.FULL,), "")
    if disclosed:
        return NoticeChoice((Notice.PARTIAL,), "")
    refusals = dict.fromkeys(_REFUSAL_NOTICE[kind] for kind in withheld)
    return NoticeChoice(tuple(refusals), "")


class IssueForm(forms.Form):
    notice = forms.ChoiceField(
        label="Kind of response",
        widget=forms.RadioSelect,
        help_text="The response is issued as what it contains: figures withheld as [c] or "
        "not held, or part of a question refused, make it a partial response, with a notice "
        "for each.",
        error_messages={
            "required": "Choose the kind of response",
            "invalid_choice": "Choose a kind of response the case's answers allow",
        },
    )

    def __init__(self, *args: Any, notices: Iterable[Notice], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(notice.value, Notice(notice).label) for notice in notices]
        notice_field = self.fields["notice"]
        assert isinstance(notice_field, forms.ChoiceField)
        notice_field.choices = choices
        if len(choices) == 1:
            self.fields["notice"].initial = choices[0][0]
