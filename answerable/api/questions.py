"""A catalogue question asked through the API: the same question `answerable ask` answers,
read from a query string or a JSON body, and always answered under disclosure control.

There is no threshold to choose and no exact figures: a system receives what could be
published (ICO v Miller [2018] UKUT 229 (AAC); the installation's policy, answers/answer.py).
"""

from datetime import date
from math import prod
from typing import Any

from django.conf import settings
from rest_framework import exceptions

from answerable.answers import bands
from answerable.answers.answer import Answer, ReleaseRefused
from answerable.answers.budget import QuestionTooCostly, counted
from answerable.answers.catalogue import CATALOGUE, Question
from answerable.answers.disclosure_control.secondary import SuppressionFailed
from answerable.answers.engine import EPISODES, PEOPLE, Ask, AskError
from answerable.answers.ledger.release import release
from answerable.answers.models import ReleaseKind
from answerable.api.errors import Invalid, TooCostly, Unprocessable
from answerable.api.fields import json_type
from answerable.interchange.cells import CONTROL, shown
from answerable.register.models.fields import MAX_AGE

# A table larger than this is no answer a requester can read, and its disclosure control
# (an optimisation over every cell) would hold a worker for minutes: narrow it instead.
MAX_CELLS = 2000
MAX_BOUNDS = 20
MAX_BAND_HOURS = 24 * 365
MAX_TEXT = 200
# A filter may list every custody centre but one (40 names): long, and still a question.
MAX_WHERE_TEXT = 2000
PARAMETERS = ("from", "to", "by", "where", "bands", "ages", "count")


def question_named(name: str) -> Question:
    try:
        return CATALOGUE[name]
    except KeyError:
        raise exceptions.NotFound(
            f"No question {shown(name)}; the catalogue has: {', '.join(CATALOGUE)}."
        ) from None


def _text(name: str, value: Any, limit: int = MAX_TEXT) -> str:
    if not isinstance(value, str):
        raise Invalid([(name, f"must be a string, not {json_type(value)}")])
    if len(value) > limit or CONTROL.search(value):
        raise Invalid([(name, f"{shown(value)} is not a value this parameter takes")])
    return value.strip()


def _day(name: str, value: Any) -> date | None:
    if value is None or value == "":
        return None
    text = _text(name, value)
    try:
        if len(text) != 10 or not text.isascii():
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise Invalid([(name, f"{shown(text)} is not a date in the form YYYY-MM-DD")]) from None


def _bounds(name: str, value: Any, default: tuple[int, ...], largest: int) -> tuple[int, ...]:
    if value is None or value == "" or value == []:
        return default
    if isinstance(value, list):
        if not all(isinstance(item, int) and not isinstance(item, bool) for item in value):
            raise Invalid([(name, "must be an array of whole numbers")])
        text = ",".join(str(item) for item in value)
    else:
        text = _text(name, value)
    try:
        bounds = bands.parse_bounds(text, what=name)
    except ValueError as error:
        raise Invalid([(name, str(error))]) from None
    if len(bounds) > MAX_BOUNDS or bounds[-1] > largest:
        raise Invalid([(name, f"at most {MAX_BOUNDS} bounds, none above {largest}")])
    return bounds


def _names(name: str, value: Any) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    items = value if isinstance(value, list) else _text(name, value).split(",")
    return tuple(text for text in (_text(name, item).strip() for item in items) if text)


def _where_from_query(items: list[str]) -> dict[str, list[str]]:
    where: dict[str, list[str]] = {}
    for item in items:
        text = _text("where", item, MAX_WHERE_TEXT)
        dimension, equals, values = text.partition("=")
        dimension = dimension.strip()
        if not equals or not dimension or not values.strip():
            raise Invalid([("where", f"{shown(text)}: write it as DIM=VALUE[,VALUE...]")])
        if dimension in where:
            raise Invalid([("where", f"{dimension!r} is named twice; list its values once")])
        where[dimension] = [value.strip() for value in values.split(",") if value.strip()]
    return where


