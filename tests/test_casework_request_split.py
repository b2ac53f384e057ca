"""Splitting the request as received into its questions, word for word (letters/request.py)."""

import pytest

from answerable.casework.letters.request import (
    RequestSplitError,
    find,
    paragraphs,
    problems,
    split,
)
from answerable.demo.cases import CASES, request_text

REQUEST = "Dear FOI team,\n1. How many were held?\n2. Where were they  held?\nThank you."


def test_the_request_is_split_into_its_questions_and_the_text_around_them():
    passages = split(REQUEST, [(1, "1. How many were held?"), (2, "2. Where were they held?")])
    assert [(p.number, p.text) for p in passages] == [
        (None, "Dear FOI team,"),
        (1, "1. How many were held?"),
        (2, "2. Where were they  held?"),  # as the requester typed it
        (None, "Thank you."),
    ]
    # Nothing the requester wrote is lost: the passages are the request, white space aside.
    assert " ".join(" ".join(p.text.split()) for p in passages) == " ".join(REQUEST.split())


def test_only_white_space_may_differ():
    assert find(REQUEST, "Where were they held?") is not None
    assert find(REQUEST, "Where were they held") is not None
    assert find(REQUEST, "Where were people held?") is None  # reworded
    assert find(REQUEST, "where were they held?") is None  # not even the case
    assert find(REQUEST, "   ") is None


def test_a_reworded_or_misordered_question_is_named():
    with pytest.raises(RequestSplitError) as raised:
        split(REQUEST, [(1, "How many people were held?")])
    assert raised.value.problems == [
        "question 1 is not in the request as received: split the request into its questions "
        "without rewording them (copy each question's words from the request)"
    ]
    assert problems(REQUEST, [(1, "Where were they held?"), (2, "How many were held?")]) == [
        "question 2 comes before the question numbered before it in the request as received: "
        "number the questions in the request's order"
    ]
    assert problems(REQUEST, [(1, "How many were held?")]) == []


def test_a_line_without_words_is_not_repeated_on_its_own():
    assert paragraphs("•\n  \nOf these:\n") == ["Of these:"]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.reference)
def test_every_question_of_the_demo_is_a_passage_of_its_seed(case):
    text = request_text(case.seed)
    passages = split(text, [(n, q.text) for n, q in enumerate(case.questions, start=1)])
    assert [p.number for p in passages if p.is_question] == list(range(1, len(case.questions) + 1))
    # Seed 000's opening, the "Of these:" and the attachment paragraph are the requester's
    # own words between the questions, replicated too.
    if case.seed == "000":
        between = " ".join(p.text for p in passages if not p.is_question)
        assert "I am writing to request information" in between and "Of these:" in between
