"""The answer page asks everything `answerable ask` asks: several filters (values as codes or
words, in any case, labelled in words), up to three breakdowns, the threshold; and a case's
figures question opens in it, filled in, and is saved back to the case."""

import io
import json
import re
from datetime import date
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from answer_page_support import PAGE, entries, signed_in
from casework_helpers import make_case
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from interchange_files import write
from seed_001 import custody_csv

from answerable.answers.forms import AskForm
from answerable.answers.output.document import as_document
from answerable.casework import answering
from answerable.casework.models import RequestQuestion
from answerable.interchange.importer import import_file
from answerable.roles.roles import Role
from answerable.web.templatetags.govuk import error_anchor

pytestmark = pytest.mark.django_db

HEADER = "disclosure_ref,force,disclosed_at,role,crime_type,purpose,requested_at,recipient,sex"
# Referrals in October 2017: (role, crime type, sex) -> how many; "" is not recorded.
REFERRALS = {
    ("victim", "domestic_abuse", "female"): 14,
    ("victim", "domestic_abuse", "male"): 6,
    ("victim", "human_trafficking", "female"): 7,
    ("victim", "human_trafficking", "male"): 9,
    ("victim", "modern_slavery", "female"): 5,
    ("victim", "modern_slavery", ""): 2,
    ("victim", "other", "female"): 11,
    ("witness", "domestic_abuse", "female"): 8,
    ("suspect", "human_trafficking", "male"): 12,
}
PERIOD = {"question": "referrals", "from": "2017-10-01", "to": "2017-10-31"}
THREE_TYPES = ["domestic_abuse", "human_trafficking", "modern_slavery"]
# Seed 000's "of these, women": victims of three crime types, by sex, on the page's fields.
OF_THESE = {**PERIOD, "where_role": "victim", "where_crime_type": THREE_TYPES, "by": "sex"}
CLI_OF_THESE = [
    "referrals",
    "--from=2017-10-01",
    "--to=2017-10-31",
    "--where=role=victim",
    "--where=crime_type=" + ",".join(THREE_TYPES),
    "--by=sex",
]


def disclosures_csv() -> str:
    rows, n = [HEADER], 0
    for (role, crime_type, sex), how_many in REFERRALS.items():
        for _ in range(how_many):
            n += 1
            day = 1 + n % 28
            rows.append(
                f"HO-{n},Police Scotland,2017-10-{day:02d}T10:00:00,{role},{crime_type},"
                f"referral,2017-10-{day:02d}T09:00:00,hoie_nccu,{sex}"
            )
    return "\n".join(rows) + "\n"


def exact(role: str, types: list[str], sex: str | None = None) -> int:
    return sum(
        n
        for (r, t, s), n in REFERRALS.items()
        if r == role and t in types and (sex is None or s == sex)
    )


@pytest.fixture
def register(tmp_path):
    import_file("custody", write(tmp_path, custody_csv(), "custody.csv"), progress=False)
    import_file("disclosures", write(tmp_path, disclosures_csv(), "d.csv"), progress=False)


@pytest.fixture
def foi():
    return signed_in(Role.FOI_OFFICER, "foi")


def cli(*arguments: str) -> dict:
    out = io.StringIO()
    call_command("ask", *arguments, "--format=json", stdout=out)
    return json.loads(out.getvalue())


def document(response) -> dict:
    assert response.status_code == 200, response.context["form"].errors
    return as_document(response.context["answer"])


def by_sex(doc: dict) -> dict[str, str]:
    return {cell["sex"]: cell["display"] for cell in doc["cells"]}


# --- several filters, as the command --------------------------------------------------------


def test_several_filters_give_the_figures_of_answerable_ask(foi, register):
    page = document(foi.get(PAGE, OF_THESE))
    assert page == cli(*CLI_OF_THESE)
    assert page["total"]["count"] == exact("victim", THREE_TYPES) == 43
    assert by_sex(page)["female"] == str(exact("victim", THREE_TYPES, "female")) == "26"
    (entry,) = entries("answer page")
    assert json.loads(entry.detail)["where"] == {"role": ["victim"], "crime_type": THREE_TYPES}


