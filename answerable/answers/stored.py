"""A stored query: a figures question's `ask`, kept as JSON with the keys of `answerable ask`'s
options (question, from, to, where {dimension: [values]}, by [dimensions], bands, ages, count,
threshold, groups), and two that only the letter reads (the engine ignores them):
show_average and show_cost. Read here into the engine's Ask; casework/answering.py keeps and
runs it on a case, answers/links.py opens the answer page from it.
"""

from datetime import date
from typing import Any

from answerable.answers import bands
from answerable.answers.engine import EPISODES, Ask, AskError

# Keys only the letter reads: the engine ignores them (`shown`).
SHOW = ("show_average", "show_cost")
KEYS = (
    "question",
    "from",
    "to",
    "where",
    "by",
    "bands",
    "ages",
    "count",
    "threshold",
    "groups",
    *SHOW,
)


def _day(data: dict[str, Any], key: str) -> date | None:
    value = data.get(key)
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise AskError(f"ask {key!r}: {value!r} is not a date in the form YYYY-MM-DD") from None


def _names(data: dict[str, Any], key: str) -> list[str]:
    value = data.get(key, [])
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise AskError(f'ask {key!r}: give a list of names, e.g. ["station"]')
    return [item.strip() for item in value if item.strip()]


def _bounds(data: dict[str, Any], key: str, default: tuple[int, ...]) -> tuple[int, ...]:
    value = data.get(key)
    if value in (None, "", []):
        return default
    text = value if isinstance(value, str) else ",".join(str(item) for item in value)
    try:
        return bands.parse_bounds(text, what=f"ask {key!r}")
    except ValueError as error:
        raise AskError(str(error)) from None


def ask_from_json(data: dict[str, Any]) -> Ask:
    """The engine's Ask for a stored query; AskError naming the key at fault."""
    if not isinstance(data, dict):
        raise AskError('the ask query must be a JSON object, e.g. {"question": "custody-count"}')
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        raise AskError(f"ask: unknown key(s) {', '.join(unknown)}; the keys are {', '.join(KEYS)}")
    question = data.get("question")
    if not isinstance(question, str) or not question:
        raise AskError("ask 'question': name a catalogue question, e.g. custody-count")
    where_data = data.get("where", {}) or {}
    if not isinstance(where_data, dict):
        raise AskError("ask 'where': give an object of dimension: [values]")
    where = {str(name): _names(where_data, name) for name in where_data}
    first_day, last_day = _day(data, "from"), _day(data, "to")
    shown(data)
    if first_day and last_day and first_day > last_day:
        raise AskError(f"ask: 'from' ({first_day}) is after 'to' ({last_day})")
    return Ask(
        question=question,
        first_day=first_day,
        last_day=last_day,
        where=where,
        by=tuple(_names(data, "by")),
        duration_bounds=_bounds(data, "bands", (24, 48)),
        age_bounds=_bounds(data, "ages", (18,)),
        count=str(data.get("count") or EPISODES),
        groups=_groups(data),
    )


def _groups(data: dict[str, Any]) -> dict[str, dict[str, list[str]]]:
    """`groups`: {dimension: {label: [values]}}, a coarser grouping chosen for a breakdown."""
    value = data.get("groups") or {}
    if not isinstance(value, dict) or not all(
        isinstance(grouping, dict)
        and all(
            isinstance(members, list) and all(isinstance(m, str) for m in members)
            for members in grouping.values()
        )
        for grouping in value.values()
    ):
        raise AskError('ask \'groups\': give {"dimension": {"label": ["value", ...]}}')
    return {str(name): {str(k): list(v) for k, v in g.items()} for name, g in value.items()}


def shown(data: dict[str, Any]) -> dict[str, bool]:
    """What the letter shows with the figures: {"show_average": bool, "show_cost": bool}.
    Each key is optional (false when left out); AskError if one is not true or false."""
    flags = {}
    for key in SHOW:
        value = data.get(key, False)
        if not isinstance(value, bool):
            raise AskError(f"ask {key!r}: {value!r} is not true or false")
        flags[key] = value
    return flags


def threshold_of(data: dict[str, Any]) -> int | None:
    value = data.get("threshold")
    if value in (None, ""):
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 2:
        raise AskError(f"ask 'threshold': {value!r} is not a whole number of at least 2")
    return value
