"""What an answer counted, in one line a requester understands.

Issue 12: "Each answer states, in a line a requester understands, what it counted." A
table's title and unit name the records; this line says which records, over which dates,
with which filters, and what any computed breakdown means (for instance that "not known"
means nothing was reported back, which is not "no"). It is built from the question and the
ask alone, so the JSON document, the text table and a casework letter all say the same.
"""

from collections.abc import Sequence
from datetime import date

from answerable.answers.catalogue import Question
from answerable.answers.engine import PEOPLE, Ask

# Titles that begin with a proper noun or an abbreviation keep their first capital.
_KEEP_CAPITAL = ("Home Office", "NCCU", "ICCE", "UK")
_ANSWERS = {"yes", "no", "not_known", "not_recorded"}


def day_in_words(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def period_in_words(first: date | None, last: date | None) -> str:
    if first and last:
        return f"dated {day_in_words(first)} to {day_in_words(last)}"
    if first:
        return f"dated from {day_in_words(first)}"
    if last:
        return f"dated up to {day_in_words(last)}"
    return "of any date"


def _title_in_sentence(title: str) -> str:
    if title.startswith(_KEEP_CAPITAL) or not title:
        return title
    return title[0].lower() + title[1:]


def _value_in_words(value: str) -> str:
    """A register value as words (`domestic_abuse` -> domestic abuse); names as they are."""
    if "_" in value or value.islower():
        return value.replace("_", " ")
    return value


def one_of(values: Sequence[str]) -> str:
    """ "a", "a or b", "a, b or c"."""
    words = [_value_in_words(value) for value in values]
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} or {words[-1]}"


def _filter_in_words(question: Question, name: str, values: Sequence[str]) -> str:
    """ "the crime type is domestic abuse or exploitation"; a yes/no breakdown, whose title
    is a statement, by its title: "“Child (under 18)” is yes"."""
    dimension = question.dimensions.get(name)
    title = dimension.title if dimension is not None else name.replace("_", " ")
    if set(values) <= _ANSWERS:
        return f"“{title}” is {one_of(values)}"
    return f"the {_title_in_sentence(title)} is {one_of(values)}"


def _what(question: Question, count: str) -> str:
    described = question.described or question.unit
    if count == PEOPLE:
        return f"people, each counted once however many times they appear, among {described}"
    return described


def counted_line(question: Question, ask: Ask) -> str:
    """The statement of what `ask` counted, e.g. "Counted: referrals of a person to the
    Home Office ..., dated 1 May 2022 to 31 May 2023, where the role in the police matter
    is victim." followed by what any computed breakdown or filter means."""
    line = f"Counted: {_what(question, ask.count)}, {period_in_words(ask.first_day, ask.last_day)}"
    filters = [_filter_in_words(question, name, values) for name, values in ask.where.items()]
    if filters:
        line += ", where " + " and ".join(filters)
    line += "."
    used = [*ask.by, *(name for name in ask.where if name not in ask.by)]
    meanings = [
        question.dimensions[name].meaning
        for name in used
        if name in question.dimensions and question.dimensions[name].meaning
    ]
    return " ".join([line, *meanings])
