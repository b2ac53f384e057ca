"""The answer page's pure rules for filters (answers/filters.py) and for the address of a
stored query (answers/links.py): a case's question read by the page is the same question."""

from datetime import date

import pytest
from django.http import QueryDict
from hypothesis import given, settings
from hypothesis import strategies as st

from answerable.answers.catalogue import CATALOGUE
from answerable.answers.dimensions import Options
from answerable.answers.engine import EPISODES, PEOPLE, Ask
from answerable.answers.filters import (
    Filter,
    catalogue_filters,
    is_closed,
    normalise,
    options_for,
    read_value,
    split_values,
    words_of,
)
from answerable.answers.forms import AskForm
from answerable.answers.links import answers_url, page_query
from answerable.answers.views.running import query_of

pytestmark = pytest.mark.django_db

CRIME_TYPES = (("domestic_abuse", "Domestic abuse"), ("human_trafficking", "Human trafficking"))
CRIME_TYPE = Filter("crime_type", "Crime type", True, CRIME_TYPES)
NATIONALITY = Filter("nationality", "Nationality", False, ())


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("domestic_abuse", "domestic_abuse"),
        ("DOMESTIC_ABUSE", "domestic_abuse"),
        ("Domestic abuse", "domestic_abuse"),
        ("  domestic   ABUSE ", "domestic_abuse"),
        ("human trafficking", "human_trafficking"),
        ("burglary", "burglary"),  # not a value: left for the form to refuse
    ],
)
def test_a_value_is_read_as_its_code_from_its_code_or_words_in_any_case(text, code):
    assert read_value(text, CRIME_TYPES) == code


def test_values_are_split_at_commas_in_order_once_each():
    assert split_values(["a, b", "c,,a", " "]) == ["a", "b", "c"]


def test_words_are_the_registers_labels_or_reader_labels():
    assert words_of("immigration_powers") == "Held under UK immigration legislation powers"
    assert words_of("not_recorded") == "Not recorded"
    assert words_of("in_custody") == "In custody"
    assert words_of("removed") == "Removed"  # two vocabularies word it differently
    assert words_of("Govan") == "Govan"


def test_every_dimension_is_one_filter_and_closed_ones_list_their_values():
    filters = {item.name: item for item in catalogue_filters(options_for((24, 48), (18,)))}
    assert set(filters) == {n for q in CATALOGUE.values() for n in q.dimensions}
    assert filters["crime_type"].closed and not filters["nationality"].closed
    assert not filters["offence_code"].closed and not filters["month"].closed
    # The union over the questions: custody-all counts every detention basis.
    assert [code for code, _ in filters["detention_basis"].values] == [
        "immigration_powers",
        "immigration_offence",
        "other",
    ]
    assert ("0-24", "0-24") in filters["duration"].values


@pytest.mark.parametrize(
    ("query", "expected", "errors"),
    [
        (
            "where=crime_type=Domestic+abuse,human_trafficking",
            ["domestic_abuse", "human_trafficking"],
            [],
        ),
        ("where=crime_type&equals=domestic_abuse", ["domestic_abuse"], []),
        (
            "where_crime_type=domestic_abuse&where_crime_type=HUMAN_TRAFFICKING",
            ["domestic_abuse", "human_trafficking"],
            [],
        ),
        ("where=crime_type", [], [("where_crime_type", "Crime type: give the values to keep")]),
        (
            "where=colour=red",
            None,
            [
                (
                    None,
                    "Only where: 'colour' is not a dimension; "
                    "the dimensions are crime_type, nationality",
                )
            ],
        ),
        (
            "where_colour=red",
            [],
            [
                (
                    None,
                    "Only where: 'colour' is not a dimension; "
                    "the dimensions are crime_type, nationality",
                )
            ],
        ),
        (
            "equals=red",
            None,
            [(None, "Only where: the values given in “equals” need a dimension in “where”")],
        ),
    ],
)
def test_the_commands_and_the_first_forms_of_a_filter_are_read_as_the_pages(
    query, expected, errors
):
    normalised = normalise(QueryDict(query), [CRIME_TYPE, NATIONALITY])
    assert normalised.data.getlist("where_crime_type") == (expected or [])
    assert list(normalised.errors) == errors
    assert "where" not in normalised.data and "equals" not in normalised.data


