"""Each notice's letter contains every element the Act requires of it.

The rules (which element each notice needs) are elements.required_elements; the text that
shows each element is there is written out here, independently, so a template that drops
a statement, or a rule with no text to check it by, fails.
"""

import re
from collections.abc import Callable

import pytest
from letters_examples import letter, text_of

from answerable.casework.letters.content import Answered, Letter, Notice
from answerable.casework.letters.elements import required_elements
from answerable.casework.letters.render import render_html
from answerable.core.regimes import CITATIONS as REGIMES

AUTHORITY = "Police Scotland"  # the default of ANSWERABLE_AUTHORITY_NAME

RIGHTS = {
    "foisa": {
        "right to a review": ["request a review", "within 40 working days", "section 20"],
        "right to apply to the Commissioner": [
            "Scottish Information Commissioner",
            "within six months",
            "section 47(1)",
            "Kinburn Castle",
        ],
        "right of appeal": ["Court of Session", "on a point of law only", "section 56"],
    },
    "eir-s": {
        "right to a review": ["request a review", "within 40 working days", "regulation 16"],
        "right to apply to the Commissioner": [
            "Scottish Information Commissioner",
            "within six months",
            "as applied by regulation 17",
        ],
        "right of appeal": ["Court of Session", "on a point of law only"],
    },
    "foia": {
        "right to a review": ["internal review", "within 40 working days"],
        "right to apply to the Commissioner": ["Information Commissioner's Office", "section 50"],
        "right of appeal": ["First-tier Tribunal (Information Rights)", "section 57", "28 days"],
    },
    "eir": {
        "right to a review": ["regulation 11", "within 40 working days"],
        "right to apply to the Commissioner": [
            "Information Commissioner's Office",
            "as applied by regulation 18",
        ],
        "right of appeal": ["First-tier Tribunal (Information Rights)", "28 days"],
    },
}

# Where another regime cites another provision than FOISA for the same element.
CITED = {
    "foia": {
        "information held and exempt": [f"{AUTHORITY} holds", "section 17(1)", "refusal notice"],
        "information not held": ["section 1(1)(a)", f"{AUTHORITY} does not hold"],
        "cost limit exceeded": [
            "section 12(1)",
            "section 17(5)",
            "refusal notice",
            "cost threshold is £450",
        ],
    },
    "eir-s": {"information not held": ["regulation 10(4)(a)", f"{AUTHORITY} does not hold"]},
    "eir": {"information not held": ["regulation 12(4)(a)", f"{AUTHORITY} does not hold"]},
}

OUTCOMES = {
    "confirm": "confirm the original decision without modification",
    "confirm_with_modifications": "confirm the original decision with modifications",
    "substitute": "substitute a different decision for the original decision",
    "decide": "I have now reached a decision",
}


def _money(amount) -> str:
    return f"£{amount:,.2f}".replace(".00", "")


def _question(letter: Letter, number: int):
    return next(q for q in letter.questions if q.number == number)


def _answer_text(letter: Letter, number: int) -> list[str]:
    question = _question(letter, number)
    expected = {
        Answered.FIGURES: [question.figures["title"] if question.figures else "?"],
        Answered.TEXT: [question.answer_text, question.document],
        Answered.EXEMPT: ["held but is exempt from disclosure"],
        Answered.NOT_HELD: [f"{AUTHORITY} does not hold this information"],
        Answered.COST: ["cost refusal"],
        Answered.NCND: [f"{AUTHORITY} neither confirms nor denies whether it holds this"],
    }[question.answered]
    return [text for text in expected if text] + (
        [question.answer_text] if question.answer_text else []
    )


def _table_text(letter: Letter, number: int) -> list[str]:
    figures = _question(letter, number).figures
    # The cost of answering a table is shown only in a fees notice (the fee comes from it);
    # a cost refusal states the estimate for the whole request once.
    return [
        "1 April 2017 to 31 March 2018",
        *(cell["display"] for cell in figures["cells"]),
        figures["total"]["display"],
        *(["Estimated cost of compliance"] if letter.notice is Notice.FEES else []),
    ]


def _exemption(letter: Letter, section: str):
    return next(e for e in letter.all_exemptions if e.section == section)


def _per_item(name: str, letter: Letter) -> list[str] | None:
    patterns: dict[str, Callable[[str], list[str]]] = {
        r"question (\d+) replicated": lambda n: [_question(letter, int(n)).text],
        r"answer to question (\d+)": lambda n: _answer_text(letter, int(n)),
        r"table of figures for question (\d+)": lambda n: _table_text(letter, int(n)),
        r"exemption (.+)": lambda s: [f"section {s}", _exemption(letter, s).title],
        r"reasons for exemption (.+)": lambda s: [_exemption(letter, s).reasons],
        r"public interest test for exemption (.+)": lambda s: [
            "Public interest test",
            _exemption(letter, s).public_interest,
        ],
        r"harm test for exemption (.+)": lambda s: [
            "The harm disclosure would cause",
            _exemption(letter, s).harm_to,
            _exemption(letter, s).harm_how,
        ],
        r"no public interest test for absolute exemption (.+)": lambda s: [
            "absolute exemption",
            "not subject to the public interest test",
        ],
    }
    for pattern, expected in patterns.items():
        match = re.fullmatch(pattern, name)
        if match:
            return expected(match.group(1))
    return None