def test_the_commands_form_of_filters_and_breakdowns_is_read_as_the_pages(foi, register):
    command_form = {
        **PERIOD,
        "where": ["role=victim", "crime_type=" + ",".join(THREE_TYPES)],
        "by": "sex,crime_type",
    }
    response = foi.get(PAGE, command_form)
    page = document(response)
    assert page == cli(*CLI_OF_THESE[:-1], "--by=sex,crime_type")
    assert page["by"] == ["sex", "crime_type"]
    form = response.context["form"]
    assert form["where_crime_type"].value() == THREE_TYPES  # ticked on the form shown
    assert (form["by"].value(), form["and_by"].value()) == ("sex", "crime_type")


def test_three_breakdowns_are_allowed_and_four_refused_saying_so(foi, register):
    three = {**PERIOD, "by": "role", "and_by": "crime_type", "then_by": "sex"}
    doc = document(foi.get(PAGE, three))
    assert doc == cli(
        "referrals", "--from=2017-10-01", "--to=2017-10-31", "--by=role,crime_type,sex"
    )
    assert doc["total"]["count"] == sum(REFERRALS.values())
    four = foi.get(PAGE, {**PERIOD, "by": "role,crime_type,sex,child"})
    assert four.status_code == 400
    message = " ".join(four.context["form"].errors["by"])
    assert "at most 3 dimensions, not 4 (role, crime_type, sex, child)" in message
    assert len(entries()) == 1  # the three, not the four


# --- values in words and in any case ----------------------------------------------------------


def test_the_filters_values_are_labelled_in_words_and_the_chosen_ones_ticked(foi, register):
    page = unescape(foi.get(PAGE, OF_THESE).content.decode())
    crime_types = page[
        page.index('id="filter-crime_type"') : page.index('id="filter-initiated_by"')
    ]
    assert ">Domestic abuse</label>" in crime_types and ">Human trafficking</label>" in crime_types
    assert ">Child sexual exploitation</label>" in crime_types
    assert ">Not recorded</label>" in crime_types
    ticked = re.findall(
        r'<input type="checkbox" name="where_crime_type" value="(\w+)"[^>]*checked', page
    )
    assert ticked == THREE_TYPES
    # A dimension with a filter is open; one without is closed.
    assert re.search(r'<details[^>]*id="filter-crime_type" open>', page)
    assert re.search(r'<details[^>]*id="filter-consent">', page)
    # The register's own words for a value, where it has them.
    custody = unescape(foi.get(PAGE, {"question": "custody-count"}).content.decode())
    assert ">Held under UK immigration legislation powers</label>" in custody
    assert ">In custody</label>" in custody  # a band, as reader_label words it


@pytest.mark.parametrize(
    "spelt",
    [
        {
            "where_role": "VICTIM",
            "where_crime_type": "Domestic Abuse, human trafficking,MODERN_SLAVERY",
        },
        {"where": ["role=Victim", "crime_type=domestic abuse,Human Trafficking,Modern slavery"]},
        {
            "where_role": "victim",
            "where_crime_type": ["domestic_abuse", "HUMAN TRAFFICKING", "modern slavery"],
        },
    ],
)
def test_values_are_read_as_codes_or_words_in_any_case(foi, register, spelt):
    response = foi.get(PAGE, {**PERIOD, "by": "sex", **spelt})
    assert document(response) == cli(*CLI_OF_THESE)
    assert response.context["form"]["where_crime_type"].value() == THREE_TYPES


def test_typed_values_of_open_dimensions_are_read_in_any_case(foi, register):
    fy = {"question": "custody-count", "from": "2017-04-01", "to": "2018-03-31"}
    station = document(foi.get(PAGE, {**fy, "where": "station", "equals": "govan,CATHCART"}))
    assert station == cli(
        "custody-count", "--from=2017-04-01", "--to=2018-03-31", "--where=station=Govan,Cathcart"
    )
    assert station["total"]["count"] > 0
    # Nationality by name or code, any case, is kept as its ISO code.
    foi.get(PAGE, {**fy, "where_nationality": "albania, irq"})
    detail = json.loads(entries("answer page")[-1].detail)
    assert detail["where"] == {"nationality": ["AL", "IQ"]}