def test_typed_values_are_kept_as_one_list():
    normalised = normalise(
        QueryDict("where=nationality=albania&where_nationality=IRQ"), [NATIONALITY]
    )
    assert normalised.data.getlist("where_nationality") == ["IRQ, albania"]


# --- a stored query as the page's address -------------------------------------------------------

# Dimensions whose every value is known without the register (stations and divisions are
# read from it).
CLOSED = {
    name
    for question in CATALOGUE.values()
    for name, dimension in question.dimensions.items()
    if is_closed(dimension) and dimension.lookup is None
}


@st.composite
def stored_asks(draw) -> Ask:
    """Any question the page can ask, with values of the dimensions listed without the
    register (stations and divisions come from it)."""
    question = CATALOGUE[draw(st.sampled_from(sorted(CATALOGUE)))]
    names = sorted(set(question.dimensions) - {"station", "division"})  # need records
    by = draw(st.lists(st.sampled_from(names), max_size=3, unique=True))
    bands = draw(st.sampled_from([(24, 48), (12, 24, 72)]))
    ages = draw(st.sampled_from([(18,), (10, 16, 18)]))
    options = Options(duration_bounds=bands, age_bounds=ages)
    where = {}
    for name in draw(
        st.lists(st.sampled_from(sorted(CLOSED & set(names))), max_size=3, unique=True)
    ):
        values = question.dimensions[name].values(options)
        where[name] = draw(st.lists(st.sampled_from(values), min_size=1, max_size=3, unique=True))
    first = draw(st.none() | st.dates(date(2015, 1, 1), date(2025, 12, 31)))
    last = draw(st.none() | st.dates(first or date(2015, 1, 1), date(2025, 12, 31)))
    return Ask(
        question=question.name,
        first_day=first,
        last_day=last,
        where=where,
        by=tuple(by),
        duration_bounds=bands if "duration" in (*by, *where) else (24, 48),
        age_bounds=ages if "age_band" in (*by, *where) else (18,),
        count=draw(st.sampled_from([EPISODES, PEOPLE])),
    )


@settings(max_examples=60, deadline=None)
@given(stored_asks(), st.none() | st.integers(10, 50))
def test_a_stored_query_opened_in_the_page_is_the_same_question(ask, threshold):
    stored = {**query_of(ask), **({"threshold": threshold} if threshold else {})}
    form = AskForm(page_query(stored))
    assert form.is_valid(), form.errors
    assert form.ask() == ask and form.chosen_threshold == threshold
    assert query_of(form.ask()) == query_of(ask)


def test_the_link_names_the_case_and_its_question_and_reads_like_the_command():
    stored = {
        "question": "referrals",
        "where": {"role": ["victim"], "crime_type": ["domestic_abuse", "human_trafficking"]},
        "by": ["sex"],
    }
    url = answers_url(stored, reference="FOI-2026-0001", number=2)
    assert url == (
        "/answers/?question=referrals&by=sex&where_role=victim"
        "&where_crime_type=domestic_abuse,human_trafficking&case=FOI-2026-0001&case_question=2"
    )


def test_a_query_beyond_the_page_is_still_opened_and_refused_there():
    many = page_query({"question": "referrals", "by": ["role", "sex", "child", "crime_type"]})
    assert many["by"] == "role,sex,child,crime_type"
    assert "at most 3" in " ".join(AskForm(many).errors["by"])
    unknown = page_query({"question": "referrals", "where": {"colour": ["red"]}})
    assert "'colour' is not a dimension" in " ".join(AskForm(unknown).non_field_errors())
    assert answers_url({"question": "referrals", "from": "soon"}, reference="X", number=1) is None
