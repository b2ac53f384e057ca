"""A letter that lacks what the Act requires is refused, with a message naming what."""

import dataclasses
from datetime import date
from decimal import Decimal

import pytest
from letters_examples import (
    COST,
    EXEMPT,
    FIGURES,
    LAW_ENFORCEMENT,
    NCND,
    NOT_HELD,
    PERSONAL,
    TEXT,
    document,
    letter,
)

from answerable.casework.letters.content import Notice, Review
from answerable.casework.letters.elements import LetterError, problems
from answerable.casework.letters.render import render_html

replace = dataclasses.replace

CASES = {
    "exempt without any exemption": (
        letter(Notice.EXEMPT, questions=(), exemptions=()),
        "needs the exemption claimed",
    ),
    "exemption without a section": (
        letter(Notice.EXEMPT, questions=(), exemptions=(replace(LAW_ENFORCEMENT, section=" "),)),
        "the section is missing",
    ),
    "exemption without reasons": (
        letter(Notice.EXEMPT, questions=(), exemptions=(replace(LAW_ENFORCEMENT, reasons=""),)),
        "exemption 35(1)(a): the reasons why it applies are missing (FOISA section 16(1))",
    ),
    "qualified exemption without the public interest test": (
        letter(
            Notice.EXEMPT, questions=(), exemptions=(replace(LAW_ENFORCEMENT, public_interest=""),)
        ),
        "exemption 35(1)(a): a qualified exemption needs the public interest test "
        "(FOISA section 16(2))",
    ),
    "s38(1)(b) without its condition is qualified": (
        letter(
            Notice.EXEMPT,
            exemptions=(),
            questions=(replace(EXEMPT, exemption=replace(PERSONAL, condition="")),),
        ),
        "exemption 38(1)(b): a qualified exemption needs the public interest test",
    ),
    "absolute exemption with a public interest test": (
        letter(
            Notice.EXEMPT,
            exemptions=(),
            questions=(replace(EXEMPT, exemption=replace(PERSONAL, public_interest="Weighed.")),),
        ),
        "exemption 38(1)(b): an absolute exemption has no public interest test",
    ),
    "exempt question with no exemption named": (
        letter(Notice.EXEMPT, exemptions=(), questions=(replace(EXEMPT, exemption=None),)),
        "question 3: refused under an exemption that is not named",
    ),
    "neither confirm nor deny under s36": (
        letter(
            Notice.NCND,
            questions=(
                replace(NCND, exemption=replace(NCND.exemption, section="36(1)", title="Confid.")),
            ),
        ),
        "exemption 36(1): cannot support neither confirming nor denying (FOISA section 18(1))",
    ),
    "neither confirm nor deny without the public interest": (
        letter(
            Notice.NCND,
            questions=(replace(NCND, exemption=replace(NCND.exemption, public_interest="")),),
        ),
        "the public interest reasons for neither confirming nor denying are missing",
    ),
    "cost refusal without the estimate": (
        letter(Notice.COST, cost_gbp=None),
        "a cost refusal needs the estimate of the cost",
    ),
    "cost refusal within the limit": (
        letter(Notice.COST, cost_gbp=Decimal("600.00")),
        "the estimate of GBP 600.00 does not exceed the GBP 600 limit",
    ),
    "cost refusal without s15 advice": (
        letter(Notice.COST, narrowing_advice=()),
        "a cost refusal needs advice on how to narrow the request",
    ),
    "cost refusal under the EIR(S)": (
        letter(Notice.COST, "eir-s"),
        "the EIR(S) have no cost limit",
    ),
    "vexatious without the reason": (
        letter(Notice.VEXATIOUS, vexatious_reason=" "),
        "a vexatious or repeated request notice needs the reason (FOISA section 14",
    ),
    "fees notice without the fee": (
        letter(Notice.FEES, fee_gbp=None),
        "a fees notice needs the fee (FOISA section 9(1))",
    ),
    "fees notice without the cost": (
        letter(Notice.FEES, cost_gbp=None),
        "a fees notice needs the projected cost",
    ),
    "fees notice with the wrong fee": (
        letter(Notice.FEES, fee_gbp=Decimal("35.00")),
        "the fee of GBP 35.00 is not the GBP 25.00 the Fees Regulations give",
    ),
    "fees notice above the cost limit": (
        letter(Notice.FEES, cost_gbp=Decimal("700"), fee_gbp=Decimal("50")),
        "projected costs of GBP 700 exceed the GBP 600 limit",
    ),
    "fees notice under the EIR": (
        letter(Notice.FEES, "eir"),
        "fees notices under the EIR are not supported",
    ),
    "review notice without the review": (
        letter(Notice.REVIEW, review=None),
        "a review notice needs the review's outcome and reasons",
    ),
    "review notice with an unknown outcome": (
        letter(Notice.REVIEW, review=Review("upheld", "Reasons.", date(2018, 7, 20))),
        "the review outcome 'upheld' is not one of confirm, confirm_with_modifications",
    ),
    "review notice without reasons": (
        letter(Notice.REVIEW, review=Review("confirm", "", date(2018, 7, 20))),
        "a review notice needs the reasons (FOISA section 21(5))",
    ),
    "figures without the ask document": (
        letter(Notice.FULL, questions=(replace(FIGURES, figures=None),)),
        "question 1: answered with figures but the `ask` document is missing",
    ),
    "figures without disclosure control": (
        letter(
            Notice.FULL,
            questions=(
                replace(
                    FIGURES,
                    figures={**document(), "suppression": {"threshold": None, "withheld": 0}},
                ),
            ),
        ),
        "question 1: the figures have no disclosure control",
    ),
    "written answer without an answer": (
        letter(Notice.FULL, questions=(replace(TEXT, answer_text="", document=""),)),
        "question 2: answered in writing but the answer or document is missing",
    ),
    "question not replicated": (
        letter(Notice.FULL, questions=(replace(TEXT, text=""),)),
        "question 2: the question as asked is missing",
    ),
    "full disclosure with a question not answered": (
        letter(Notice.FULL, questions=(FIGURES, NOT_HELD)),
        "question(s) 4 withhold, refuse or do not hold some of the information asked for",
    ),
    "partial response with everything disclosed": (
        letter(Notice.PARTIAL, questions=(FIGURES, TEXT)),
        "a partial response needs at least one question answered with information and one",
    ),
    "refusal that discloses": (
        letter(Notice.NOT_HELD, questions=(NOT_HELD, TEXT)),
        "question 2: is answered with information, so the letter is a partial response",
    ),
    "no reference": (letter(Notice.FULL, reference=""), "the reference is missing"),
    "dated before the request": (
        letter(Notice.FULL, issued_on=date(2018, 6, 1)),
        "the letter is dated 2018-06-01, before the request was received (2018-06-08)",
    ),
    "question numbers repeated": (
        letter(Notice.FULL, questions=(FIGURES, replace(TEXT, number=1))),
        "question numbers [1] are used more than once",
    ),
    "unknown regime": (letter(Notice.FULL, "gdpr"), "unknown regime 'gdpr'"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_letter_lacking_a_required_element_is_refused(case):
    refused, message = CASES[case]
    with pytest.raises(LetterError) as raised:
        render_html(refused)
    assert message in str(raised.value)
    assert refused.reference in str(raised.value) or not refused.reference


@pytest.mark.parametrize("notice", list(Notice))
def test_the_example_letters_have_no_problems(notice):
    assert problems(letter(notice)) == []


def test_every_problem_is_named_at_once():
    refused = letter(Notice.COST, cost_gbp=None, narrowing_advice=(), reference="IM-1")
    with pytest.raises(LetterError) as raised:
        render_html(refused)
    message = str(raised.value)
    assert "the cost letter IM-1 cannot be issued" in message
    assert "estimate of the cost" in message and "advice on how to narrow" in message


def test_a_partial_refusal_on_cost_needs_the_same_as_a_whole_one():
    partial = letter(Notice.PARTIAL, questions=(FIGURES, COST), narrowing_advice=())
    assert any("advice on how to narrow" in problem for problem in problems(partial))