# --- errors -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        (
            {**PERIOD, "where_crime_type": "domestic_abuse,burglary"},
            "where_crime_type",
            "Crime type: “burglary” is not one of its values",
        ),
        (
            {"question": "custody-count", "where_detention_basis": "other"},
            "where_detention_basis",
            "Detention basis: “other” is not one of its values; choose from Held under UK",
        ),
        (
            {**PERIOD, "where_nationality": "Albania,Narnia"},
            "where_nationality",
            "Nationality (self-declared): “Narnia” is not one of its values",
        ),
        (
            {**PERIOD, "where_station": "Govan"},
            "where_station",
            "Custody centre (station) does not apply to “Referrals to the Home Office”",
        ),
        ({**PERIOD, "where_month": "2017-13"}, "where_month", "Month: “2017-13” is not one"),
    ],
)
def test_a_value_that_is_not_the_dimensions_is_an_error_naming_both(
    foi, register, query, field, message
):
    response = foi.get(PAGE, query)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    page = unescape(response.content.decode())
    start = page.index('class="govuk-error-summary"')
    summary = page[start : page.index("</ul>", start)]
    anchor = response.context["form"][field]
    assert f'href="#{error_anchor(anchor)}"' in summary and message in summary
    assert f'id="{anchor.auto_id}-error" class="govuk-error-message"' in page
    assert response.context["answer"] is None and not entries()


def test_a_threshold_is_raised_for_one_answer_and_never_lowered(foi, register):
    higher = document(foi.get(PAGE, {**OF_THESE, "threshold": "30"}))
    assert higher == cli(*CLI_OF_THESE, "--threshold=30")
    assert higher["suppression"]["threshold"] == 30 and by_sex(higher)["female"] == "[c]"
    # Not even the disclosure manager, who may see exact figures, may lower the policy.
    for client in (foi, signed_in(Role.DISCLOSURE_MANAGER, "manager")):
        lower = client.get(PAGE, {**OF_THESE, "threshold": "3"})
        assert lower.status_code == 400
        message = " ".join(lower.context["form"].errors["threshold"])
        assert "never lowered below the policy's 5" in message


# --- from a case's question to the page, and back -----------------------------------------------

STORED = {
    "question": "referrals",
    "from": "2017-10-01",
    "to": "2017-10-31",
    "where": {"role": ["victim"], "crime_type": THREE_TYPES},
    "by": ["sex"],
}


@pytest.fixture
def figures_question(register):
    case = make_case(date(2026, 7, 1), title="Victims referred to the Home Office")
    question = RequestQuestion.objects.create(
        request=case,
        number=2,
        text="Of these, how many were women?",
        answer_kind="figures",
        ask=STORED,
    )
    answering.refresh(question)
    return question


def answers_link(client, case) -> str:
    page = client.get(reverse("casework:case_detail", kwargs={"reference": case.reference}))
    assert page.status_code == 200
    html = page.content.decode()
    (href,) = re.findall(r'<a class="govuk-link" href="([^"]+)">Open in the answers page', html)
    return unescape(href)


def test_a_cases_question_opens_in_the_answers_page_filled_in(foi, figures_question):
    case = figures_question.request
    url = answers_link(foi, case)
    query = parse_qs(urlsplit(url).query)
    assert query["case"] == [case.reference] and query["case_question"] == ["2"]
    assert query["where_crime_type"] == [",".join(THREE_TYPES)] and query["by"] == ["sex"]
    response = foi.get(url)
    assert document(response) == cli(*CLI_OF_THESE)
    assert as_document(response.context["answer"])["total"] == figures_question.result["total"]
    page = unescape(response.content.decode())
    assert f"Answering question 2 of case {case.reference}" in page
    back = reverse("casework:case_detail", kwargs={"reference": case.reference})
    assert f'href="{back}#question-2">Back to case {case.reference}</a>' in page
    assert f"Save to question 2 of {case.reference}</button>" in page
    # The question's own page points there too, to change the query.
    edit = foi.get(
        reverse("casework:question_edit", kwargs={"reference": case.reference, "number": 2})
    )
    assert "open question 2 in the answers page" in edit.content.decode()
    assert url.replace("&", "&amp;") in edit.content.decode()
    # Changing a filter keeps the case: its parameters ride on the form.
    assert f'<input type="hidden" name="case" value="{case.reference}">' in page


