"""Issue 13's done-when: each combination of a response issued, with its notices.

A response gives what it can and carries a notice for everything it does not: figures with
part of the request refused on cost (s12, with s15 advice); figures with cells withheld as
[c] (s16(1) refusal notice under s38(1)(b), absolute under s38(2A)(a)); figures for periods
the register does not hold (s17). The outcome follows from what the response contains, and
the Commissioner's statistics return counts every provision used.

`COMBINATIONS` is the list each combination is run from, documents enclosed and an s25
answer with a published address among them (a function taking the case and returning what
the letter must say).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pytest
from casework_helpers import approve, make_case
from interchange_files import write
from letters_examples import text_of
from seed_001 import custody_csv

from answerable.casework.given_documents import give_document
from answerable.casework.issue import (
    IssueError,
    issue_acknowledgement,
    issue_clarification_request,
    issue_late_notice,
    issue_response,
)
from answerable.casework.models import (
    CitedExemption,
    InformationRequest,
    IssuedLetter,
    RequestQuestion,
    ThirdPartyConsultation,
)
from answerable.casework.models.choices import Notice as Outcome
from answerable.casework.statistics import Quarter, quarterly_return
from answerable.core.pdf import html_to_pdf
from answerable.interchange.importer import import_file
from answerable.register.coverage_records import record_coverage
from answerable.register.documents import add_version, save_document

pytestmark = pytest.mark.django_db

RECEIVED, ISSUED = date(2018, 7, 2), date(2018, 7, 27)
FY_2017 = {"from": "2017-04-01", "to": "2018-03-31"}
REQUEST = (
    "Dear FOI team,\n"
    "1. How many people were held in Police Scotland cells under immigration powers in "
    "2017/18?\n"
    "2. What police stations were people held at in 2017/18?\n"
    "3. How many were held in each year from 2015/16 to 2017/18?\n"
    "4. Please send me the custody records of every person held since 2015.\n"
    "5. Please send me any agreement on sharing data with the Home Office, with a web link.\n"
    "Thank you."
)
QUESTIONS = (
    "1. How many people were held in Police Scotland cells under immigration powers in 2017/18?",
    "2. What police stations were people held at in 2017/18?",
    "3. How many were held in each year from 2015/16 to 2017/18?",
    "4. Please send me the custody records of every person held since 2015.",
    "5. Please send me any agreement on sharing data with the Home Office, with a web link.",
)


@pytest.fixture
def media(settings, tmp_path):
    """Uploaded documents in the test's own directory."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def register(tmp_path):
    """Seed 001's 537 immigration custodies of 2017/18 (small stations withheld as [c])."""
    import_file("custody", write(tmp_path, custody_csv()), progress=False)


def new_case(*numbers: int) -> InformationRequest:
    case = make_case(RECEIVED, request_text=REQUEST, requester_name="Ms Iona Example")
    for number in numbers:
        RequestQuestion.objects.create(
            request=case, number=number, text=QUESTIONS[number - 1], answer_kind=""
        )
    return case


def answer(case: InformationRequest, number: int, kind: str, **fields) -> None:
    case.questions.filter(number=number).update(answer_kind=kind, **fields)


# --- the combinations -----------------------------------------------------------------------


@dataclass(frozen=True)
class Expected:
    outcome: str
    provisions: tuple[str, ...]
    says: tuple[str, ...]  # what the letter must say, in words a requester reads
    not_says: tuple[str, ...] = ()


def figures_and_cost_part(case: InformationRequest) -> Expected:
    """Figures for 2017/18; every custody record refused on cost (s12), with s15 advice."""
    answer(case, 1, "figures", ask={"question": "custody-count", **FY_2017})
    answer(
        case,
        4,
        "cost",
        answer_text="Each custody record would have to be located, read and redacted.",
    )
    case.manual_search_minutes = 140_000
    case.narrowing_advice = "You could ask for the records of one custody centre for a month."
    case.save()
    return Expected(
        "partial",
        ("12(1)",),
        (
            "537",
            "section 16(4)",
            "section 12(1)",
            "cost threshold is £600",
            "section 15 of the Act (advice and assistance)",
            "one custody centre for a month",
        ),
        ("section 38(1)(b)", "section 17(1)", "Estimated cost of compliance"),
    )


