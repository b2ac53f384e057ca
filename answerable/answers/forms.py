"""The answer page's forms: asking a catalogue question (GET), and attaching it to a case (POST).

The question form asks what `answerable ask` asks (management/commands/ask.py): a question,
a period, up to two breakdowns, one optional filter, what is counted and the bands. Without
JavaScript the breakdown lists cannot follow the question chosen, so they list every
dimension of the catalogue and the form says clearly when one does not apply.

Forms are drawn as GOV.UK Frontend markup by the project's form renderer (web/forms.py).
"""

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from django import forms
from django.db import models

from answerable.answers import bands, periods
from answerable.answers.catalogue import CATALOGUE, Question
from answerable.answers.engine import EPISODES, PEOPLE, Ask
from answerable.casework.models import InformationRequest, RequestQuestion

# UK dates as people type them, and the ISO form the ask contract and a date picker use.
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d %B %Y", "%d %b %Y"]
DATE_HINT = "For example, 01/04/2017 or 2017-04-01"
DEFAULT_BANDS, DEFAULT_AGES = (24, 48), (18,)
MAX_BREAKDOWNS = 2
# The fields of the question form: what a query string of the answer page may carry.
QUERY_FIELDS = (
    "question",
    "period",
    "from",
    "to",
    "by",
    "and_by",
    "where",
    "equals",
    "count",
    "bands",
    "ages",
    "exact",
)

# Named periods (answers/periods.py): a financial year, a calendar year or a month.
NAMED_PERIODS: tuple[tuple[re.Pattern[str], Callable[[str], tuple[date, date]]], ...] = (
    (re.compile(r"\d{4}/\d{2}"), periods.days_of_financial_year),
    (re.compile(r"\d{4}"), periods.days_of_year),
    (re.compile(r"\d{4}-\d{2}"), periods.days_of_month),
)
PERIOD_HINT = "2017/18 (a financial year, 1 April to 31 March), 2018 (a year) or 2020-04 (a month)"


def named_period(text: str) -> tuple[date, date]:
    """The first and last days of a named period; ValueError saying what is wrong."""
    text = text.strip()
    for pattern, days_of in NAMED_PERIODS:
        if pattern.fullmatch(text):
            return days_of(text)
    raise ValueError(f"{text!r} is not a period: write {PERIOD_HINT}")


def dimension_choices() -> list[tuple[str, str]]:
    """Every dimension in the catalogue, once, in the catalogue's order."""
    seen: dict[str, str] = {}
    for question in CATALOGUE.values():
        for name, dimension in question.dimensions.items():
            seen.setdefault(name, f"{dimension.title} ({name})")
    return list(seen.items())


def applies(question: Question, name: str) -> str | None:
    """None when the dimension applies to the question, otherwise the error to show."""
    if name in question.dimensions:
        return None
    titles = ", ".join(dimension.title for dimension in question.dimensions.values())
    return (
        f"{dict(dimension_choices()).get(name, name)} does not apply to “{question.title}”; "
        f"it can be broken down or filtered by: {titles}"
    )


def _bounds(text: str, what: str, default: tuple[int, ...]) -> tuple[int, ...]:
    if not text.strip():
        return default
    try:
        return bands.parse_bounds(text.replace(" ", ""), what=what)
    except ValueError as error:
        raise forms.ValidationError(str(error)) from None


