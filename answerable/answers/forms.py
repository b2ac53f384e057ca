"""The answer page's form: asking a catalogue question (GET). Keeping it on a case (POST) is
casework's form (casework/answer_page.py).

The question form asks everything `answerable ask` asks (management/commands/ask.py): a
question, a period, up to three breakdowns (--by), any number of filters (--where, one field
per dimension: answers/filters.py), what is counted (--count), the bands (--bands, --ages)
and the suppression threshold (--threshold). Without JavaScript the lists cannot follow the
question chosen, so they list every dimension of the catalogue and the form says clearly when
one does not apply, or when a value is not one of the question's.

Forms are drawn as GOV.UK Frontend markup by the project's form renderer (web/forms.py).
"""

import re
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from django import forms
from django.conf import settings
from django.http import QueryDict

from answerable.answers import bands, periods
from answerable.answers.catalogue import CATALOGUE, Question
from answerable.answers.coarser import parse_groups
from answerable.answers.dimensions import Options
from answerable.answers.engine import EPISODES, PEOPLE, Ask
from answerable.answers.filters import (
    WHERE_PREFIX,
    Filter,
    catalogue_filters,
    is_closed,
    normalise,
    options_for,
    split_values,
    stored_spelling,
    words_of,
)
from answerable.core.dates import DATE_FORMATS

DATE_HINT = "For example, 01/04/2017 or 2017-04-01"
DEFAULT_BANDS, DEFAULT_AGES = (24, 48), (18,)
# The engine takes any number of breakdowns; a table of more than three dimensions is no
# answer a requester can read (and running.MAX_CELLS bounds its size in any case).
BREAKDOWNS = ("by", "and_by", "then_by")
MAX_BREAKDOWNS = len(BREAKDOWNS)
ORDINALS = ("first", "second", "third")
# The fields of the question form: what a query string of the answer page may carry, with
# a `where_DIM` for each dimension (is_query_field). `where` and `equals` are the page's
# first form of one filter, still read (filters.normalise).
QUERY_FIELDS = (
    "question",
    "period",
    "from",
    "to",
    *BREAKDOWNS,
    "where",
    "equals",
    "count",
    "bands",
    "ages",
    "threshold",
    "group",
    "exact",
)

# Named periods (answers/periods.py): a financial year, a calendar year or a month.
NAMED_PERIODS: tuple[tuple[re.Pattern[str], Callable[[str], tuple[date, date]]], ...] = (
    (re.compile(r"\d{4}/\d{2}"), periods.days_of_financial_year),
    (re.compile(r"\d{4}"), periods.days_of_year),
    (re.compile(r"\d{4}-\d{2}"), periods.days_of_month),
)
PERIOD_HINT = "2017/18 (a financial year, 1 April to 31 March), 2018 (a year) or 2020-04 (a month)"


def is_query_field(name: str) -> bool:
    """Whether a query string parameter is one of the question form's."""
    return name in QUERY_FIELDS or name.startswith(WHERE_PREFIX)


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


def _lenient_bounds(data: Mapping[str, Any] | None, name: str, default: tuple[int, ...]) -> Any:
    """The bands given, to list the band filters' values by; the default when they are not
    bands (their own field then says why)."""
    try:
        return _bounds(str((data or {}).get(name) or ""), name, default)
    except forms.ValidationError:
        return default


def _query_dict(data: Mapping[str, Any]) -> QueryDict:
    if isinstance(data, QueryDict):
        return data
    query = QueryDict(mutable=True)
    for key, value in data.items():
        query.setlist(key, [str(v) for v in value] if isinstance(value, list | tuple) else [value])
    return query


def not_a_value(title: str, value: str, known: list[str] | None = None) -> str:
    """The error for a filter value that is not one of the dimension's (naming both)."""
    message = f"{title}: “{value}” is not one of its values"
    if known:
        return f"{message}; choose from {', '.join(words_of(code) for code in known)}"
    return message


VALUE = "\x00value\x00"  # where Django puts the value, in a message it formats with %


def _message_template(text: str) -> str:
    """A message as a template Django formats with `%`: a station's name may hold a %."""
    return text.replace("%", "%%").replace(VALUE, "%(value)s")


