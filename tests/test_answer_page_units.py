"""The answer page's pure rules: the stored query, named periods, engine errors placed on
their fields, the breakdowns a question allows, and download file names."""

from datetime import date
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from answerable.answers.catalogue import CATALOGUE
from answerable.answers.engine import Ask, AskError
from answerable.answers.forms import applies, dimension_choices, named_period
from answerable.answers.stored import ask_from_json
from answerable.answers.views.downloads import filename
from answerable.answers.views.running import field_of, query_of

QUESTIONS = sorted(CATALOGUE)
bounds = st.lists(st.integers(1, 500), min_size=1, max_size=4, unique=True).map(
    lambda values: tuple(sorted(values))
)


@st.composite
def asks(draw) -> Ask:
    question = CATALOGUE[draw(st.sampled_from(QUESTIONS))]
    names = sorted(question.dimensions)
    by = draw(st.lists(st.sampled_from(names), max_size=2, unique=True))
    where_name = draw(st.none() | st.sampled_from(names))
    values = st.lists(st.text("abcdefgh_-", min_size=1, max_size=8), min_size=1, max_size=3)
    first = draw(st.none() | st.dates(date(2000, 1, 1), date(2030, 12, 31)))
    last = draw(st.none() | st.dates(first or date(2000, 1, 1), date(2030, 12, 31)))
    return Ask(
        question=question.name,
        first_day=first,
        last_day=last,
        where={where_name: draw(values)} if where_name else {},
        by=tuple(by),
        duration_bounds=draw(st.just((24, 48)) | bounds) if "duration" in by else (24, 48),
        age_bounds=draw(st.just((18,)) | bounds) if "age_band" in by else (18,),
        count=draw(st.sampled_from(["episodes", "people"])),
    )


@given(asks())
def test_the_stored_query_is_the_ask_again(ask):
    """What a case keeps (RequestQuestion.ask) is read back by casework/answering.py as the
    very question the page asked."""
    assert ask_from_json(query_of(ask)) == ask


def test_the_stored_query_leaves_out_the_defaults():
    ask = Ask("custody-count", date(2017, 4, 1), date(2018, 3, 31), by=("station",))
    assert query_of(ask) == {
        "question": "custody-count",
        "from": "2017-04-01",
        "to": "2018-03-31",
        "by": ["station"],
    }
    banded = Ask("custody-count", by=("duration",), duration_bounds=(24, 48, 72))
    assert query_of(banded)["bands"] == [24, 48, 72]
    # Bands that shape no breakdown are not part of the question.
    assert "bands" not in query_of(Ask("custody-count", duration_bounds=(12,)))


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("2017/18", (date(2017, 4, 1), date(2018, 3, 31))),
        ("2018", (date(2018, 1, 1), date(2018, 12, 31))),
        ("2020-02", (date(2020, 2, 1), date(2020, 2, 29))),
        (" 1999/00 ", (date(1999, 4, 1), date(2000, 3, 31))),
    ],
)
def test_a_named_period_is_its_first_and_last_days(text, days):
    assert named_period(text) == days


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2017/19", "not a financial year"),
        ("2020-13", "not a month"),
        ("18", "is not a period"),
        ("April 2020", "is not a period"),
    ],
)
def test_a_period_that_is_not_one_is_refused_saying_how_to_write_it(text, message):
    with pytest.raises(ValueError, match=message):
        named_period(text)


@pytest.mark.parametrize(
    ("error", "field", "message"),
    [
        (
            "--where station: 'Govn' is not a value",
            "where_station",
            "station: 'Govn' is not a value",
        ),
        ("--count must be episodes or people, not 'x'", "count", "must be episodes"),
        ("custody-count cannot count people", "count", "cannot count people"),
        ("custody-count has no dimension 'colour'; its dimensions are: station", "by", "colour"),
        ("--by names a dimension twice", "by", "names a dimension twice"),
        ("unknown question 'x'; the catalogue has: custody-count", "question", "unknown"),
        ("something else", None, "something else"),
    ],
)
def test_an_engine_error_is_put_on_its_field_without_the_commands_options(error, field, message):
    found, text = field_of(AskError(error))
    assert found == field and message in text and "--" not in text


def test_every_dimension_is_offered_once_and_checked_against_the_question():
    names = [name for name, _ in dimension_choices()]
    assert len(names) == len(set(names))
    assert set(names) == {n for q in CATALOGUE.values() for n in q.dimensions}
    custody, referrals = CATALOGUE["custody-count"], CATALOGUE["referrals"]
    assert applies(custody, "station") is None
    problem = applies(referrals, "station")
    assert problem.startswith("Custody centre (station) does not apply to “Referrals")
    assert "Crime type" in problem  # says what the question can be broken down by


def test_file_names_say_what_was_asked_and_mark_exact_figures():
    def answer(**fields):
        return SimpleNamespace(counts=SimpleNamespace(ask=Ask("custody-count", **fields)))

    full = answer(first_day=date(2017, 4, 1), last_day=date(2018, 3, 31), by=("station", "sex"))
    assert filename(full, False, "csv") == (
        "custody-count_2017-04-01_to_2018-03-31_by_station_sex.csv"
    )
    assert filename(full, True, "pdf").endswith("_NOT-FOR-PUBLICATION.pdf")
    assert filename(answer(first_day=date(2020, 1, 1)), False, "xlsx") == (
        "custody-count_2020-01-01_to_latest.xlsx"
    )
    assert filename(answer(), False, "csv") == "custody-count.csv"
