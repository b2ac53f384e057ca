"""The answer page's filters (`answerable ask --where DIM=V1,V2`, repeated): one field for
each dimension of the catalogue, with the values a person reads rather than the codes.

A dimension whose every value is known (register choices, stations, divisions, duration and
age bands) is a list of checkboxes labelled in words ("Domestic abuse", "Not recorded"); an
open-ended one (nationality, offence code, sharing agreement, year, month) is typed. Either
way a value may be given as its code or its words, in any case, and is read back as the
code the engine and the stored query use (the interchange vocabulary, answers/output/labels.py).

The query string keeps one parameter per dimension, `where_crime_type=domestic_abuse`
(repeated, or with commas); the command's form `where=crime_type=domestic_abuse,other` and the
page's first form, `where=station&equals=Govan,Cathcart`, are read as the same thing.
"""

import inspect
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.db import models
from django.http import QueryDict

from answerable.answers.catalogue import CATALOGUE, Question
from answerable.answers.dimensions import Dimension, Options
from answerable.answers.output.labels import reader_label
from answerable.register import choices as register_choices

WHERE_PREFIX = "where_"
LEGACY_WHERE, LEGACY_EQUALS = "where", "equals"
# Open-ended text dimensions and the column their values are stored in: a typed value is
# read as the register's own spelling of it, whatever its case (dimensions.py keeps the
# column inside the dimension, so the form layer names it again here).
TEXT_COLUMNS = {"offence_code": "offence_code", "agreement": "agreement_ref"}


@dataclass(frozen=True)
class Filter:
    """One dimension as a filter of the page: `closed` when every value can be listed."""

    name: str
    title: str
    closed: bool
    values: tuple[tuple[str, str], ...]  # (code, words), for a closed dimension

    @property
    def field_name(self) -> str:
        return WHERE_PREFIX + self.name


@cache
def choice_labels() -> dict[str, str]:
    """Every register choice's code and its words, where the code means one thing: a code
    two vocabularies word differently ("removed") is shown as reader_label words it."""
    seen: dict[str, set[str]] = {}
    for kind in vars(register_choices).values():
        if inspect.isclass(kind) and issubclass(kind, models.TextChoices):
            for code, words in kind.choices:
                seen.setdefault(str(code), set()).add(str(words))
    return {code: next(iter(words)) for code, words in seen.items() if len(words) == 1}


def words_of(code: str) -> str:
    """A value as a person reads it: the register's label, else reader_label's."""
    return choice_labels().get(code) or reader_label(code)


def split_values(items: Iterable[str]) -> list[str]:
    """Values given one to a parameter, or several with commas, in order and once each."""
    values: list[str] = []
    for item in items:
        for part in str(item).split(","):
            if (value := part.strip()) and value not in values:
                values.append(value)
    return values


def read_value(text: str, values: Sequence[tuple[str, str]]) -> str:
    """The code of a value given as its code or its words, in any case; unchanged when it is
    none of them (the form then says it is not a value)."""
    wanted = " ".join(text.replace("_", " ").split()).casefold()
    for code, words in values:
        if wanted in (code.replace("_", " ").casefold(), words.casefold()):
            return code
        if wanted == reader_label(code).casefold():
            return code
    return text


def options_for(duration_bounds: tuple[int, ...], age_bounds: tuple[int, ...]) -> Options:
    """The Options that list every closed dimension's values (stations and divisions read
    once from the register)."""
    lookups: dict[str, Any] = {}
    for question in CATALOGUE.values():
        for name, dimension in question.dimensions.items():
            if dimension.lookup is not None and name not in lookups:
                lookups[name] = dimension.lookup()
    return Options(duration_bounds=duration_bounds, age_bounds=age_bounds, lookups=lookups)


def is_closed(dimension: Dimension) -> bool:
    return not dimension.open_ended and dimension.accepts is None


def catalogue_filters(options: Options) -> list[Filter]:
    """Every dimension of the catalogue once, in the catalogue's order; a closed one lists
    the values of every question it belongs to (a question may allow fewer: the form says)."""
    found: dict[str, list[Dimension]] = {}
    for question in CATALOGUE.values():
        for name, dimension in question.dimensions.items():
            found.setdefault(name, []).append(dimension)
    filters = []
    for name, dimensions in found.items():
        closed = all(is_closed(dimension) for dimension in dimensions)
        codes: list[str] = []
        if closed:
            for dimension in dimensions:
                codes += [c for c in dimension.values(options) if c not in codes]
        values = tuple((code, words_of(code)) for code in codes)
        filters.append(Filter(name, dimensions[0].title, closed, values))
    return filters


def stored_spelling(question: Question, name: str, text: str) -> str:
    """A typed offence code or agreement as the register spells it, whatever the case
    typed; unchanged when no record has it (which then counts 0, as `answerable ask`)."""
    column = TEXT_COLUMNS.get(name)
    if column is None:
        return text
    records = question.model._default_manager.filter(**{f"{column}__iexact": text})
    return records.values_list(column, flat=True).first() or text


@dataclass(frozen=True)
class Normalised:
    """The query string as the form's fields read it, and what could not be read."""

    data: QueryDict
    errors: tuple[tuple[str | None, str], ...]  # (the field at fault or None, the message)


def _not_a_dimension(name: str, filters: Mapping[str, Filter]) -> tuple[None, str]:
    known = ", ".join(filters)
    return None, f"Only where: {name!r} is not a dimension; the dimensions are {known}"


def _read_command_forms(
    data: QueryDict, filters: Mapping[str, Filter]
) -> list[tuple[str | None, str]]:
    """Moves `where=DIM=V1,V2` and `where=DIM&equals=V1,V2` to `where_DIM` (in place); the
    errors of those that cannot be read, and of `where_DIM` naming no dimension."""
    errors: list[tuple[str | None, str]] = []
    legacy, equals = data.getlist(LEGACY_WHERE), data.getlist(LEGACY_EQUALS)
    for name in (LEGACY_WHERE, LEGACY_EQUALS):
        data.pop(name, None)
    for item in legacy:
        name, sign, values = (part.strip() for part in item.partition("="))
        if not name:  # an empty "where", as the first form's "None" sends it
            continue
        if not sign:  # the first form: the values in `equals`
            values, equals = ",".join(equals), []
        if name not in filters:
            errors.append(_not_a_dimension(name, filters))
        elif not split_values([values]):
            errors.append(
                (filters[name].field_name, f"{filters[name].title}: give the values to keep")
            )
        else:
            data.appendlist(WHERE_PREFIX + name, values)
    if split_values(equals):
        errors.append(
            (None, "Only where: the values given in “equals” need a dimension in “where”")
        )
    for key in [key for key in data if key.startswith(WHERE_PREFIX)]:
        if key.removeprefix(WHERE_PREFIX) not in filters:  # a typo must not count everything
            errors.append(_not_a_dimension(key.removeprefix(WHERE_PREFIX), filters))
            del data[key]
    return errors


def normalise(data: QueryDict, filters: Sequence[Filter]) -> Normalised:
    """The filters as the page's `where_DIM` fields read them (answers/filters.py's first
    lines); each closed dimension's values split at commas and read as codes, so that its
    checkboxes are ticked."""
    data = data.copy()
    errors = _read_command_forms(data, {item.name: item for item in filters})
    for item in filters:
        given = split_values(data.getlist(item.field_name))
        if not given:
            data.pop(item.field_name, None)
        elif item.closed:
            data.setlist(item.field_name, [read_value(value, item.values) for value in given])
        else:
            data[item.field_name] = ", ".join(given)
    return Normalised(data, tuple(errors))
