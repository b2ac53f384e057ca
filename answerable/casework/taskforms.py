"""The forms of tasking, the search record and sign-off (views/tasks.py, views/signoff.py).

Each form checks what the person typing can put right, with the error on the field at
fault; the services (tasking.py, signoff.py) check again and own the rules.
"""

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone

from answerable.casework.forms import DATE_HINT
from answerable.casework.models import (
    BusinessUnit,
    InformationRequest,
    SearchTask,
    TaskKind,
    TaskStatus,
)
from answerable.casework.models.choices import Notice
from answerable.casework.signoff import SENSITIVE_FLAGS
from answerable.casework.tasking import search_date_problem, task_due_problem
from answerable.core.dates import DATE_FORMATS


class UnitChoice(forms.ModelChoiceField):
    def label_from_instance(self, unit: Any) -> str:
        return unit.name


class TaskForm(forms.Form):
    unit = UnitChoice(
        label="Business unit",
        queryset=BusinessUnit.objects.none(),
        empty_label="Choose a unit",
        error_messages={
            "required": "Choose the business unit to task",
            "invalid_choice": "Choose a business unit from the list",
        },
    )
    kind = forms.ChoiceField(
        label="What the unit is asked to do",
        choices=TaskKind.choices,
        initial=TaskKind.SEARCH,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the unit is asked to do"},
    )
    asked = forms.CharField(
        label="What to search for or supply",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="The unit sees this and the case's reference, never the requester.",
        error_messages={"required": "Enter what the unit is asked to search for or supply"},
    )
    due_on = forms.DateField(
        label="Reply by",
        input_formats=DATE_FORMATS,
        error_messages={
            "required": "Enter the date the unit must reply by",
            "invalid": "Enter the reply-by date as a real date, like 27/03/2026",
        },
    )

    def __init__(self, *args: Any, case: InformationRequest, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case, self.today = case, today
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.ModelChoiceField)
        unit_field.queryset = BusinessUnit.objects.filter(active=True).order_by("name")
        if case.due_on:
            self.fields["due_on"].help_text = (
                f"On or before the request's statutory due date, {case.due_on:%-d %B %Y}. "
                + DATE_HINT
            )

    def clean_due_on(self) -> date:
        due_on = self.cleaned_data["due_on"]
        problem = task_due_problem(due_on, asked_on=self.today, statutory_due=self.case.due_on)
        if problem:
            raise forms.ValidationError(problem)
        return due_on


class ChaseForm(forms.Form):
    note = forms.CharField(
        label="Message to the unit",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Sent with the reminder of what was asked and when it was due.",
    )


class TaskChoice(forms.ModelChoiceField):
    def label_from_instance(self, task: Any) -> str:
        return f"Task {task.number}: {task.unit.name}"


class SearchForm(forms.Form):
    task = TaskChoice(
        label="The task it answers",
        queryset=SearchTask.objects.none(),
        required=False,
        empty_label="None: the FOI unit searched",
        error_messages={"invalid_choice": "Choose one of the case's tasks"},
    )
    where = forms.CharField(
        label="Where was searched",
        max_length=200,
        help_text="The system, file store or location, for example the National Custody System.",
        error_messages={"required": "Enter where was searched"},
    )
    searched_by = forms.CharField(
        label="Who searched",
        max_length=200,
        help_text="Name or role, and unit.",
        error_messages={"required": "Enter who searched"},
    )
    searched_on = forms.DateField(
        label="Date searched",
        input_formats=DATE_FORMATS,
        help_text=DATE_HINT,
        error_messages={
            "required": "Enter the date of the search",
            "invalid": "Enter the date searched as a real date, like 27/03/2026",
        },
    )
    terms = forms.CharField(
        label="Search terms used",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Keywords, filters, date ranges: enough for someone else to repeat it.",
        error_messages={"required": "Enter the search terms used"},
    )
    found = forms.CharField(
        label="What was found",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Including that nothing was found: the Commissioner asks for this when "
        "a “not held” response is challenged.",
        error_messages={"required": "Enter what was found, or that nothing was"},
    )
    minutes = forms.IntegerField(
        label="Time spent, in minutes",
        min_value=0,
        max_value=100_000,
        help_text="Locating and retrieving only: it counts towards the cost estimate (s12).",
        error_messages={
            "required": "Enter the time spent in minutes",
            "invalid": "Enter the time spent as a whole number of minutes, like 45",
            "min_value": "The time spent cannot be negative",
            "max_value": "Enter the time spent in minutes, at most 100000",
        },
    )
    completes_task = forms.BooleanField(
        label="The unit has finished its task",
        required=False,
        initial=True,
        help_text="Marks the task done, so it is no longer chased.",
    )

    def __init__(self, *args: Any, case: InformationRequest, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case, self.today = case, today
        tasks = case.tasks.select_related("unit").order_by("number")
        task_field = self.fields["task"]
        assert isinstance(task_field, forms.ModelChoiceField)
        task_field.queryset = tasks
        if not tasks.filter(status=TaskStatus.OPEN).exists():
            del self.fields["completes_task"]

    def clean_searched_on(self) -> date:
        searched_on = self.cleaned_data["searched_on"]
        problem = search_date_problem(
            searched_on, received_on=self.case.received_on, today=self.today
        )
        if problem:
            raise forms.ValidationError(problem)
        return searched_on


FLAG_LABELS = {
    "media_interest": "Media interest",
    "third_parties": "Third parties",
    "law_enforcement": "Law enforcement",
}


class SignOffRequestForm(forms.Form):
    notice = forms.ChoiceField(
        label="Kind of response",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the kind of response to be signed off",
            "invalid_choice": "Choose a kind of response the case's answers allow",
        },
    )
    flags = forms.MultipleChoiceField(
        label="Is the case sensitive?",
        required=False,
        choices=[(name, FLAG_LABELS[name]) for name in SENSITIVE_FLAGS],
        widget=forms.CheckboxSelectMultiple,
        help_text="A sensitive case needs two different approvers. Select all that apply.",
    )
    note = forms.CharField(
        label="Note for the approver",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, case: InformationRequest, notices: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial", {"flags": [name for name in SENSITIVE_FLAGS if getattr(case, name)]}
        )
        super().__init__(*args, **kwargs)
        choices = [(notice.value, Notice(notice).label) for notice in notices]
        notice_field = self.fields["notice"]
        assert isinstance(notice_field, forms.ChoiceField)
        notice_field.choices = choices
        if len(choices) == 1:
            self.fields["notice"].initial = choices[0][0]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Your decision",
        choices=[("approve", "Approve the response"), ("reject", "Reject it")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether you approve or reject the response"},
    )
    comment = forms.CharField(
        label="Comment",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Needed to reject: what the author should put right. Kept on the case.",
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("decision") == "reject" and not data.get("comment", "").strip():
            self.add_error("comment", "Say why the response is rejected, for its author")
        return data


def today() -> date:
    return timezone.localdate()