def figures_withheld(case: InformationRequest) -> Expected:
    """Figures by station, the smallest withheld as [c]: the s38(1)(b) refusal notice."""
    answer(case, 2, "figures", ask={"question": "custody-count", **FY_2017, "by": ["station"]})
    return Expected(
        "partial",
        ("38(1)(b)",),
        (
            "Govan 76",
            "Ayr [c]",
            "Information withheld",
            "section 16(1)",
            "Personal information",
            "section 38(2A)(a) of the Act), this is an absolute exemption",
            "could identify the people counted",
            "[c] means a figure is withheld",
        ),
        ("Public interest test", "section 12(1)"),
    )


def figures_not_held(case: InformationRequest) -> Expected:
    """Figures by year from 2015/16, the register holding custody only from April 2017."""
    record_coverage("custody", date(2017, 4, 1), "National Custody System introduced", "test")
    answer(
        case,
        3,
        "figures",
        ask={"question": "custody-count", "from": "2015-04-01", "to": "2018-03-31"}
        | {"by": ["financial_year"]},
    )
    return Expected(
        "partial",
        ("17(1)",),
        (
            "Information not held",
            "section 17(1)",
            "2015/16 not held",
            "2017/18 537",
            "only from 1 April 2017",
        ),
        ("section 12(1)", "section 38(1)(b)"),
    )


def figures_in_full(case: InformationRequest) -> Expected:
    """A total with nothing withheld or not held: released in full, no notice."""
    answer(case, 1, "figures", ask={"question": "custody-count", **FY_2017})
    return Expected("full", (), ("537", "replicated below"), ("refusal notice", "[c]"))


def documents_enclosed_and_s25(case: InformationRequest) -> Expected:
    """The MoU's final version enclosed; the 2016 agreement, already published, answered
    under s25(1) with its address (an exemption: its refusal notice says where it is)."""
    mou = save_document(None, reference="MOU", title="Umbrella MoU", kind="mou")
    final = add_version(
        mou,
        version="1.0",
        status="final",
        dated=date(2020, 1, 20),
        file_name="mou.pdf",
        content=html_to_pdf("<p>Umbrella MoU final text</p>"),
    )
    isa = save_document(
        None,
        reference="ISA-2016",
        title="Information Sharing Agreement (umbrella)",
        kind="information_sharing_agreement",
        published_url="https://www.example.gov.uk/isa-2016",
    )
    isa_v = add_version(isa, version="1.0", status="final", dated=date(2016, 6, 1))
    answer(case, 5, "document", answer_text="The agreements are as follows.")
    question = case.questions.get(number=5)
    give_document(question, final)
    give_document(question, isa_v, "s25")
    return Expected(
        "partial",
        ("25(1)",),
        (
            "Please find enclosed: Umbrella MoU, version 1.0, as the file MOU-1.0.pdf",
            "https://www.example.gov.uk/isa-2016",
            "section 25(1) of the Act",
        ),
        ("section 12(1)", "section 38(1)(b)"),
    )


# Each combination: the questions the case asks, and how they are answered.
COMBINATIONS: dict[str, tuple[tuple[int, ...], Callable[[InformationRequest], Expected]]] = {
    "figures + s12 part": ((1, 4), figures_and_cost_part),
    "figures with withheld cells (s38)": ((2,), figures_withheld),
    "s17 for periods not held": ((3,), figures_not_held),
    "figures in full": ((1,), figures_in_full),
    "documents enclosed and s25 links": ((5,), documents_enclosed_and_s25),
}


@pytest.mark.parametrize("name", list(COMBINATIONS))
def test_each_combination_is_issued_with_its_notices(register, media, name):
    numbers, build = COMBINATIONS[name]
    case = new_case(*numbers)
    expected = build(case)
    approve(case, "full")
    issued = issue_response(case, notice="full", issued_on=ISSUED)  # the officer's first guess

    case.refresh_from_db()
    assert case.notice == expected.outcome == issued.notice
    assert tuple(issued.provisions) == expected.provisions
    page = text_of(issued.html)
    assert "Your recent request for information is replicated below" in page
    assert "Dear FOI team," in page and "Thank you." in page  # the request word for word
    for question in case.questions.all():
        assert question.text in page
    for words in expected.says:
        assert words in page, words
    for words in expected.not_says:
        assert words not in page, words

    # The Commissioner's return counts the response by its outcome, and every provision used.
    report = quarterly_return(Quarter(2018, 3))
    assert report.value(Outcome(expected.outcome).label, "FOI") == 1
    for provision in expected.provisions:
        assert report.value(f"section {provision}", "FOI") == 1


def test_the_withheld_figures_exemption_records_its_condition(register):
    case = new_case(2)
    figures_withheld(case)
    approve(case)
    issue_response(case, issued_on=ISSUED)
    cited = CitedExemption.objects.get(request=case)
    assert (cited.section, cited.condition) == ("38(1)(b)", "38(2a)(a)")
    assert cited.absolute and not cited.qualified and not cited.public_interest