def _where_field(item: Filter) -> forms.Field:
    codes = [code for code, _ in item.values]
    if item.closed:
        return forms.MultipleChoiceField(
            label=item.title,
            required=False,
            choices=item.values,
            widget=forms.CheckboxSelectMultiple,
            error_messages={
                "invalid_choice": _message_template(not_a_value(item.title, VALUE, codes))
            },
        )
    return forms.CharField(
        label=item.title,
        required=False,
        max_length=500,
        help_text=OPEN_HINTS.get(item.name, "Values separated by commas"),
    )


OPEN_HINTS = {
    "nationality": "Countries' names or codes separated by commas, for example Albania, IRQ",
    "year": "Years separated by commas, for example 2018, 2019",
    "financial_year": "Financial years separated by commas, for example 2017/18, 2018/19",
    "month": "Months separated by commas, for example 2020-04, 2020-05",
    "offence_code": "Home Office offence codes separated by commas",
    "agreement": "Agreement references separated by commas",
}


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
    then_by = forms.ChoiceField(label="And then by", required=False)
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
    threshold = forms.IntegerField(
        label="Suppression threshold",
        required=False,
        min_value=2,
        max_value=1000,
        help_text="Withhold counts from 1 to one less than this; leave empty for the policy's",
        error_messages={"min_value": "The suppression threshold must be at least 2"},
    )

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        *args: Any,
        exact_allowed: bool = False,
        **kwargs: Any,
    ) -> None:
        self.band_options = options_for(
            _lenient_bounds(data, "bands", DEFAULT_BANDS),
            _lenient_bounds(data, "ages", DEFAULT_AGES),
        )
        self.filters = catalogue_filters(self.band_options)
        self.read_errors: tuple[tuple[str | None, str], ...] = ()
        # Coarser groupings of a breakdown (answers/coarser.py), as `--group` takes them.
        self._groups: dict[str, dict[str, list[str]]] = {}
        self.group_error = ""
        if data is not None and hasattr(data, "getlist"):
            try:
                self._groups = parse_groups(list(data.getlist("group")))
            except ValueError as error:
                self.group_error = str(error)[:1].upper() + str(error)[1:]
        self.breakdown_error = ""
        if data is not None:
            normalised = normalise(_query_dict(data), self.filters)
            data, self.read_errors = self._breakdowns(normalised.data), normalised.errors
        super().__init__(data, *args, **kwargs)
        dimensions = [("", "None"), *dimension_choices()]
        invalid = {"invalid_choice": "Choose a breakdown from the list: %(value)s is not one"}
        for name in BREAKDOWNS:
            breakdown = self.fields[name]
            assert isinstance(breakdown, forms.ChoiceField)
            breakdown.choices = dimensions
            self.fields[name].error_messages.update(invalid)
        self.fields["from"] = forms.DateField(
            label="From", required=False, input_formats=DATE_FORMATS, help_text=DATE_HINT
        )
        self.fields["to"] = forms.DateField(
            label="To", required=False, input_formats=DATE_FORMATS, help_text=DATE_HINT
        )
        for item in self.filters:
            self.fields[item.field_name] = _where_field(item)
        # Exact figures are for internal use only (answer.py, NO_SUPPRESSION): the field
        # exists only for those allowed them, so `?exact=1` from anyone else is ignored.
        if exact_allowed:
            self.fields["exact"] = forms.BooleanField(
                label="Exact figures (not for publication)",
                required=False,
                help_text="No disclosure control: for checking only, never for a response",
            )
        split = QUERY_FIELDS.index("where")
        wheres = [item.field_name for item in self.filters]
        self.order_fields([*QUERY_FIELDS[:split], *wheres, *QUERY_FIELDS[split:]])

    def _breakdowns(self, data: QueryDict) -> QueryDict:
        """`by=a,b,c` or `by=a&by=b` (the command's --by) as the three breakdown fields."""
        given = data.getlist("by")
        if len(given) < 2 and "," not in "".join(given):
            return data
        names = split_values(given)
        if len(names) > MAX_BREAKDOWNS:
            self.breakdown_error = (
                f"Break down by at most {MAX_BREAKDOWNS} dimensions, not {len(names)} "
                f"({', '.join(names)}): a larger table is no answer a requester can read"
            )
            names = names[:MAX_BREAKDOWNS]
        for field, name in zip(BREAKDOWNS, names, strict=False):
            data[field] = name
        return data

    def where_fields(self) -> list[tuple[Filter, forms.BoundField]]:
        """Each filter with its bound field, for the template."""
        return [(item, self[item.field_name]) for item in self.filters]

    def clean_bands(self) -> tuple[int, ...]:
        return _bounds(self.cleaned_data.get("bands", ""), "Time in custody bands", DEFAULT_BANDS)

    def clean_ages(self) -> tuple[int, ...]:
        return _bounds(self.cleaned_data.get("ages", ""), "Age bands", DEFAULT_AGES)

    def clean_threshold(self) -> int | None:
        """A threshold raises the policy for this answer; nobody may lower it (the policy in
        settings is the authority's floor: answers/answer.py default_policy)."""
        threshold = self.cleaned_data.get("threshold")
        floor = settings.ANSWERABLE_SUPPRESSION_THRESHOLD
        if threshold is not None and threshold < floor:
            raise forms.ValidationError(
                f"The suppression threshold can be raised for one answer, never lowered below "
                f"the policy's {floor}: leave it empty, or give {floor} or more"
            )
        return threshold

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        for field, message in self.read_errors:
            self.add_error(field, message)
        if self.group_error:
            self.add_error(None, self.group_error)
        if self.breakdown_error:
            self.add_error("by", self.breakdown_error)
        question = CATALOGUE.get(data.get("question") or "")
        self._clean_period(data)
        if question is None:
            return data
        for name in BREAKDOWNS:
            if data.get(name) and (problem := applies(question, data[name])) is not None:
                self.add_error(name, problem)
        self._clean_order(data)
        self._where = self._clean_where(question, data)
        if (data.get("count") or EPISODES) == PEOPLE and not question.people:
            self.add_error("count", f"“{question.title}” cannot count people")
        return data

    def _clean_order(self, data: dict[str, Any]) -> None:
        chosen = [data.get(name) for name in BREAKDOWNS]
        for index, name in enumerate(BREAKDOWNS[1:], start=1):
            if chosen[index] and chosen[index] in chosen[:index]:
                self.add_error(name, "Choose a different breakdown from those before it, or none")
            elif chosen[index] and not chosen[index - 1]:
                self.add_error(
                    BREAKDOWNS[index - 1],
                    f"Choose the {ORDINALS[index - 1]} breakdown before the {ORDINALS[index]}",
                )

    def _clean_where(self, question: Question, data: dict[str, Any]) -> dict[str, list[str]]:
        """The filters as the engine's `where`, each value checked against the question's
        dimension and given as its code."""
        options = Options(
            duration_bounds=data.get("bands") or DEFAULT_BANDS,
            age_bounds=data.get("ages") or DEFAULT_AGES,
            lookups=self.band_options.lookups,
        )
        where: dict[str, list[str]] = {}
        for item in self.filters:
            given = data.get(item.field_name)
            values = split_values(given if isinstance(given, list) else [given or ""])
            if not values:
                continue
            if (problem := applies(question, item.name)) is not None:
                self.add_error(item.field_name, problem)
                continue
            dimension = question.dimensions[item.name]
            read: list[str] = []
            for value in values:
                if is_closed(dimension):
                    known = dimension.values(options)
                    if value not in known:
                        self.add_error(item.field_name, not_a_value(item.title, value, known))
                        continue
                    read.append(value)
                    continue
                try:
                    code = dimension.accepts(value) if dimension.accepts else value
                except ValueError as error:
                    self.add_error(item.field_name, f"{not_a_value(item.title, value)} ({error})")
                    continue
                read.append(stored_spelling(question, item.name, code))
            where[item.name] = read
        return where

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

    @property
    def wants_exact(self) -> bool:
        return bool("exact" in self.fields and self.cleaned_data.get("exact"))

    @property
    def chosen_threshold(self) -> int | None:
        """The threshold asked for (`--threshold`), None for the policy's (after is_valid())."""
        return self.cleaned_data.get("threshold")

    def ask(self) -> Ask:
        """The engine's Ask (call after is_valid())."""
        data = self.cleaned_data
        return Ask(
            question=data["question"],
            first_day=data.get("from"),
            last_day=data.get("to"),
            where=self._where,
            by=tuple(data[name] for name in BREAKDOWNS if data.get(name)),
            duration_bounds=data.get("bands") or DEFAULT_BANDS,
            age_bounds=data.get("ages") or DEFAULT_AGES,
            count=data.get("count") or EPISODES,
            groups=self._groups,
        )
