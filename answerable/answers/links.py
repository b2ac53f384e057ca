"""The answer page's address for a stored query, and the way back to the case it came from.

A case's figures question keeps its query as `answerable ask`'s options (RequestQuestion.ask,
casework/answering.py). `answers_url` opens the answer page filled in with it, and with
`case` and `case_question` naming the question, so that the page can offer to save a changed
question back to it (casework/answer_page.py) and link back to the case.
"""

from collections.abc import Mapping
from typing import Any

from django.http import QueryDict
from django.urls import reverse

from answerable.answers.coarser import group_items
from answerable.answers.engine import EPISODES, AskError
from answerable.answers.filters import LEGACY_WHERE, WHERE_PREFIX
from answerable.answers.forms import BREAKDOWNS, dimension_choices
from answerable.answers.stored import ask_from_json, threshold_of

CASE, CASE_QUESTION = "case", "case_question"


def page_query(stored: Mapping[str, Any]) -> QueryDict:
    """The answer page's query string for a stored query; AskError when it cannot be read.

    A filter of a dimension the catalogue does not have is kept in the command's form
    (`where=DIM=V`), so that the page reports it rather than drops it.
    """
    ask = ask_from_json(dict(stored))
    threshold = threshold_of(dict(stored))
    query = QueryDict(mutable=True)
    query["question"] = ask.question
    if ask.first_day:
        query["from"] = ask.first_day.isoformat()
    if ask.last_day:
        query["to"] = ask.last_day.isoformat()
    if len(ask.by) <= len(BREAKDOWNS):
        for field, name in zip(BREAKDOWNS, ask.by, strict=False):
            query[field] = name
    else:  # more than the page allows: it says so
        query["by"] = ",".join(ask.by)
    known = {name for name, _ in dimension_choices()}
    for name, values in ask.where.items():
        if name in known:
            query[WHERE_PREFIX + name] = ",".join(values)
        else:
            query.appendlist(LEGACY_WHERE, f"{name}={','.join(values)}")
    if stored.get("bands") not in (None, "", []):
        query["bands"] = ",".join(str(bound) for bound in ask.duration_bounds)
    if stored.get("ages") not in (None, "", []):
        query["ages"] = ",".join(str(bound) for bound in ask.age_bounds)
    if ask.count != EPISODES:
        query["count"] = ask.count
    if threshold is not None:
        query["threshold"] = str(threshold)
    for item in group_items(ask.groups):
        query.appendlist("group", item)
    return query


def answers_url(stored: Mapping[str, Any], *, reference: str, number: int) -> str | None:
    """The answer page asking a case's question, to be saved back to it; None when the
    stored query cannot be read (the case page shows its error instead)."""
    try:
        query = page_query(stored)
    except AskError:
        return None
    query[CASE] = reference
    query[CASE_QUESTION] = str(number)
    return reverse("answers:index") + "?" + query.urlencode(safe=",/")