class AskForm(forms.Form):
    """A catalogue question as a GET form; `ask()` gives the engine's Ask once valid."""

    question = forms.ChoiceField(
        label="Question",
        choices=[("", "Choose a question"), *((q.name, q.title) for q in CATALOGUE.values())],
        error_messages={
            "required": "Choose a question",
            "invalid_choice": "Choose a question from the list: %(value)s is not in the catalogue",
        },
    )
    period = forms.CharField(
        label="Named period",
        required=False,
        max_length=20,
        help_text=f"Either a named period, {PERIOD_HINT}, or the dates below",
    )
    # "from" and "to" (the ask contract's names) are added in __init__: "from" is a keyword.
    by = forms.ChoiceField(label="Break down by", required=False)
    and_by = forms.ChoiceField(label="Then by", required=False)
    where = forms.ChoiceField(label="Only where", required=False)
    equals = forms.CharField(
        label="Is one of",
        required=False,
        max_length=500,
        help_text="Values separated by commas, for example Govan,Cathcart",
    )
    count = forms.ChoiceField(
        label="Count",
        choices=[(EPISODES, "Records (episodes, contacts, disclosures)"), (PEOPLE, "People")],
        required=False,
        initial=EPISODES,
        widget=forms.RadioSelect,
        help_text="People are counted once each, at their first record in the period",
    )
    bands = forms.CharField(
        label="Time in custody bands (hours)",
        required=False,
        max_length=100,
        help_text="Upper bounds separated by commas; 24,48 gives 0-24, 24-48 and 48+",
    )
    ages = forms.CharField(
        label="Age bands (years)",
        required=False,
        max_length=100,
        help_text="Lower bounds separated by commas; 18 gives 0-17 and 18+",
    )

    def __init__(self, *args: Any, exact_allowed: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        dimensions = [("", "None"), *dimension_choices()]
        invalid = {"invalid_choice": "Choose a breakdown from the list: %(value)s is not one"}
        for name in ("by", "and_by", "where"):
            self.fields[name].choices = dimensions
            self.fields[name].error_messages.update(invalid)
        self.fields["from"] = forms.DateField(
            label="From", required=False, input_formats=DATE_FORMATS, help_text=DATE_HINT
        )
        self.fields["to"] = forms.DateField(
            label="To", required=False, input_formats=DATE_FORMATS, help_text=DATE_HINT
        )
        # Exact figures are for internal use only (answer.py, NO_SUPPRESSION): the field
        # exists only for those allowed them, so `?exact=1` from anyone else is ignored.
        if exact_allowed:
            self.fields["exact"] = forms.BooleanField(
                label="Exact figures (not for publication)",
                required=False,
                help_text="No disclosure control: for checking only, never for a response",
            )
        self.order_fields(QUERY_FIELDS)

    def clean_bands(self) -> tuple[int, ...]:
        return _bounds(self.cleaned_data.get("bands", ""), "Time in custody bands", DEFAULT_BANDS)

    def clean_ages(self) -> tuple[int, ...]:
        return _bounds(self.cleaned_data.get("ages", ""), "Age bands", DEFAULT_AGES)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        question = CATALOGUE.get(data.get("question") or "")
        self._clean_period(data)
        if question is None:
            return data
        for name in ("by", "and_by", "where"):
            if data.get(name) and (problem := applies(question, data[name])) is not None:
                self.add_error(name, problem)
        if data.get("by") and data.get("by") == data.get("and_by"):
            self.add_error("and_by", "Choose a different breakdown from the first, or none")
        if data.get("and_by") and not data.get("by"):
            self.add_error("by", "Choose the first breakdown before the second")
        if data.get("where") and not self._values(data):
            self.add_error("equals", "Give the values to keep, separated by commas")
        if self._values(data) and not data.get("where"):
            self.add_error("where", "Choose what the values are of")
        if (data.get("count") or EPISODES) == PEOPLE and not question.people:
            self.add_error("count", f"“{question.title}” cannot count people")
        return data

    def _clean_period(self, data: dict[str, Any]) -> None:
        if data.get("period"):
            if data.get("from") or data.get("to"):
                self.add_error("period", "Give either a named period or dates, not both")
                return
            try:
                data["from"], data["to"] = named_period(data["period"])
            except ValueError as error:
                self.add_error("period", str(error))
            return
        first, last = data.get("from"), data.get("to")
        if first and last and first > last:
            self.add_error(
                "from", f"The start ({first:%d/%m/%Y}) is after the end ({last:%d/%m/%Y})"
            )

    @staticmethod
    def _values(data: dict[str, Any]) -> list[str]:
        return [value.strip() for value in (data.get("equals") or "").split(",") if value.strip()]

    @property
    def wants_exact(self) -> bool:
        return bool("exact" in self.fields and self.cleaned_data.get("exact"))

    def ask(self) -> Ask:
        """The engine's Ask (call after is_valid())."""
        data = self.cleaned_data
        where = {data["where"]: self._values(data)} if data.get("where") else {}
        return Ask(
            question=data["question"],
            first_day=data.get("from"),
            last_day=data.get("to"),
            where=where,
            by=tuple(name for name in (data.get("by"), data.get("and_by")) if name),
            duration_bounds=data.get("bands") or DEFAULT_BANDS,
            age_bounds=data.get("ages") or DEFAULT_AGES,
            count=data.get("count") or EPISODES,
        )


# --- attaching an answer to a case ---------------------------------------------------------

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
        help_text="Cases awaiting a response, the soonest deadline first",
        error_messages={"invalid_choice": "Choose a case awaiting a response from the list"},
    )
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
        self.fields["case"].queryset = cases
        self.fields["existing"].queryset = (
            RequestQuestion.objects.filter(
                request__in=InformationRequest.objects.awaiting_response()
            )
            .select_related("request")
            .only("number", "text", "frozen_at", "request", "request__reference")
            .order_by("request__reference", "number")
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
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
