"""Figures questions answered from the register, refreshed, and frozen when issued."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from casework_helpers import make_case
from django.core.exceptions import ValidationError
from interchange_files import CUSTODY_HEADER, write
from seed_001 import BAND_COUNTS, custody_csv

from answerable.answers.engine import AskError
from answerable.answers.stored import ask_from_json
from answerable.casework import answering
from answerable.casework.answering import AnswerFrozen, AnsweringError
from answerable.casework.models import RequestQuestion
from answerable.interchange.importer import import_file

pytestmark = pytest.mark.django_db

# Seed 001, question 3: "How long were people held ... ?" for 2017/18.
SEED_001_Q3 = {
    "question": "custody-count",
    "from": "2017-04-01",
    "to": "2018-03-31",
    "by": ["duration"],
    "bands": [24, 48],
}
ONE_MORE = f"""{CUSTODY_HEADER}
NCS-2017-LATE,G,Govan,2017-09-02T14:05:00,2017-09-02T20:05:00,immigration_powers,male,27,,,
"""


@pytest.fixture
def seed_001(tmp_path):
    import_file("custody", write(tmp_path, custody_csv()), progress=False)


@pytest.fixture
def question(seed_001):
    case = make_case(date(2018, 5, 1), reference="IM-FOI-2018-1421")
    return RequestQuestion.objects.create(
        request=case,
        number=3,
        text="How long were people held in Police Scotland cells under these powers?",
        answer_kind="figures",
        ask=SEED_001_Q3,
    )


def bands(result: dict) -> dict[str, int]:
    return {cell["duration"]: cell["count"] for cell in result["cells"]}


def test_a_figures_question_is_answered_from_the_register(question):
    outcome = answering.refresh(question)
    assert outcome.ok
    question.refresh_from_db()
    assert question.result["total"]["count"] == 537
    assert {band: bands(question.result)[band] for band in BAND_COUNTS} == BAND_COUNTS
    assert question.result["question"] == "custody-count"
    assert question.result["period"] == {"from": "2017-04-01", "to": "2018-03-31"}
    assert question.result_run_at is not None and question.result_error == ""


def test_refresh_reruns_and_freeze_keeps_the_figures_given(question, tmp_path):
    answering.refresh(question)
    import_file("custody", write(tmp_path, ONE_MORE, "more.csv"), progress=False)
    answering.refresh(question)
    assert question.result["total"]["count"] == 538

    issued = datetime(2018, 7, 6, 12, 0, tzinfo=UTC)
    assert answering.freeze(question.request, now=issued) == 1
    question.refresh_from_db()
    assert question.frozen_at == issued

    # A later correction of the register changes nothing in the issued response.
    import_file(
        "custody",
        write(tmp_path, ONE_MORE.replace("NCS-2017-LATE", "NCS-2017-LATER"), "later.csv"),
        progress=False,
    )
    with pytest.raises(AnswerFrozen, match="frozen"):
        answering.refresh(question)
    assert answering.refresh_all(question.request) == []
    question.refresh_from_db()
    assert question.result["total"]["count"] == 538
    assert answering.freeze(question.request) == 0  # already frozen


def test_freeze_answers_a_question_not_yet_run(question):
    answering.freeze(question.request)
    question.refresh_from_db()
    assert question.frozen and question.result["total"]["count"] == 537


def test_a_question_that_cannot_be_asked_is_reported_not_raised(question):
    question.ask = {**SEED_001_Q3, "by": ["colour"]}
    question.save()
    outcome = answering.refresh(question)
    assert not outcome.ok
    assert "no dimension 'colour'" in outcome.message
    question.refresh_from_db()
    assert question.result is None and "colour" in question.result_error
    with pytest.raises(AnsweringError, match="colour"):
        answering.freeze(question.request)
    question.refresh_from_db()
    assert not question.frozen  # nothing is frozen when any figure fails


def test_a_table_the_disclosure_audit_refuses_is_reported(question, monkeypatch):
    from answerable.answers.answer import ReleaseRefused

    def refuse(*args, **kwargs):
        raise ReleaseRefused("the disclosure audit did not pass; nothing is released")

    monkeypatch.setattr(answering, "decide", refuse)
    outcome = answering.refresh(question)
    assert not outcome.ok and "not released" in outcome.message


def test_small_counts_are_withheld_in_the_stored_result(question):
    question.ask = {**SEED_001_Q3, "by": ["station"]}
    question.save()
    answering.refresh(question)
    displays = {cell["station"]: cell["display"] for cell in question.result["cells"]}
    assert displays["Dundee"] == "[c]"  # 1 episode in 2017/18
    assert displays["Govan"] == "76"


def test_the_engine_estimate_feeds_the_cost_assessment(question):
    answering.refresh(question)
    case = question.request
    case.manual_search_minutes = 120
    hours = answering.engine_hours(case)
    assert hours == [Decimal(str(question.result["cost"]["hours"]))]
    assessment = case.cost_assessment()
    assert assessment.cost.counted_minutes == 120 + round(hours[0] * 60)
    assert not assessment.s12_applies


@pytest.mark.parametrize(
    ("ask", "message"),
    [
        ({"from": "2017-04-01"}, "'question'"),
        ({"question": "custody-count", "from": "1/4/2017"}, "'from'"),
        ({"question": "custody-count", "from": "2018-01-01", "to": "2017-01-01"}, "after"),
        ({"question": "custody-count", "colour": "red"}, "unknown key"),
        ({"question": "custody-count", "bands": [48, 24]}, "increasing"),
        ({"question": "custody-count", "where": ["station"]}, "'where'"),
    ],
)
def test_a_bad_ask_is_refused_naming_the_key(ask, message):
    with pytest.raises(AskError, match=message):
        ask_from_json(ask)


def test_a_figures_question_without_a_readable_ask_does_not_validate(question):
    question.ask = {"question": "custody-count", "to": "soon"}
    with pytest.raises(ValidationError) as error:
        question.full_clean()
    assert "ask" in error.value.message_dict
