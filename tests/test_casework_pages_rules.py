"""The casework pages' rules as pure functions: reading the questions box, which notices a
case's answers allow, deadlines in working days, a refusal's lines and the timeline's order."""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django import forms
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from answerable.casework.forms import (
    QuestionsError,
    model_errors_onto,
    notices_for,
    parse_questions,
)
from answerable.casework.models.choices import Notice
from answerable.casework.views.actions import refusal_lines
from answerable.casework.views.deadlines import days_left, deadline_text
from answerable.casework.views.timeline import timeline
from answerable.clock.holidays import library_calendar

# --- the questions box ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "1. How many?\n2. Where?",
        "1) How many?\n\n2) Where?",
        "(1) How many?\n(2) Where?",
        "Q1. How many?\nQuestion 2 - Where?",
        "How many?\nWhere?",
        "  1.  How many?  \n  Where?",
    ],
)
def test_questions_are_read_one_a_line_without_their_numbers(text):
    assert parse_questions(text) == ["How many?", "Where?"]


def test_a_number_that_is_part_of_the_question_is_kept():
    assert parse_questions("100 people were held; where?\n1.5 million pounds: on what?") == [
        "100 people were held; where?",
        "1.5 million pounds: on what?",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1. How many?\n3. Where?", "Line 2 is numbered 3, but it is question 2"),
        ("1. How many?\n\n1. Again?", "Line 3 is numbered 1, but it is question 2"),
        ("2. Where?", "Line 1 is numbered 2, but it is question 1"),
        ("1. How many?\n2.  ", "Line 2 has a number but no question"),
    ],
)
def test_questions_numbered_out_of_order_are_refused_saying_where(text, message):
    with pytest.raises(QuestionsError, match=message):
        parse_questions(text)


@given(st.lists(st.text(alphabet="abcdefgh ?", min_size=1).filter(str.strip), max_size=8))
def test_numbered_questions_read_back_as_typed(questions):
    questions = [q.strip() for q in questions]
    typed = "\n".join(f"{n}. {q}" for n, q in enumerate(questions, start=1))
    assert parse_questions(typed) == questions


# --- which notice ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kinds", "notices"),
    [
        (["figures", "text", "document"], (Notice.FULL,)),
        (["figures", "exempt"], (Notice.PARTIAL,)),
        (["not_held", "text"], (Notice.PARTIAL,)),
        (["exempt"], (Notice.EXEMPT,)),
        (["not_held", "exempt", "not_held"], (Notice.NOT_HELD, Notice.EXEMPT)),
        (["cost", "cost"], (Notice.COST,)),
        (["ncnd"], (Notice.NCND,)),
    ],
)
def test_the_answers_decide_the_notices_offered(kinds, notices):
    choice = notices_for(kinds)
    assert choice.notices == notices and choice.reason == ""


def test_no_notice_is_offered_before_every_question_is_answered():
    assert notices_for([]).notices == ()
    assert "Add the request's questions" in notices_for([]).reason
    assert notices_for(["", "text"]).reason == "Answer question 1 before issuing a response."
    choice = notices_for(["text", "", "figures", ""])
    assert choice.notices == () and choice.reason == (
        "Answer questions 2 and 4 before issuing a response."
    )


# --- deadlines ------------------------------------------------------------------------------

SCOTLAND = library_calendar("foisa", range(2025, 2028))


def test_days_left_count_working_days_to_the_deadline():
    friday, monday = date(2026, 7, 10), date(2026, 7, 13)
    assert days_left(SCOTLAND, friday, friday) == 0
    assert days_left(SCOTLAND, friday, monday) == 1  # the weekend is not counted
    assert days_left(SCOTLAND, monday, friday) == -1
    assert days_left(SCOTLAND, friday + timedelta(days=1), friday) == 0  # Saturday


@given(st.dates(date(2026, 1, 5), date(2026, 12, 20)), st.integers(0, 40))
def test_days_left_and_back_agree(today, offset):
    due = today + timedelta(days=offset)
    assert days_left(SCOTLAND, today, due) == -days_left(SCOTLAND, due, today)