def expected_text(name: str, letter: Letter) -> list[str]:
    """The words that show the element `name` is in the letter."""
    per_item = _per_item(name, letter)
    if per_item is not None:
        return per_item
    if name in RIGHTS[letter.regime]:
        return RIGHTS[letter.regime][name]
    if name in CITED.get(letter.regime, {}):
        return CITED[letter.regime][name]
    review = letter.review
    fixed = {
        "reference": [letter.reference],
        "date of the response": [f"{letter.issued_on:%d %B %Y}"],
        "authority": [AUTHORITY],
        "Act": [REGIMES[letter.regime].act],
        "information held and exempt": [
            f"{AUTHORITY} holds",
            "exempt from disclosure",
            "section 16(1)",
            "refusal notice",
        ],
        "neither confirm nor deny": [
            "section 18(1)",
            "neither confirms nor denies whether it holds",
            "contrary to the public interest",
        ],
        "information not held": ["section 17(1)", f"{AUTHORITY} does not hold"],
        "cost limit exceeded": [
            "section 12(1)",
            "section 16(4)",
            "refusal notice",
            "cost threshold is £600",
        ],
        "estimate of the cost": [f"would cost {_money(letter.cost_gbp or 0)}"],
        "advice on narrowing the request": [
            "section 16" if letter.regime == "foia" else "section 15",
            *letter.narrowing_advice,
        ],
        "vexatious or repeated request": [
            "section 14",
            "section 16(5)",
            "refusal notice",
            letter.vexatious_reason,
        ],
        "fee": ["section 9(1)", "fees notice", f"fee of {_money(letter.fee_gbp or 0)}"],
        "how the fee is calculated": [
            "10% of the cost above £100",
            _money(letter.cost_gbp or 0),
            f"is {_money(letter.fee_gbp or 0)}",
        ],
        "time for response stops until the fee is paid": [
            "stops on the date of this notice and starts again on the day we receive the fee"
        ],
        "request lapses if the fee is unpaid after three months": [
            "not paid within three months",
            "no longer obliged",
        ],
        "date the request was received": [f"received on {letter.received_on:%d %B %Y}"],
        "date the response is due": [
            f"{letter.due_on:%d %B %Y}" if letter.due_on else "?",
            "section 10(1)",
        ],
        "what is needed to identify the information": [letter.clarification, "section 1(3)"],
        "time for response runs from the clarification": [
            "will start again on the day after we receive your reply"
        ],
        "advice and assistance": ["section 15", "advice and assistance"],
        "date the response was due": [
            f"respond by {letter.due_on:%d %B %Y}" if letter.due_on else "?",
            "section 10(1)",
        ],
        "apology for the delay": ["I am sorry for the delay"],
        "outcome of the review": [OUTCOMES[review.outcome]] if review else [],
        "reasons for the outcome": [review.reasons] if review else [],
    }
    return fixed[name]  # a KeyError: a rule the tests have no text for


def assert_has_every_element(letter: Letter) -> str:
    page = text_of(render_html(letter))
    elements = required_elements(letter)
    assert elements, "a letter requires something"
    for element in elements:
        for text in expected_text(element.name, letter):
            # a citation may open a sentence or a heading: "Section 35(1)(a)"
            assert text.lower() in page.lower(), (
                f"{element.name} ({element.source}): {text!r} missing"
            )
    return page


@pytest.mark.parametrize("notice", list(Notice))
def test_every_notice_under_foisa_has_every_element_it_requires(notice):
    assert_has_every_element(letter(notice))


@pytest.mark.parametrize("regime", ["foia", "eir-s", "eir"])
@pytest.mark.parametrize("notice", [Notice.FULL, Notice.NOT_HELD, Notice.REVIEW])
def test_the_rights_are_worded_for_each_regime(regime, notice):
    page = assert_has_every_element(letter(notice, regime))
    assert REGIMES[regime].act in page
    if REGIMES[regime].scottish:
        assert "Information Commissioner's Office" not in page
    else:
        assert "Scottish Information Commissioner" not in page
        assert "Court of Session" not in page


def test_an_exemption_under_foia_is_cited_under_its_own_act():
    # Under FOIA, s40(2) replaces FOISA's s38(1)(b): only the qualified exemption is kept.
    refused = letter(Notice.EXEMPT, "foia", questions=())
    page = assert_has_every_element(refused)
    assert "Public interest test" in page


@pytest.mark.parametrize("outcome", list(OUTCOMES))
def test_a_review_notice_states_its_outcome_and_no_further_review(outcome):
    review = letter(Notice.REVIEW).review
    changed = letter(
        Notice.REVIEW,
        review=type(review)(outcome, review.reasons, review.requirement_received),
    )
    page = assert_has_every_element(changed)
    assert "40 working days" not in page  # the review is done: next is the Commissioner
    assert "within six months of receiving this notice" in page


def test_an_absolute_exemption_carries_no_public_interest_test():
    page = text_of(render_html(letter(Notice.EXEMPT, exemptions=())))
    assert "Section 38(1)(b) \N{EN DASH} Personal information" in page
    assert "absolute exemption" in page
    assert "Public interest test" not in page


def test_a_qualified_exemption_carries_its_public_interest_test():
    only_qualified = letter(Notice.EXEMPT, questions=())
    page = text_of(render_html(only_qualified))
    assert "Public interest test" in page
    assert "absolute exemption" not in page


def test_neither_confirming_nor_denying_never_says_the_information_is_held():
    page = text_of(render_html(letter(Notice.NCND)))
    assert "I can confirm" not in page
    assert "is held but" not in page
    assert f"{AUTHORITY} holds" not in page


def test_a_cost_refusal_under_foia_uses_its_own_limit():
    page = assert_has_every_element(letter(Notice.COST, "foia"))
    assert "£450 (18 hours of staff time at £25 an hour)" in page
