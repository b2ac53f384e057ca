"""The request as received, split into the questions the response answers, word for word.

A response replicates the request as the requester wrote it ("Your recent request for
information is replicated below, together with our response": seeds 000 and 001), with
each question followed by its answer. The officer splits the request into questions without
rewording them, so each question's text is a passage of the request as received: `split`
finds each one, in order, and returns the request as a sequence of passages, each either a
question (to be followed by its answer) or the requester's own text around the questions
(printed as it stands, so that nothing the requester wrote is left out).

Pure functions: no Django. The comparison ignores only differences of white space (a line
break where the request has a space), never of wording or punctuation.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

_SPACE = re.compile(r"\s+")


class RequestSplitError(ValueError):
    """A question is not a passage of the request as received; the message says which."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = list(problems)


@dataclass(frozen=True)
class Passage:
    """A passage of the request: a question's (number set) or the text around them."""

    text: str
    number: int | None = None  # the question's number; None for the text between questions

    @property
    def is_question(self) -> bool:
        return self.number is not None


def _pattern(question: str) -> re.Pattern[str]:
    words = [re.escape(word) for word in question.split()]
    return re.compile(r"\s+".join(words))


def _trimmed(text: str) -> str:
    return text.strip()


def find(request_text: str, question: str, start: int = 0) -> tuple[int, int] | None:
    """Where `question` occurs in the request from `start`, white space aside; or None."""
    if not question.split():
        return None
    match = _pattern(question).search(request_text, start)
    return (match.start(), match.end()) if match else None


def split(request_text: str, questions: Sequence[tuple[int, str]]) -> tuple[Passage, ...]:
    """The request as passages: each question (number, text) where it occurs, in order,
    and the requester's text before, between and after them.

    RequestSplitError names every question that is not a passage of the request, or that
    occurs only before the question numbered before it (the questions follow the request's
    order)."""
    problems = []
    passages: list[Passage] = []
    position = 0
    for number, text in questions:
        found = find(request_text, text, position)
        if found is None:
            anywhere = find(request_text, text)
            if anywhere is None:
                problems.append(
                    f"question {number} is not in the request as received: split the request "
                    "into its questions without rewording them (copy each question's words "
                    "from the request)"
                )
            else:
                problems.append(
                    f"question {number} comes before the question numbered before it in the "
                    "request as received: number the questions in the request's order"
                )
            continue
        first, last = found
        between = _trimmed(request_text[position:first])
        if between:
            passages.append(Passage(between))
        passages.append(Passage(request_text[first:last], number))
        position = last
    if problems:
        raise RequestSplitError(problems)
    after = _trimmed(request_text[position:])
    if after:
        passages.append(Passage(after))
    return tuple(passages)


def problems(request_text: str, questions: Sequence[tuple[int, str]]) -> list[str]:
    """What is wrong with a split, as a list (empty if every question is found in order)."""
    try:
        split(request_text, questions)
    except RequestSplitError as error:
        return error.problems
    return []


def paragraphs(text: str) -> list[str]:
    """A passage's paragraphs, as the requester broke them (blank lines or line breaks);
    a line with no words (a bullet, "1.") before a question is not repeated on its own."""
    return [line.strip() for line in text.splitlines() if any(c.isalnum() for c in line)]