@pytest.mark.parametrize(
    ("left", "overdue", "text"),
    [
        (3, False, "3 working days left"),
        (1, False, "1 working day left"),
        (0, False, "Due today"),
        (-1, True, "1 working day overdue"),
        (-4, True, "4 working days overdue"),
        (0, True, "Overdue"),  # the Saturday after a Friday deadline
    ],
)
def test_deadline_text(left, overdue, text):
    assert deadline_text(left, overdue=overdue) == text


# --- refusals -------------------------------------------------------------------------------


def test_a_letter_refusal_becomes_one_line_per_thing_missing():
    message = (
        "the full letter IM-FOI-2026-0001 cannot be issued:\n"
        "- question 1: answered in writing but the answer or document is missing\n"
        "- a full disclosure needs the questions and their answers"
    )
    assert refusal_lines(message) == [
        "The full letter IM-FOI-2026-0001 cannot be issued:",
        "Question 1: answered in writing but the answer or document is missing",
        "A full disclosure needs the questions and their answers",
    ]
    assert refusal_lines("question 1 has no answer yet") == ["Question 1 has no answer yet"]


class Small(forms.Form):
    received_on = forms.DateField()


def test_model_errors_land_on_the_field_shown_or_at_the_top_naming_the_field():
    form = Small({"received_on": "2026-07-01"})
    assert form.is_valid()
    model_errors_onto(
        form,
        ValidationError(
            {
                "received_on": "Not on a Sunday.",
                "fee_paid_on": "Before the notice.",
                "__all__": "Something else.",
            }
        ),
    )
    assert form.errors["received_on"] == ["Not on a Sunday."]
    assert form.non_field_errors() == ["fee paid on: Before the notice.", "Something else."]


# --- the timeline ---------------------------------------------------------------------------


def case(**fields):
    values = {
        "received_on": date(2026, 7, 1),
        "clarification_sought_on": None,
        "clarification_received_on": None,
        "fee_notice_issued_on": None,
        "fee_gbp": None,
        "fee_paid_on": None,
        "due_on": date(2026, 7, 29),
        "due_explanation": "Received 1 July.\n20 working days.",
        "responded_on": None,
        "status": "received",
        "get_channel_display": lambda: "E-mail",
    }
    values.update(fields)
    return SimpleNamespace(**values)


def publication(publish_on, withdrawn_on=None):
    return SimpleNamespace(publish_on=publish_on, withdrawn_on=withdrawn_on)


def test_the_timeline_runs_in_date_order_from_receipt_to_the_log():
    events = timeline(
        case(
            clarification_sought_on=date(2026, 7, 2),
            clarification_received_on=date(2026, 7, 6),
            due_on=date(2026, 8, 3),
            responded_on=date(2026, 7, 20),
        ),
        letters=[SimpleNamespace(issued_on=date(2026, 7, 20), notice="full")],
        reviews=[],
        appeals=[],
        court_appeals=[],
        publication=publication(date(2026, 7, 27)),
        today=date(2026, 7, 21),
    )
    assert [(e.on, e.title) for e in events] == [
        (date(2026, 7, 1), "Request received"),
        (date(2026, 7, 2), "Clarification sought (s1(3))"),
        (date(2026, 7, 6), "Clarification received"),
        (date(2026, 7, 20), "Letter issued: Information supplied in full"),
        (date(2026, 7, 27), "Appears in the disclosure log"),
        (date(2026, 8, 3), "Response due"),
    ]
    assert events[-1].detail == ("Received 1 July.", "20 working days.")
    assert events[-1].deadline and events[-2].deadline


def test_a_response_is_published_from_its_day_and_a_withdrawal_shows():
    shown = timeline(
        case(),
        letters=[],
        reviews=[],
        appeals=[],
        court_appeals=[],
        publication=publication(date(2026, 7, 27)),
        today=date(2026, 7, 27),
    )
    assert "Published in the disclosure log" in [e.title for e in shown]
    withdrawn = timeline(
        case(),
        letters=[],
        reviews=[],
        appeals=[],
        court_appeals=[],
        publication=publication(date(2026, 7, 27), withdrawn_on=date(2026, 8, 1)),
        today=date(2026, 8, 2),
    )
    titles = [e.title for e in withdrawn]
    assert "Scheduled for the disclosure log" in titles
    assert titles[-1] == "Withdrawn from the disclosure log"
    assert "Published in the disclosure log" not in titles
