"""The staff forms keep each question a passage of the request as received (issue 13)."""

from datetime import date

import pytest
from casework_helpers import make_case

from answerable.casework.forms import NewRequestForm, QuestionForm
from answerable.casework.models import RequestQuestion

pytestmark = pytest.mark.django_db

REQUEST = "1. How many people were held?\n2. At which custody centres?"


def new_request(questions: str) -> NewRequestForm:
    return NewRequestForm(
        {
            "regime": "foisa",
            "received_on": "01/07/2026",
            "channel": "email",
            "requester_name": "Mr New Requester",
            "requester_email": "new@private.example",
            "title": "Immigration custodies",
            "request_text": REQUEST,
            "questions": questions,
        },
        with_requester=True,
    )


def test_a_new_request_is_split_without_rewording():
    assert new_request("1. How many people were held?\n2. At which custody centres?").is_valid()
    reworded = new_request("1. How many people were held?\n2. Which custody centres held them?")
    assert not reworded.is_valid()
    assert reworded.errors["questions"] == [
        "Question 2 is not in the request as received: copy each question's words from the "
        "request, without rewording them"
    ]


def test_a_question_edited_stays_a_passage_and_may_refuse_part_of_itself():
    case = make_case(date(2026, 7, 1), request_text=REQUEST)
    question = RequestQuestion.objects.create(request=case, number=1, text="How many?")
    data = {"text": "How many people were held?", "answer_kind": "text", "answer_text": "Nine."}
    assert QuestionForm({**data, "part_answer_kind": "cost"}, question=question).errors == {
        "part_answer_text": ["Say which part of the question this is, and why."]
    }
    form = QuestionForm(
        {**data, "part_answer_kind": "cost", "part_answer_text": "Before 2017: every record."},
        question=question,
    )
    assert form.is_valid() and form.question.part_answer_kind == "cost"
    reworded = QuestionForm({**data, "text": "How many were held?"}, question=question)
    assert "Copy the question's words from the request" in reworded.errors["text"][0]