def test_a_changed_question_is_saved_back_to_the_case(foi, figures_question):
    case = figures_question.request
    query = parse_qs(urlsplit(answers_link(foi, case)).query)
    query["where_crime_type"] = ["domestic_abuse"]  # the officer narrows the question
    response = foi.get(PAGE, query)
    assert document(response)["total"]["count"] == exact("victim", ["domestic_abuse"])
    save = response.context["attach_url"]
    saved = foi.post(save, {"target": "existing", "existing": figures_question.pk})
    assert saved.status_code == 302
    assert saved["Location"] == reverse(
        "casework:case_detail", kwargs={"reference": case.reference}
    )
    figures_question.refresh_from_db()
    assert figures_question.ask == {
        **STORED,
        "where": {"role": ["victim"], "crime_type": ["domestic_abuse"]},
    }
    assert figures_question.result["total"]["count"] == 20
    assert figures_question.text == "Of these, how many were women?"
    (entry,) = entries("answer attached to a case")
    assert json.loads(entry.detail)["case"] == case.reference
    # The case page now links the new question.
    assert parse_qs(urlsplit(answers_link(foi, case)).query)["where_crime_type"] == [
        "domestic_abuse"
    ]


def test_a_threshold_kept_on_the_case_goes_and_comes_back(figures_question):
    manager = signed_in(Role.DISCLOSURE_MANAGER, "manager")
    figures_question.ask = {**STORED, "threshold": 7, "bands": [12, 24]}
    figures_question.save()
    query = parse_qs(urlsplit(answers_link(manager, figures_question.request)).query)
    assert query["threshold"] == ["7"] and query["bands"] == ["12,24"]
    response = manager.get(PAGE, query)
    assert document(response) == cli(*CLI_OF_THESE, "--threshold=7")
    manager.post(
        response.context["attach_url"], {"target": "existing", "existing": figures_question.pk}
    )
    figures_question.refresh_from_db()
    assert figures_question.ask == {**STORED, "threshold": 7}  # bands shaped no breakdown


def test_a_frozen_question_is_shown_but_cannot_be_saved_to(foi, figures_question):
    RequestQuestion.objects.filter(pk=figures_question.pk).update(frozen_at=timezone.now())
    response = foi.get(answers_link(foi, figures_question.request))
    page = response.content.decode()
    assert "its figures are frozen and cannot be changed" in page
    assert "Save to question" not in page and 'id="save-to-case"' not in page


def test_only_caseworkers_see_the_case_and_only_askers_the_link(figures_question, register):
    url = answers_link(signed_in(Role.FOI_OFFICER, "foi"), figures_question.request)
    analyst = signed_in(Role.ANALYST, "analyst")  # asks questions, does no casework
    response = analyst.get(url)
    assert response.status_code == 200 and response.context["for_case"] is None
    page = response.content.decode()
    assert figures_question.request.reference not in page and "Save to question" not in page
    # A forged save is refused by the attach view's own check.
    refused = analyst.post(
        response.context["attach_url"], {"target": "existing", "existing": figures_question.pk}
    )
    assert refused.status_code == 403


def test_an_engine_error_about_a_field_the_page_lacks_is_shown_for_the_whole_form(monkeypatch):
    from answerable.answers.views import page as answer_page

    def refuse(*args, **kwargs):
        raise answer_page.RunError("colour: 'red' is not a value", "where_colour")

    monkeypatch.setattr(answer_page, "run", refuse)
    form = AskForm({"question": "referrals"})
    assert answer_page.answered(form, purpose="test") is None
    assert form.non_field_errors() == ["colour: 'red' is not a value"]