def test_a_question_reworded_from_the_request_cannot_be_issued(register):
    case = new_case(1)
    answer(case, 1, "figures", ask={"question": "custody-count", **FY_2017})
    case.questions.filter(number=1).update(text="Immigration custodies in 2017/18, please.")
    with pytest.raises(IssueError, match="question 1 is not in the request as received"):
        issue_response(case, issued_on=ISSUED)
    assert not IssuedLetter.objects.exists()


def test_a_part_of_a_question_refused_on_cost_sits_with_its_figures(register):
    case = new_case(3)
    answer(
        case,
        3,
        "figures",
        ask={"question": "custody-count", **FY_2017},
        part_answer_kind="cost",
        part_answer_text="For 2015/16 and 2016/17 every custody record would have to be read.",
    )
    case.manual_search_minutes = 140_000
    case.save()
    approve(case)
    issued = issue_response(case, issued_on=ISSUED)
    page = text_of(issued.html)
    assert issued.notice == "partial" and issued.provisions == ["12(1)"]
    assert "every custody record would have to be read. This part of your question" in page
    # s15 advice goes with a cost refusal of part of the request: Answerable's own, from the
    # catalogue, when the officer has written none.
    assert "How your request could be answered" in page
    assert "Immigration-related custody episodes can be given for" in page


# --- exemptions: the harm test and third parties ---------------------------------------------


def test_a_law_enforcement_exemption_needs_its_harm_test_and_names_who_was_consulted():
    case = make_case(RECEIVED, request_text="Which custody centres does the NCCU call least?")
    question = RequestQuestion.objects.create(
        request=case, number=1, text=case.request_text, answer_kind="exempt"
    )
    cited = CitedExemption(request=case, section="35(1)(a)", reasons="It would show gaps.")
    with pytest.raises(Exception, match="say who or what disclosure would prejudice"):
        cited.full_clean()
    cited.harm_to = "the prevention or detection of crime"
    cited.harm_likelihood = "would_be_likely"
    cited.harm_how = "Offenders would learn where immigration checks are least likely."
    cited.public_interest = "Effective policing outweighs transparency here."
    cited.full_clean()
    cited.save()
    question.exemption = cited
    question.save()
    ThirdPartyConsultation.objects.create(
        request=case,
        exemption=cited,
        party="Home Office",
        about="NCCU call patterns",
        consulted_on=date(2018, 7, 10),
        views="Release would harm operations.",
    )
    approve(case)
    issued = issue_response(case, issued_on=ISSUED)
    page = text_of(issued.html)
    assert issued.notice == "exempt" and issued.provisions == ["35(1)(a)"]
    assert "Disclosure would be likely to substantially prejudice the prevention" in page
    assert "In reaching this decision we consulted Home Office." in page
    assert "Release would harm operations" not in page  # their views stay on the case file


# --- letters on the way to a response ------------------------------------------------------


def test_acknowledgement_clarification_and_late_letters_are_issued_on_the_case():
    case = make_case(RECEIVED, request_text="Please send me everything about immigration.")
    ack = issue_acknowledgement(case, issued_on=date(2018, 7, 3))
    page = text_of(ack.html)
    assert ack.notice == "acknowledgement" and case.reference in page
    assert f"by {case.due_on:%d %B %Y} at the latest" in page and "section 10(1)" in page
    assert "Please send me everything about immigration." in page
    assert "request a review" not in page  # nothing to review yet

    with pytest.raises(IssueError, match="say what you need"):
        issue_clarification_request(case, needed=" ", issued_on=date(2018, 7, 4))
    clarify = issue_clarification_request(
        case,
        needed="Which records: custody, or disclosures to the Home Office?",
        issued_on=date(2018, 7, 4),
    )
    case.refresh_from_db()
    assert case.status == "clarification_sought" and case.clarification_sought_on
    page = text_of(clarify.html)
    assert "Which records: custody" in page and "section 1(3)" in page

    case.clarification_received_on = date(2018, 7, 9)
    case.save()
    with pytest.raises(IssueError, match="not late"):
        issue_late_notice(case, issued_on=case.due_on)
    late = issue_late_notice(
        case, issued_on=date(2018, 9, 3), reason="The figures are being checked."
    )
    page = text_of(late.html)
    assert "I am sorry for the delay" in page and f"{case.due_on:%d %B %Y}" in page
    assert "request a review" in page and "Scottish Information Commissioner" in page
    assert not case.responded_on  # none of them is the response