def _where_from_body(value: Any) -> dict[str, list[str]]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise Invalid([("where", "must be an object: {dimension: [values]}")])
    where: dict[str, list[str]] = {}
    for dimension, values in value.items():
        _text("where", dimension)
        if not isinstance(values, list) or not values:
            raise Invalid([(f"where.{dimension}", "must be a non-empty array of strings")])
        where[dimension] = [_text(f"where.{dimension}", item) for item in values]
    return where


def _unknown(given: list[str]) -> None:
    unknown = [name for name in given if name not in PARAMETERS]
    if unknown:
        raise Invalid(
            [
                (name[:100], "not a parameter; they are: " + ", ".join(PARAMETERS))
                for name in unknown
            ]
        )


def ask_from_query(question: str, query: Any) -> Ask:
    _unknown(list(query))
    for name in PARAMETERS:
        if name != "where" and len(query.getlist(name)) > 1:
            raise Invalid([(name, "given more than once")])
    return _ask(
        question,
        {name: query.get(name) for name in PARAMETERS if name != "where"},
        _where_from_query(query.getlist("where")),
    )


# The JSON type each body parameter takes (None: may be null).
BODY_TYPES: dict[str, tuple[type, ...]] = {
    "from": (str, type(None)),
    "to": (str, type(None)),
    "by": (list,),
    "where": (dict,),
    "bands": (list,),
    "ages": (list,),
    "count": (str,),
}


def ask_from_body(question: str, body: dict[str, Any]) -> Ask:
    _unknown(list(body))
    wrong = [
        (name, f"must be {' or '.join(json_type_name(t) for t in BODY_TYPES[name])}")
        for name, value in body.items()
        if not isinstance(value, BODY_TYPES[name])
    ]
    if wrong:
        raise Invalid(wrong)
    return _ask(question, body, _where_from_body(body.get("where")))


def json_type_name(kind: type) -> str:
    return {str: "a string", list: "an array", dict: "an object", type(None): "null"}[kind]


def _ask(question: str, given: Any, where: dict[str, list[str]]) -> Ask:
    counting = given.get("count") or EPISODES
    if counting not in (EPISODES, PEOPLE):
        raise Invalid([("count", f"must be {EPISODES} or {PEOPLE}")])
    ask = Ask(
        question=question,
        first_day=_day("from", given.get("from")),
        last_day=_day("to", given.get("to")),
        where=where,
        by=_names("by", given.get("by")),
        duration_bounds=_bounds("bands", given.get("bands"), (24, 48), MAX_BAND_HOURS),
        age_bounds=_bounds("ages", given.get("ages"), (18,), MAX_AGE),
        count=counting,
    )
    if ask.first_day and ask.last_day and ask.first_day > ask.last_day:
        raise Invalid([("from", "is after to")])
    return ask


def answered(ask: Ask, client: str) -> Answer:
    """The answer under the installation's disclosure control, audited against every earlier
    release and recorded in the release ledger as released to `client`; 400 for a question
    that cannot be asked as put, 422 for one whose figures could not be released."""
    try:
        # Counted once, within the answer budget (answers/budget.py: QuestionTooCostly
        # past it, 503); the release is decided from these counts.
        counts = counted(ask)
        table = counts.table
        cells = prod(len(values) for values in table.values)
        if cells > MAX_CELLS:
            raise Invalid(
                [
                    (
                        "by",
                        f"the table would have {cells} cells (at most {MAX_CELLS}); break it "
                        "down by fewer dimensions or narrow the period",
                    )
                ]
            )
        decision = release(
            [ask], kind=ReleaseKind.API, reference=client, released_by=client, counts=[counts]
        )
        return decision.answers[0]
    except AskError as error:
        raise Invalid([("question", str(error).replace("--", ""))]) from None
    except QuestionTooCostly as error:
        raise TooCostly(str(error), settings.ANSWERABLE_ANSWER_RETRY_AFTER) from None
    except (ReleaseRefused, SuppressionFailed) as error:
        raise Unprocessable(
            f"The figures could not be released under disclosure control ({error}); ask for "
            "a coarser breakdown."
        ) from None
